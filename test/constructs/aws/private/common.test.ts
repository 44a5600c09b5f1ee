import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Annotations as CoreAnnotations, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  ec2ServiceEndpoint,
  exactPolicyDocument,
  grantKeyUseThroughS3,
  importedRegionOf,
  problemsOf,
  recordImportedRegion,
  s3ServiceEndpoint,
  warn,
  warnAboutEndpoint,
} from '../../../../src/constructs/aws/private/common';
import { IAM_POLICY_NAME } from '../../../../src/policies/aws/rules';
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
