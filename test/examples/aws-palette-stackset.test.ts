import { readFileSync } from 'fs';
import { join } from 'path';
import { Stage, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Testing } from 'cdktf';
import { PALETTE_STACKSET_EXAMPLE, PaletteStackSetStack } from '../../examples/aws/palette-stackset';
import { PaletteAwsStackSetRegistrationStack } from '../../examples/terraform/aws-palette-stackset-registration';
import { PaletteStackSetBackupLocation } from '../../src';
import { TemplateResolver } from '../support/cfn';
import { allow, decide } from '../support/iam';
import { acknowledgements, exampleApp, expectAwsSolutionsClean, NagViolation } from '../support/nag';
import { warningsOf } from '../support/stack';

const palette = { paletteAccountId: '000000000000', externalId: 'example-external-id-from-palette' };
const ACCOUNT = '444455556666';
const REGION = 'eu-west-1';

/** cdk-nag's AwsSolutions over the StackSet's template, which is synthesized in an app of its own. */
function templateViolations(rollout: PaletteStackSetBackupLocation): NagViolation[] {
  const stage = Stage.of(rollout.templateStack)!;
  Validations.of(stage).addPlugins(new AwsSolutionsChecks(stage));
  try {
    void rollout.templateBody;
    return [];
  } catch (e) {
    const report = JSON.parse(readFileSync(join(stage.outdir, 'validation-report.json'), 'utf8'));
    const violations: NagViolation[] = report.pluginReports.flatMap((p: any) => p.violations.flatMap((v: any) =>
      v.violatingConstructs.map((c: any) => ({ rule: v.ruleName, path: c.constructPath, description: v.description }))));
    if (violations.length === 0) throw e;
    return violations;
  }
}

describe('example stack PaletteStackSet', () => {
  test('cdk-nag AwsSolutions over the administrator stack: no unacknowledged finding', () => {
    const app = exampleApp();
    expectAwsSolutionsClean(app, new PaletteStackSetStack(app, 'PaletteStackSet', palette));
  });

  test('no warning: the StackSet\'s checks (partitions, clashes, regions, names) find nothing in the example', () => {
    const stack = new PaletteStackSetStack(exampleApp(), 'PaletteStackSet', palette);
    void stack.rollout.templateBody;
    expect(warningsOf(stack)).toEqual([]);
  });

  test('cdk-nag AwsSolutions over the StackSet\'s template: no unacknowledged finding, every acknowledgement with its reason', () => {
    const stack = new PaletteStackSetStack(exampleApp(), 'PaletteStackSet', palette);
    expect(templateViolations(stack.rollout)).toEqual([]);
    const acks = acknowledgements(stack.rollout.templateStack);
    expect([...new Set(acks.map((a) => a.id))].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<BackupLocationBucket265EE876.Arn>/*]',
      'AwsSolutions-S1',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(40);
  });

  describe('what it deploys', () => {
    const stack = new PaletteStackSetStack(exampleApp(), 'PaletteStackSet', palette);
    const template = Template.fromStack(stack);
    const stackSet = Object.values(template.findResources('AWS::CloudFormation::StackSet'))[0] as any;
    const inner = JSON.parse(stackSet.Properties.TemplateBody);
    const resolver = new TemplateResolver(inner, { account: ACCOUNT, region: REGION, partition: 'aws' });
    const bucketId = resolver.only('AWS::S3::Bucket').id;
    const bucket = resolver.only('AWS::S3::Bucket').resource;
    const bucketArn = resolver.getAtt(bucketId, 'Arn');
    const roleArn = resolver.getAtt(resolver.only('AWS::IAM::Role').id, 'Arn');
    const trust = resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument);
    const identity = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
    const bucketPolicy = resolver.resolve(resolver.only('AWS::S3::BucketPolicy').resource.Properties.PolicyDocument);

    test('a service-managed StackSet to two OUs and two regions, with automatic deployment and retained stacks', () => {
      expect(stackSet.Properties).toMatchObject({
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
        StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'] }, Regions: ['us-east-1', 'eu-west-1'] }],
        OperationPreferences: { MaxConcurrentCount: 3, FailureToleranceCount: 2, RegionConcurrencyType: 'SEQUENTIAL' },
      });
    });

    test('every bucket default, by name, in each account\'s bucket', () => {
      expect(bucket.Properties.BucketName).toBeDefined();
      expect(resolver.ref(bucketId)).toEqual(`acme-palette-backups-${ACCOUNT}-${REGION}`);
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect([bucket.DeletionPolicy, bucket.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
        { Id: 'AbortIncompleteMultipartUploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' },
        { Id: 'ExpireNoncurrentVersions', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true, Status: 'Enabled' },
      ]);
    });

    test('IAM evaluation: the bucket policy denies requests without TLS and with TLS below 1.2', async () => {
      const get = (context: Record<string, string>) => decide({
        principal: roleArn,
        action: 's3:GetObject',
        resource: `${bucketArn}/backups/b1/velero-backup.json`,
        resourceAccount: ACCOUNT,
        context,
        identityPolicies: [identity],
        resourcePolicy: bucketPolicy,
      });
      expect(await get({ 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.2' })).toBe('Allowed');
      expect(await get({ 'aws:SecureTransport': 'false', 's3:TlsVersion': '1.2' })).toBe('ExplicitlyDenied');
      expect(await get({ 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.1' })).toBe('ExplicitlyDenied');
    });

    test('IAM evaluation: Palette assumes each account\'s role only with the external ID', async () => {
      const assume = (principal: string, context: Record<string, string>) => decide({
        principal,
        action: 'sts:AssumeRole',
        resource: roleArn,
        resourceAccount: ACCOUNT,
        context,
        identityPolicies: [allow('sts:AssumeRole')],
        resourcePolicy: trust,
      });
      expect(roleArn).toEqual(`arn:aws:iam::${ACCOUNT}:role/palette-backup-${REGION}`);
      expect(await assume('arn:aws:iam::000000000000:role/palette', { 'sts:ExternalId': palette.externalId })).toBe('Allowed');
      expect(await assume('arn:aws:iam::000000000000:role/palette', { 'sts:ExternalId': 'someone-else' })).toBe('ImplicitlyDenied');
      expect(await assume('arn:aws:iam::000000000000:role/palette', {})).toBe('ImplicitlyDenied');
      expect(await assume('arn:aws:iam::999999999999:role/palette', { 'sts:ExternalId': palette.externalId })).toBe('ImplicitlyDenied');
    });

    test('IAM evaluation: the role reaches its own bucket only, not another account\'s or region\'s location', async () => {
      const can = (action: string, resource: string) =>
        decide({ principal: roleArn, action, resource, resourceAccount: ACCOUNT, identityPolicies: [identity] });
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']) {
        expect(await can(action, `${bucketArn}/backups/b1/velero-backup.json`)).toBe('Allowed');
      }
      expect(await can('s3:ListBucket', bucketArn)).toBe('Allowed');
      expect(await can('ec2:CreateSnapshot', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0123456789abcdef0`)).toBe('Allowed');
      expect(await can('s3:GetObject', `arn:aws:s3:::acme-palette-backups-111122223333-${REGION}/k`)).toBe('ImplicitlyDenied');
      expect(await can('s3:GetObject', `arn:aws:s3:::acme-palette-backups-${ACCOUNT}-us-east-1/k`)).toBe('ImplicitlyDenied');
      expect(await can('s3:PutBucketPolicy', bucketArn)).toBe('ImplicitlyDenied');
      expect(await can('s3:DeleteBucket', bucketArn)).toBe('ImplicitlyDenied');
    });
  });
});

describe('example stack palette-aws-stackset-registration (Terraform)', () => {
  const tf = JSON.parse(Testing.synth(new PaletteAwsStackSetRegistrationStack(Testing.app(), 'palette-aws-stackset-registration', {
    externalId: palette.externalId,
    accounts: PALETTE_STACKSET_EXAMPLE.clusterAccounts,
  })));
  const locations = Object.values(tf.resource.spectrocloud_backup_storage_location) as any[];

  test('requires Spectro Cloud\'s provider and registers every account in every region of the StackSet', () => {
    expect(tf.terraform.required_providers.spectrocloud).toEqual({ source: 'spectrocloud/spectrocloud' });
    expect(locations.map((l) => [l.bucket_name, l.region])).toEqual(PALETTE_STACKSET_EXAMPLE.clusterAccounts.flatMap((account) =>
      PALETTE_STACKSET_EXAMPLE.regions.map((region) => [`acme-palette-backups-${account}-${region}`, region])));
  });

  test('each registration is what the StackSet\'s template creates in that account and region', () => {
    const rollout = new PaletteStackSetStack(exampleApp(), 'PaletteStackSet', palette).rollout;
    const inner = JSON.parse(rollout.templateBody);
    for (const location of locations) {
      const account = /-(\d{12})-/.exec(location.bucket_name)![1];
      const resolver = new TemplateResolver(inner, { account, region: location.region, partition: 'aws' });
      expect(location).toEqual({
        name: resolver.resolve(inner.Outputs.PaletteLocationName.Value),
        storage_provider: 'aws',
        context: 'project',
        is_default: false,
        bucket_name: resolver.ref(resolver.only('AWS::S3::Bucket').id),
        region: location.region,
        s3: {
          credential_type: 'sts',
          arn: resolver.getAtt(resolver.only('AWS::IAM::Role').id, 'Arn'),
          external_id: palette.externalId,
          s3_force_path_style: false,
        },
      });
    }
  });
});
