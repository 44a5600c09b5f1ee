import { Annotations, App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupBucket, BackupBucketEncryption } from '../../../src';
import { ACCOUNT } from '../../support/cfn';
import { passesCtKmsPr3 } from '../../support/control-tower';
import { allow, decide } from '../../support/iam';
import { newStack, synth, warningsOf } from '../../support/stack';

function bucketOf(props: ConstructorParameters<typeof BackupBucket>[2] = {}) {
  const stack = newStack();
  const backup = new BackupBucket(stack, 'Backups', props);
  return { stack, backup, ...synth(stack) };
}

describe('BackupBucket security defaults', () => {
  const { template, resolver, json } = bucketOf({ bucketName: 'palette-backups' });
  const bucket = resolver.only('AWS::S3::Bucket').resource;

  test('blocks all public access', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  test('disables ACLs (BucketOwnerEnforced)', () => {
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  test('encrypts with SSE-S3 by default', () => {
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  test('keeps versions', () => {
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('aborts incomplete multipart uploads after 7 days and expires noncurrent versions after 30', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'AbortIncompleteMultipartUploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' },
      { Id: 'ExpireNoncurrentVersions', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true, Status: 'Enabled' },
    ]);
  });

  test('is retained when removed from the stack', () => {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
  });

  test('the bucket policy denies requests without TLS, and TLS below 1.2', async () => {
    const policy = resolver.resolve(resolver.only('AWS::S3::BucketPolicy').resource.Properties.PolicyDocument);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } }),
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } }, Principal: { AWS: '*' } }),
    ]);
    const owner = `arn:aws:iam::${ACCOUNT}:role/owner`;
    const request = (context: Record<string, string>) => decide({
      principal: owner,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::palette-backups/k',
      resourceAccount: ACCOUNT,
      identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
      resourcePolicy: policy,
      context,
    });
    expect(await request({ 'aws:SecureTransport': 'false', 's3:TlsVersion': '1.2' })).toBe('ExplicitlyDenied');
    expect(await request({ 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.1' })).toBe('ExplicitlyDenied');
    expect(await request({ 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3' })).toBe('Allowed');
  });

  test('creates no other resources than the bucket and its policy', () => {
    expect(Object.values(json.Resources).map((r: any) => r.Type).sort()).toEqual(['AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
    template.resourceCountIs('AWS::KMS::Key', 0);
  });
});

describe('BackupBucket with KMS', () => {
  test('creates a rotating customer-managed key, with an S3 Bucket Key, retained like the bucket', () => {
    const { resolver, template } = bucketOf({ encryption: BackupBucketEncryption.KMS });
    const key = resolver.only('AWS::KMS::Key');
    expect(key.resource.Properties.EnableKeyRotation).toBe(true);
    expect(key.resource.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [key.id, 'Arn'] } },
        }],
      },
    });
  });

  describe('the new key\'s policy lets grants be created only for AWS resources (CT.KMS.PR.3)', () => {
    const { resolver } = bucketOf({ encryption: BackupBucketEncryption.KMS });
    const key = resolver.only('AWS::KMS::Key');
    const keyArn = resolver.getAtt(key.id, 'Arn');
    const keyPolicy = resolver.resolve(key.resource.Properties.KeyPolicy);
    const withoutDeny = { ...keyPolicy, Statement: keyPolicy.Statement.filter((s: any) => s.Sid !== 'DenyGrantsExceptForAwsResources') };
    const admin = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
    const ask = (action: string, context: Record<string, string>, policy = keyPolicy) => decide({
      principal: admin, action, resource: keyArn, resourceAccount: ACCOUNT, identityPolicies: [allow('kms:*')], resourcePolicy: policy, context,
    });

    test('the statement', () => {
      expect(keyPolicy.Statement).toContainEqual({
        Sid: 'DenyGrantsExceptForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      });
    });

    test('the key policy passes the control\'s Guard rule (kms_create_grant_aws_service_check); without the statement it fails', () => {
      expect(passesCtKmsPr3(key.resource.Properties.KeyPolicy)).toBe(true);
      expect(passesCtKmsPr3(withoutDeny)).toBe(false);
    });

    test.each([
      ['kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' }, 'ExplicitlyDenied', 'Allowed'],
      ['kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false' }, 'ExplicitlyDenied', 'Allowed'],
      ['kms:CreateGrant', {}, 'ExplicitlyDenied', 'Allowed'],
      ['kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true', 'aws:PrincipalIsAWSService': 'false' }, 'Allowed', 'Allowed'],
      ['kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true' }, 'Allowed', 'Allowed'],
      ['kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'true' }, 'Allowed', 'Allowed'],
      ['kms:PutKeyPolicy', {}, 'Allowed', 'Allowed'],
      ['kms:ScheduleKeyDeletion', {}, 'Allowed', 'Allowed'],
      ['kms:EnableKeyRotation', {}, 'Allowed', 'Allowed'],
      ['kms:RevokeGrant', {}, 'Allowed', 'Allowed'],
    ])('a principal whose IAM policy allows kms:*: %s with %j is %s (%s without the statement)', async (action, context, expected, before) => {
      expect(await ask(action, context)).toBe(expected);
      expect(await ask(action, context, withoutDeny)).toBe(before);
    });
  });

  test('a given key is not changed', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    new BackupBucket(stack, 'Backups', { encryptionKey: key });
    const policy = synth(stack).resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy;
    expect(policy.Statement.map((s: any) => s.Sid ?? s.Effect)).toEqual(['Allow']);
  });

  test('uses a given key, and a given key alone means KMS', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const backup = new BackupBucket(stack, 'Backups', { encryptionKey: key });
    expect(backup.encryptionKey).toBe(key);
    const { template } = synth(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
    }));
  });
});

describe('BackupBucket options', () => {
  test('lifecycle durations, extra rules, removal policy and access logs are configurable', () => {
    const stack = newStack();
    const logs = s3.Bucket.fromBucketName(stack, 'Logs', 'central-access-logs');
    new BackupBucket(stack, 'Backups', {
      noncurrentVersionExpiration: Duration.days(90),
      abortIncompleteMultipartUploadAfter: Duration.days(2),
      lifecycleRules: [{ id: 'Archive', transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(60) }] }],
      removalPolicy: RemovalPolicy.DESTROY,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'backups/',
    });
    const { resolver } = synth(stack);
    const bucket = resolver.only('AWS::S3::Bucket').resource;
    expect(bucket.Properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['AbortIncompleteMultipartUploads', 'ExpireNoncurrentVersions', 'Archive']);
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].AbortIncompleteMultipartUpload).toEqual({ DaysAfterInitiation: 2 });
    expect(bucket.Properties.LifecycleConfiguration.Rules[1].NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 90 });
    expect(bucket.DeletionPolicy).toBe('Delete');
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: 'central-access-logs', LogFilePrefix: 'backups/' });
  });

  test('without versioning there is no noncurrent-version rule', () => {
    const { resolver } = bucketOf({ versioned: false });
    const bucket = resolver.only('AWS::S3::Bucket').resource;
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(bucket.Properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['AbortIncompleteMultipartUploads']);
  });

  test('does not mutate the caller\'s props', () => {
    const props = Object.freeze({ bucketName: 'frozen-props', lifecycleRules: Object.freeze([]) as any });
    expect(() => bucketOf(props)).not.toThrow();
  });
});

describe('BackupBucket validation', () => {
  test('a bad bucket name names the path, the value, every rule and the fix', () => {
    expect(() => bucketOf({ bucketName: 'My_Bucket' })).toThrow(
      'Invalid S3 bucket name "My_Bucket" at Stack/Backups (bucketName): uppercase letters are not allowed; underscores are not allowed. '
      + 'Use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (see "Bucket naming rules" in the Amazon S3 User Guide).',
    );
  });

  test('conflicting options are all reported at once', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    expect(() => new BackupBucket(stack, 'B', {
      bucketName: 'ab',
      encryption: BackupBucketEncryption.S3_MANAGED,
      encryptionKey: key,
      versioned: false,
      noncurrentVersionExpiration: Duration.days(1),
      serverAccessLogsPrefix: 'x/',
    })).toThrow(/^4 problems:\n- Invalid S3 bucket name "ab"[^\n]*\n- encryptionKey is given but encryption is S3_MANAGED[^\n]*\n- noncurrentVersionExpiration needs versioning[^\n]*\n- serverAccessLogsPrefix needs serverAccessLogsBucket/);
  });

  test('an unresolved token is not validated', () => {
    const stack = newStack();
    const name = new CfnParameter(stack, 'BucketName').valueAsString;
    new BackupBucket(stack, 'B', { bucketName: name });
    expect(synth(stack).resolver.only('AWS::S3::Bucket').resource.Properties.BucketName).toEqual({ Ref: 'BucketName' });
  });
});

describe('BackupBucket importers', () => {
  test('fromBucketName validates the name and returns a usable bucket', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Existing', 'existing-backups');
    expect(stack.resolve(bucket.bucketArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::existing-backups']] });
    expect(() => BackupBucket.fromBucketName(stack, 'Bad', 'Bad..Name')).toThrow(/Invalid S3 bucket name "Bad\.\.Name" at Stack \(Bad\.bucketName\)/);
  });

  test('fromBucketAttributes carries region, account and key, and validates them', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const bucket = BackupBucket.fromBucketAttributes(stack, 'Existing', { bucketName: 'x-backups', region: 'us-west-2', account: '210987654321', encryptionKey: key });
    expect(bucket.env.region).toBe('us-west-2');
    expect(bucket.env.account).toBe('210987654321');
    expect(bucket.encryptionKey).toBe(key);
    expect(() => BackupBucket.fromBucketAttributes(stack, 'Bad', { bucketName: 'ok-name', region: 'us-west', account: '21098765432' })).toThrow(
      /^2 problems:\n- Invalid AWS region "us-west" at Stack \(Bad\.region\)[^\n]*\n- Invalid AWS account ID "21098765432" at Stack \(Bad\.account\)/,
    );
  });
});

describe('BackupBucket warnings about deletion', () => {
  const DESTROY = 'saas-backup-constructs:BucketRemovalDestroy';
  const KEY_DESTROY = 'saas-backup-constructs:KeyRemovalDestroy';
  const UNVERSIONED = 'saas-backup-constructs:VersioningDisabled';
  const ids = (stack: ReturnType<typeof newStack>) => warningsOf(stack).map((w) => /\[ack: (.*)\]$/.exec(w)?.[1]);

  test.each<[string, (stack: ReturnType<typeof newStack>) => ConstructorParameters<typeof BackupBucket>[2], Array<string | undefined>]>([
    ['the defaults', () => ({}), []],
    ['KMS with the defaults', () => ({ encryption: BackupBucketEncryption.KMS }), []],
    ['removalPolicy DESTROY', () => ({ removalPolicy: RemovalPolicy.DESTROY }), [DESTROY]],
    ['removalPolicy DESTROY with KMS (the new key is destroyed too)', () => ({ removalPolicy: RemovalPolicy.DESTROY, encryption: BackupBucketEncryption.KMS }), [DESTROY, KEY_DESTROY]],
    ['a given key of this app with removalPolicy DESTROY', (stack) => ({ encryptionKey: new kms.Key(stack, 'K', { removalPolicy: RemovalPolicy.DESTROY }) }), [KEY_DESTROY]],
    ['a given key of this app that is retained', (stack) => ({ encryptionKey: new kms.Key(stack, 'K') }), []],
    ['an imported key (cannot be inspected)', (stack) => ({ encryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab') }), []],
    ['versioned: false', () => ({ versioned: false }), [UNVERSIONED]],
    ['RETAIN given explicitly', () => ({ removalPolicy: RemovalPolicy.RETAIN }), []],
  ])('%s', (_what, props, expected) => {
    const stack = newStack();
    new BackupBucket(stack, 'Backups', props(stack));
    expect(ids(stack)).toEqual(expected);
  });

  test('the messages say what is lost and how to keep it', () => {
    const stack = newStack();
    new BackupBucket(stack, 'Backups', { removalPolicy: RemovalPolicy.DESTROY, encryption: BackupBucketEncryption.KMS, versioned: false });
    expect(warningsOf(stack)).toEqual([
      'removalPolicy is DESTROY: when the bucket leaves the stack or the stack is deleted, CloudFormation deletes the bucket (once it is empty). '
        + 'Backups should outlive stacks: keep RemovalPolicy.RETAIN (the default) unless this is a test bucket. [ack: saas-backup-constructs:BucketRemovalDestroy]',
      'The bucket\'s KMS key has removalPolicy DESTROY: when it leaves the stack, CloudFormation schedules its deletion, and after the waiting period '
        + 'every object encrypted with it is unreadable, even in a retained bucket. Keep RemovalPolicy.RETAIN for the key. [ack: saas-backup-constructs:KeyRemovalDestroy]',
      'versioned is false: an overwrite or a delete (by the backup tool, a leaked key or a mistake) loses the backup for good, and nothing can be restored. '
        + 'Keep versioning on (the default); noncurrent versions expire after noncurrentVersionExpiration. [ack: saas-backup-constructs:VersioningDisabled]',
    ]);
  });

  test('a warning can be acknowledged by its ID', () => {
    const stack = newStack();
    const backup = new BackupBucket(stack, 'Backups', { versioned: false });
    Annotations.of(backup).acknowledgeWarning('saas-backup-constructs:VersioningDisabled', 'scratch bucket');
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('BackupBucket.fromBucketAttributes: one bucket, one region', () => {
  test.each([
    ['the same region twice', 'eu-west-1', undefined],
    ['no region the second time', undefined, undefined],
    [
      'another region',
      'us-east-1',
      'Second.region is "us-east-1" but the bucket "shared-backups" was imported with region "eu-west-1" at Stack/First: '
        + 'a bucket is in one region; give the same region to every import of it (at Stack)',
    ],
  ])('%s', (_what, region, error) => {
    const stack = newStack();
    BackupBucket.fromBucketAttributes(stack, 'First', { bucketName: 'shared-backups', region: 'eu-west-1' });
    const second = () => BackupBucket.fromBucketAttributes(stack, 'Second', { bucketName: 'shared-backups', region });
    if (error === undefined) expect(second).not.toThrow();
    else expect(second).toThrow(error);
  });

  test('imports in another stack of the same app are compared too; other apps are not', () => {
    const stack = newStack();
    BackupBucket.fromBucketAttributes(stack, 'First', { bucketName: 'shared-backups', region: 'eu-west-1' });
    const other = new Stack(stack.node.root as App, 'Other');
    expect(() => BackupBucket.fromBucketAttributes(other, 'Again', { bucketName: 'shared-backups', region: 'us-east-2' })).toThrow(/was imported with region "eu-west-1" at Stack\/First/);
    expect(() => BackupBucket.fromBucketAttributes(newStack(), 'Again', { bucketName: 'shared-backups', region: 'us-east-2' })).not.toThrow();
  });
});

describe('BackupBucket: JavaScript callers (issue 19, class 7)', () => {
  test.each<[string, any, string]>([
    ['bucketName as a number', { bucketName: 5 }, 'bucketName must be a string, not a number (at Stack/Bucket)'],
    ['null in lifecycleRules', { lifecycleRules: [null] }, 'lifecycleRules[0] is required; an s3.LifecycleRule (at Stack/Bucket)'],
    ['lifecycleRules not a list', { lifecycleRules: { id: 'x' } }, 'lifecycleRules must be a list, not an object (at Stack/Bucket)'],
    ['encryption as a lower-case string', { encryption: 'kms' }, 'encryption is a string, not a BackupBucketEncryption (S3_MANAGED or KMS) (at Stack/Bucket)'],
    ['encryptionKey as an ARN string', { encryptionKey: 'arn:aws:kms:eu-west-1:123456789012:key/x' }, 'encryptionKey is a string, not a KMS key (kms.IKey) (at Stack/Bucket)'],
    ['noncurrentVersionExpiration as a number of days', { noncurrentVersionExpiration: 30 },
      'noncurrentVersionExpiration is a number, not a Duration (e.g. Duration.days(30)) (at Stack/Bucket)'],
    ['versioned as a string', { versioned: 'false' }, 'versioned must be a boolean (true or false), not a string (a string such as "false" would read as true) (at Stack/Bucket)'],
  ])('%s: an error naming the prop, never a TypeError', (_what, props, message) => {
    let thrown: Error | undefined;
    try {
      new BackupBucket(newStack(), 'Bucket', props);
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.name).toBe('InputValidationError');
    expect(thrown?.message).toBe(message);
  });
});
