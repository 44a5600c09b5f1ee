import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BackupBucket, BackupBucketEncryption, RudderStackAccess, RudderStackEventBackup, RudderStackEventBackupProps, RudderStackPermissions } from '../../../../src';
import { eventBackupPolicy, writeOnlyEventBackupPolicy } from '../../../../src/policies/aws/rudderstack';
import { externalIdTrustPolicy } from '../../../../src/policies/aws/trust';
import { InputValidationError } from '../../../../src/policies/validation';
import { ACCOUNT, REGION } from '../../../support/cfn';
import { allow, decide } from '../../../support/iam';
import { cdkRendered, newStack, synth, warningsOf } from '../../../support/stack';

const RUDDERSTACK_ACCOUNT = '422074288268';

function backup(props: RudderStackEventBackupProps = {}) {
  const stack = newStack();
  const construct = new RudderStackEventBackup(stack, 'EventBackups', {
    bucketProps: props.bucket ? undefined : { bucketName: 'rudder-events' },
    ...props,
  });
  const out = synth(stack);
  const managed = out.resolver.only('AWS::IAM::ManagedPolicy').resource.Properties;
  return {
    stack,
    construct,
    ...out,
    policy: out.resolver.resolve(managed.PolicyDocument),
    attached: out.resolver.resolve({ roles: managed.Roles, groups: managed.Groups }),
  };
}

describe('RudderStackEventBackup (access key, as the page)', () => {
  const { policy, resolver, template, attached, json } = backup({ createOutputs: true });
  const user = resolver.getAtt(resolver.only('AWS::IAM::User').id, 'Arn');

  test('the policy is exactly PutObject and AbortMultipartUpload on the bucket\'s objects', () => {
    expect(policy).toEqual(cdkRendered(writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::rudder-events' })));
    expect(policy).toMatchSnapshot();
  });

  test('a user with programmatic access only, in a group that carries the policy; the key only in Secrets Manager', () => {
    const group = resolver.only('AWS::IAM::Group').id;
    expect(attached).toEqual({ roles: undefined, groups: [group.toLowerCase()] });
    const userProps = resolver.only('AWS::IAM::User').resource.Properties;
    expect(userProps).toEqual({ Groups: [{ Ref: group }] });
    template.resourceCountIs('AWS::IAM::AccessKey', 1);
    template.resourceCountIs('AWS::IAM::Role', 0);
    const accessKey = resolver.only('AWS::IAM::AccessKey').id;
    expect(JSON.stringify(json.Outputs)).not.toContain(accessKey);
    expect(Object.values(json.Outputs).map((o: any) => o.Description)).toEqual([
      'RudderStack event backups: S3 bucket name',
      'RudderStack event backups: read the Access key ID and Secret access key from this secret',
    ]);
  });

  test('IAM evaluation: writes allowed; reads, deletes, listing, bucket policy changes and other buckets denied', async () => {
    const can = (action: string, resource: string) =>
      decide({ principal: user, action, resource, resourceAccount: ACCOUNT, identityPolicies: [policy] });
    expect(await can('s3:PutObject', 'arn:aws:s3:::rudder-events/2026/11/22/events.json.gz')).toBe('Allowed');
    expect(await can('s3:AbortMultipartUpload', 'arn:aws:s3:::rudder-events/2026/11/22/events.json.gz')).toBe('Allowed');
    expect(await can('s3:GetObject', 'arn:aws:s3:::rudder-events/2026/11/22/events.json.gz')).toBe('ImplicitlyDenied');
    expect(await can('s3:DeleteObject', 'arn:aws:s3:::rudder-events/2026/11/22/events.json.gz')).toBe('ImplicitlyDenied');
    expect(await can('s3:ListBucket', 'arn:aws:s3:::rudder-events')).toBe('ImplicitlyDenied');
    expect(await can('s3:PutBucketPolicy', 'arn:aws:s3:::rudder-events')).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObject', 'arn:aws:s3:::another-bucket/x')).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObjectAcl', 'arn:aws:s3:::rudder-events/x')).toBe('ImplicitlyDenied');
  });
});

describe('RudderStackPermissions', () => {
  const OBJECT = 'arn:aws:s3:::rudder-events/source-1/2026/11/22/events.json.gz';
  const BUCKET = 'arn:aws:s3:::rudder-events';

  function evaluator(props: RudderStackEventBackupProps) {
    const out = backup(props);
    const user = out.resolver.getAtt(out.resolver.only('AWS::IAM::User').id, 'Arn');
    const can = (action: string, resource: string, context: Record<string, string> = {}) =>
      decide({ principal: user, action, resource, resourceAccount: ACCOUNT, identityPolicies: [out.policy], context });
    return { ...out, can };
  }

  test('the default is writeOnly(), the seed page', () => {
    expect(backup().policy).toEqual(backup({ permissions: RudderStackPermissions.writeOnly() }).policy);
    expect(backup().policy).toEqual(cdkRendered(writeOnlyEventBackupPolicy({ bucketArn: BUCKET })));
  });

  describe('backupAndReplay(), the current page', () => {
    const { policy, can, resolver, construct, stack } = evaluator({ permissions: RudderStackPermissions.backupAndReplay() });

    test('the policy: ListBucket on the bucket, Get/Put/AbortMultipartUpload on its objects', () => {
      expect(policy).toEqual(cdkRendered(eventBackupPolicy({ access: 'backup-and-replay', bucketArn: BUCKET })));
      expect(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.Description)
        .toBe('RudderStack event backups and replay: list, read and write the backup bucket (no deletes)');
      expect(construct.policyDocument).toBe(construct.managedPolicy.document);
      expect(stack.resolve(construct.policyDocument.toJSON())).toEqual(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
      expect(policy).toMatchSnapshot();
    });

    test('IAM evaluation: list, read, write and abort allowed; deletes, versions, bucket changes and other buckets denied', async () => {
      expect(await can('s3:ListBucket', BUCKET)).toBe('Allowed');
      expect(await can('s3:GetObject', OBJECT)).toBe('Allowed');
      expect(await can('s3:PutObject', OBJECT)).toBe('Allowed');
      expect(await can('s3:AbortMultipartUpload', OBJECT)).toBe('Allowed');
      expect(await can('s3:DeleteObject', OBJECT)).toBe('ImplicitlyDenied');
      expect(await can('s3:DeleteObjectVersion', OBJECT)).toBe('ImplicitlyDenied');
      expect(await can('s3:GetObjectVersion', OBJECT)).toBe('ImplicitlyDenied');
      expect(await can('s3:ListBucketVersions', BUCKET)).toBe('ImplicitlyDenied');
      expect(await can('s3:PutBucketPolicy', BUCKET)).toBe('ImplicitlyDenied');
      expect(await can('s3:PutLifecycleConfiguration', BUCKET)).toBe('ImplicitlyDenied');
      expect(await can('s3:GetObject', 'arn:aws:s3:::another-bucket/x')).toBe('ImplicitlyDenied');
      expect(await can('s3:ListBucket', 'arn:aws:s3:::another-bucket')).toBe('ImplicitlyDenied');
    });

    test('s3:ListObjectsV2, which the page lists, is no IAM action: the evaluator refuses it, and ListBucket is what lists', async () => {
      await expect(can('s3:ListObjectsV2', BUCKET)).rejects.toThrow(/invalid\.action/);
      expect(JSON.stringify(policy)).not.toContain('ListObjectsV2');
    });
  });

  test('backupAndReplay() with a key prefix: listing and objects only under it', async () => {
    const { can } = evaluator({ permissions: RudderStackPermissions.backupAndReplay(), keyPrefix: 'rudder/' });
    expect(await can('s3:ListBucket', BUCKET, { 's3:prefix': 'rudder/source-1/' })).toBe('Allowed');
    expect(await can('s3:ListBucket', BUCKET, { 's3:prefix': 'other/' })).toBe('ImplicitlyDenied');
    expect(await can('s3:ListBucket', BUCKET)).toBe('ImplicitlyDenied');
    expect(await can('s3:GetObject', `${BUCKET}/rudder/x.json.gz`)).toBe('Allowed');
    expect(await can('s3:GetObject', `${BUCKET}/other/x.json.gz`)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObject', `${BUCKET}/rudder-old/x.json.gz`)).toBe('ImplicitlyDenied');
  });

  test('backupAndReplay() with role-based access and a KMS bucket: the role carries the policy, the key policy names the role', () => {
    const { resolver, attached } = backup({
      permissions: RudderStackPermissions.backupAndReplay(),
      access: RudderStackAccess.role({ rudderStackAccountId: RUDDERSTACK_ACCOUNT, externalId: 'workspace-2Qx9' }),
      bucketProps: { bucketName: 'rudder-events', encryption: BackupBucketEncryption.KMS },
    });
    const roleId = resolver.only('AWS::IAM::Role').id;
    expect(attached).toEqual({ roles: [roleId.toLowerCase()], groups: undefined });
    const keyPolicy = resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy);
    expect(keyPolicy.Statement.find((s: any) => s.Sid === 'AllowBackupPrincipalThroughS3').Principal).toEqual({ AWS: resolver.getAtt(roleId, 'Arn') });
  });
});

describe('RudderStackEventBackup options', () => {
  test('nothing of the shared options is lost: the access key\'s secret encryption key and removal policy, the role\'s session length', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'SecretKey');
    new RudderStackEventBackup(stack, 'Keys', {
      access: RudderStackAccess.accessKey({ secretEncryptionKey: key, secretRemovalPolicy: RemovalPolicy.RETAIN }),
      bucketProps: { bucketName: 'rudder-events' },
    });
    const { resolver } = synth(stack);
    const secret = resolver.only('AWS::SecretsManager::Secret');
    expect(secret.resource.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [resolver.only('AWS::KMS::Key').id, 'Arn'] });
    expect(secret.resource.DeletionPolicy).toBe('Retain');
    const { resolver: roleResolver } = backup({
      access: RudderStackAccess.role({ rudderStackAccountId: RUDDERSTACK_ACCOUNT, externalId: 'workspace-2Qx9', maxSessionDuration: Duration.hours(2) }),
    });
    expect(roleResolver.only('AWS::IAM::Role').resource.Properties.MaxSessionDuration).toBe(7200);
  });

  test('a key prefix limits writes to it', async () => {
    const { policy, resolver } = backup({ keyPrefix: 'rudder/' });
    const user = resolver.getAtt(resolver.only('AWS::IAM::User').id, 'Arn');
    const can = (resource: string) => decide({ principal: user, action: 's3:PutObject', resource, resourceAccount: ACCOUNT, identityPolicies: [policy] });
    expect(await can('arn:aws:s3:::rudder-events/rudder/x.json.gz')).toBe('Allowed');
    expect(await can('arn:aws:s3:::rudder-events/other/x.json.gz')).toBe('ImplicitlyDenied');
    expect(await can('arn:aws:s3:::rudder-events/rudder-old/x.json.gz')).toBe('ImplicitlyDenied');
  });

  test('role-based access: the same trust builder as Palette\'s STS role, external ID required', async () => {
    const { policy, resolver, attached, construct, stack } = backup({
      access: RudderStackAccess.role({ rudderStackAccountId: RUDDERSTACK_ACCOUNT, externalId: 'workspace-2Qx9' }),
    });
    const roleId = resolver.only('AWS::IAM::Role').id;
    const trust = resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument);
    expect(trust).toEqual(cdkRendered(externalIdTrustPolicy({ vendorPrincipalArn: `arn:aws:iam::${RUDDERSTACK_ACCOUNT}:root`, externalId: 'workspace-2Qx9' })));
    expect(attached).toEqual({ roles: [roleId.toLowerCase()], groups: undefined });
    expect(stack.resolve(construct.roleArn)).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    const roleArn = resolver.getAtt(roleId, 'Arn');
    const assume = (externalId: string) => decide({
      principal: `arn:aws:iam::${RUDDERSTACK_ACCOUNT}:role/rudder`,
      action: 'sts:AssumeRole',
      resource: roleArn,
      resourceAccount: ACCOUNT,
      identityPolicies: [allow('sts:AssumeRole')],
      resourcePolicy: trust,
      context: { 'sts:ExternalId': externalId },
    });
    expect(await assume('workspace-2Qx9')).toBe('Allowed');
    expect(await assume('workspace-other')).toBe('ImplicitlyDenied');
    expect(await decide({ principal: roleArn, action: 's3:GetObject', resource: 'arn:aws:s3:::rudder-events/x', resourceAccount: ACCOUNT, identityPolicies: [policy] })).toBe('ImplicitlyDenied');
  });

  test('role-based access is an extension RudderStack\'s event-backup pages do not document: a warning says so; access keys stay silent', () => {
    const { stack } = backup({ access: RudderStackAccess.role({ rudderStackAccountId: RUDDERSTACK_ACCOUNT, externalId: 'workspace-2Qx9' }) });
    expect(warningsOf(stack)).toEqual([
      'RudderStackAccess.role(): RudderStack documents only access keys for event backups ("Bucket Configuration Settings for Event Backups"); '
      + 'its IAM-role page (account 422074288268, the workspace ID as external ID) is for destinations. Use the role only where RudderStack '
      + 'confirms your backups accept a role ARN; otherwise use RudderStackAccess.accessKey(). [ack: saas-backup-constructs:RudderStackRoleNotDocumented]',
    ]);
    expect(warningsOf(backup().stack)).toEqual([]);
  });

  test('a KMS-encrypted bucket gets the SSE-KMS grant on both sides', () => {
    const { policy, resolver } = backup({ bucketProps: { encryption: BackupBucketEncryption.KMS } });
    expect(policy.Statement[1].Sid).toBe('EventBackupsKmsKey');
    expect(policy.Statement[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } });
    const keyPolicy = resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy);
    const user = resolver.getAtt(resolver.only('AWS::IAM::User').id, 'Arn');
    expect(keyPolicy.Statement.find((s: any) => s.Sid === 'AllowBackupPrincipalThroughS3').Principal).toEqual({ AWS: user });
  });

  test('an existing bucket', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Existing', 'existing-events');
    new RudderStackEventBackup(stack, 'EventBackups', { bucket });
    const { template, resolver } = synth(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument).Statement[0].Resource).toBe('arn:aws:s3:::existing-events/*');
  });

  test.each([
    ['key prefix', { keyPrefix: 'events' }, 'Invalid S3 key prefix "events" at Stack/EventBackups (keyPrefix): it must end with "/"'],
    ['policy name', { policyName: 'write only' }, 'Invalid IAM policy name "write only" at Stack/EventBackups (policyName)'],
    ['RudderStack account', { access: RudderStackAccess.role({ rudderStackAccountId: '4220742882', externalId: 'x1' }) }, 'Invalid AWS account ID "4220742882" at Stack/EventBackups (access.rudderStackAccountId)'],
    ['external ID', { access: RudderStackAccess.role({ rudderStackAccountId: RUDDERSTACK_ACCOUNT, externalId: 'x' }) }, 'Invalid external ID "x" at Stack/EventBackups (access.externalId)'],
    ['user name', { access: RudderStackAccess.accessKey({ userName: 'rudder stack' }) }, 'Invalid IAM user name "rudder stack" at Stack/EventBackups (access.userName)'],
    ['bucket name', { bucketProps: { bucketName: 'Rudder_Events' } }, 'Invalid S3 bucket name "Rudder_Events" at Stack/EventBackups (bucketProps.bucketName)'],
  ])('refuses a bad %s', (_what, props, message) => {
    expect(() => backup(props as RudderStackEventBackupProps)).toThrow(message);
  });
});

describe('RudderStackEventBackup: one error for the whole call, under the names the user wrote', () => {
  const attempt = (props: RudderStackEventBackupProps) => {
    const stack = newStack();
    let error: unknown;
    try {
      new RudderStackEventBackup(stack, 'EventBackups', props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    // nothing was created before the error
    expect(stack.node.tryFindChild('EventBackups')?.node.children ?? []).toEqual([]);
    return (error as InputValidationError).problems;
  };

  test('role-based access: bucket name, key prefix, policy name, account ID, external ID, role name and quota in one error', () => {
    const problems = attempt({
      bucketProps: { bucketName: 'Rudder_Events' },
      keyPrefix: 'events',
      policyName: 'write only',
      access: RudderStackAccess.role({ rudderStackAccountId: '4220742882', externalId: 'x', roleName: 'rudder/stack', maxTrustPolicySize: 0 }),
    });
    expect(problems.map((p) => /^(?:Invalid [^"]+ ("[^"]*") at Stack\/EventBackups \(([^)]+)\)|(\S+) must)/.exec(p)?.slice(1).filter(Boolean))).toEqual([
      ['"events"', 'keyPrefix'],
      ['"write only"', 'policyName'],
      ['"Rudder_Events"', 'bucketProps.bucketName'],
      ['"x"', 'access.externalId'],
      ['"rudder/stack"', 'access.roleName'],
      ['access.maxTrustPolicySize'],
      ['"4220742882"', 'access.rudderStackAccountId'],
    ]);
  });

  test('access key: bucket name, key prefix, policy name, user name, group name and key serial in one error', () => {
    const problems = attempt({
      bucketProps: { bucketName: 'Rudder_Events' },
      keyPrefix: 'events',
      policyName: 'write only',
      access: RudderStackAccess.accessKey({ userName: 'rudder stack', groupName: 'rudder:group', accessKeySerial: -1 }),
    });
    expect(problems).toEqual([
      expect.stringMatching(/^Invalid S3 key prefix "events" at Stack\/EventBackups \(keyPrefix\)/),
      expect.stringMatching(/^Invalid IAM policy name "write only" at Stack\/EventBackups \(policyName\)/),
      expect.stringMatching(/^Invalid S3 bucket name "Rudder_Events" at Stack\/EventBackups \(bucketProps.bucketName\)/),
      expect.stringMatching(/^Invalid IAM user name "rudder stack" at Stack\/EventBackups \(access.userName\)/),
      expect.stringMatching(/^Invalid IAM group name "rudder:group" at Stack\/EventBackups \(access.groupName\)/),
      'access.accessKeySerial must be a whole number >= 0; got -1 (at Stack/EventBackups)',
    ]);
  });
});
