import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupBucket, PaletteAccess, PaletteBackupLocation, PaletteBackupLocationProps, PaletteBackupPolicy } from '../../../../src';
import { paletteBackupPolicy } from '../../../../src/policies/aws/palette';
import { ACCOUNT, REGION, TemplateResolver } from '../../../support/cfn';
import { decide } from '../../../support/iam';
import { cdkRendered, newStack, synth, warningsOf } from '../../../support/stack';

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
