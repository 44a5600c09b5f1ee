import { Annotations as CoreAnnotations, App, Aws, BootstraplessSynthesizer, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import {
  BackupBucketEncryption,
  PaletteAccess,
  PaletteBackupLocation,
  PaletteLocationContext,
  PaletteStackSetBackupLocation,
  PaletteStackSetBackupLocationProps,
  StackSetAccountFilter,
  StackSetCallAs,
  StackSetConcurrency,
  StackSetConcurrencyMode,
  StackSetFailureTolerance,
  StackSetRegionConcurrency,
} from '../../../../src';
import { InputValidationError } from '../../../../src/policies/validation';
import { TemplateResolver } from '../../../support/cfn';
import { CDK_JSON_CONTEXT } from '../../../support/nag';
import { newStack } from '../../../support/stack';

const PALETTE_ACCOUNT = '111111111111';
const EXTERNAL_ID = 'palette-7c0f2a9e-2b5e-4a1b';
const OUS = ['ou-ab12-cdef3456', 'ou-ab12-ghij7890'];
const REGIONS = ['us-east-1', 'eu-west-1'];

const base: PaletteStackSetBackupLocationProps = {
  stackSetName: 'palette-backups',
  paletteAccountId: PALETTE_ACCOUNT,
  externalId: EXTERNAL_ID,
  organizationalUnitIds: OUS,
  regions: REGIONS,
  bucketNamePrefix: 'acme-palette',
};

function stackSet(props: Partial<PaletteStackSetBackupLocationProps> = {}, stack: Stack = newStack()) {
  const location = new PaletteStackSetBackupLocation(stack, 'Backups', { ...base, ...props });
  return { stack, location };
}

function synthesized(props: Partial<PaletteStackSetBackupLocationProps> = {}) {
  const { stack, location } = stackSet(props);
  const template = Template.fromStack(stack);
  const resource = Object.values(template.findResources('AWS::CloudFormation::StackSet'))[0] as any;
  return { stack, location, template, properties: resource.Properties, inner: JSON.parse(resource.Properties.TemplateBody) };
}

function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (e) {
    if (e instanceof InputValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected an InputValidationError');
}

describe('PaletteStackSetBackupLocation: the StackSet', () => {
  const { properties, inner, location, template } = synthesized();

  test('service-managed, to the OUs and regions, deploying to accounts added later and keeping the stacks of accounts that leave', () => {
    expect(properties.PermissionModel).toEqual('SERVICE_MANAGED');
    expect(properties.AutoDeployment).toEqual({ Enabled: true, RetainStacksOnAccountRemoval: true });
    expect(properties.StackInstancesGroup).toEqual([{ DeploymentTargets: { OrganizationalUnitIds: OUS }, Regions: REGIONS }]);
    expect(properties.StackSetName).toEqual('palette-backups');
  });

  test('retained by default: deleting a StackSet deletes every stack instance and the roles Palette uses', () => {
    expect(template.findResources('AWS::CloudFormation::StackSet')).toEqual({
      [Object.keys(template.findResources('AWS::CloudFormation::StackSet'))[0]]: expect.objectContaining({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }),
    });
    const destroy = synthesized({ removalPolicy: RemovalPolicy.DESTROY }).template.findResources('AWS::CloudFormation::StackSet');
    expect(Object.values(destroy)[0]).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test('managed from the management account by default; named IAM acknowledged (the role has a fixed name)', () => {
    expect(properties.CallAs).toEqual('SELF');
    expect(properties.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
  });

  test('operation preferences by default: one account at a time, no failure tolerated, one region after the other in the given order', () => {
    expect(properties.OperationPreferences).toEqual({
      MaxConcurrentCount: 1,
      FailureToleranceCount: 0,
      ConcurrencyMode: 'STRICT_FAILURE_TOLERANCE',
      RegionConcurrencyType: 'SEQUENTIAL',
      RegionOrder: REGIONS,
    });
  });

  test('the template is inline (TemplateBody), well under 51,200 bytes, and is templateBody', () => {
    expect(properties.TemplateURL).toBeUndefined();
    expect(properties.TemplateBody).toEqual(location.templateBody);
    expect(Buffer.byteLength(properties.TemplateBody, 'utf8')).toBeLessThan(10_000);
  });

  test('the template is self-contained: no parameters, no bootstrap version rule, no CDK metadata, nothing of the bootstrap', () => {
    expect(inner.Parameters).toBeUndefined();
    expect(inner.Rules).toBeUndefined();
    expect(Object.values(inner.Resources).map((r: any) => r.Type).sort()).toEqual([
      'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy',
    ]);
    expect(properties.TemplateBody).not.toMatch(/cdk-bootstrap|hnb659fds|aws:cdk:path|CDKMetadata/);
  });

  test('the template is exactly the PaletteBackupLocation one account would deploy with the same names (not a fork)', () => {
    const single = new Stack(new App({ context: CDK_JSON_CONTEXT, analyticsReporting: false }), 'Single', {
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      description: 'Spectro Cloud Palette backup location, deployed by the StackSet palette-backups',
    });
    new PaletteBackupLocation(single, 'BackupLocation', {
      locationName: `acme-palette-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
      access: PaletteAccess.sts({ paletteAccountId: PALETTE_ACCOUNT, externalId: EXTERNAL_ID, roleName: `palette-backup-${Aws.REGION}` }),
      bucketProps: { bucketName: `acme-palette-${Aws.ACCOUNT_ID}-${Aws.REGION}` },
      createOutputs: true,
    });
    const withContext = synthesizedIn(new App({ context: CDK_JSON_CONTEXT }));
    expect(withContext).toEqual(Template.fromStack(single).toJSON());
  });

  test('names are deterministic in every account and region: bucket <prefix>-<account>-<region>, role <prefix>-<region>', () => {
    for (const [account, region] of [['222233334444', 'us-east-1'], ['555566667777', 'eu-west-1']]) {
      const resolver = new TemplateResolver(inner, { account, region, partition: 'aws' });
      expect(resolver.ref(resolver.only('AWS::S3::Bucket').id)).toEqual(`acme-palette-${account}-${region}`);
      expect(resolver.getAtt(resolver.only('AWS::IAM::Role').id, 'Arn')).toEqual(`arn:aws:iam::${account}:role/palette-backup-${region}`);
    }
  });

  test('toSpectroCloudTerraform gives, for each account and region, what the template creates there (its outputs, resolved)', () => {
    const targets = [{ account: '222233334444', region: 'us-east-1' }, { account: '555566667777', region: 'eu-west-1' }];
    const args = location.toSpectroCloudTerraform(targets);
    targets.forEach(({ account, region }, i) => {
      const resolver = new TemplateResolver(inner, { account, region, partition: 'aws' });
      const output = (name: string) => resolver.resolve(inner.Outputs[`Palette${name}`].Value);
      expect(args[i]).toEqual({
        name: output('LocationName'),
        storageProvider: 'aws',
        context: 'project',
        isDefault: false,
        bucketName: output('BucketName'),
        region: output('Region'),
        s3: { credentialType: 'sts', arn: output('RoleArn'), externalId: output('ExternalId'), s3ForcePathStyle: output('ForcePathStyle') === 'true' },
      });
    });
    expect(args[0].bucketName).toEqual('acme-palette-222233334444-us-east-1');
  });

  test('toSpectroCloudTerraformJson: the same with the provider\'s exact snake_case names', () => {
    expect(location.toSpectroCloudTerraformJson([{ account: '222233334444', region: 'us-east-1' }])).toEqual([{
      name: 'acme-palette-222233334444-us-east-1',
      storage_provider: 'aws',
      context: 'project',
      is_default: false,
      bucket_name: 'acme-palette-222233334444-us-east-1',
      region: 'us-east-1',
      s3: {
        credential_type: 'sts',
        arn: 'arn:aws:iam::222233334444:role/palette-backup-us-east-1',
        external_id: EXTERNAL_ID,
        s3_force_path_style: false,
      },
    }]);
  });

  test('the static spectroCloudTerraform gives the same arguments from the naming alone', () => {
    const targets = [{ account: '222233334444', region: 'eu-west-1' }];
    expect(PaletteStackSetBackupLocation.spectroCloudTerraform({ bucketNamePrefix: 'acme-palette', externalId: EXTERNAL_ID, targets }))
      .toEqual(location.toSpectroCloudTerraform(targets));
    expect(PaletteStackSetBackupLocation.spectroCloudTerraformJson({ bucketNamePrefix: 'acme-palette', externalId: EXTERNAL_ID, targets }))
      .toEqual(location.toSpectroCloudTerraformJson(targets));
    const govTargets = [{ account: '222233334444', region: 'us-gov-west-1' }];
    expect(PaletteStackSetBackupLocation.spectroCloudTerraform({
      bucketNamePrefix: 'acme-palette', externalId: EXTERNAL_ID, targets: govTargets, isDefault: true, context: PaletteLocationContext.TENANT, partition: 'aws-us-gov',
    })[0]).toMatchObject({ isDefault: true, context: 'tenant', s3: { arn: 'arn:aws-us-gov:iam::222233334444:role/palette-backup-us-gov-west-1' } });
    // Without partition, the regions' partition: the same ARN.
    expect(PaletteStackSetBackupLocation.spectroCloudTerraform({ bucketNamePrefix: 'acme-palette', externalId: EXTERNAL_ID, targets: govTargets })[0].s3?.arn)
      .toEqual('arn:aws-us-gov:iam::222233334444:role/palette-backup-us-gov-west-1');
  });
});

/** The template of the base StackSet in `app`. */
function synthesizedIn(app: App): unknown {
  const { location } = stackSet({}, new Stack(app, 'Admin'));
  return JSON.parse(location.templateBody);
}

describe('PaletteStackSetBackupLocation: options', () => {
  test('operation preferences as given: percentages, soft failure tolerance, regions in parallel and in another order', () => {
    const { properties } = synthesized({
      operationPreferences: {
        maxConcurrency: StackSetConcurrency.percentage(25),
        failureTolerance: StackSetFailureTolerance.percentage(10),
        concurrencyMode: StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE,
        regionConcurrency: StackSetRegionConcurrency.PARALLEL,
        regionOrder: ['eu-west-1', 'us-east-1'],
      },
    });
    expect(properties.OperationPreferences).toEqual({
      MaxConcurrentPercentage: 25,
      FailureTolerancePercentage: 10,
      ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
      RegionConcurrencyType: 'PARALLEL',
      RegionOrder: ['eu-west-1', 'us-east-1'],
    });
  });

  test('counts: maxConcurrency and failureTolerance in accounts', () => {
    const { properties } = synthesized({
      operationPreferences: { maxConcurrency: StackSetConcurrency.accounts(5), failureTolerance: StackSetFailureTolerance.accounts(4) },
    });
    expect(properties.OperationPreferences).toMatchObject({ MaxConcurrentCount: 5, FailureToleranceCount: 4 });
  });

  test('with STRICT_FAILURE_TOLERANCE, a concurrency above failure tolerance + 1 warns that CloudFormation lowers it', () => {
    const { stack } = stackSet({ operationPreferences: { maxConcurrency: StackSetConcurrency.accounts(10) } });
    Annotations.fromStack(stack).hasWarning('/Stack/Backups', Match.stringLikeRegexp(
      '^maxConcurrency is 10 accounts but failureTolerance is 0: with STRICT_FAILURE_TOLERANCE CloudFormation deploys at most 1 at a time\\. '
      + 'Raise failureTolerance, or set concurrencyMode: SOFT_FAILURE_TOLERANCE\\.',
    ));
    const soft = stackSet({
      operationPreferences: { maxConcurrency: StackSetConcurrency.accounts(10), concurrencyMode: StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE },
    });
    Annotations.fromStack(soft.stack).hasNoWarning('/Stack/Backups', Match.anyValue());
  });

  test('CallAs DELEGATED_ADMIN, for a delegated administrator account', () => {
    expect(synthesized({ callAs: StackSetCallAs.DELEGATED_ADMIN }).properties.CallAs).toEqual('DELEGATED_ADMIN');
  });

  test('explicit accounts narrow the OUs: INTERSECTION by default, DIFFERENCE when asked', () => {
    const accounts = ['222233334444', '555566667777'];
    expect(synthesized({ accounts }).properties.StackInstancesGroup[0].DeploymentTargets).toEqual({
      OrganizationalUnitIds: OUS, Accounts: accounts, AccountFilterType: 'INTERSECTION',
    });
    expect(synthesized({ accounts, accountFilter: StackSetAccountFilter.DIFFERENCE }).properties.StackInstancesGroup[0].DeploymentTargets).toEqual({
      OrganizationalUnitIds: OUS, Accounts: accounts, AccountFilterType: 'DIFFERENCE',
    });
  });

  test('without auto-deployment, only Enabled: false (RetainStacksOnAccountRemoval applies only when enabled)', () => {
    expect(synthesized({ autoDeployment: false }).properties.AutoDeployment).toEqual({ Enabled: false });
  });

  test('bucket options reach every account\'s bucket; KMS creates a key in each account', () => {
    const { inner } = synthesized({ bucketProps: { encryption: BackupBucketEncryption.KMS }, objectTagging: true, volumeSnapshots: false });
    const resolver = new TemplateResolver(inner);
    expect(resolver.logicalIds('AWS::KMS::Key')).toHaveLength(1);
    const policy = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['VeleroBackupObjects', 'VeleroListBucket', 'BackupBucketKmsKey']);
    expect(policy.Statement[0].Action).toContain('s3:PutObjectTagging');
  });

  test('the caller\'s props are not changed', () => {
    const props = { ...base, regions: [...REGIONS], organizationalUnitIds: [...OUS], bucketProps: { versioned: true } };
    const copy = JSON.parse(JSON.stringify(props));
    new PaletteStackSetBackupLocation(newStack(), 'Backups', props);
    expect(JSON.parse(JSON.stringify(props))).toEqual(copy);
  });
});

describe('PaletteStackSetBackupLocation: validation', () => {
  test('every bad value in one error, under the names the user wrote', () => {
    expect(problemsOf(() => stackSet({
      stackSetName: 'palette_backups',
      paletteAccountId: '1234',
      externalId: 'has spaces',
      organizationalUnitIds: ['ou-bad'],
      regions: ['us-east-1', 'mars-1'],
      accounts: ['12'],
      bucketNamePrefix: 'Acme',
      operationPreferences: { maxConcurrency: StackSetConcurrency.accounts(0), regionOrder: ['us-east-1'] },
    }))).toEqual([
      'Invalid StackSet name "palette_backups" at Stack/Backups (stackSetName): only letters, digits and hyphens are allowed. Use 1-128 letters, digits and hyphens, starting with a letter.',
      'Invalid AWS account ID "1234" at Stack/Backups (paletteAccountId): it must be exactly 12 digits. Use the 12 digits of the account ID, e.g. "123456789012".',
      expect.stringMatching(/^Invalid external ID "has spaces" at Stack\/Backups \(externalId\): only letters/),
      expect.stringMatching(/^Invalid organizational unit ID "ou-bad" at Stack\/Backups \(organizationalUnitIds\[0\]\)/),
      'Invalid AWS account ID "12" at Stack/Backups (accounts[0]): it must be exactly 12 digits. Use the 12 digits of the account ID, e.g. "123456789012".',
      expect.stringMatching(/^Invalid AWS region "mars-1" at Stack\/Backups \(regions\[1\]\): it is not a region code/),
      expect.stringMatching(/^Invalid S3 bucket name prefix "Acme" at Stack\/Backups \(bucketNamePrefix\): uppercase letters are not allowed\./),
      'operationPreferences.maxConcurrency: StackSetConcurrency.accounts(0) must be a whole number of at least 1 (at Stack/Backups)',
      'operationPreferences.regionOrder (us-east-1) must list each of regions (us-east-1, mars-1) once (at Stack/Backups)',
    ]);
  });

  test('a bucket name prefix too long for the longest target region is refused, naming the prefix and the limit', () => {
    expect(problemsOf(() => stackSet({ bucketNamePrefix: 'acme-platform-palette-backups-produc', regions: ['us-east-1', 'ap-southeast-2'] }))).toEqual([
      'Invalid S3 bucket name prefix "acme-platform-palette-backups-produc" at Stack/Backups (bucketNamePrefix): '
      + '"acme-platform-palette-backups-produc-<account ID>-ap-southeast-2" would be 64 characters, over S3\'s 63 (the prefix may have at most 35 with region ap-southeast-2). '
      + 'Use 1-35 lowercase letters, digits and hyphens, starting with a letter or digit: bucket names are "<prefix>-<12-digit account ID>-<region>" and S3 allows 63 characters.',
    ]);
    expect(() => stackSet({ bucketNamePrefix: 'acme-platform-palette-backups-produ', regions: ['us-east-1', 'ap-southeast-2'] })).not.toThrow();
  });

  test('empty lists, repeats and filters without accounts are refused', () => {
    expect(problemsOf(() => stackSet({ organizationalUnitIds: [], regions: [], accountFilter: StackSetAccountFilter.DIFFERENCE }))).toEqual([
      'organizationalUnitIds is empty; give the OUs (or the root) whose accounts get a location (at Stack/Backups)',
      'accountFilter needs accounts; add them or remove accountFilter (at Stack/Backups)',
      'regions is empty; give the regions where each account gets a location (at Stack/Backups)',
    ]);
    expect(problemsOf(() => stackSet({ organizationalUnitIds: [OUS[0], OUS[0]], regions: ['us-east-1', 'us-east-1'], accounts: [] }))).toEqual([
      'organizationalUnitIds lists an OU more than once: ou-ab12-cdef3456; list each once (at Stack/Backups)',
      'accounts is empty; remove it to target every account of the OUs (at Stack/Backups)',
      'regions lists a region more than once: us-east-1; list each once (at Stack/Backups)',
    ]);
  });

  test('bucket properties that cannot cross accounts are refused with what to do', () => {
    const logs = new Stack(new App(), 'Logs');
    const bucket = new s3assets.Asset(logs, 'Unused', { path: __filename }).bucket;
    expect(problemsOf(() => stackSet({ bucketProps: { bucketName: 'fixed', serverAccessLogsBucket: bucket } }))).toEqual([
      'bucketProps.bucketName: every account\'s bucket is named "<bucketNamePrefix>-<account>-<region>"; remove it and set bucketNamePrefix (at Stack/Backups)',
      'bucketProps.serverAccessLogsBucket/serverAccessLogsPrefix: a bucket of this app cannot receive the logs of the target accounts; remove them (at Stack/Backups)',
    ]);
  });

  test('more than 2,000 counted stack instances are refused early', () => {
    const accounts = Array.from({ length: 1001 }, (_, i) => String(100000000000 + i));
    expect(problemsOf(() => stackSet({ accounts }))).toEqual([
      '1001 accounts x 2 regions = 2002 stack instances, over the 2000 a StackSet may have (StackSets quota "stack instances per stack set"); '
      + 'split the accounts across StackSets, or raise the quota through Service Quotas first (at Stack/Backups)',
    ]);
  });

  test('toSpectroCloudTerraform refuses accounts and regions where the StackSet puts no location', () => {
    const { location } = stackSet({ accounts: ['222233334444'] });
    expect(problemsOf(() => location.toSpectroCloudTerraform([
      { account: '222233334444', region: 'eu-central-1' },
      { account: '555566667777', region: 'us-east-1' },
      { account: '42', region: 'us-east-1' },
    ]))).toEqual([
      'Invalid AWS account ID "42" at Stack/Backups (targets[2].account): it must be exactly 12 digits. Use the 12 digits of the account ID, e.g. "123456789012".',
      'targets[0].region eu-central-1 is not a region of the StackSet (us-east-1, eu-west-1): no location there (at Stack/Backups)',
      'targets[1].account 555566667777 is not one of the StackSet\'s accounts: no location there (at Stack/Backups)',
      'targets[2].account 42 is not one of the StackSet\'s accounts: no location there (at Stack/Backups)',
    ]);
  });
});

describe('PaletteStackSetBackupLocation: what a StackSet cannot deploy fails early', () => {
  test('an asset in the template stack is refused where it is added (no bootstrap in the target accounts)', () => {
    const { location } = stackSet();
    expect(() => new s3assets.Asset(location.templateStack, 'Script', { path: __filename })).toThrow(/Cannot add assets to a Stack that uses the BootstraplessSynthesizer/);
  });

  test('a parameter in the template fails synthesis: the StackSet sets none', () => {
    const { stack, location } = stackSet();
    new CfnParameter(location.templateStack, 'RetentionDays', { type: 'Number' });
    expect(() => Template.fromStack(stack)).toThrow(/The StackSet's template has parameters \(RetentionDays\), which the StackSet does not set; remove them from templateStack/);
  });

  test('a template over 51,200 bytes fails synthesis with the remedy', () => {
    const { stack, location } = stackSet();
    location.templateStack.addMetadata('Filler', 'x'.repeat(50_000));
    expect(() => Template.fromStack(stack)).toThrow(/The StackSet's template is 5\d{4} bytes, over the 51200 bytes of an inline TemplateBody\. Remove what was added/);
  });

  test('warnings of the template are shown on the StackSet (the template has an app of its own)', () => {
    const { stack, location } = stackSet();
    CoreAnnotations.of(location.location).addWarningV2('test:Template', 'look at this');
    Template.fromStack(stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Backups', Match.stringLikeRegexp('^Template/BackupLocation: look at this'));
  });

  test('more than 100 StackSets in one app warn about the administrator account\'s quota', () => {
    const stack = newStack();
    // One StackSet per OU (StackSets of the same names in the same OUs would clash: see the clash tests).
    for (let i = 0; i < 101; i++) {
      new PaletteStackSetBackupLocation(stack, `Backups${i}`, { ...base, stackSetName: `palette-backups-${i}`, organizationalUnitIds: [`ou-ab12-${String(i).padStart(8, '0')}`] });
    }
    const quota = Match.stringLikeRegexp('^This app defines 101 StackSets; an administrator account may have 100 by default');
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Backups0', quota);
    // Once per app, on its first StackSet (one count of the app, not one per StackSet).
    expect(annotations.findWarning('*', quota)).toHaveLength(1);
  });
});
