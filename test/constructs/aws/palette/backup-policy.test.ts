import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupBucket, BackupBucketEncryption, PaletteAccess, PaletteBackupLocation, PaletteBackupLocationProps, PaletteBackupPolicy } from '../../../../src';
import { paletteBackupPolicy } from '../../../../src/policies/aws/palette';
import { abbreviate } from '../../../../src/policies/validation';
import { ACCOUNT, REGION, TemplateResolver } from '../../../support/cfn';
import { decide } from '../../../support/iam';
import { cdkRendered, envAgnosticStack, newStack, synth, warningsOf } from '../../../support/stack';

const IMPORTED_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-12ab-34cd-56ef-1234567890ab`;
const access = PaletteAccess.sts({ paletteAccountId: '111111111111', externalId: 'palette-7c0f2a9e-2b5e-4a1b' });

function location(props: Partial<PaletteBackupLocationProps> & { keys?: (stack: Stack) => kms.IKey[] } = {}, stack = newStack()) {
  const { keys, ...rest } = props;
  const loc = new PaletteBackupLocation(stack, 'Palette', {
    locationName: 'prod', access, bucketProps: { bucketName: 'palette-backups' }, volumeEncryptionKeys: keys?.(stack), ...rest,
  });
  return { stack, loc, ...synth(stack) };
}

describe('PaletteBackupPolicy: volumeEncryptionKeys (Velero\'s "KMS Encryption for Volume Restoration")', () => {
  const { resolver, stack } = location({
    keys: (s) => [new kms.Key(s, 'VolumeKey', { enableKeyRotation: true }), kms.Key.fromKeyArn(s, 'Imported', IMPORTED_KEY)],
  });
  const identity = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
  const roleArn = resolver.getAtt(resolver.logicalIds('AWS::IAM::Role')[0], 'Arn');
  const keyId = resolver.only('AWS::KMS::Key').id;
  const appKey = resolver.getAtt(keyId, 'Arn');
  const keyPolicy = resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy);
  const EC2 = `ec2.${REGION}.amazonaws.com`;

  test('the identity statements: the named keys only, through EC2 only, grants only for AWS resources', () => {
    expect(identity.Statement.filter((s: any) => s.Sid.startsWith('VeleroVolumeKey'))).toEqual([
      {
        Sid: 'VeleroVolumeKeys',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: [appKey, IMPORTED_KEY],
        Condition: { StringEquals: { 'kms:ViaService': EC2 } },
      },
      {
        Sid: 'VeleroVolumeKeyGrants',
        Effect: 'Allow',
        Action: 'kms:CreateGrant',
        Resource: [appKey, IMPORTED_KEY],
        Condition: { StringEquals: { 'kms:ViaService': EC2 }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ]);
  });

  const viaEc2 = { 'kms:ViaService': EC2 };
  /** The key policy of a key made with the console's defaults: it lets IAM policies of the account grant its use. */
  const delegatingToIam = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
  };
  /** The request as KMS evaluates it: the role's identity policy, and the key's policy. */
  const ask = (action: string, key: string, context: Record<string, string>) => decide({
    principal: roleArn,
    action,
    resource: key,
    resourceAccount: ACCOUNT,
    identityPolicies: [identity],
    context,
    resourcePolicy: key === appKey ? keyPolicy : delegatingToIam,
  });

  test.each([
    ['kms:Encrypt', viaEc2],
    ['kms:Decrypt', viaEc2],
    ['kms:ReEncryptFrom', viaEc2],
    ['kms:ReEncryptTo', viaEc2],
    ['kms:GenerateDataKeyWithoutPlaintext', viaEc2],
    ['kms:GenerateDataKey', viaEc2],
    ['kms:DescribeKey', viaEc2],
    ['kms:CreateGrant', { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' }],
  ])('allowed through EC2 on the named keys: %s', async (action, context) => {
    for (const key of [appKey, IMPORTED_KEY]) expect(await ask(action, key, context)).toBe('Allowed');
  });

  test.each<[string, string, Record<string, string>]>([
    ['another key', 'kms:Decrypt', viaEc2],
    ['another key, a grant', 'kms:CreateGrant', { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' }],
    ['without kms:ViaService (a direct call)', 'kms:Decrypt', {}],
    ['through another service', 'kms:Decrypt', { 'kms:ViaService': `s3.${REGION}.amazonaws.com` }],
    ['through EC2 of another region', 'kms:Decrypt', { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' }],
    ['a grant that is not for an AWS resource', 'kms:CreateGrant', { ...viaEc2, 'kms:GrantIsForAWSResource': 'false' }],
    ['a grant without the condition key', 'kms:CreateGrant', viaEc2],
    ['key administration', 'kms:ScheduleKeyDeletion', viaEc2],
    ['a grant listing', 'kms:RevokeGrant', viaEc2],
  ])('denied: %s', async (_what, action, context) => {
    const key = _what.startsWith('another key') ? OTHER_KEY : appKey;
    expect(await ask(action, key, context)).toBe('ImplicitlyDenied');
  });

  test('the key of this stack names the role in its key policy, with the same conditions', async () => {
    const sorted = (statement: any) => ({ ...statement, Action: Array.isArray(statement.Action) ? [...statement.Action].sort() : statement.Action });
    expect(keyPolicy.Statement.filter((s: any) => s.Sid?.startsWith('AllowVelero')).map(sorted)).toEqual([
      {
        Sid: 'AllowVeleroThroughEc2',
        Effect: 'Allow',
        Principal: { AWS: roleArn },
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': EC2 } },
      },
      {
        Sid: 'AllowVeleroGrantsForEbs',
        Effect: 'Allow',
        Principal: { AWS: roleArn },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': EC2 }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ]);
    // With the key policy alone (no identity policy), the role may use the key through EC2 and nothing else.
    const byKeyPolicy = (action: string, context: Record<string, string>) => decide({
      principal: roleArn, action, resource: appKey, resourceAccount: ACCOUNT, context, resourcePolicy: keyPolicy,
    });
    expect(await byKeyPolicy('kms:Decrypt', viaEc2)).toBe('Allowed');
    expect(await byKeyPolicy('kms:CreateGrant', { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' })).toBe('Allowed');
    expect(await byKeyPolicy('kms:Decrypt', {})).toBe('ImplicitlyDenied');
    expect(await byKeyPolicy('kms:CreateGrant', { ...viaEc2, 'kms:GrantIsForAWSResource': 'false' })).toBe('ImplicitlyDenied');
  });

  test('the imported key gets a warning saying what to add to its key policy', () => {
    expect(warningsOf(stack)).toEqual([
      `The volume key ${IMPORTED_KEY} is not a key of this stack, so its key policy cannot be changed here. Unless the key policy lets IAM `
      + 'policies of the key\'s account grant its use (the "Enable IAM User Permissions" statement, and the key is in this account), add a statement '
      + 'allowing the principal of Stack/Palette/Role kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey with the '
      + 'condition kms:ViaService = ec2.<key region>.amazonaws.com, and one allowing it kms:CreateGrant with the same condition and '
      + 'kms:GrantIsForAWSResource = true. [ack: saas-backup-constructs:ImportedVolumeKeyPolicy]',
    ]);
  });
});

describe('volume keys: regions, defaults and validation', () => {
  test('without volumeEncryptionKeys the policy is the pages\' policy, with no KMS statement', () => {
    const { resolver, loc } = location();
    const doc = resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument;
    expect(doc.Statement.map((s: any) => s.Sid)).toEqual(['VeleroVolumeSnapshots', 'VeleroBackupObjects', 'VeleroListBucket']);
    expect(loc.backupPolicy.node.tryFindChild('Resource')).toBeDefined();
  });

  test('keys of two regions: one pair of statements per region, each with its own EC2 endpoint', () => {
    const { resolver } = location({
      keys: (s) => [kms.Key.fromKeyArn(s, 'A', IMPORTED_KEY), kms.Key.fromKeyArn(s, 'B', 'arn:aws:kms:us-east-1:123456789012:key/abcd')],
    });
    const doc = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
    expect(doc.Statement.filter((s: any) => s.Sid.startsWith('VeleroVolumeKey')).map((s: any) => [s.Sid, s.Resource, s.Condition.StringEquals['kms:ViaService']])).toEqual([
      ['VeleroVolumeKeys1', IMPORTED_KEY, `ec2.${REGION}.amazonaws.com`],
      ['VeleroVolumeKeyGrants1', IMPORTED_KEY, `ec2.${REGION}.amazonaws.com`],
      ['VeleroVolumeKeys2', 'arn:aws:kms:us-east-1:123456789012:key/abcd', 'ec2.us-east-1.amazonaws.com'],
      ['VeleroVolumeKeyGrants2', 'arn:aws:kms:us-east-1:123456789012:key/abcd', 'ec2.us-east-1.amazonaws.com'],
    ]);
  });

  test('a key of another stack of the app is treated as imported (no cross-stack key policy, no cycle)', () => {
    const stack = newStack();
    const other = new Stack(stack.node.root, 'Keys', { env: { account: ACCOUNT, region: REGION } });
    const key = new kms.Key(other, 'VolumeKey', { enableKeyRotation: true });
    location({ keys: () => [key] }, stack);
    expect(warningsOf(stack).filter((w) => w.includes('saas-backup-constructs'))).toEqual([expect.stringContaining('The volume key Keys/VolumeKey is not a key of this stack')]);
    expect(synth(other).resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy.Statement).toHaveLength(1);
  });

  test.each<[string, Partial<PaletteBackupLocationProps> & { keys?: (stack: Stack) => kms.IKey[] }, string]>([
    ['keys without volume snapshots', { volumeSnapshots: false, keys: (s) => [kms.Key.fromKeyArn(s, 'K', IMPORTED_KEY)] },
      'volumeEncryptionKeys are for EBS volume snapshots; remove them or keep volumeSnapshots: true (at Stack/Palette)'],
    ['a key twice', { keys: (s) => [kms.Key.fromKeyArn(s, 'K', IMPORTED_KEY), kms.Key.fromKeyArn(s, 'L', IMPORTED_KEY)] },
      'volumeEncryptionKeys lists a key twice; give each key once (at Stack/Palette)'],
    ['a policy variable in a key ARN', { keys: (s) => [kms.Key.fromKeyArn(s, 'K', `arn:aws:kms:${REGION}:${ACCOUNT}:key/\${aws:username}`)] },
      `Invalid policy value "arn:aws:kms:${REGION}:${ACCOUNT}:key/\${aws:username}" at Stack/Palette (volumeEncryptionKeys[0]): it must not contain "\${"`],
  ])('refuses %s', (_what, props, message) => {
    expect(() => location(props)).toThrow(message);
  });

  const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const FIX = 'Give each customer-managed key of the volumes by its key ARN, "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID" (kms.Key.fromKeyArn), or a kms.Key of this app.';
  const ALIAS = 'it names an alias, not a key: KMS authorizes Encrypt, Decrypt and CreateGrant against the key\'s ARN, so a grant on the alias ARN covers '
    + 'nothing; give the key the alias points to (kms.Key.fromKeyArn with its key ARN, or alias.aliasTargetKey)';
  const AWS_EBS = 'it is the AWS managed key of EBS (alias/aws/ebs): AWS owns its key policy, which already lets every principal of the account use it '
    + 'through EC2, and an alias in a policy\'s Resource grants nothing for key use; remove it (volumes encrypted with aws/ebs need no volume key)';
  const NOT_A_KEY = 'not a KMS key: give a kms.IKey (kms.Key.fromKeyArn(scope, id, "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID"), or a kms.Key of this app) (at Stack/Palette)';
  const invalid = (arn: string, clause: string) => `Invalid EBS volume key ARN "${arn}" at Stack/Palette (volumeEncryptionKeys[0]): ${clause}. ${FIX}`;
  const arnOf = (arn: string) => (s: Stack) => [kms.Key.fromKeyArn(s, 'K', arn)];

  // Class 5 of issue 19: each volume key that would grant something else than one key of the stack's partition, with its exact error.
  test.each<[string, (stack: Stack) => any, string]>([
    ['key/* (every key of the account and region)', arnOf(`arn:aws:kms:${REGION}:${ACCOUNT}:key/*`),
      invalid(`arn:aws:kms:${REGION}:${ACCOUNT}:key/*`, 'its key is a wildcard ("key/*"): the grant would cover every key it matches, and let EBS create grants on each; name each key')],
    ['a partial wildcard key', arnOf(`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234*`),
      invalid(`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234*`, 'its key is a wildcard ("key/1234*"): the grant would cover every key it matches, and let EBS create grants on each; name each key')],
    ['an alias ARN', arnOf(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/prod-ebs`), invalid(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/prod-ebs`, ALIAS)],
    ['the ARN of alias/aws/ebs', arnOf(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/ebs`), invalid(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/ebs`, AWS_EBS)],
    ['an imported alias (kms.Alias.fromAliasName)', (s) => [kms.Alias.fromAliasName(s, 'A', 'alias/prod-ebs')],
      `volumeEncryptionKeys[0] is the alias alias/prod-ebs: ${ALIAS} (at Stack/Palette)`],
    ['the AWS managed alias/aws/ebs (kms.Alias.fromAliasName)', (s) => [kms.Alias.fromAliasName(s, 'A', 'alias/aws/ebs')],
      `volumeEncryptionKeys[0] is the alias alias/aws/ebs: ${AWS_EBS} (at Stack/Palette)`],
    ['an alias of this app (key.addAlias), named by its path', (s) => [new kms.Key(s, 'N', { enableKeyRotation: true }).addAlias('alias/prod-ebs')],
      `volumeEncryptionKeys[0] is the alias Stack/N/Alias: ${ALIAS} (at Stack/Palette)`],
    ['region "*"', arnOf(`arn:aws:kms:*:${ACCOUNT}:key/${KEY_ID}`), invalid(`arn:aws:kms:*:${ACCOUNT}:key/${KEY_ID}`,
      'its region is a wildcard: the grant would cover keys of every region, and kms:ViaService names the EC2 of one region; give the key\'s region')],
    ['an empty region', arnOf(`arn:aws:kms::${ACCOUNT}:key/${KEY_ID}`), invalid(`arn:aws:kms::${ACCOUNT}:key/${KEY_ID}`,
      'its region is empty: a KMS key ARN names the key\'s region')],
    ['a region that is not one', arnOf(`arn:aws:kms:europe:${ACCOUNT}:key/${KEY_ID}`), invalid(`arn:aws:kms:europe:${ACCOUNT}:key/${KEY_ID}`,
      'its region "europe" is not a region code')],
    ['account "*"', arnOf(`arn:aws:kms:${REGION}:*:key/${KEY_ID}`), invalid(`arn:aws:kms:${REGION}:*:key/${KEY_ID}`,
      'its account is a wildcard: the grant would cover the keys of every account; give the key\'s account')],
    ['an ARN of another service', arnOf(`arn:aws:s3:${REGION}:${ACCOUNT}:key/${KEY_ID}`), invalid(`arn:aws:s3:${REGION}:${ACCOUNT}:key/${KEY_ID}`,
      'it is an ARN of the service "s3", not of KMS')],
    ['an unknown partition', arnOf(`arn:aws-mars:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`), invalid(`arn:aws-mars:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`,
      'its partition "aws-mars" is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)')],
    ['a key of another partition than the stack\'s', arnOf(`arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}`),
      `Invalid EBS volume key ARN "arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}" (volumeEncryptionKeys[0]): it is a key of the partition "aws-cn" `
      + 'but the stack deploys to "aws": IAM policies of one partition cannot grant keys of another; list only keys of the stack\'s partition (at Stack/Palette)'],
    ['a partition its region is not in', arnOf(`arn:aws:kms:us-gov-west-1:${ACCOUNT}:key/${KEY_ID}`),
      `Invalid EBS volume key ARN "arn:aws:kms:us-gov-west-1:${ACCOUNT}:key/${KEY_ID}" (volumeEncryptionKeys[0]): its partition is "aws" but its region `
      + 'is in "aws-us-gov": no such key exists; give the key\'s ARN as KMS shows it (at Stack/Palette)'],
    ['a key ID that is not one', arnOf(`arn:aws:kms:${REGION}:${ACCOUNT}:key/a_b`), invalid(`arn:aws:kms:${REGION}:${ACCOUNT}:key/a_b`,
      'its resource must be "key/KEY-ID" (a key ID such as 1234abcd-12ab-34cd-56ef-1234567890ab)')],
    ['JavaScript: null in the list', () => [null], `volumeEncryptionKeys[0] is null, ${NOT_A_KEY}`],
    ['JavaScript: undefined in the list', () => [undefined], `volumeEncryptionKeys[0] is undefined, ${NOT_A_KEY}`],
    ['JavaScript: the key ARN as a string', () => [`arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`],
      `volumeEncryptionKeys[0] is a string (${abbreviate(`arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`, 40)}), ${NOT_A_KEY}`],
    ['JavaScript: an object without keyArn', () => [{ keyId: KEY_ID }], `volumeEncryptionKeys[0] is an object, ${NOT_A_KEY}`],
    ['JavaScript: one key, not a list', (s) => kms.Key.fromKeyArn(s, 'K', IMPORTED_KEY),
      'volumeEncryptionKeys must be a list of KMS keys (kms.IKey[]); got one KMS key: write [key] (at Stack/Palette)'],
  ])('volume key: %s is refused', (_what, keys, message) => {
    let thrown: Error | undefined;
    try {
      location({ keys });
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.message).toBe(message);
    expect(thrown?.name).toBe('InputValidationError');
  });

  test.each<[string, (stack: Stack) => kms.IKey[]]>([
    ['a key ARN of this partition', arnOf(IMPORTED_KEY)],
    ['a multi-Region key', arnOf(`arn:aws:kms:${REGION}:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`)],
    ['a key of another region of the partition', arnOf(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`)],
    ['a key of another account', arnOf(`arn:aws:kms:${REGION}:210987654321:key/${KEY_ID}`)],
    ['a key of this stack', (s) => [new kms.Key(s, 'N', { enableKeyRotation: true })]],
    ['an alias\'s target key', (s) => [new kms.Key(s, 'N', { enableKeyRotation: true }).addAlias('alias/prod-ebs').aliasTargetKey]],
  ])('volume key: %s is accepted', (_what, keys) => {
    expect(() => location({ keys })).not.toThrow();
  });

  const keyArns = (count: number) => (s: Stack) => Array.from({ length: count }, (_, i) => kms.Key.fromKeyArn(s, `K${i}`,
    `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}`));
  test('too many keys for IAM\'s 6,144-character managed policy: an error with the size', () => {
    expect(() => location({ keys: keyArns(40) })).toThrow(
      'The managed policy is 7213-7353 characters (IAM counts it without white space), over IAM\'s limit of 6144 for a managed policy. It lists 40 '
      + 'volumeEncryptionKeys, each named in two statements: list fewer keys (the limit cannot be raised), for instance only the keys of the clusters '
      + 'this location backs up. (at Stack/Palette/Policy)',
    );
  });

  test('without volume keys the policy stays far below the limit, with the longest bucket name and a KMS key (so it is not measured)', () => {
    const { resolver } = synth(location({ bucketProps: { bucketName: 'b'.repeat(63), encryption: BackupBucketEncryption.KMS } }).stack);
    const policy = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
    expect(JSON.stringify(policy).length).toBeLessThan(6144 / 3);
  });

  test('the size is IAM\'s count: the most keys that fit give neither error nor warning, one more does', () => {
    // An imported bucket and imported keys: only the S3 and EC2 endpoints' URL suffix is a token (13-16 characters).
    const attempt = (count: number) => {
      const stack = newStack();
      try {
        const bucket = BackupBucket.fromBucketName(stack, 'B', 'palette-backups');
        new PaletteBackupLocation(stack, 'Palette', { locationName: 'prod', access, bucket, volumeEncryptionKeys: keyArns(count)(stack) });
      } catch (e) {
        return { stack, error: String(e) };
      }
      return { stack, warnings: warningsOf(stack).filter((w) => w.includes('ManagedPolicySize')) };
    };
    let n = 1;
    while (attempt(n + 1).warnings?.length === 0) n++;
    const { stack } = attempt(n);
    const { resolver } = synth(stack);
    const policy = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
    expect(JSON.stringify(policy).length).toBeLessThanOrEqual(6144);
    expect(JSON.stringify(policy).length).toBeGreaterThan(6144 - 2 * 80); // one more key (two ARNs) would not fit
    const next = attempt(n + 1);
    expect(next.error ?? next.warnings?.[0]).toMatch(/^(InputValidationError: )?The managed policy is \d+(-\d+)? characters/);
    expect(n).toBe(32); // measured: 32 keys of one region, each ARN 75 characters, in two statements
  });

  test('keys of this stack whose ARNs are known only at deploy time: a warning when the policy may exceed the limit', () => {
    const { stack } = location({ keys: (s) => Array.from({ length: 31 }, (_, i) => new kms.Key(s, `N${i}`, { enableKeyRotation: true })) });
    expect(warningsOf(stack).filter((w) => w.includes('ManagedPolicySize'))).toEqual([
      expect.stringMatching(new RegExp('^The managed policy is \\d+-\\d+ characters \\(IAM counts it without white space\\) depending on values known '
        + 'only at deploy time, and may exceed IAM\'s limit of 6144 for a managed policy\\. It lists 31 volumeEncryptionKeys, each named in two '
        + 'statements: list fewer keys')),
    ]);
  });

  test.each<[string, (stack: Stack) => Partial<PaletteBackupLocationProps> & { keys?: (stack: Stack) => kms.IKey[] }]>([
    ['a KMS-encrypted new bucket (its key\'s ARN is known at deploy time)', () => ({ bucketProps: { bucketName: 'palette-backups', encryption: BackupBucketEncryption.KMS } })],
    ['an imported bucket named by a parameter', (s) => ({ bucketProps: undefined, bucket: BackupBucket.fromBucketName(s, 'B', new CfnParameter(s, 'Bucket').valueAsString) })],
    ['a volume key given as a parameter', (s) => ({ keys: () => [kms.Key.fromKeyArn(s, 'K', new CfnParameter(s, 'KeyArn').valueAsString)] })],
  ])('values known only at deploy time with bounded lengths give no size warning: %s', (_what, props) => {
    const stack = envAgnosticStack();
    location(props(stack), stack);
    expect(warningsOf(stack).filter((w) => w.includes('ManagedPolicySize'))).toEqual([]);
  });

  test('a key ARN given as a parameter is not checked', () => {
    expect(() => location({ keys: (s) => [kms.Key.fromKeyArn(s, 'K', new CfnParameter(s, 'KeyArn').valueAsString)] })).not.toThrow();
  });

  test('PaletteBackupPolicy alone renders exactly the pure document', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'B', 'palette-backups') as s3.IBucket;
    const key = kms.Key.fromKeyArn(stack, 'K', IMPORTED_KEY);
    const policy = new PaletteBackupPolicy(stack, 'Policy', { bucket, volumeEncryptionKeys: [key] });
    const rendered = new TemplateResolver(synth(stack).json).only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument;
    expect(rendered).toEqual(stack.resolve(cdkRendered(paletteBackupPolicy({
      bucketArn: bucket.bucketArn,
      volumeSnapshots: true,
      objectTagging: false,
      volumeKeys: [{ keyArn: IMPORTED_KEY, ec2ServiceEndpoint: `ec2.${REGION}.${stack.urlSuffix}` }],
    }))));
    expect(policy.managedPolicy).toBeDefined();
  });
});

describe('PaletteBackupPolicy', () => {
  test('used alone: the pages\' policy on the bucket, exactly the pure builder\'s statements; document is the managed policy\'s', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Bucket', 'palette-backups');
    const policy = new PaletteBackupPolicy(stack, 'Policy', { bucket, managedPolicyName: 'palette-velero' });
    const { resolver } = synth(stack);
    const managed = resolver.only('AWS::IAM::ManagedPolicy').resource.Properties;
    expect(managed.ManagedPolicyName).toBe('palette-velero');
    const pure = paletteBackupPolicy({
      bucketArn: 'arn:aws:s3:::palette-backups', volumeSnapshots: true, objectTagging: false, s3ServiceEndpoint: `s3.${REGION}.amazonaws.com`,
    });
    expect(resolver.resolve(managed.PolicyDocument)).toEqual(resolver.resolve(stack.resolve(iam.PolicyDocument.fromJson(pure).toJSON())));
    expect(policy.document).toBe(policy.managedPolicy.document);
    expect(stack.resolve(policy.document.toJSON())).toEqual(managed.PolicyDocument);
  });

  test('used alone, it checks its own props under its own names', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Bucket', 'palette-backups');
    expect(() => new PaletteBackupPolicy(stack, 'Policy', { bucket, managedPolicyName: 'a b' })).toThrow(
      'Invalid IAM policy name "a b" at Stack/Policy (managedPolicyName)',
    );
  });
});
