import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Annotations as CoreAnnotations, CfnParameter, Fn, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { App as TfApp, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  ExternalIdRole,
  GitHubOidcProvider,
  GitHubRepository,
  GitHubSubject,
  NeonPostgresBackup,
  PaletteMinioBackupLocation,
  RudderStackEventBackup,
  RudderStackMinioEventBackup,
  TrustedPrincipal,
} from '../../../../src';
import {
  BucketImports,
  checkResolvedLiteral,
  claimIamName,
  ec2ServiceEndpoint,
  exactPolicyDocument,
  grantKeyUseThroughS3,
  IamNames,
  importedRegionOf,
  problemsOf,
  PropShapes,
  recordImportedRegion,
  s3ServiceEndpoint,
  warn,
  warnAboutEndpoint,
} from '../../../../src/constructs/aws/private/common';
import { IAM_POLICY_NAME, S3_KEY_PREFIX } from '../../../../src/policies/aws/rules';
import { ACCOUNT, REGION, TemplateResolver } from '../../../support/cfn';
import { envAgnosticStack, newStack, synth, warningsOf } from '../../../support/stack';

const LEAF = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'pem', 'leaf.pem'), 'utf8');
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** The warnings of a stack with their IDs (the `[ack: ...]` suffix aws-cdk-lib adds). */
const warningEntries = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => ({ path: w.id, message: String(w.entry.data) }));

describe('problemsOf', () => {
  test('collects problems under the construct\'s path and skips unresolved tokens', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Location');
    const token = new CfnParameter(stack, 'PolicyName').valueAsString;
    const problems = problemsOf(scope).check(IAM_POLICY_NAME, 'a b', 'policyName').check(IAM_POLICY_NAME, token, 'other');
    expect(problems.problems).toEqual([expect.stringMatching(/^Invalid IAM policy name "a b" at Stack\/Location \(policyName\)/)]);
    expect(() => problems.throwIfAny()).toThrow('at Stack/Location (policyName)');
    expect(problemsOf(scope).check(IAM_POLICY_NAME, token, 'policyName').problems).toEqual([]);
  });
});

describe('problemsOf refuses cdktf tokens, which aws-cdk-lib would write as their placeholder text (the reverse of problemsAt)', () => {
  const tfStack = () => new TerraformStack(new TfApp(), 'tf');
  const refused = (prop: string) => `${prop} is a cdktf token (a Terraform value such as a variable, a data source or a resource attribute): `
    + 'an aws-cdk-lib stack cannot resolve it and would write its placeholder text "${TfToken[...]}" into the CloudFormation template. '
    + 'Pass the value to the aws-cdk-lib stack instead: a literal, a CfnParameter (set from the Terraform output with cdk deploy --parameters) '
    + 'or an SSM parameter the Terraform stack writes (at Stack/Location)';
  test.each<[string, () => string]>([
    ['a variable\'s value', () => new TerraformVariable(tfStack(), 'name', { type: 'string' }).stringValue],
    ['a cdktf token inside a literal', () => `palette-${new TerraformVariable(tfStack(), 'name', { type: 'string' }).stringValue}`],
    ['a cdktf token\'s text as written', () => '${TfToken[TOKEN.12]}'],
  ])('%s', (_what, make) => {
    const value = make();
    expect(value).toMatch(/\$\{TfToken\[/);
    const scope = new Construct(newStack(), 'Location');
    expect(problemsOf(scope).check(IAM_POLICY_NAME, value, 'policyName').problems).toEqual([refused('policyName')]);
  });

  test('in a list, each element is named', () => {
    const scope = new Construct(newStack(), 'Location');
    expect(problemsOf(scope).checkEach(IAM_POLICY_NAME, ['ok', '${TfToken[TOKEN.3]}'], 'names').problems).toEqual([refused('names[1]')]);
  });

  test('aws-cdk-lib tokens and literals are not cdktf tokens', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Location');
    expect(problemsOf(scope).check(IAM_POLICY_NAME, new CfnParameter(stack, 'P').valueAsString, 'a').check(IAM_POLICY_NAME, 'TfToken', 'b').problems).toEqual([]);
  });

  test('through a construct: ExternalIdRole with a Terraform variable as its external ID', () => {
    const stack = newStack();
    const externalId = new TerraformVariable(tfStack(), 'external_id', { type: 'string' }).stringValue;
    expect(() => new ExternalIdRole(stack, 'Role', { vendor: TrustedPrincipal.account('111111111111'), externalId }))
      .toThrow(/^externalId is a cdktf token .* \(at Stack\/Role\)$/s);
  });
});

describe('recordImportedRegion / importedRegionOf', () => {
  test('remembers a literal region per construct; ignores undefined and tokens', () => {
    const stack = newStack();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((id) => new Construct(stack, id));
    recordImportedRegion(a, 'us-east-2');
    recordImportedRegion(b, undefined);
    recordImportedRegion(c, new CfnParameter(stack, 'Region').valueAsString);
    expect([a, b, c, d].map(importedRegionOf)).toEqual(['us-east-2', undefined, undefined, undefined]);
  });
});

describe('warn', () => {
  test('a warning with the library\'s ID, which the user can acknowledge', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Location');
    warn(scope, 'SomeRisk', 'something to accept');
    expect(warningEntries(stack)).toEqual([{ path: '/Stack/Location', message: 'something to accept [ack: saas-backup-constructs:SomeRisk]' }]);
    CoreAnnotations.of(scope).acknowledgeWarning('saas-backup-constructs:SomeRisk');
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('service endpoints', () => {
  test('s3 and ec2 endpoints in the stack\'s region or a given one', () => {
    const stack = newStack();
    // The URL suffix stays a deploy-time value; the resolver gives it the commercial partition's.
    const resolved = (value: string) => new TemplateResolver({ Resources: {} }).resolve(stack.resolve(value));
    expect(resolved(s3ServiceEndpoint(stack))).toBe(`s3.${REGION}.amazonaws.com`);
    expect(resolved(s3ServiceEndpoint(stack, 'us-east-2'))).toBe('s3.us-east-2.amazonaws.com');
    expect(resolved(ec2ServiceEndpoint(stack))).toBe(`ec2.${REGION}.amazonaws.com`);
    expect(resolved(ec2ServiceEndpoint(stack, 'us-east-2'))).toBe('ec2.us-east-2.amazonaws.com');
  });

  test('an environment-agnostic stack leaves region and URL suffix to deploy time', () => {
    const stack = envAgnosticStack();
    expect(stack.resolve(s3ServiceEndpoint(stack))).toEqual({ 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
    expect(stack.resolve(ec2ServiceEndpoint(stack))).toEqual({ 'Fn::Join': ['', ['ec2.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
  });
});

describe('warnAboutEndpoint', () => {
  test.each<[string, string | undefined, string | undefined, RegExp[]]>([
    ['an https URL and no certificate', 'https://minio.example.com:9000', undefined, []],
    ['plain http', 'http://minio.example.com:9000', undefined, [/^S3 URL "http:\/\/minio.example.com:9000" uses plain http.* \[ack: saas-backup-constructs:PlainHttpEndpoint\]$/]],
    ['plain http to localhost', 'http://localhost:9000', undefined, [/PlainHttpEndpoint\]$/, /names this machine .*LoopbackEndpoint\]$/]],
    ['a server certificate as the CA', undefined, LEAF, [/^Certificate: the certificate \(CN=minio.example.com\) is not a CA certificate.*CertificateWarning\]$/]],
  ])('%s', (_what, s3Url, pem, expected) => {
    const stack = newStack();
    warnAboutEndpoint(stack, s3Url, pem);
    expect(warningsOf(stack)).toEqual(expected.map((e) => expect.stringMatching(e)));
  });

  test('values known only at deploy time are not inspected', () => {
    const stack = newStack();
    const param = (id: string) => new CfnParameter(stack, id).valueAsString;
    warnAboutEndpoint(stack, param('Url'), param('Pem'));
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('grantKeyUseThroughS3', () => {
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/backup`;

  test('a key of this app gets the key-policy statement: the principal, through S3 only', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    grantKeyUseThroughS3(stack, key, ROLE, 'Stack/Role', s3ServiceEndpoint(stack));
    const { resolver } = synth(stack);
    expect(resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy).Statement).toContainEqual({
      Sid: 'AllowBackupPrincipalThroughS3',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } },
    });
    expect(warningsOf(stack)).toEqual([]);
  });

  test.each([
    [true, 'Unless the key policy lets IAM policies grant its use (the "Enable IAM User Permissions" statement for the account), add a statement'],
    [false, 'so its key policy cannot be changed here. Add a statement'],
  ])('an imported key (identity grant %s): a warning says what its key policy must allow', (identityGrant, advice) => {
    const stack = newStack();
    grantKeyUseThroughS3(stack, kms.Key.fromKeyArn(stack, 'Key', KEY_ARN), ROLE, 'Stack/Role', 's3.eu-west-1.amazonaws.com', identityGrant);
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining('The bucket\'s key is imported, so its key policy cannot be changed here.'),
    ]);
    expect(warningsOf(stack)[0]).toContain(advice);
    expect(warningsOf(stack)[0]).toMatch(/principal of Stack\/Role kms:Decrypt and kms:GenerateDataKey with the condition kms:ViaService = s3\.<bucket region>\.amazonaws\.com\. \[ack: saas-backup-constructs:ImportedKeyPolicy\]$/);
  });
});

describe('exactPolicyDocument', () => {
  test('keeps the statements and their order even when @aws-cdk/aws-iam:minimizePolicies is on', () => {
    const doc = {
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
      ],
    };
    const stack = new Stack(new App({ context: { '@aws-cdk/aws-iam:minimizePolicies': true } }), 'Stack');
    new iam.ManagedPolicy(stack, 'Exact', { document: exactPolicyDocument(doc) });
    new iam.ManagedPolicy(stack, 'Minimized', { document: iam.PolicyDocument.fromJson(doc) });
    const { json } = synth(stack);
    const statements = (id: string) =>
      json.Resources[stack.getLogicalId(stack.node.findChild(id).node.defaultChild as iam.CfnManagedPolicy)].Properties.PolicyDocument.Statement;
    expect(statements('Exact')).toEqual(doc.Statement);
    // What exactPolicyDocument prevents: the flag merges the two statements into one.
    expect(statements('Minimized')).toHaveLength(1);
  });
});

describe('BucketImports and IamNames: per-app state on the construct tree', () => {
  test('one BucketImports per app, a child of its root; two apps do not share it', () => {
    const a = newStack();
    const b = newStack();
    expect(BucketImports.of(a)).toBe(BucketImports.of(new Construct(a, 'X')));
    expect(BucketImports.of(a)).not.toBe(BucketImports.of(b));
    expect(a.node.root.node.tryFindChild(BucketImports.ID)).toBe(BucketImports.of(a));
  });

  test('recordName returns the earlier import of a name with another region', () => {
    const imports = BucketImports.of(newStack());
    expect(imports.recordName('b', 'eu-west-1', 'Stack/A')).toBeUndefined();
    expect(imports.recordName('b', 'eu-west-1', 'Stack/B')).toBeUndefined();
    expect(imports.recordName('b', 'us-east-1', 'Stack/C')).toEqual({ region: 'eu-west-1', path: 'Stack/A' });
  });

  test('IamNames: a name is claimed per account and kind, without regard to case', () => {
    const stack = newStack();
    const names = IamNames.of(stack);
    expect(names.claim(stack, 'role', 'Velero', 'Stack/A')).toBeUndefined();
    expect(names.claim(stack, 'role', 'velero', 'Stack/B')).toBe('Stack/A');
    expect(names.claim(stack, 'user', 'velero', 'Stack/B')).toBeUndefined();
    expect(names.claim(stack, 'role', 'Velero', 'Stack/A')).toBeUndefined(); // the same construct again
    const agnostic = envAgnosticStack();
    expect(IamNames.of(agnostic).claim(agnostic, 'role', 'Velero', 'Stack/A')).toBeUndefined();
  });

  test('claimIamName skips tokens and undefined', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'A');
    const token = new CfnParameter(stack, 'Name').valueAsString;
    for (let i = 0; i < 2; i++) {
      expect(claimIamName(problemsOf(scope), scope, 'role', token, 'roleName').problems).toEqual([]);
      expect(claimIamName(problemsOf(scope), scope, 'role', undefined, 'roleName').problems).toEqual([]);
    }
  });
});

describe('PropShapes', () => {
  const shapes = () => {
    const problems = problemsOf(new Construct(newStack(), 'Location'));
    return { problems, shapes: new PropShapes(problems) };
  };
  test.each<[string, (s: PropShapes) => boolean, boolean, string[]]>([
    ['required: missing', (s) => s.required(undefined, 'access', 'give one'), false, ['access is required; give one (at Stack/Location)']],
    ['required: null', (s) => s.required(null, 'access', 'give one'), false, ['access is required; give one (at Stack/Location)']],
    ['required: present', (s) => s.required('x', 'access', 'give one'), true, []],
    ['string: a number', (s) => s.string(5, 'roleName'), false, ['roleName must be a string, not a number (at Stack/Location)']],
    ['string: undefined', (s) => s.string(undefined, 'roleName'), true, []],
    ['boolean: a string', (s) => s.boolean('false', 'createOutputs'), false, ['createOutputs must be a boolean (true or false), not a string (a string such as "false" would read as true) (at Stack/Location)']],
    ['instance: a plain object', (s) => s.instance({}, (v) => v instanceof Construct, 'bucket', 'a construct'), false, ['bucket is an object, not a construct (at Stack/Location)']],
    ['list: not a list', (s) => s.list('a', 'keys', () => true), false, ['keys must be a list, not a string (at Stack/Location)']],
    ['list: items named by index', (s) => s.list([1, null], 'keys', (v, prop) => s.required(v, prop, 'a key')), false, ['keys[1] is required; a key (at Stack/Location)']],
  ])('%s', (_what, check, ok, problems) => {
    const { problems: found, shapes: s } = shapes();
    expect(check(s)).toBe(ok);
    expect(found.problems).toEqual(problems);
  });
});

describe('checkResolvedLiteral: a token that resolves to a literal gets the literal\'s rule at synth time', () => {
  const star = () => Lazy.string({ produce: () => '*' });
  test.each<[string, (stack: Stack) => Construct, string]>([
    ['Neon keyPrefix', (stack) => new NeonPostgresBackup(stack, 'Neon', {
      oidcProvider: new GitHubOidcProvider(stack, 'GitHub'),
      subjects: [GitHubSubject.branch(GitHubRepository.classic('acme/db'), 'main')],
      bucketProps: { bucketName: 'neon-backups' },
      keyPrefix: star(),
    }), 'Invalid S3 key prefix "*" at Stack/Neon (keyPrefix)'],
    ['RudderStack keyPrefix', (stack) => new RudderStackEventBackup(stack, 'Events', { keyPrefix: Fn.join('', ['events/', star()]) }),
      'Invalid S3 key prefix "events/*" at Stack/Events (keyPrefix)'],
    ['Palette MinIO bucketName', (stack) => new PaletteMinioBackupLocation(stack, 'Minio', { bucketName: star(), s3Url: 'https://minio.example.com' }),
      'Invalid S3 bucket name "*" at Stack/Minio (bucketName)'],
    ['RudderStack MinIO bucketName', (stack) => new RudderStackMinioEventBackup(stack, 'Events', { bucketName: star(), endpoint: 'minio.example.com:9000' }),
      'Invalid S3 bucket name "*" at Stack/Events (bucketName)'],
  ])('%s', (_what, make, error) => {
    expect(make(newStack()).node.validate()).toEqual([expect.stringContaining(error)]);
  });

  test('a reference CloudFormation resolves (a parameter) is not judged; a literal adds no synth-time check', () => {
    const stack = newStack();
    const owner = new Construct(stack, 'Owner');
    checkResolvedLiteral(owner, new CfnParameter(stack, 'Prefix').valueAsString, S3_KEY_PREFIX, 'keyPrefix');
    checkResolvedLiteral(owner, '*', S3_KEY_PREFIX, 'keyPrefix');
    expect(owner.node.validate()).toEqual([]);
  });
});
