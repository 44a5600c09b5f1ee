import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  BackupBucket,
  BackupBucketEncryption,
  GitHubActionsRole,
  GitHubOidcProvider,
  GitHubRepository,
  GitHubSubject,
  NeonGitHubSecret,
  NeonPostgresBackup,
  NeonPostgresBackupProps,
} from '../../../../src';
import { neonBackupPolicy } from '../../../../src/policies/aws/neon';
import { InputValidationError } from '../../../../src/policies/validation';
import { ACCOUNT, REGION, TemplateResolver } from '../../../support/cfn';
import { decide, githubTokenAssumer } from '../../../support/iam';
import { CDK_JSON_CONTEXT } from '../../../support/nag';
import { cdkRendered, envAgnosticStack, newStack, synth, warningsOf } from '../../../support/stack';

const BUCKET = 'arn:aws:s3:::neon-s3-backup';
const REPO = GitHubRepository.classic('acme/neon-backups');
const TLS = { 'aws:SecureTransport': 'true' };

function backup(props: Partial<NeonPostgresBackupProps> = {}, stack: Stack = newStack()) {
  const construct = new NeonPostgresBackup(stack, 'Neon', {
    oidcProvider: props.oidcProvider ?? new GitHubOidcProvider(stack, 'GitHub'),
    subjects: [GitHubSubject.branch(REPO, 'main')],
    bucketProps: props.bucket ? undefined : { bucketName: 'neon-s3-backup' },
    ...props,
  });
  const out = synth(stack);
  const roleId = out.resolver.only('AWS::IAM::Role').id;
  const policyIds = out.resolver.logicalIds('AWS::S3::BucketPolicy');
  return {
    stack,
    construct,
    ...out,
    roleArn: out.resolver.getAtt(roleId, 'Arn'),
    role: out.json.Resources[roleId],
    trust: out.resolver.resolve(out.json.Resources[roleId].Properties.AssumeRolePolicyDocument),
    bucketPolicy: policyIds.length === 1 ? out.resolver.resolve(out.json.Resources[policyIds[0]].Properties.PolicyDocument) : undefined,
  };
}

/** What `principal` may do on S3 in the stack's account with the bucket policy and the given identity policies. */
function s3As(principal: string, resourcePolicy: unknown, identityPolicies: unknown[] = []) {
  return (action: string, resource: string, context: Record<string, string> = TLS) =>
    decide({ principal, action, resource, resourceAccount: ACCOUNT, context, identityPolicies, resourcePolicy });
}

describe('NeonPostgresBackup', () => {
  const { bucketPolicy, roleArn, role, resolver, template, construct, stack, trust } = backup();
  const can = s3As(roleArn, bucketPolicy);

  test('accessPolicy is the grant added to the bucket policy (a typed PolicyDocument)', () => {
    expect(construct.accessPolicy).toBeInstanceOf(iam.PolicyDocument);
    const grant = resolver.resolve(stack.resolve(construct.accessPolicy.toJSON()));
    expect(grant.Statement).toEqual(bucketPolicy.Statement.filter((s: any) => String(s.Sid).startsWith('NeonBackup')));
  });

  test('the bucket policy holds the guide\'s grant, exactly as the pure builder makes it, after the bucket\'s TLS denial', () => {
    expect(bucketPolicy).toMatchSnapshot();
    const grant = bucketPolicy.Statement.filter((s: any) => String(s.Sid).startsWith('NeonBackup'));
    expect({ ...bucketPolicy, Statement: grant }).toEqual(cdkRendered(neonBackupPolicy({ bucketArn: BUCKET, principalArn: roleArn })));
    expect(grant.map((s: any) => [s.Principal, s.Action, s.Resource])).toEqual([
      [{ AWS: roleArn }, 's3:ListBucket', BUCKET],
      [{ AWS: roleArn }, ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], `${BUCKET}/*`],
    ]);
    expect(bucketPolicy.Statement.filter((s: any) => s.Effect === 'Deny').map((s: any) => s.Condition)).toEqual([
      { Bool: { 'aws:SecureTransport': 'false' } },
      { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    ]);
  });

  test('the role carries no identity policy: the same-account bucket policy is enough', () => {
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('IAM evaluation: the role can List, Get, Put and Delete backups with the bucket policy alone', async () => {
    expect(await can('s3:ListBucket', BUCKET)).toBe('Allowed');
    for (const action of ['s3:DeleteObject', 's3:GetObject', 's3:PutObject']) {
      expect([action, await can(action, `${BUCKET}/neon-backup-2026-07-01.gz`)]).toEqual([action, 'Allowed']);
    }
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/${roleArn.split('/').pop()}/GitHubActions`;
    expect(await s3As(session, bucketPolicy)('s3:PutObject', `${BUCKET}/x.gz`)).toBe('Allowed');
  });

  test('IAM evaluation: the role cannot delete the bucket, change its policy, or touch another bucket', async () => {
    expect(await can('s3:DeleteBucket', BUCKET)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutBucketPolicy', BUCKET)).toBe('ImplicitlyDenied');
    expect(await can('s3:DeleteBucketPolicy', BUCKET)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutBucketVersioning', BUCKET)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutLifecycleConfiguration', BUCKET)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObjectAcl', `${BUCKET}/x.gz`)).toBe('ImplicitlyDenied');
    expect(await can('s3:DeleteObjectVersion', `${BUCKET}/x.gz`)).toBe('ImplicitlyDenied');
    expect(await can('s3:GetObject', 'arn:aws:s3:::another-bucket/x.gz')).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObject', 'arn:aws:s3:::another-bucket/x.gz')).toBe('ImplicitlyDenied');
    expect(await can('s3:ListBucket', 'arn:aws:s3:::another-bucket')).toBe('ImplicitlyDenied');
    expect(await s3As(roleArn, undefined)('s3:GetObject', 'arn:aws:s3:::another-bucket/x.gz')).toBe('ImplicitlyDenied');
  });

  test('IAM evaluation: requests without TLS are denied; other principals of the account get nothing from the bucket policy', async () => {
    expect(await can('s3:PutObject', `${BUCKET}/x.gz`, { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    expect(await s3As(`arn:aws:iam::${ACCOUNT}:role/someone-else`, bucketPolicy)('s3:GetObject', `${BUCKET}/x.gz`)).toBe('ImplicitlyDenied');
  });

  test('IAM evaluation: the chain works end to end, from the workflow token to the upload', async () => {
    const provider = resolver.getAtt(resolver.only('AWS::IAM::OIDCProvider').id, 'Arn');
    const assume = githubTokenAssumer(trust, roleArn, ACCOUNT, provider);
    const token = (sub: string) => assume({ sub, aud: 'sts.amazonaws.com' });
    expect(token('repo:acme/neon-backups:ref:refs/heads/main')).toBe('Allowed');
    expect(token('repo:acme/other:ref:refs/heads/main')).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObject', `${BUCKET}/backup.gz`)).toBe('Allowed');
  });

  test('attributes are the GitHub secrets of the guide, the role ARN and the bucket\'s region', () => {
    expect(stack.resolve(construct.githubSecrets)).toEqual({
      AWS_ACCOUNT_ID: ACCOUNT,
      S3_BUCKET_NAME: { Ref: resolver.only('AWS::S3::Bucket').id },
      IAM_ROLE: { Ref: resolver.only('AWS::IAM::Role').id },
    });
    // the guide's secret names ("Next steps"), in its order
    expect(Object.keys(construct.githubSecrets)).toEqual(['AWS_ACCOUNT_ID', 'S3_BUCKET_NAME', 'IAM_ROLE']);
    expect(Object.values(NeonGitHubSecret)).toEqual(['AWS_ACCOUNT_ID', 'S3_BUCKET_NAME', 'IAM_ROLE']);
    expect(construct.bucketRegion).toBe(REGION);
    expect(stack.resolve(construct.roleArn)).toEqual({ 'Fn::GetAtt': [resolver.only('AWS::IAM::Role').id, 'Arn'] });
    expect(construct.keyPrefix).toBeUndefined();
    expect(construct.backupBucket?.bucket).toBe(construct.bucket);
  });

  test('outputs are opt-in', () => {
    expect(synth(stack).json.Outputs).toBeUndefined();
  });

  test('security defaults of the bucket are BackupBucket\'s: private, TLS only, encrypted, versioned, retained', () => {
    const { resource } = resolver.only('AWS::S3::Bucket');
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(resource.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(resource.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(resource.Properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['AbortIncompleteMultipartUploads', 'ExpireNoncurrentVersions']);
  });
});

describe('NeonPostgresBackup retention (the workflow\'s RETENTION) and noncurrent versions', () => {
  const lifecycle = (r: ReturnType<typeof backup>) => r.resolver.only('AWS::S3::Bucket').resource.Properties.LifecycleConfiguration?.Rules
    .find((rule: any) => rule.Id === 'ExpireNoncurrentVersions');

  test('by default the guide\'s 7 days, and noncurrent versions kept 30 days (as a plain BackupBucket), no warning', () => {
    const r = backup();
    expect(r.construct.retentionDays).toBe(7);
    expect(lifecycle(r)).toEqual({ Id: 'ExpireNoncurrentVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true });
    const plain = newStack();
    new BackupBucket(plain, 'Plain');
    expect(lifecycle(r)).toEqual(synth(plain).resolver.only('AWS::S3::Bucket').resource.Properties.LifecycleConfiguration.Rules[1]);
    expect(warningsOf(r.stack)).toEqual([]);
  });

  test('a retention longer than 30 days: noncurrent versions are kept as long', () => {
    const r = backup({ retention: Duration.days(60) });
    expect(r.construct.retentionDays).toBe(60);
    expect(lifecycle(r).NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 60 });
    expect(warningsOf(r.stack)).toEqual([]);
  });

  test('a given noncurrentVersionExpiration is kept; shorter than the retention it gives a warning', () => {
    const r = backup({ retention: Duration.days(14), bucketProps: { bucketName: 'neon-s3-backup', noncurrentVersionExpiration: Duration.days(3) } });
    expect(lifecycle(r).NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 3 });
    expect(warningsOf(r.stack)).toEqual([expect.stringMatching(/^Noncurrent versions expire after 3 days, less than the retention of 14 days/)]);
    const longer = backup({ retention: Duration.days(14), bucketProps: { bucketName: 'neon-s3-backup', noncurrentVersionExpiration: Duration.days(14) } });
    expect(warningsOf(longer.stack)).toEqual([]);
  });

  test('an unversioned bucket: no noncurrent versions; one warning, BackupBucket\'s, that deletes are for good', () => {
    const r = backup({ bucketProps: { bucketName: 'neon-s3-backup', versioned: false } });
    expect(lifecycle(r)).toBeUndefined();
    expect(warningsOf(r.stack)).toEqual([expect.stringMatching(/^versioned is false: an overwrite or a delete .* loses the backup for good.*VersioningDisabled/)]);
  });

  test('the caller\'s bucketProps are not changed', () => {
    const bucketProps = { bucketName: 'neon-s3-backup' };
    backup({ retention: Duration.days(60), bucketProps });
    expect(bucketProps).toEqual({ bucketName: 'neon-s3-backup' });
  });

  test.each([
    ['zero', Duration.days(0), 'retention must be a whole number of days, at least 1 (got 0 days) (at Stack/Neon)'],
    ['a part of a day', Duration.hours(36), 'retention must be a whole number of days, at least 1 (got 1.5 days) (at Stack/Neon)'],
  ])('refuses a retention of %s', (_what, retention, message) => {
    expect(() => backup({ retention })).toThrow(message);
  });
});

describe('NeonPostgresBackup: a retention known only at deploy time, and lifecycle rules that expire backups (issue 19, class 8)', () => {
  const tokenRetention = (s: Stack) => Duration.days(new CfnParameter(s, 'Retention', { type: 'Number' }).valueAsNumber);
  const UNKNOWN = 'retention is known only at deploy time, so they are kept for 30 days, not extended to the retention (CloudFormation cannot compute '
    + 'the longer of the two). If the retention may exceed that, a backup deleted early (by a compromised run, or a wrong RETENTION) cannot be restored '
    + 'for the whole retention. Set bucketProps.noncurrentVersionExpiration to at least the longest retention you will deploy, or give retention as a '
    + 'literal Duration. [ack: saas-backup-constructs:RetentionUnknown]';

  test('a token retention: noncurrent versions keep the 30-day default, and a warning says why they are not extended', () => {
    const stack = newStack();
    const r = backup({ retention: tokenRetention(stack) }, stack);
    const rules = r.resolver.only('AWS::S3::Bucket').resource.Properties.LifecycleConfiguration.Rules;
    expect(rules.find((x: any) => x.Id === 'ExpireNoncurrentVersions').NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 30 });
    expect(warningsOf(stack)).toEqual([UNKNOWN]);
  });

  test('a token retention with a given noncurrentVersionExpiration: a warning that the two cannot be compared', () => {
    const stack = newStack();
    backup({ retention: tokenRetention(stack), bucketProps: { bucketName: 'neon-s3-backup', noncurrentVersionExpiration: Duration.days(90) } }, stack);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(
      /^retention is known only at deploy time, so noncurrent versions expire after the 90 days of bucketProps.noncurrentVersionExpiration, which cannot be compared with it\./,
    )]);
  });

  test('a token retention on an unversioned bucket: only BackupBucket\'s warning (there are no noncurrent versions to extend)', () => {
    const stack = newStack();
    backup({ retention: tokenRetention(stack), bucketProps: { bucketName: 'neon-s3-backup', versioned: false } }, stack);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/VersioningDisabled/)]);
  });

  test('a token retention and a rule that expires objects: a warning that the two cannot be compared', () => {
    const stack = newStack();
    backup({ retention: tokenRetention(stack), bucketProps: { bucketName: 'neon-s3-backup', lifecycleRules: [{ expiration: Duration.days(400) }] } }, stack);
    expect(warningsOf(stack).filter((w) => w.includes('LifecycleExpiresBackups'))).toEqual([expect.stringMatching(
      /^bucketProps.lifecycleRules\[0\] expires current objects after 400 days, and the retention is known only at deploy time, so the two cannot be compared/,
    )]);
  });

  const rule = (r: s3.LifecycleRule) => r;
  test.each<[string, Partial<NeonPostgresBackupProps>, string[]]>([
    ['an expiration shorter than the retention', { retention: Duration.days(14), bucketProps: { lifecycleRules: [rule({ id: 'Cleanup', expiration: Duration.days(7) })] } },
      ['bucketProps.lifecycleRules[0] ("Cleanup") expires current objects after 7 days, before the retention of 14 days ends: backups the workflow still '
        + 'keeps are deleted (data loss; with versioning they survive only as noncurrent versions until those expire). Set its expiration to at least 14 '
        + 'days, or give the rule a prefix and the backups another one (keyPrefix). [ack: saas-backup-constructs:LifecycleExpiresBackups]']],
    ['an expiration on a fixed date', { bucketProps: { lifecycleRules: [rule({ expirationDate: new Date('2027-01-01T00:00:00Z') })] } },
      ['bucketProps.lifecycleRules[0] expires every current object on 2027-01-01, whatever its age: backups the workflow still keeps (RETENTION) are '
        + 'deleted then, which is data loss. Remove the expiration date, or give the rule a prefix and the backups another one (keyPrefix). '
        + '[ack: saas-backup-constructs:LifecycleExpiresBackups]']],
    ['a noncurrent expiration shorter than the retention in an extra rule', { bucketProps: { lifecycleRules: [rule({ noncurrentVersionExpiration: Duration.days(2) })] } },
      ['bucketProps.lifecycleRules[0] expires noncurrent versions after 2 days, less than the retention of 7 days: a backup deleted early (by a '
        + 'compromised run, or a wrong RETENTION) can be restored for only 2 days. Set its noncurrentVersionExpiration to at least 7 days, or give the '
        + 'rule a prefix and the backups another one (keyPrefix). [ack: saas-backup-constructs:LifecycleExpiresBackups]']],
    ['a rule on a prefix when the backups have no keyPrefix (the role may write anywhere)', { bucketProps: { lifecycleRules: [rule({ prefix: 'tmp/', expiration: Duration.days(1) })] } },
      ['bucketProps.lifecycleRules[0] expires current objects after 1 days, before the retention of 7 days ends: backups the workflow still keeps are '
        + 'deleted (data loss; with versioning they survive only as noncurrent versions until those expire). Set its expiration to at least 7 days, or '
        + 'set keyPrefix so that the backups are not under "tmp/" (without it the role may write them under any key). '
        + '[ack: saas-backup-constructs:LifecycleExpiresBackups]']],
    ['a rule on the backups\' prefix', { keyPrefix: 'neon/', bucketProps: { lifecycleRules: [rule({ prefix: 'neon/daily/', expiration: Duration.days(3) })] } },
      [expect.stringMatching(/^bucketProps.lifecycleRules\[0\] expires current objects after 3 days, before the retention of 7 days ends: .* or give the rule a prefix the backups \(under "neon\/"\) are not under\./) as any]],
    ['an expiration longer than the retention', { bucketProps: { lifecycleRules: [rule({ expiration: Duration.days(400) })] } }, []],
    ['an expiration as long as the retention', { retention: Duration.days(14), bucketProps: { lifecycleRules: [rule({ expiration: Duration.days(14) })] } }, []],
    ['a rule on another prefix than the backups\'', { keyPrefix: 'neon/', bucketProps: { lifecycleRules: [rule({ prefix: 'logs/', expiration: Duration.days(1) })] } }, []],
    ['a disabled rule', { bucketProps: { lifecycleRules: [rule({ enabled: false, expiration: Duration.days(1) })] } }, []],
    ['a rule that only transitions', { bucketProps: { lifecycleRules: [rule({ transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(1) }] })] } }, []],
  ])('lifecycle rules: %s', (_what, props, warnings) => {
    const r = backup({ ...props, bucketProps: { bucketName: 'neon-s3-backup', ...props.bucketProps } });
    expect(warningsOf(r.stack).filter((w) => w.includes('LifecycleExpiresBackups'))).toEqual(warnings);
  });
});

describe('NeonPostgresBackup: JavaScript callers and OIDC providers that are not GitHub\'s (issue 19, classes 7 and 9)', () => {
  const attempt = (props: (s: Stack) => any) => {
    const stack = newStack();
    try {
      new NeonPostgresBackup(stack, 'Neon', props(stack));
    } catch (e) {
      return { name: (e as Error).name, message: (e as Error).message };
    }
    return undefined;
  };
  const valid = (s: Stack) => ({ oidcProvider: GitHubOidcProvider.fromAccount(s, 'GitHub'), subjects: [GitHubSubject.branch(REPO, 'main')] });
  test.each<[string, (s: Stack) => any, string | RegExp]>([
    ['no props', () => undefined, 'props are required: give oidcProvider (GitHubOidcProvider.fromAccount(scope, id)) and subjects (at Stack/Neon)'],
    ['no oidcProvider', (s) => ({ ...valid(s), oidcProvider: undefined }),
      'oidcProvider is required; the account\'s GitHub OIDC provider, new GitHubOidcProvider(stack, id) or GitHubOidcProvider.fromAccount(stack, id) (at Stack/Neon)'],
    ['oidcProvider as an ARN string', (s) => ({ ...valid(s), oidcProvider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }),
      'oidcProvider is a string, not an iam.IOidcProvider: use GitHubOidcProvider (new, fromAccount(stack, id) or fromProviderArn(stack, id, arn)) (at Stack/Neon)'],
    ['an iam.OpenIdConnectProvider of GitLab', (s) => ({ ...valid(s), oidcProvider: new iam.OpenIdConnectProvider(s, 'GitLab', { url: 'https://gitlab.com' }) }),
      'oidcProvider is an iam.IOpenIdConnectProvider (iam.OpenIdConnectProvider, or its fromOpenIdConnectProviderArn), not an iam.IOidcProvider: use '
      + 'GitHubOidcProvider (new, fromAccount(stack, id) or fromProviderArn(stack, id, arn)) (at Stack/Neon)'],
    ['an imported GitLab provider (OpenIdConnectProvider.fromOpenIdConnectProviderArn)',
      (s) => ({ ...valid(s), oidcProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(s, 'GitLab', `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`) }),
      /^oidcProvider is an iam.IOpenIdConnectProvider/],
    ['an imported GitLab provider (OidcProviderNative.fromOidcProviderArn)',
      (s) => ({ ...valid(s), oidcProvider: iam.OidcProviderNative.fromOidcProviderArn(s, 'GitLab', `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`) }),
      /^Invalid GitHub OIDC provider ARN "arn:aws:iam::123456789012:oidc-provider\/gitlab.com" at Stack\/Neon \(oidcProvider\): it must name the provider/],
    ['an EKS cluster\'s provider', (s) => ({
      ...valid(s),
      oidcProvider: iam.OidcProviderNative.fromOidcProviderArn(s, 'Eks',
        `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`),
    }), /^Invalid GitHub OIDC provider ARN/],
    ['a new provider of another issuer', (s) => ({
      ...valid(s),
      oidcProvider: new iam.OidcProviderNative(s, 'GitLab', { url: 'https://gitlab.com', clientIds: ['sts.amazonaws.com'], thumbprints: ['a'.repeat(40)] }),
    }),
    'oidcProvider is the OIDC provider of "https://gitlab.com", not GitHub\'s (https://token.actions.githubusercontent.com); use GitHubOidcProvider (at Stack/Neon)'],
    ['no subjects', (s) => ({ ...valid(s), subjects: undefined }),
      'subjects is required; the workflow runs that may assume the role, e.g. [GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main")] (at Stack/Neon)'],
    ['subjects: one subject, not a list', (s) => ({ ...valid(s), subjects: GitHubSubject.branch(REPO, 'main') }), 'subjects must be a list of GitHubSubject (e.g. [GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main")]), '
      + 'not an object (GitHubSubject) (at Stack/Neon)'],
    ['subjects: null in the list', (s) => ({ ...valid(s), subjects: [null] }),
      'subjects[0] is null, not a GitHubSubject: use GitHubSubject.branch(), environment(), ... or fromClaim("repo:...") (at Stack/Neon)'],
    ['subjects: undefined in the list', (s) => ({ ...valid(s), subjects: [GitHubSubject.branch(REPO, 'main'), undefined] }),
      'subjects[1] is undefined, not a GitHubSubject: use GitHubSubject.branch(), environment(), ... or fromClaim("repo:...") (at Stack/Neon)'],
    ['subjects: a raw sub claim string', (s) => ({ ...valid(s), subjects: ['repo:acme/neon-backups:ref:refs/heads/main'] }),
      'subjects[0] is a string, not a GitHubSubject: use GitHubSubject.branch(), environment(), ... or fromClaim("repo:...") (at Stack/Neon)'],
    ['retention as a number of days', (s) => ({ ...valid(s), retention: 7 }), 'retention must be a Duration (e.g. Duration.days(7)); got a number (at Stack/Neon)'],
    ['maxSessionDuration as a number', (s) => ({ ...valid(s), maxSessionDuration: 3600 }), 'maxSessionDuration must be a Duration (e.g. Duration.days(7)); got a number (at Stack/Neon)'],
    ['keyPrefix as a number', (s) => ({ ...valid(s), keyPrefix: 7 }), 'keyPrefix must be a string, not a number (at Stack/Neon)'],
    ['roleName as a number', (s) => ({ ...valid(s), roleName: 7 }), 'roleName must be a string, not a number (at Stack/Neon)'],
  ])('%s: an error naming the prop, never a TypeError', (_what, props, message) => {
    const thrown = attempt(props);
    expect(thrown?.name).toBe('InputValidationError');
    expect(thrown?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  test('two backups in one stack with one role name: an error', () => {
    const stack = newStack();
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');
    new NeonPostgresBackup(stack, 'A', { oidcProvider: provider, subjects: [GitHubSubject.branch(REPO, 'main')], roleName: 'neon-backup' });
    expect(() => new NeonPostgresBackup(stack, 'B', { oidcProvider: provider, subjects: [GitHubSubject.branch(REPO, 'main')], roleName: 'Neon-Backup' })).toThrow(
      'roleName "Neon-Backup" is the role name of Stack/A too: IAM role names are unique in an account (without regard to case), so the second role '
      + 'would fail to deploy; give each its own roleName, or leave it out (CloudFormation then generates a unique name) (at Stack/B)',
    );
  });

  test('the role\'s props are checked once, by NeonPostgresBackup under its names; a GitHubActionsRole alone checks its own', () => {
    const check = jest.spyOn(GitHubActionsRole, '_checkProps');
    try {
      const stack = newStack();
      new NeonPostgresBackup(stack, 'Neon', { oidcProvider: GitHubOidcProvider.fromAccount(stack, 'GitHub'), subjects: [GitHubSubject.branch(REPO, 'main')] });
      expect(check).toHaveBeenCalledTimes(1);
      expect(check.mock.calls[0][2]).toEqual({ provider: 'oidcProvider', subjects: 'subjects', roleName: 'roleName', maxTrustPolicySize: 'maxTrustPolicySize' });
      check.mockClear();
      new GitHubActionsRole(stack, 'Alone', { provider: GitHubOidcProvider.fromAccount(stack, 'GitHub2'), subjects: [GitHubSubject.branch(REPO, 'main')] });
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
  });

  test('a broad subject\'s warning from the role names the Neon prop', () => {
    const stack = newStack();
    new NeonPostgresBackup(stack, 'Neon', { oidcProvider: GitHubOidcProvider.fromAccount(stack, 'GitHub'), subjects: [GitHubSubject.branch(REPO, 'main'), GitHubSubject.pullRequest(REPO)] });
    expect(warningsOf(stack).join('\n')).toMatch(/subjects\[1\] trusts more than one branch, tag or environment/);
  });
});

describe('NeonPostgresBackup outputs', () => {
  test('one output per GitHub secret, plus role-to-assume and aws-region', () => {
    const { json, resolver } = backup({ createOutputs: true, roleName: 'neon-s3-backup-github-actions' });
    const outputs = Object.values(json.Outputs).map((o: any) => [o.Description, resolver.resolve(o.Value)]);
    expect(outputs).toEqual([
      ['GitHub secret AWS_ACCOUNT_ID', ACCOUNT],
      ['GitHub secret S3_BUCKET_NAME', 'neon-s3-backup'],
      ['GitHub secret IAM_ROLE (the role name)', 'neon-s3-backup-github-actions'],
      ['role-to-assume (arn:aws:iam::AWS_ACCOUNT_ID:role/IAM_ROLE)', `arn:aws:iam::${ACCOUNT}:role/neon-s3-backup-github-actions`],
      ['aws-region (the bucket\'s region)', REGION],
    ]);
  });
});

describe('NeonPostgresBackup with a key prefix', () => {
  const { bucketPolicy, roleArn } = backup({ keyPrefix: 'neon/' });
  const can = s3As(roleArn, bucketPolicy);

  test('objects under the prefix only, listing only with s3:prefix under it', async () => {
    expect(bucketPolicy.Statement.filter((s: any) => String(s.Sid).startsWith('NeonBackup'))).toEqual(
      cdkRendered(neonBackupPolicy({ bucketArn: BUCKET, principalArn: roleArn, keyPrefix: 'neon/' })).Statement,
    );
    expect(await can('s3:PutObject', `${BUCKET}/neon/2026-07-01.gz`)).toBe('Allowed');
    expect(await can('s3:DeleteObject', `${BUCKET}/neon/2026-07-01.gz`)).toBe('Allowed');
    expect(await can('s3:GetObject', `${BUCKET}/other/x.gz`)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObject', `${BUCKET}/neon-old/x.gz`)).toBe('ImplicitlyDenied');
    expect(await can('s3:ListBucket', BUCKET, { ...TLS, 's3:prefix': 'neon/' })).toBe('Allowed');
    expect(await can('s3:ListBucket', BUCKET, { ...TLS, 's3:prefix': 'neon/2026' })).toBe('Allowed');
    expect(await can('s3:ListBucket', BUCKET, { ...TLS, 's3:prefix': 'other/' })).toBe('ImplicitlyDenied');
    expect(await can('s3:ListBucket', BUCKET)).toBe('ImplicitlyDenied');
  });
});

describe('NeonPostgresBackup with an existing bucket', () => {
  test('an imported bucket: the same grant as the role\'s identity policy, no bucket policy written over the existing one', async () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Existing', 'neon-s3-backup');
    const { template, resolver, roleArn, construct } = backup({ bucket }, stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    const { resource } = resolver.only('AWS::IAM::Policy');
    const identity = resolver.resolve(resource.Properties.PolicyDocument);
    expect(identity).toEqual(cdkRendered(neonBackupPolicy({ bucketArn: BUCKET })));
    expect(resolver.resolve(resource.Properties.Roles)).toEqual([resolver.only('AWS::IAM::Role').id.toLowerCase()]);
    expect(construct.backupBucket).toBeUndefined();
    const can = s3As(roleArn, undefined, [identity]);
    expect(await can('s3:PutObject', `${BUCKET}/x.gz`)).toBe('Allowed');
    expect(await can('s3:ListBucket', BUCKET)).toBe('Allowed');
    expect(await can('s3:DeleteBucket', BUCKET)).toBe('ImplicitlyDenied');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('an imported bucket of another account: a warning names what its owner must add to the bucket policy', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketAttributes(stack, 'Existing', { bucketName: 'neon-s3-backup', account: '999999999999' });
    backup({ bucket }, stack);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^The bucket is in account 999999999999: its owner must also add to its bucket policy/)]);
  });

  test('a bucket of this app gets the bucket policy', () => {
    const stack = newStack();
    const bucket = new BackupBucket(stack, 'Shared', { bucketName: 'neon-s3-backup' }).bucket;
    const { bucketPolicy, template } = backup({ bucket }, stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(bucketPolicy.Statement.map((s: any) => s.Sid).filter(Boolean)).toEqual(['NeonBackupListBucket', 'NeonBackupObjects']);
  });
});

describe('NeonPostgresBackup with a customer-managed KMS key', () => {
  test('the key policy lets the role use the key through S3 only', async () => {
    const { resolver, roleArn } = backup({ bucketProps: { bucketName: 'neon-s3-backup', encryption: BackupBucketEncryption.KMS } });
    const key = resolver.only('AWS::KMS::Key');
    const keyArn = resolver.getAtt(key.id, 'Arn');
    const keyPolicy = resolver.resolve(key.resource.Properties.KeyPolicy);
    expect(keyPolicy.Statement).toContainEqual({
      Sid: 'AllowBackupPrincipalThroughS3',
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } },
    });
    const use = (action: string, via: string) => decide({
      principal: roleArn, action, resource: keyArn, resourceAccount: ACCOUNT, resourcePolicy: keyPolicy, context: { 'kms:ViaService': via },
    });
    expect(await use('kms:GenerateDataKey', `s3.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await use('kms:Decrypt', `s3.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await use('kms:Decrypt', `secretsmanager.${REGION}.amazonaws.com`)).toBe('ImplicitlyDenied');
    expect(await use('kms:ScheduleKeyDeletion', `s3.${REGION}.amazonaws.com`)).toBe('ImplicitlyDenied');
  });

  test('an imported key: a warning with the key-policy statement to add', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    const bucket = BackupBucket.fromBucketAttributes(stack, 'Existing', { bucketName: 'neon-s3-backup', encryptionKey: key });
    backup({ bucket }, stack);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/The bucket's key is imported.*Stack\/Neon\/Role kms:Decrypt and kms:GenerateDataKey/)]);
  });
});

describe('NeonPostgresBackup region and environment', () => {
  test('the bucket is in the stack\'s region: an environment-agnostic stack leaves it to deploy time', () => {
    const stack = envAgnosticStack();
    const construct = new NeonPostgresBackup(stack, 'Neon', { oidcProvider: GitHubOidcProvider.fromAccount(stack, 'GitHub'), subjects: [GitHubSubject.branch(REPO, 'main')] });
    expect(stack.resolve(construct.bucketRegion)).toEqual({ Ref: 'AWS::Region' });
    expect(stack.resolve(construct.accountId)).toEqual({ Ref: 'AWS::AccountId' });
  });

  test('an existing bucket in another region: its region is the one the workflow uses', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketAttributes(stack, 'Existing', { bucketName: 'neon-s3-backup', region: 'us-east-2' });
    expect(backup({ bucket }, stack).construct.bucketRegion).toBe('us-east-2');
  });
});

describe('NeonPostgresBackup validation', () => {
  test.each([
    ['key prefix', { keyPrefix: 'neon' }, 'Invalid S3 key prefix "neon" at Stack/Neon (keyPrefix): it must end with "/" (otherwise "logs" would also grant "logs-old/").'],
    ['key prefix wildcard', { keyPrefix: 'neon/*/' }, 'Invalid S3 key prefix "neon/*/" at Stack/Neon (keyPrefix): wildcards (* ?) are not allowed.'],
    ['owner of a subject', { subjects: [GitHubSubject.branch(GitHubRepository.classic('acme.corp/app'), 'main')] },
      'Invalid GitHub repository "acme.corp/app" at Stack/Neon (subjects[0].repository): owner: only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed.'],
    ['over-broad subject', { subjects: [GitHubSubject.fromClaim('repo:*')] }, 'Invalid GitHub OIDC subject "repo:*" at Stack/Neon (subjects[0].claims[0])'],
    ['role name', { roleName: 'neon/backup' }, 'Invalid IAM role name "neon/backup" at Stack/Neon (roleName)'],
    ['bucket name', { bucketProps: { bucketName: 'Neon_Backups' } }, 'Invalid S3 bucket name "Neon_Backups" at Stack/Neon (bucketProps.bucketName)'],
  ])('%s', (_what, props, message) => {
    expect(() => backup(props as Partial<NeonPostgresBackupProps>)).toThrow(message);
  });

  test('one error for the whole call: bad values of the bucket, the role, its subjects and the construct, under the names the user wrote', () => {
    const stack = newStack();
    let error: unknown;
    try {
      new NeonPostgresBackup(stack, 'Neon', {
        oidcProvider: new iam.OidcProviderNative(stack, 'NotGitHub', { url: 'https://oidc.example.com', clientIds: ['example'] }),
        subjects: [GitHubSubject.branch(GitHubRepository.classic('acme.corp/app'), 'main'), GitHubSubject.fromClaim('repo:*')],
        roleName: 'neon/backup',
        maxTrustPolicySize: 100_000,
        keyPrefix: 'neon',
        retention: Duration.hours(36),
        bucketProps: { bucketName: 'Neon_Backups', serverAccessLogsPrefix: 'logs/' },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect(stack.node.tryFindChild('Neon')?.node.children).toEqual([]);
    expect((error as InputValidationError).problems).toEqual([
      expect.stringMatching(/^Invalid S3 key prefix "neon" at Stack\/Neon \(keyPrefix\)/),
      'retention must be a whole number of days, at least 1 (got 1.5 days) (at Stack/Neon)',
      expect.stringMatching(/^Invalid IAM role name "neon\/backup" at Stack\/Neon \(roleName\)/),
      expect.stringMatching(/^maxTrustPolicySize must be a whole number of characters up to IAM's maximum of 8192; got 100000 \(at Stack\/Neon\)/),
      'oidcProvider is the OIDC provider of "https://oidc.example.com", not GitHub\'s (https://token.actions.githubusercontent.com); use GitHubOidcProvider (at Stack/Neon)',
      'oidcProvider does not list the audience "sts.amazonaws.com" in its client IDs; configure-aws-credentials requests it (at Stack/Neon)',
      expect.stringMatching(/^Invalid GitHub repository "acme.corp\/app" at Stack\/Neon \(subjects\[0\].repository\)/),
      expect.stringMatching(/^Invalid GitHub OIDC subject "repo:\*" at Stack\/Neon \(subjects\[1\].claims\[0\]\)/),
      expect.stringMatching(/^Invalid S3 bucket name "Neon_Backups" at Stack\/Neon \(bucketProps.bucketName\)/),
      'bucketProps.serverAccessLogsPrefix needs bucketProps.serverAccessLogsBucket (at Stack/Neon)',
    ]);
  });

  test('bucketProps with an existing bucket', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Existing', 'neon-s3-backup');
    expect(() => new NeonPostgresBackup(stack, 'Neon', {
      oidcProvider: GitHubOidcProvider.fromAccount(stack, 'GitHub'), subjects: [GitHubSubject.branch(REPO, 'main')], bucket, bucketProps: {},
    })).toThrow('bucketProps configure a new bucket; remove them or remove bucket (at Stack/Neon)');
  });

  test('unresolved tokens are not validated eagerly', () => {
    const stack = newStack();
    const param = (name: string) => new CfnParameter(stack, name).valueAsString;
    const construct = new NeonPostgresBackup(stack, 'Neon', {
      oidcProvider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
      subjects: [GitHubSubject.environment(REPO, param('Environment'))],
      keyPrefix: param('Prefix'),
      roleName: param('RoleName'),
      bucketProps: { bucketName: param('Bucket') },
    });
    expect(stack.resolve(construct.githubSecrets)).toEqual({ AWS_ACCOUNT_ID: ACCOUNT, S3_BUCKET_NAME: { Ref: expect.stringMatching(/^NeonBucket/) }, IAM_ROLE: { Ref: expect.stringMatching(/^NeonRole/) } });
  });
});

describe('NeonPostgresBackup under the feature flags of a new CDK project (cdk.json)', () => {
  test('the policies are the same as without them', () => {
    const flagged = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Stack', { env: { account: ACCOUNT, region: REGION } });
    const strip = (r: ReturnType<typeof backup>) => ({ trust: r.trust, bucketPolicy: r.bucketPolicy });
    expect(CDK_JSON_CONTEXT['@aws-cdk/aws-iam:minimizePolicies']).toBe(true);
    expect(strip(backup({ keyPrefix: 'neon/' }, flagged))).toEqual(strip(backup({ keyPrefix: 'neon/' })));
    expect(new TemplateResolver(synth(flagged).json).logicalIds('AWS::S3::BucketPolicy')).toHaveLength(1);
  });
});
