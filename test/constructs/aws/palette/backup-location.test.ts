import { readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  AccessKeyUser,
  BackupBucket,
  BackupBucketEncryption,
  ExternalIdRole,
  PaletteAccess,
  PaletteBackupLocation,
  PaletteBackupLocationProps,
  PaletteBackupPolicy,
  TrustedPrincipal,
} from '../../../../src';
import { paletteBackupPolicy } from '../../../../src/policies/aws/palette';
import { externalIdTrustPolicy } from '../../../../src/policies/aws/trust';
import { InputValidationError } from '../../../../src/policies/validation';
import { ACCOUNT, REGION, TemplateResolver } from '../../../support/cfn';
import { allow, decide } from '../../../support/iam';
import { CDK_JSON_CONTEXT } from '../../../support/nag';
import { cdkRendered, envAgnosticStack, newStack, synth, warningsOf } from '../../../support/stack';

const PALETTE_ACCOUNT = '111111111111';
const CLUSTER_ACCOUNT = '222222222222';
const EXTERNAL_ID = 'palette-7c0f2a9e-2b5e-4a1b';
const CA = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'pem', 'ca.pem'), 'utf8');
const LEAF = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'pem', 'leaf.pem'), 'utf8');

const sts = (extra: Partial<Parameters<typeof PaletteAccess.sts>[0]> = {}) =>
  PaletteAccess.sts({ paletteAccountId: PALETTE_ACCOUNT, externalId: EXTERNAL_ID, ...extra });

function location(props: Partial<PaletteBackupLocationProps> = {}, stack: Stack = newStack()) {
  const loc = new PaletteBackupLocation(stack, 'Palette', {
    locationName: 'prod-backups',
    access: sts(),
    bucketProps: props.bucket ? undefined : { bucketName: 'palette-backups' },
    ...props,
  });
  return { stack, loc, ...synth(stack) };
}

/** The managed policy and trust policy, resolved to concrete ARNs. */
function policies(resolver: TemplateResolver) {
  const managed = resolver.only('AWS::IAM::ManagedPolicy').resource.Properties;
  const role = resolver.logicalIds('AWS::IAM::Role')[0];
  return {
    identity: resolver.resolve(managed.PolicyDocument),
    trust: role ? resolver.resolve(resolver.template.Resources[role].Properties.AssumeRolePolicyDocument) : undefined,
    roleArn: role ? resolver.getAtt(role, 'Arn') : undefined,
    attachedTo: resolver.resolve({ roles: managed.Roles, groups: managed.Groups }),
  };
}

/** What `principal` may do with only the given identity policy, in the stack's account. */
function permissionsOf(principal: string, identity: unknown) {
  return (action: string, resource: string) => decide({ principal, action, resource, resourceAccount: ACCOUNT, identityPolicies: [identity] });
}

describe('PaletteBackupLocation (STS)', () => {
  const { resolver, template, loc, stack } = location();
  const { identity, trust, roleArn, attachedTo } = policies(resolver);
  const bucket = 'arn:aws:s3:::palette-backups';

  test('the policy is the pages\' policy on this bucket, exactly as the pure builder makes it', () => {
    expect(identity).toMatchSnapshot();
    expect(identity).toEqual(cdkRendered(paletteBackupPolicy({ bucketArn: bucket, volumeSnapshots: true, objectTagging: false })));
    expect(identity.Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
      [['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:CreateSnapshot', 'ec2:DeleteSnapshot'], '*'],
      [['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], `${bucket}/*`],
      ['s3:ListBucket', bucket],
    ]);
  });

  test('the trust policy trusts Palette\'s account root with the external ID, and nobody else', () => {
    expect(trust).toMatchSnapshot();
    expect(trust).toEqual(cdkRendered(externalIdTrustPolicy({ vendorPrincipalArn: `arn:aws:iam::${PALETTE_ACCOUNT}:root`, externalId: EXTERNAL_ID })));
    expect(trust.Statement).toEqual([{
      Sid: 'TrustVendorWithExternalId',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${PALETTE_ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
    }]);
  });

  test('the policy is attached to the role (and the role carries nothing else)', () => {
    expect(attachedTo).toEqual({ roles: [resolver.logicalIds('AWS::IAM::Role')[0].toLowerCase()], groups: undefined });
    const role = resolver.only('AWS::IAM::Role').resource.Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies).toBeUndefined();
    template.resourceCountIs('AWS::IAM::User', 0);
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
  });

  test('IAM evaluation: Palette with the right external ID may assume the role; wrong, missing or other accounts may not', async () => {
    const assume = (principal: string, context: Record<string, string>) => decide({
      principal,
      action: 'sts:AssumeRole',
      resource: roleArn!,
      resourceAccount: ACCOUNT,
      context,
      identityPolicies: [allow('sts:AssumeRole')],
      resourcePolicy: trust,
    });
    const palette = `arn:aws:iam::${PALETTE_ACCOUNT}:role/palette-backup-service`;
    expect(await assume(palette, { 'sts:ExternalId': EXTERNAL_ID })).toBe('Allowed');
    expect(await assume(palette, { 'sts:ExternalId': 'palette-someone-else' })).toBe('ImplicitlyDenied');
    expect(await assume(palette, {})).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${CLUSTER_ACCOUNT}:role/anything`, { 'sts:ExternalId': EXTERNAL_ID })).toBe('ImplicitlyDenied');
    expect(await assume('arn:aws:iam::333333333333:root', { 'sts:ExternalId': EXTERNAL_ID })).toBe('ImplicitlyDenied');
  });

  test('IAM evaluation: every documented action is allowed on the right resource', async () => {
    const can = permissionsOf(roleArn!, identity);
    for (const action of ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots']) expect(await can(action, '*')).toBe('Allowed');
    const volume = `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0123456789abcdef0`;
    const snapshot = `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0`;
    expect(await can('ec2:CreateSnapshot', volume)).toBe('Allowed');
    expect(await can('ec2:CreateSnapshot', snapshot)).toBe('Allowed');
    expect(await can('ec2:CreateVolume', volume)).toBe('Allowed');
    expect(await can('ec2:CreateTags', snapshot)).toBe('Allowed');
    expect(await can('ec2:DeleteSnapshot', snapshot)).toBe('Allowed');
    for (const action of ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']) {
      expect(await can(action, `${bucket}/backups/b1/velero-backup.json`)).toBe('Allowed');
    }
    expect(await can('s3:ListBucket', bucket)).toBe('Allowed');
  });

  test('IAM evaluation: what Palette does not need is denied', async () => {
    const can = permissionsOf(roleArn!, identity);
    expect(await can('s3:DeleteBucket', bucket)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutBucketPolicy', bucket)).toBe('ImplicitlyDenied');
    expect(await can('s3:PutObjectTagging', `${bucket}/k`)).toBe('ImplicitlyDenied');
    expect(await can('s3:GetObject', 'arn:aws:s3:::another-bucket/k')).toBe('ImplicitlyDenied');
    expect(await can('s3:ListBucket', 'arn:aws:s3:::another-bucket')).toBe('ImplicitlyDenied');
    expect(await can('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`)).toBe('ImplicitlyDenied');
    expect(await can('iam:PassRole', roleArn!)).toBe('ImplicitlyDenied');
    expect(await can('ec2:TerminateInstances', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`)).toBe('ImplicitlyDenied');
    expect(await can('ec2:DeleteVolume', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0123456789abcdef0`)).toBe('ImplicitlyDenied');
    expect(await can('kms:Decrypt', `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`)).toBe('ImplicitlyDenied');
  });

  test('attributes are the wizard\'s fields', () => {
    expect(loc.locationName).toBe('prod-backups');
    expect(loc.locationProvider).toBe('AWS');
    expect(stack.resolve(loc.bucketName)).toEqual({ Ref: resolver.logicalIds('AWS::S3::Bucket')[0] });
    expect(loc.region).toBe(REGION);
    expect(loc.credentialType).toBe('sts');
    expect(loc.externalId).toBe(EXTERNAL_ID);
    expect(stack.resolve(loc.roleArn)).toEqual({ 'Fn::GetAtt': [resolver.logicalIds('AWS::IAM::Role')[0], 'Arn'] });
    expect(loc.s3Url).toBeUndefined();
    expect(loc.forcePathStyle).toBe(false);
    expect(loc.caCertificatePem).toBeUndefined();
    expect(loc.accessKeySecret).toBeUndefined();
  });

  test('outputs are opt-in', () => {
    expect(synth(stack).json.Outputs).toBeUndefined();
  });


  test('the managed policy is one attribute, the policy construct\'s', () => {
    expect(loc.managedPolicy).toBe(loc.backupPolicy.managedPolicy);
  });
});

describe('PaletteBackupLocation (STS, cross-account "Account A")', () => {
  const clusterRole = `arn:aws:iam::${CLUSTER_ACCOUNT}:role/SpectroCloudRole`;

  test('the cluster account root gets its own statement without external ID (seed 001, step 9)', async () => {
    const { resolver } = location({ access: sts({ clusterPrincipals: [TrustedPrincipal.account(CLUSTER_ACCOUNT)] }) });
    const { trust, roleArn } = policies(resolver);
    expect(trust.Statement[1]).toEqual({ Sid: 'TrustOwnPrincipal', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${CLUSTER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' });
    const assume = (principal: string) => decide({
      principal, action: 'sts:AssumeRole', resource: roleArn!, resourceAccount: ACCOUNT, identityPolicies: [allow('sts:AssumeRole')], resourcePolicy: trust,
    });
    expect(await assume(`arn:aws:iam::${CLUSTER_ACCOUNT}:role/cluster-nodes`)).toBe('Allowed');
    expect(await assume('arn:aws:iam::333333333333:role/cluster-nodes')).toBe('ImplicitlyDenied');
  });

  test('a specific role in Account A, limited to an organization', async () => {
    const { resolver } = location({ access: sts({ clusterPrincipals: [TrustedPrincipal.role(clusterRole)], clusterPrincipalsOrganizationId: 'o-a1b2c3d4e5' }) });
    const { trust, roleArn } = policies(resolver);
    expect(trust).toMatchSnapshot();
    const assume = (principal: string, org: string) => decide({
      principal,
      action: 'sts:AssumeRole',
      resource: roleArn!,
      resourceAccount: ACCOUNT,
      identityPolicies: [allow('sts:AssumeRole')],
      resourcePolicy: trust,
      context: { 'aws:PrincipalOrgID': org },
    });
    expect(await assume(clusterRole, 'o-a1b2c3d4e5')).toBe('Allowed');
    expect(await assume(clusterRole, 'o-zzzzzzzzzz')).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${CLUSTER_ACCOUNT}:role/OtherRole`, 'o-a1b2c3d4e5')).toBe('ImplicitlyDenied');
  });

  test('a trust policy over IAM\'s 2,048-character quota fails synthesis with its size and the remedy', () => {
    const many = Array.from({ length: 25 }, (_, i) => TrustedPrincipal.role(`arn:aws:iam::${CLUSTER_ACCOUNT}:role/cluster-node-role-${i}`));
    expect(() => location({ access: sts({ clusterPrincipals: many }) })).toThrow(
      /\[Stack\/Palette\/Role\] The role trust policy is \d{4}-\d{4} characters \(IAM counts it without white space\), over the quota of 2048\. Trust fewer statements: TrustedPrincipal\.organization\(\) or organizationalUnits\(\)/,
    );
    expect(() => location({ access: sts({ clusterPrincipals: many, maxTrustPolicySize: 4096 }) })).not.toThrow();
  });
});

describe('PaletteBackupLocation (STS) with a permissions boundary', () => {
  test('the role carries the boundary given in access.permissionsBoundary', () => {
    const stack = newStack();
    const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'palette-boundary');
    const { resolver } = location({ access: sts({ permissionsBoundary: boundary }) }, stack);
    expect(resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.PermissionsBoundary)).toBe(`arn:aws:iam::${ACCOUNT}:policy/palette-boundary`);
  });

  test('without it the role has none', () => {
    const { resolver } = location({ access: sts() });
    expect(resolver.only('AWS::IAM::Role').resource.Properties.PermissionsBoundary).toBeUndefined();
  });

  test('from JavaScript, a string where the policy is expected names the prop', () => {
    expect(() => location({ access: sts({ permissionsBoundary: 'arn:aws:iam::123456789012:policy/b' as unknown as iam.IManagedPolicy }) }))
      .toThrow('access.permissionsBoundary is a string, not an iam.IManagedPolicy (e.g. iam.ManagedPolicy.fromManagedPolicyName(...)) (at Stack/Palette)');
  });
});

describe('PaletteBackupLocation (Credentials)', () => {
  const { resolver, template, loc, stack } = location({ access: PaletteAccess.credentials() });

  test('creates a user with no console login, in a group that carries the policy', () => {
    const user = resolver.only('AWS::IAM::User').resource.Properties;
    expect(user.LoginProfile).toBeUndefined();
    expect(user.Policies).toBeUndefined();
    expect(user.ManagedPolicyArns).toBeUndefined();
    const group = resolver.only('AWS::IAM::Group').id;
    expect(user.Groups).toEqual([{ Ref: group }]);
    expect(policies(resolver).attachedTo).toEqual({ roles: undefined, groups: [group.toLowerCase()] });
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('keeps the access key only in Secrets Manager, as a reference, never in an output', () => {
    const accessKey = resolver.only('AWS::IAM::AccessKey').id;
    const secret = resolver.only('AWS::SecretsManager::Secret').resource.Properties;
    expect(secret.SecretString).toEqual({
      'Fn::Join': ['', ['{"accessKeyId":"', { Ref: accessKey }, '","secretAccessKey":"', { 'Fn::GetAtt': [accessKey, 'SecretAccessKey'] }, '"}']],
    });
    const withOutputs = location({ access: PaletteAccess.credentials(), createOutputs: true });
    const outputs = JSON.stringify(withOutputs.json.Outputs);
    expect(outputs).not.toMatch(/SecretAccessKey|AWS::IAM::AccessKey/);
    expect(Object.values(withOutputs.json.Outputs).map((o: any) => o.Value)).not.toContainEqual({ Ref: withOutputs.resolver.only('AWS::IAM::AccessKey').id });
    expect(withOutputs.json.Outputs.PaletteAccessKeySecretArn).toEqual({
      Description: 'Palette "Access Key" and "Secret Key": read them from this Secrets Manager secret (accessKeyId, secretAccessKey) / '
        + 'spectrocloud_backup_storage_location.s3.access_key, spectrocloud_backup_storage_location.s3.secret_key',
      Value: { Ref: withOutputs.resolver.only('AWS::SecretsManager::Secret').id },
    });
  });

  test('IAM evaluation: the user can back up to this bucket only', async () => {
    const user = resolver.getAtt(resolver.only('AWS::IAM::User').id, 'Arn');
    const { identity } = policies(resolver);
    const can = permissionsOf(user, identity);
    expect(await can('s3:PutObject', 'arn:aws:s3:::palette-backups/k')).toBe('Allowed');
    expect(await can('s3:PutObject', 'arn:aws:s3:::other/k')).toBe('ImplicitlyDenied');
    expect(await can('s3:DeleteBucket', 'arn:aws:s3:::palette-backups')).toBe('ImplicitlyDenied');
  });

  test('attributes', () => {
    expect(loc.credentialType).toBe('secret');
    expect(loc.roleArn).toBeUndefined();
    expect(loc.role).toBeUndefined();
    expect(stack.resolve(loc.accessKeySecret?.secretArn)).toEqual({ Ref: resolver.only('AWS::SecretsManager::Secret').id });
  });

  test('the access key options are AccessKeyUser\'s, none lost: encryption key and removal policy of the secret', () => {
    const stack2 = newStack();
    const key = new kms.Key(stack2, 'SecretKey');
    const { resolver: r } = location({
      access: PaletteAccess.credentials({ secretEncryptionKey: key, secretRemovalPolicy: RemovalPolicy.RETAIN, secretName: 'palette/key' }),
    }, stack2);
    const secret = r.only('AWS::SecretsManager::Secret');
    expect(secret.resource.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [r.only('AWS::KMS::Key').id, 'Arn'] });
    expect(secret.resource.Properties.Name).toBe('palette/key');
    expect(secret.resource.DeletionPolicy).toBe('Retain');
  });
});

describe('PaletteBackupLocation with a customer-managed KMS key', () => {
  test('the role may use the key through S3 only, in the identity policy and in the key policy', async () => {
    const { resolver } = location({ bucketProps: { bucketName: 'palette-backups', encryption: BackupBucketEncryption.KMS } });
    const { identity, roleArn } = policies(resolver);
    const keyId = resolver.only('AWS::KMS::Key').id;
    const keyArn = resolver.getAtt(keyId, 'Arn');
    expect(identity.Statement[3]).toEqual({
      Sid: 'BackupBucketKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: keyArn,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } },
    });
    const keyPolicy = resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy);
    expect(keyPolicy.Statement).toContainEqual({
      Sid: 'AllowBackupPrincipalThroughS3',
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } },
    });
    const use = (action: string, via: string) => decide({
      principal: roleArn!, action, resource: keyArn, resourceAccount: ACCOUNT, identityPolicies: [identity], resourcePolicy: keyPolicy, context: { 'kms:ViaService': via },
    });
    expect(await use('kms:GenerateDataKey', `s3.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await use('kms:Decrypt', `s3.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await use('kms:Decrypt', `ec2.${REGION}.amazonaws.com`)).toBe('ImplicitlyDenied');
    expect(await use('kms:ScheduleKeyDeletion', `s3.${REGION}.amazonaws.com`)).toBe('ImplicitlyDenied');
  });

  test('with Credentials the key policy names the user, and synthesis has no dependency cycle', () => {
    const { resolver } = location({ access: PaletteAccess.credentials(), bucketProps: { encryption: BackupBucketEncryption.KMS } });
    const keyPolicy = resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy);
    const user = resolver.getAtt(resolver.only('AWS::IAM::User').id, 'Arn');
    expect(keyPolicy.Statement.find((s: any) => s.Sid === 'AllowBackupPrincipalThroughS3').Principal).toEqual({ AWS: user });
  });

  test('an imported key gets the identity side and a warning with the key-policy side to add', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    const bucket = BackupBucket.fromBucketAttributes(stack, 'Existing', { bucketName: 'existing-backups', encryptionKey: key });
    const { resolver } = location({ bucket }, stack);
    expect(policies(resolver).identity.Statement[3].Resource).toBe(key.keyArn);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/The bucket's key is imported.*Stack\/Palette\/Role kms:Decrypt and kms:GenerateDataKey with the condition kms:ViaService/)]);
  });
});

describe('PaletteBackupLocation with an existing bucket', () => {
  test('grants on that bucket, in its region, and creates no bucket', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketAttributes(stack, 'Existing', { bucketName: 'existing-backups', region: 'us-west-2' });
    const { resolver, template, loc } = location({ bucket }, stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    expect(policies(resolver).identity.Statement[2].Resource).toBe('arn:aws:s3:::existing-backups');
    expect(loc.region).toBe('us-west-2');
    expect(loc.backupBucket).toBeUndefined();
  });

  test('a BackupBucket made separately is accepted as the bucket (one bucket, the grants on it, its key)', () => {
    const stack = newStack();
    const backupBucket = new BackupBucket(stack, 'Shared', { bucketName: 'shared-backups', encryption: BackupBucketEncryption.KMS });
    const { resolver, template, loc } = location({ bucket: backupBucket }, stack);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    expect(loc.bucket).toBe(backupBucket.bucket);
    expect(policies(resolver).identity.Statement[2].Resource).toBe('arn:aws:s3:::shared-backups');
    expect(JSON.stringify(policies(resolver).identity)).toContain('kms:GenerateDataKey');
  });

  test('something that is neither a BackupBucket nor an s3.IBucket is refused with the fix', () => {
    const stack = newStack();
    const fake = Object.assign(new Construct(stack, 'Fake'), { bucketName: 'x', bucketArn: 'arn:aws:s3:::x' });
    expect(() => location({ bucket: fake }, stack)).toThrow('Stack/Fake: a backup bucket must be a BackupBucket or an s3.IBucket');
  });

  test('bucketProps with an existing bucket is an error', () => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketName(stack, 'Existing', 'existing-backups');
    expect(() => new PaletteBackupLocation(stack, 'P', { locationName: 'x', access: sts(), bucket, bucketProps: {} })).toThrow(/bucketProps configure a new bucket/);
  });
});

describe('PaletteBackupLocation options', () => {
  test('object tagging and no volume snapshots', () => {
    const { resolver } = location({ objectTagging: true, volumeSnapshots: false });
    const { identity } = policies(resolver);
    expect(identity.Statement.map((s: any) => s.Sid)).toEqual(['VeleroBackupObjects', 'VeleroListBucket']);
    expect(identity.Statement[0].Action).toContain('s3:PutObjectTagging');
  });

  test('S3 URL, path style and certificate appear as wizard fields and outputs', () => {
    const { loc, json } = location({ s3Url: 'https://bucket.vpce-0a1b2c3d.s3.eu-west-1.vpce.amazonaws.com', caCertificatePem: CA, createOutputs: true });
    expect(loc.forcePathStyle).toBe(true);
    expect(loc.caCertificatePem).toBe(CA);
    expect(Object.fromEntries(Object.entries(json.Outputs).map(([id, o]: [string, any]) => [id, o.Description]))).toEqual({
      PaletteLocationName: 'Palette "Location Name" / spectrocloud_backup_storage_location.name',
      PaletteLocationProvider: 'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "aws"',
      PaletteBucketName: 'Palette "S3 Bucket" / spectrocloud_backup_storage_location.bucket_name',
      PaletteRegion: 'Palette "Region" / spectrocloud_backup_storage_location.region',
      PaletteS3Url: 'Palette "Endpoint URL" (older pages: "S3 URL") / spectrocloud_backup_storage_location.s3.s3_url',
      PaletteForcePathStyle: 'Palette "Force S3 path style" / spectrocloud_backup_storage_location.s3.s3_force_path_style',
      PaletteRoleArn: 'Palette "ARN" / spectrocloud_backup_storage_location.s3.arn',
      PaletteExternalId: 'Palette "External ID" / spectrocloud_backup_storage_location.s3.external_id',
    });
    expect(json.Outputs.PaletteForcePathStyle.Value).toBe('true');
    expect(json.Outputs.PaletteS3Url.Value).toBe('https://bucket.vpce-0a1b2c3d.s3.eu-west-1.vpce.amazonaws.com');
    expect(location({ s3Url: 'https://s3.eu-west-1.amazonaws.com', forcePathStyle: false }).loc.forcePathStyle).toBe(false);
  });

  test('warnings a user may accept: plain http, a non-CA certificate, a dotted bucket name without path style', () => {
    const stack = newStack();
    location({ s3Url: 'http://10.0.0.5:9000', caCertificatePem: LEAF }, stack);
    const stack2 = newStack();
    location({ bucketProps: { bucketName: 'palette.backups' } }, stack2);
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining('uses plain http'),
      expect.stringContaining('Certificate: the certificate (CN=minio.example.com) is not a CA certificate'),
      expect.stringContaining('S3 URL "http://10.0.0.5:9000" is not an AWS endpoint'),
    ]);
    expect(warningsOf(stack2)).toEqual([expect.stringContaining('Bucket name "palette.backups" contains dots')]);
  });

  test.each<[string, string, string[]]>([
    ['a host outside AWS', 'https://s3.amazonaws.com.evil.example', [
      'S3 URL "https://s3.amazonaws.com.evil.example" is not an AWS endpoint (a host under amazonaws.com, api.aws, amazonaws.com.cn, '
      + 'api.amazonwebservices.com.cn, c2s.ic.gov, sc2s.sgov.gov, cloud.adc-e.uk, csp.hci.ic.gov, amazonaws.eu): Velero sends the backups, the '
      + 'cluster\'s secrets among them, to that host, whatever the IAM policy allows. Give the bucket\'s S3 endpoint (or its VPC endpoint), or '
      + 'leave s3Url out; for an S3-compatible store use PaletteMinioBackupLocation. [ack: saas-backup-constructs:NonAwsEndpoint]',
    ]],
    ['the instance metadata address', 'https://169.254.169.254', [
      'S3 URL "https://169.254.169.254" is a link-local address (169.254.0.0/16 or fe80::/10), where clouds serve their instance metadata: '
      + 'no S3 endpoint lives there. Use the address of the S3 service. [ack: saas-backup-constructs:LinkLocalEndpoint]',
    ]],
    ['another region\'s endpoint', 'https://s3.us-west-2.amazonaws.com', [
      `S3 URL "https://s3.us-west-2.amazonaws.com" is an endpoint of us-west-2, but the bucket is in ${REGION}: S3 answers a request for another `
      + 'region\'s bucket with a redirect or an error. Give the endpoint of the bucket\'s region. [ack: saas-backup-constructs:EndpointRegionMismatch]',
    ]],
    ['the bucket region\'s endpoint', `https://s3.${REGION}.amazonaws.com`, []],
    ['a FIPS endpoint of the region', `https://s3-fips.${REGION}.amazonaws.com`, []],
    ['a VPC interface endpoint', `https://bucket.vpce-0a1b2c3d4e5f6a7b8-abcdefgh.s3.${REGION}.vpce.amazonaws.com`, []],
  ])('an S3 URL for a bucket on AWS: %s', (_what, s3Url, warnings) => {
    const stack = newStack();
    location({ s3Url }, stack);
    expect(warningsOf(stack)).toEqual(warnings);
  });

  test('an env-agnostic stack keeps the region and partition as tokens', () => {
    const stack = envAgnosticStack();
    const { loc, json } = location({}, stack);
    expect(stack.resolve(loc.region)).toEqual({ Ref: 'AWS::Region' });
    expect(JSON.stringify(json)).toContain('"Ref":"AWS::Partition"');
  });
});

describe('PaletteBackupLocation validation', () => {
  test.each([
    ['Palette account ID', { access: sts({ paletteAccountId: '1111' }) }, 'Invalid AWS account ID "1111" at Stack/Palette (access.paletteAccountId): it must be exactly 12 digits. Use the 12 digits of the account ID, e.g. "123456789012".'],
    ['external ID', { access: sts({ externalId: 'has spaces in it' }) }, 'Invalid external ID "has spaces in it" at Stack/Palette (access.externalId): only letters, digits, underscores and +=,.@:/- are allowed (no spaces).'],
    ['cluster role ARN', { access: sts({ clusterPrincipals: [TrustedPrincipal.role('arn:aws:iam::222222222222:user/bob')] }) }, 'Invalid IAM role ARN "arn:aws:iam::222222222222:user/bob" at Stack/Palette (access.clusterPrincipals[0]): it must name a role'],
    ['cluster account', { access: sts({ clusterPrincipals: [TrustedPrincipal.account('22222222222x')] }) }, 'Invalid AWS account ID "22222222222x" at Stack/Palette (access.clusterPrincipals[0])'],
    ['organization ID', { access: sts({ clusterPrincipals: [TrustedPrincipal.account(CLUSTER_ACCOUNT)], clusterPrincipalsOrganizationId: 'org-1' }) }, 'Invalid AWS Organizations ID "org-1" at Stack/Palette (access.clusterPrincipalsOrganizationId)'],
    ['organization without principals', { access: sts({ clusterPrincipalsOrganizationId: 'o-a1b2c3d4e5' }) }, 'access.clusterPrincipalsOrganizationId limits access.clusterPrincipals, but none are given'],
    ['role name', { access: sts({ roleName: 'palette role' }) }, 'Invalid IAM role name "palette role" at Stack/Palette (access.roleName)'],
    ['user name', { access: PaletteAccess.credentials({ userName: 'palette/user' }) }, 'Invalid IAM user name "palette/user" at Stack/Palette (access.userName)'],
    ['access key serial', { access: PaletteAccess.credentials({ accessKeySerial: -1 }) }, 'access.accessKeySerial must be a whole number >= 0; got -1 (at Stack/Palette)'],
    ['bucket name', { bucketProps: { bucketName: '192.168.1.1' } }, 'Invalid S3 bucket name "192.168.1.1" at Stack/Palette (bucketProps.bucketName): it must not be formatted as an IP address.'],
    ['bucket key without KMS', { bucketProps: { encryption: BackupBucketEncryption.S3_MANAGED, encryptionKey: kms.Key.fromKeyArn(newStack(), 'K', `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`) } }, 'bucketProps.encryptionKey is given but bucketProps.encryption is S3_MANAGED'],
    ['region', { region: 'eu-west' }, 'Invalid AWS region "eu-west" at Stack/Palette (region): it is not a region code.'],
    ['S3 URL', { s3Url: 'minio.local:9000' }, 'Invalid S3 URL "minio.local:9000" at Stack/Palette (s3Url): its scheme must be http or https.'],
    ['certificate', { caCertificatePem: 'hello' }, 'Invalid CA certificate (PEM text, 5 characters, 0 blocks) at Stack/Palette (caCertificatePem): it has no "-----BEGIN CERTIFICATE-----" block.'],
    ['policy name', { policyName: 'a b' }, 'Invalid IAM policy name "a b" at Stack/Palette (policyName)'],
    ['location name', { locationName: ' ' }, 'Invalid Palette location name " " at Stack/Palette (locationName): it is blank; it has leading or trailing white space.'],
    ['output prefix', { outputPrefix: 'palette-prod' }, 'Invalid output prefix "palette-prod" at Stack/Palette (outputPrefix): it must be letters and digits, starting with a letter.'],
    ['trust policy quota', { access: sts({ maxTrustPolicySize: 9000 }) }, 'access.maxTrustPolicySize must be a whole number of characters up to IAM\'s maximum of 8192; got 9000'],
  ])('%s', (_what, props, message) => {
    expect(() => location(props as Partial<PaletteBackupLocationProps>)).toThrow(message);
  });

  test('six bad values across the children (account ID, external ID, bucket name, S3 URL, region, role name) come in ONE error, under the names the user wrote', () => {
    const stack = newStack();
    let error: InputValidationError | undefined;
    try {
      new PaletteBackupLocation(stack, 'Palette', {
        locationName: 'prod-backups',
        access: sts({ paletteAccountId: '1111', externalId: 'has spaces', roleName: 'palette role' }),
        bucketProps: { bucketName: 'Palette_Backups' },
        s3Url: 'ftp://x',
        region: 'nowhere',
        policyName: 'a b',
      });
    } catch (e) {
      error = e as InputValidationError;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error?.problems.map((p) => p.replace(/: .*/s, ''))).toEqual([
      'Invalid AWS region "nowhere" at Stack/Palette (region)',
      'Invalid S3 URL "ftp://x" at Stack/Palette (s3Url)',
      'Invalid S3 bucket name "Palette_Backups" at Stack/Palette (bucketProps.bucketName)',
      'Invalid IAM policy name "a b" at Stack/Palette (policyName)',
      'Invalid external ID "has spaces" at Stack/Palette (access.externalId)',
      'Invalid IAM role name "palette role" at Stack/Palette (access.roleName)',
      'Invalid AWS account ID "1111" at Stack/Palette (access.paletteAccountId)',
    ]);
    expect(error?.message).toMatch(/^7 problems:\n- /);
    expect(error?.message).not.toMatch(/\(vendor\)|managedPolicyName|Stack\/Palette\/(Role|Bucket|Policy)/);
    // Nothing was created before the error.
    expect(stack.node.tryFindChild('Palette')?.node.children ?? []).toEqual([]);
  });

  test('unresolved tokens are not validated eagerly', () => {
    const stack = newStack();
    const param = (name: string) => new CfnParameter(stack, name).valueAsString;
    const loc = new PaletteBackupLocation(stack, 'Palette', {
      locationName: param('LocationName'),
      access: sts({ paletteAccountId: param('PaletteAccount'), externalId: param('ExternalId'), clusterPrincipals: [TrustedPrincipal.role(param('ClusterRole'))] }),
      region: param('Region'),
      s3Url: param('Url'),
      caCertificatePem: param('Pem'),
      bucketProps: { bucketName: param('Bucket') },
      createOutputs: true,
    });
    expect(stack.resolve(loc.locationName)).toEqual({ Ref: 'LocationName' });
    const outputs = synth(stack).json.Outputs;
    expect(outputs.PaletteLocationName.Value).toEqual({ Ref: 'LocationName' });
    expect(outputs.PaletteRegion.Value).toEqual({ Ref: 'Region' });
    expect(outputs.PaletteS3Url.Value).toEqual({ Ref: 'Url' });
    expect(outputs.PaletteExternalId.Value).toEqual({ Ref: 'ExternalId' });
  });

  test('locationName defaults to the bucket\'s name', () => {
    const { loc, stack, resolver } = location({ locationName: undefined });
    expect(stack.resolve(loc.locationName)).toEqual({ Ref: resolver.logicalIds('AWS::S3::Bucket')[0] });
  });

  test('two locations of one stack need their own output prefixes', () => {
    const stack = newStack();
    new PaletteBackupLocation(stack, 'A', { access: sts(), createOutputs: true });
    expect(() => new PaletteBackupLocation(stack, 'B', { access: sts(), createOutputs: true })).toThrow(
      'outputPrefix "Palette" is already used by another Palette location\'s outputs in this stack; give each location its own outputPrefix (e.g. "PaletteProd") (at Stack/B)',
    );
    new PaletteBackupLocation(stack, 'C', { access: sts(), createOutputs: true, outputPrefix: 'PaletteDr' });
    new PaletteBackupLocation(stack, 'D', { access: sts() });
    expect(Object.keys(synth(stack).json.Outputs)).toEqual(expect.arrayContaining(['PaletteBucketName', 'PaletteDrBucketName']));
  });
});

describe('PaletteBackupLocation under the feature flags of a new CDK project (cdk.json)', () => {
  test('the policies are the same as without them', () => {
    const build = (stack: Stack) => {
      new PaletteBackupLocation(stack, 'Palette', {
        locationName: 'prod-backups',
        access: sts({ clusterPrincipals: [TrustedPrincipal.account(CLUSTER_ACCOUNT), TrustedPrincipal.role(`arn:aws:iam::${CLUSTER_ACCOUNT}:role/r`)] }),
        bucketProps: { bucketName: 'palette-backups', encryption: BackupBucketEncryption.KMS },
      });
      const { resolver } = synth(stack);
      return { ...policies(resolver), key: resolver.resolve(resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy) };
    };
    const flagged = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Stack', { env: { account: ACCOUNT, region: REGION } });
    expect(CDK_JSON_CONTEXT['@aws-cdk/aws-iam:minimizePolicies']).toBe(true);
    expect(build(flagged)).toEqual(build(newStack()));
  });
});

describe('PaletteBackupLocation: JavaScript callers (issue 19, class 7)', () => {
  const ACCESS = 'PaletteAccess.sts({ paletteAccountId, externalId }) or PaletteAccess.credentials()';
  const PRINCIPAL = 'a TrustedPrincipal (TrustedPrincipal.account("123456789012"), role(ARN), user(ARN), accounts([...]), organization(ID), '
    + 'organizationalUnits([...]) or eksServiceAccount({...}))';
  test.each<[string, any, string]>([
    ['no props', undefined, `props are required: give access (${ACCESS}) (at Stack/Palette)`],
    ['no access', {}, `access is required; ${ACCESS} (at Stack/Palette)`],
    ['access as a string', { access: 'sts' }, `access is a string, not a PaletteAccess: use ${ACCESS} (at Stack/Palette)`],
    ['access as the options object', { access: { paletteAccountId: PALETTE_ACCOUNT, externalId: EXTERNAL_ID } },
      `access is an object, not a PaletteAccess: use ${ACCESS} (at Stack/Palette)`],
    ['sts() without options', { access: PaletteAccess.sts(undefined as any) },
      'access is required; PaletteAccess.sts() needs its options: { paletteAccountId, externalId } (at Stack/Palette)'],
    ['sts() without paletteAccountId', { access: PaletteAccess.sts({ externalId: EXTERNAL_ID } as any) },
      'access.paletteAccountId is required; Palette\'s AWS account ID, as the wizard shows it (at Stack/Palette)'],
    ['sts() without externalId', { access: PaletteAccess.sts({ paletteAccountId: PALETTE_ACCOUNT } as any) },
      'access.externalId is required; the external ID Palette generated, as the wizard shows it (at Stack/Palette)'],
    ['paletteAccountId as a number', { access: PaletteAccess.sts({ paletteAccountId: 111111111111, externalId: EXTERNAL_ID } as any) },
      'access.paletteAccountId must be a string, not a number (at Stack/Palette)'],
    ['null in clusterPrincipals', { access: sts({ clusterPrincipals: [null as any] }) }, `access.clusterPrincipals[0] is required; ${PRINCIPAL} (at Stack/Palette)`],
    ['undefined in clusterPrincipals', { access: sts({ clusterPrincipals: [TrustedPrincipal.account(CLUSTER_ACCOUNT), undefined as any] }) },
      `access.clusterPrincipals[1] is required; ${PRINCIPAL} (at Stack/Palette)`],
    ['an account ID string in clusterPrincipals', { access: sts({ clusterPrincipals: [CLUSTER_ACCOUNT as any] }) },
      `access.clusterPrincipals[0] is a string, not ${PRINCIPAL} (at Stack/Palette)`],
    ['clusterPrincipals not a list', { access: sts({ clusterPrincipals: TrustedPrincipal.account(CLUSTER_ACCOUNT) as any }) },
      'access.clusterPrincipals must be a list of TrustedPrincipal, not an object (TrustedPrincipal) (at Stack/Palette)'],
    ['userName as a number', { access: PaletteAccess.credentials({ userName: 7 as any }) }, 'access.userName must be a string, not a number (at Stack/Palette)'],
    ['locationName as a number', { access: sts(), locationName: 5 }, 'locationName must be a string, not a number (at Stack/Palette)'],
    ['forcePathStyle as a string', { access: sts(), forcePathStyle: 'true' }, 'forcePathStyle must be a boolean (true or false), not a string (a string such as "false" would read as true) (at Stack/Palette)'],
    ['bucket as a name', { access: sts(), bucket: 'palette-backups' },
      'bucket is a string, not a bucket: a BackupBucket, or an s3.IBucket such as BackupBucket.fromBucketName(scope, id, name) (at Stack/Palette)'],
    ['bucketProps as a name', { access: sts(), bucketProps: 'palette-backups' }, 'bucketProps is a string, not BackupBucketProps (an object) (at Stack/Palette)'],
    ['null in bucketProps.lifecycleRules', { access: sts(), bucketProps: { lifecycleRules: [null] } },
      'bucketProps.lifecycleRules[0] is required; an s3.LifecycleRule (at Stack/Palette)'],
    ['bucketProps.encryption as a string', { access: sts(), bucketProps: { encryption: 'kms' } },
      'bucketProps.encryption is a string, not a BackupBucketEncryption (S3_MANAGED or KMS) (at Stack/Palette)'],
  ])('%s: an error naming the prop, never a TypeError', (_what, props, message) => {
    let thrown: Error | undefined;
    try {
      new PaletteBackupLocation(newStack(), 'Palette', props);
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.name).toBe('InputValidationError');
    expect(thrown?.message).toBe(message);
  });
});

describe('PaletteBackupLocation: IAM names given twice (issue 19, class 9)', () => {
  const clash = (kind: string, prop: string, name: string) => `${prop} "${name}" is the ${kind} name of Stack/First too: IAM ${kind} names are unique `
    + `in an account (without regard to case), so the second ${kind} would fail to deploy; give each its own ${prop}, or leave it out (CloudFormation `
    + 'then generates a unique name) (at Stack/Second)';
  test.each<[string, Partial<PaletteBackupLocationProps>, Partial<PaletteBackupLocationProps>, string | undefined]>([
    ['the same role name', { access: sts({ roleName: 'palette-backups' }) }, { access: sts({ roleName: 'palette-backups' }) }, clash('role', 'access.roleName', 'palette-backups')],
    ['role names that differ in case only', { access: sts({ roleName: 'palette-backups' }) }, { access: sts({ roleName: 'Palette-Backups' }) },
      clash('role', 'access.roleName', 'Palette-Backups')],
    ['the same policy name', { access: sts(), policyName: 'velero' }, { access: sts(), policyName: 'velero' }, clash('policy', 'policyName', 'velero')],
    ['the same user name', { access: PaletteAccess.credentials({ userName: 'velero' }) }, { access: PaletteAccess.credentials({ userName: 'velero' }) },
      clash('user', 'access.userName', 'velero')],
    ['the same group name', { access: PaletteAccess.credentials({ groupName: 'velero' }) }, { access: PaletteAccess.credentials({ groupName: 'velero' }) },
      clash('group', 'access.groupName', 'velero')],
    ['different role names', { access: sts({ roleName: 'palette-a' }) }, { access: sts({ roleName: 'palette-b' }) }, undefined],
    ['a role and a user of one name (other kinds)', { access: sts({ roleName: 'velero' }) }, { access: PaletteAccess.credentials({ userName: 'velero' }) }, undefined],
    ['generated names', { access: sts() }, { access: sts() }, undefined],
  ])('%s', (_what, first, second, message) => {
    const stack = newStack();
    const make = (id: string, props: Partial<PaletteBackupLocationProps>) => new PaletteBackupLocation(stack, id, {
      locationName: id.toLowerCase(), bucketProps: { bucketName: `palette-${id.toLowerCase()}` }, ...props,
    } as PaletteBackupLocationProps);
    make('First', first);
    if (message === undefined) expect(() => make('Second', second)).not.toThrow();
    else expect(() => make('Second', second)).toThrow(message);
  });

  test('the same role name in two stacks of one account is an error; in two accounts it is not', () => {
    const app = new App();
    const env = { account: ACCOUNT, region: REGION };
    const a = new Stack(app, 'A', { env });
    new PaletteBackupLocation(a, 'Palette', { access: sts({ roleName: 'palette' }) });
    expect(() => new PaletteBackupLocation(new Stack(app, 'B', { env }), 'Palette', { access: sts({ roleName: 'palette' }) })).toThrow(
      /^access.roleName "palette" is the role name of A\/Palette too/,
    );
    expect(() => new PaletteBackupLocation(new Stack(app, 'C', { env: { ...env, account: '210987654321' } }), 'Palette', { access: sts({ roleName: 'palette' }) }))
      .not.toThrow();
  });
});

describe('PaletteBackupLocation validates its props once (issue 22.2)', () => {
  afterEach(() => jest.restoreAllMocks());

  test('each child\'s check runs once, in the location, under the user\'s names; the children do not check again', () => {
    const role = jest.spyOn(ExternalIdRole, '_checkProps');
    const policy = jest.spyOn(PaletteBackupPolicy, '_checkProps');
    const bucket = jest.spyOn(BackupBucket, '_checkProps');
    location({ access: sts({ roleName: 'palette' }), volumeEncryptionKeys: undefined });
    expect([role.mock.calls.length, policy.mock.calls.length, bucket.mock.calls.length]).toEqual([1, 1, 1]);
    expect(role.mock.calls[0][2]).toMatchObject({ vendor: 'access.paletteAccountId', roleName: 'access.roleName' });
  });

  test('credentials: AccessKeyUser\'s options are checked once', () => {
    const user = jest.spyOn(AccessKeyUser, '_checkOptions');
    location({ access: PaletteAccess.credentials({ userName: 'velero' }) });
    expect(user.mock.calls.length).toBe(1);
    expect(user.mock.calls[0][2]).toBe('access.');
  });

  test('used alone, each child checks its own props once', () => {
    const role = jest.spyOn(ExternalIdRole, '_checkProps');
    new ExternalIdRole(newStack(), 'Role', { vendor: TrustedPrincipal.account(PALETTE_ACCOUNT), externalId: EXTERNAL_ID });
    expect(role.mock.calls.length).toBe(1);
  });

  test('the role\'s warnings name the props as the user wrote them (names passed as an argument, not module state)', () => {
    const stack = newStack();
    location({ access: sts({ clusterPrincipals: [TrustedPrincipal.account(ACCOUNT)] }) }, stack);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^access\.clusterPrincipals\[0\] is 123456789012, the account of the role and its bucket/)]);
  });

  test('no module-level WeakMap or Map in the files of this part of the library (state lives on the construct tree)', () => {
    const files = ['external-id-role.ts', 'backup-bucket.ts', 'access-key-user.ts', 'private/common.ts', 'private/resource-limit.ts', 'private/bucket-choice.ts',
      'palette/backup-location.ts', 'palette/backup-policy.ts', 'neon/postgres-backup.ts'];
    for (const file of files) {
      const source = readFileSync(join(__dirname, '..', '..', '..', '..', 'src', 'constructs', 'aws', file), 'utf8');
      expect([file, source.match(/^(const|let|var) \w+ = new (Weak)?(Map|Set)\b/m)?.[0]]).toEqual([file, undefined]);
    }
  });
});
