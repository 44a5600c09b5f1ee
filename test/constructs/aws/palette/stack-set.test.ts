import { Annotations as CoreAnnotations, App, Aws, BootstraplessSynthesizer, CfnParameter, Lazy, RemovalPolicy, Stack, Stage, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import {
  BackupBucketEncryption,
  PaletteAccess,
  PaletteBackupLocation,
  PaletteLocationContext,
  PaletteStackSetBackupLocation,
  PaletteStackSetBackupLocationProps,
  PaletteStackSetTarget,
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
import { newStack, warningsOf } from '../../../support/stack';

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

/** Issue 19, class 3: the StackSet rollout refuses what would fail, clash or be unregistrable, naming the prop. */
describe('PaletteStackSetBackupLocation: class 3, partitions and regions', () => {
  const AT = ' (at Stack/Backups)';
  test.each<[string, Partial<PaletteStackSetBackupLocationProps>, string[]]>([
    ['regions of two partitions', { regions: ['us-east-1', 'cn-north-1'] }, [
      'regions mixes partitions (aws: us-east-1; aws-cn: cn-north-1); a StackSet deploys only within the partition of its administrator account and Palette\'s role ARNs name one partition: use one StackSet per partition' + AT,
    ]],
    ['regions of three partitions', { regions: ['us-gov-west-1', 'eu-west-1', 'us-iso-east-1'] }, [
      'regions mixes partitions (aws-us-gov: us-gov-west-1; aws: eu-west-1; aws-iso: us-iso-east-1); a StackSet deploys only within the partition of its administrator account and Palette\'s role ARNs name one partition: use one StackSet per partition' + AT,
    ]],
    ['regions of another partition than the administrator stack (eu-west-1, aws)', { regions: ['us-gov-west-1', 'us-gov-east-1'] }, [
      'regions are in aws-us-gov but the StackSet\'s stack Stack is in eu-west-1 (aws): a StackSet deploys only within its administrator account\'s partition; deploy this stack in the regions\' partition' + AT,
    ]],
    ['a token region (the administrator stack\'s)', { regions: ['us-east-1', Aws.REGION] }, [
      'regions[1] is an unresolved token; the names must fit each region and Palette registers each location by its region code, so a token region could never be registered: give the region codes' + AT,
    ]],
    ['a token list of regions (a CommaDelimitedList, say)', { regions: Token.asList(Lazy.any({ produce: () => ['us-east-1'] })) }, [
      'regions is an unresolved token; the names must fit each region and Palette registers each location by its region code, so a token region could never be registered: give the region codes' + AT,
    ]],
    ['a token in regionOrder', { operationPreferences: { regionOrder: ['us-east-1', Aws.REGION] } }, [
      'operationPreferences.regionOrder[1] is an unresolved token; the names must fit each region and Palette registers each location by its region code, so a token region could never be registered: give the region codes' + AT,
    ]],
    ['a padded region', { regions: [' us-east-1', 'eu-west-1'] }, [
      expect.stringMatching(/^Invalid AWS region " us-east-1" at Stack\/Backups \(regions\[0\]\): it is not a region code\./) as unknown as string,
    ]],
    ['a region in upper case', { regions: ['US-EAST-1'] }, [
      expect.stringMatching(/^Invalid AWS region "US-EAST-1" at Stack\/Backups \(regions\[0\]\): it is not a region code\./) as unknown as string,
    ]],
  ])('%s is refused', (_, props, problems) => {
    expect(problemsOf(() => stackSet(props))).toEqual(problems);
  });

  test.each<[string, Stack, string[]]>([
    ['GovCloud regions from a GovCloud administrator', new Stack(new App(), 'Gov', { env: { account: '123456789012', region: 'us-gov-west-1' } }), ['us-gov-west-1', 'us-gov-east-1']],
    ['China regions from a China administrator', new Stack(new App(), 'Cn', { env: { account: '123456789012', region: 'cn-north-1' } }), ['cn-north-1', 'cn-northwest-1']],
    ['any one partition from an administrator of unknown region', new Stack(new App(), 'Agnostic'), ['cn-north-1', 'cn-northwest-1']],
  ])('%s are accepted, and registered in their partition', (_, stack, regions) => {
    const { location } = stackSet({ regions }, stack);
    const partition = regions[0].startsWith('cn-') ? 'aws-cn' : 'aws-us-gov';
    expect(location.toSpectroCloudTerraform([{ account: '222233334444', region: regions[0] }])[0].s3?.arn)
      .toEqual(`arn:${partition}:iam::222233334444:role/palette-backup-${regions[0]}`);
  });
});

describe('PaletteStackSetBackupLocation: class 3, enum values outside the enum (JavaScript callers pass strings)', () => {
  const use = (values: string) => `Use one of ${values} (the enum's value, exactly as written).`;
  test.each<[string, Record<string, unknown>, string]>([
    ['callAs "SELF " (padded)', { callAs: 'SELF ' }, `Invalid StackSet CallAs "SELF " at Stack/Backups (callAs): it is not one of the values (did you mean SELF, exactly?). ${use('SELF, DELEGATED_ADMIN')}`],
    ['callAs "delegated_admin"', { callAs: 'delegated_admin' }, `Invalid StackSet CallAs "delegated_admin" at Stack/Backups (callAs): it is not one of the values (did you mean DELEGATED_ADMIN, exactly?). ${use('SELF, DELEGATED_ADMIN')}`],
    ['callAs "delegated-admin"', { callAs: 'delegated-admin' }, `Invalid StackSet CallAs "delegated-admin" at Stack/Backups (callAs): it is not one of the values (did you mean DELEGATED_ADMIN, exactly?). ${use('SELF, DELEGATED_ADMIN')}`],
    ['callAs "ADMIN"', { callAs: 'ADMIN' }, `Invalid StackSet CallAs "ADMIN" at Stack/Backups (callAs): it is not one of the values. ${use('SELF, DELEGATED_ADMIN')}`],
    ['callAs ""', { callAs: '' }, `Invalid StackSet CallAs "" at Stack/Backups (callAs): it is not one of the values. ${use('SELF, DELEGATED_ADMIN')}`],
    ['callAs a number', { callAs: 1 }, 'callAs must be one of "SELF", "DELEGATED_ADMIN", not a number (at Stack/Backups)'],
    ['callAs null', { callAs: null }, 'callAs must be one of "SELF", "DELEGATED_ADMIN", not null (at Stack/Backups)'],
    ['accountFilter "UNION" (CloudFormation has it, but not for a StackSet resource\'s creation)', { accounts: ['222233334444'], accountFilter: 'UNION' },
      `Invalid account filter "UNION" at Stack/Backups (accountFilter): it is not one of the values. ${use('INTERSECTION, DIFFERENCE')}`],
    ['accountFilter "NONE"', { accounts: ['222233334444'], accountFilter: 'NONE' }, `Invalid account filter "NONE" at Stack/Backups (accountFilter): it is not one of the values. ${use('INTERSECTION, DIFFERENCE')}`],
    ['accountFilter "intersection"', { accounts: ['222233334444'], accountFilter: 'intersection' },
      `Invalid account filter "intersection" at Stack/Backups (accountFilter): it is not one of the values (did you mean INTERSECTION, exactly?). ${use('INTERSECTION, DIFFERENCE')}`],
    ['concurrencyMode "strict"', { operationPreferences: { concurrencyMode: 'strict' } },
      `Invalid concurrency mode "strict" at Stack/Backups (operationPreferences.concurrencyMode): it is not one of the values. ${use('STRICT_FAILURE_TOLERANCE, SOFT_FAILURE_TOLERANCE')}`],
    ['concurrencyMode "soft failure tolerance"', { operationPreferences: { concurrencyMode: 'soft failure tolerance' } },
      `Invalid concurrency mode "soft failure tolerance" at Stack/Backups (operationPreferences.concurrencyMode): it is not one of the values (did you mean SOFT_FAILURE_TOLERANCE, exactly?). ${use('STRICT_FAILURE_TOLERANCE, SOFT_FAILURE_TOLERANCE')}`],
    ['regionConcurrency "parallel"', { operationPreferences: { regionConcurrency: 'parallel' } },
      `Invalid region concurrency "parallel" at Stack/Backups (operationPreferences.regionConcurrency): it is not one of the values (did you mean PARALLEL, exactly?). ${use('SEQUENTIAL, PARALLEL')}`],
    ['removalPolicy "RETAIN"', { removalPolicy: 'RETAIN' },
      `Invalid removal policy "RETAIN" at Stack/Backups (removalPolicy): it is not one of the values (did you mean retain, exactly?). ${use('destroy, retain, snapshot, retain-on-update-or-delete')}`],
    ['bucketProps.encryption "SSE_KMS"', { bucketProps: { encryption: 'SSE_KMS' } },
      `Invalid bucket encryption "SSE_KMS" at Stack/Backups (bucketProps.encryption): it is not one of the values. ${use('S3_MANAGED, KMS')}`],
  ])('%s is refused', (_, props, problem) => {
    expect(problemsOf(() => stackSet(props as Partial<PaletteStackSetBackupLocationProps>))).toEqual([problem]);
  });

  test.each([['SELF'], ['DELEGATED_ADMIN']])('callAs %s, the string itself, is accepted', (callAs) => {
    expect(synthesized({ callAs: callAs as StackSetCallAs }).properties.CallAs).toEqual(callAs);
  });
});

describe('PaletteStackSetBackupLocation: class 3, duplicates and overlapping targets', () => {
  const AT = ' (at Stack/Backups)';
  test.each<[string, Partial<PaletteStackSetBackupLocationProps>, string[]]>([
    ['an account twice', { accounts: ['222233334444', '555566667777', '222233334444'] }, ['accounts lists an account more than once: 222233334444; list each once' + AT]],
    ['an excluded account twice', { accounts: ['222233334444', '222233334444'], accountFilter: StackSetAccountFilter.DIFFERENCE }, ['accounts lists an account more than once: 222233334444; list each once' + AT]],
    ['an OU twice', { organizationalUnitIds: [OUS[0], OUS[1], OUS[0]] }, ['organizationalUnitIds lists an OU more than once: ou-ab12-cdef3456; list each once' + AT]],
    ['a region twice', { regions: ['eu-west-1', 'us-east-1', 'eu-west-1'] }, ['regions lists a region more than once: eu-west-1; list each once' + AT]],
    ['a region twice in regionOrder', { operationPreferences: { regionOrder: ['us-east-1', 'us-east-1'] } }, [
      'operationPreferences.regionOrder lists a region more than once: us-east-1; list each once' + AT,
      'operationPreferences.regionOrder (us-east-1, us-east-1) must list each of regions (us-east-1, eu-west-1) once' + AT,
    ]],
    ['OUs of two organizations', { organizationalUnitIds: ['ou-ab12-cdef3456', 'ou-cd34-cdef3456'] }, [
      'organizationalUnitIds names OUs of 2 organizations (roots r-ab12, r-cd34); a service-managed StackSet deploys only within the organization of its administrator account: use one StackSet (and administrator) per organization' + AT,
    ]],
    ['an OU of another organization than the root', { organizationalUnitIds: ['r-ab12', 'ou-cd34-cdef3456'] }, [
      'organizationalUnitIds names OUs of 2 organizations (roots r-ab12, r-cd34); a service-managed StackSet deploys only within the organization of its administrator account: use one StackSet (and administrator) per organization' + AT,
    ]],
  ])('%s is refused', (_, props, problems) => {
    expect(problemsOf(() => stackSet(props))).toEqual(problems);
  });

  test('the root with OUs under it warns (merely wasteful: the root has them all)', () => {
    const { stack } = stackSet({ organizationalUnitIds: ['r-ab12', 'ou-ab12-cdef3456'] });
    expect(warningsOf(stack)).toEqual([
      'organizationalUnitIds lists the root r-ab12 and OUs under it (ou-ab12-cdef3456): the root already targets every account of the organization; '
      + 'remove the OUs, or replace the root by the OUs you mean [ack: saas-backup-constructs:StackSetRedundantOrganizationalUnits]',
    ]);
    expect(warningsOf(stackSet({ organizationalUnitIds: ['r-ab12'] }).stack)).toEqual([]);
  });

  test('regionOrder with PARALLEL regions warns (merely wasteful: no order is followed)', () => {
    const { stack } = stackSet({ operationPreferences: { regionOrder: ['eu-west-1', 'us-east-1'], regionConcurrency: StackSetRegionConcurrency.PARALLEL } });
    expect(warningsOf(stack)).toEqual([
      'operationPreferences.regionOrder has no effect with regionConcurrency PARALLEL: every region is deployed at the same time. '
      + 'Remove regionOrder, or use SEQUENTIAL to deploy the regions in that order. [ack: saas-backup-constructs:StackSetRegionOrderIgnored]',
    ]);
    expect(warningsOf(stackSet({ operationPreferences: { regionConcurrency: StackSetRegionConcurrency.PARALLEL } }).stack)).toEqual([]);
  });
});

describe('PaletteStackSetBackupLocation: class 3, name prefixes', () => {
  const TEMPLATE_LITERAL = 'the template goes unchanged to every account, where no token of this app resolves, and the names Palette is given are made from it: give the literal value (at Stack/Backups)';
  test.each<[string, Partial<PaletteStackSetBackupLocationProps>, string]>([
    ['a bucket prefix with a space', { bucketNamePrefix: 'acme palette' }, 'Invalid S3 bucket name prefix "acme palette" at Stack/Backups (bucketNamePrefix): only lowercase letters, digits and hyphens (-) are allowed.'],
    ['a bucket prefix with a trailing space', { bucketNamePrefix: 'acme ' }, 'Invalid S3 bucket name prefix "acme " at Stack/Backups (bucketNamePrefix): only lowercase letters, digits and hyphens (-) are allowed.'],
    ['a bucket prefix in upper case', { bucketNamePrefix: 'ACME' }, 'Invalid S3 bucket name prefix "ACME" at Stack/Backups (bucketNamePrefix): uppercase letters are not allowed.'],
    ['a bucket prefix with an underscore', { bucketNamePrefix: 'acme_palette' }, 'Invalid S3 bucket name prefix "acme_palette" at Stack/Backups (bucketNamePrefix): only lowercase letters, digits and hyphens (-) are allowed.'],
    ['a bucket prefix as a token', { bucketNamePrefix: Aws.STACK_NAME }, `bucketNamePrefix is an unresolved token; ${TEMPLATE_LITERAL}`],
    ['a bucket prefix as a lazy literal', { bucketNamePrefix: Lazy.string({ produce: () => 'acme' }) }, `bucketNamePrefix is an unresolved token; ${TEMPLATE_LITERAL}`],
    ['a role prefix with a space', { roleNamePrefix: 'palette backup' }, 'Invalid IAM role name prefix "palette backup" at Stack/Backups (roleNamePrefix): only letters, digits and +=,.@_- are allowed.'],
    ['a role prefix as a token', { roleNamePrefix: Aws.ACCOUNT_ID }, `roleNamePrefix is an unresolved token; ${TEMPLATE_LITERAL}`],
    ['a location prefix as a token', { locationNamePrefix: Lazy.string({ produce: () => 'acme' }) }, `locationNamePrefix is an unresolved token; ${TEMPLATE_LITERAL}`],
    ['a location prefix with a leading space', { locationNamePrefix: ' acme' }, 'locationNamePrefix " acme" has leading or trailing white space, which Palette\'s location names would carry; remove it (at Stack/Backups)'],
    ['a blank location prefix', { locationNamePrefix: '  ' }, 'locationNamePrefix is empty; remove it to use the bucket name prefix (at Stack/Backups)'],
    ['Palette\'s account as a token (AWS::AccountId would be each target account)', { paletteAccountId: Aws.ACCOUNT_ID }, `paletteAccountId is an unresolved token; ${TEMPLATE_LITERAL}`],
    ['the external ID as a token', { externalId: Lazy.string({ produce: () => EXTERNAL_ID }) }, `externalId is an unresolved token; ${TEMPLATE_LITERAL}`],
  ])('%s is refused', (_, props, problem) => {
    const problems = problemsOf(() => stackSet(props));
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(problem)).toBe(true);
  });
});

describe('PaletteStackSetBackupLocation: class 3, CloudFormation\'s limits', () => {
  test.each<[string, Partial<PaletteStackSetBackupLocationProps>, string]>([
    ['a description of 1,025 characters', { description: 'd'.repeat(1025) },
      `Invalid StackSet description ${JSON.stringify('d'.repeat(60))}... (1025 characters) at Stack/Backups (description): it is 1025 characters, over CloudFormation's 1024. Use 1-1024 characters, or leave description out.`],
    ['a blank description', { description: ' ' }, 'Invalid StackSet description " " at Stack/Backups (description): it is blank. Use 1-1024 characters, or leave description out.'],
    ['a name of 129 characters', { stackSetName: `a${'b'.repeat(128)}` },
      `Invalid StackSet name "a${'b'.repeat(128)}" at Stack/Backups (stackSetName): it must be 1-128 characters long. Use 1-128 letters, digits and hyphens, starting with a letter.`],
    ['a name starting with a digit', { stackSetName: '1backups' }, 'Invalid StackSet name "1backups" at Stack/Backups (stackSetName): it must start with a letter. Use 1-128 letters, digits and hyphens, starting with a letter.'],
    ['51 OUs in one operation', { organizationalUnitIds: Array.from({ length: 51 }, (_, i) => `ou-ab12-${String(i).padStart(8, '0')}`) },
      '51 organizational units, over the 50 one StackSet operation takes; target a parent OU instead, or split them across StackSets (at Stack/Backups)'],
  ])('%s is refused', (_, props, problem) => {
    expect(problemsOf(() => stackSet(props))).toEqual([problem]);
  });

  test('a description of 1,024 characters and a name of 128 are accepted', () => {
    expect(synthesized({ description: 'd'.repeat(1024), stackSetName: `a${'b'.repeat(127)}` }).properties.Description).toHaveLength(1024);
  });

  test('more than 50 tags on the StackSet (Tags.of reaches it, and through it every stack instance) fail synthesis', () => {
    const { stack } = stackSet();
    for (let i = 0; i < 51; i++) Tags.of(stack).add(`team${i}`, 'platform');
    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Backups\] The StackSet has 51 tags \(from Tags\.of\(\.\.\.\)\.add\), over the 50 CloudFormation allows on a StackSet/);
    const fifty = stackSet();
    for (let i = 0; i < 50; i++) Tags.of(fifty.stack).add(`team${i}`, 'platform');
    expect(() => Template.fromStack(fifty.stack)).not.toThrow();
  });
});

describe('PaletteStackSetBackupLocation: class 3, StackSets of one app whose names would clash', () => {
  const other = { stackSetName: 'palette-backups-2', bucketNamePrefix: 'acme-palette-2', roleNamePrefix: 'palette-backup-2' };
  const clashes = (second: Partial<PaletteStackSetBackupLocationProps>, first: Partial<PaletteStackSetBackupLocationProps> = {}) => {
    const stack = newStack();
    stackSet(first, stack);
    return problemsOf(() => new PaletteStackSetBackupLocation(stack, 'Second', { ...base, ...second }));
  };
  const BUCKET = (prefix: string, regions: string) => `bucketNamePrefix "${prefix}" is also the StackSet Stack/Backups's: in the accounts both target, in ${regions}, both would create the bucket "${prefix}-<account>-<region>" and the second stack instance fails; give each StackSet its own bucketNamePrefix (at Stack/Second)`;
  const ROLE = (prefix: string, regions: string, theirs = '') => `roleNamePrefix "${prefix}" is also the StackSet Stack/Backups's${theirs}: in the accounts both target, in ${regions}, both would create the role "${prefix}-<region>" and the second stack instance fails; give each StackSet its own roleNamePrefix (at Stack/Second)`;
  const LOCATION = (prefix: string, regions: string) => `locationNamePrefix "${prefix}" is also the StackSet Stack/Backups's: in the accounts both target, in ${regions}, both registrations would name a Palette location "${prefix}-<account>-<region>"; give each StackSet its own locationNamePrefix (or bucketNamePrefix) (at Stack/Second)`;
  const NAME = 'stackSetName "palette-backups" is also the name of the StackSet at Stack/Backups, in the same administrator account and region: CloudFormation would fail the second (or, after a rename, replace the first and its stack instances); give each StackSet its own name (at Stack/Second)';

  test.each<[string, Partial<PaletteStackSetBackupLocationProps>, Partial<PaletteStackSetBackupLocationProps>, string[]]>([
    ['the same StackSet name', { ...other, stackSetName: 'palette-backups' }, {}, [NAME]],
    ['the same StackSet name, other OUs', { ...other, stackSetName: 'palette-backups', organizationalUnitIds: ['ou-ab12-zzzz9999'] }, {}, [NAME]],
    ['the same bucket prefix in a shared OU and region', { ...other, bucketNamePrefix: 'acme-palette', regions: ['eu-west-1'] }, {}, [BUCKET('acme-palette', 'eu-west-1'), LOCATION('acme-palette', 'eu-west-1')]],
    ['the default role prefix twice, in the same OUs', { stackSetName: 'palette-backups-2', bucketNamePrefix: 'acme-palette-2' }, {}, [ROLE('palette-backup', 'us-east-1, eu-west-1')]],
    ['role prefixes that differ only in case (IAM names ignore case)', { ...other, roleNamePrefix: 'Palette-Backup' }, {}, [ROLE('Palette-Backup', 'us-east-1, eu-west-1', ' ("palette-backup": IAM names ignore case)')]],
    ['the same location prefix', { ...other, locationNamePrefix: 'acme-palette' }, {}, [LOCATION('acme-palette', 'us-east-1, eu-west-1')]],
    ['the root against one of its OUs', { ...other, roleNamePrefix: undefined, organizationalUnitIds: ['r-ab12'] }, {}, [ROLE('palette-backup', 'us-east-1, eu-west-1')]],
    ['a shared explicit account', { ...other, roleNamePrefix: undefined, organizationalUnitIds: ['ou-ab12-zzzz9999'], accounts: ['222233334444'] }, { accounts: ['222233334444', '555566667777'] },
      [ROLE('palette-backup', 'us-east-1, eu-west-1')]],
    ['an explicit account the other StackSet does not exclude', { ...other, roleNamePrefix: undefined, accounts: ['222233334444'] }, { accounts: ['555566667777'], accountFilter: StackSetAccountFilter.DIFFERENCE },
      [ROLE('palette-backup', 'us-east-1, eu-west-1')]],
  ])('%s is refused', (_, second, first, problems) => {
    expect(clashes(second, first)).toEqual(problems);
  });

  test.each<[string, Partial<PaletteStackSetBackupLocationProps>, Partial<PaletteStackSetBackupLocationProps>]>([
    ['other names', other, {}],
    ['the same prefixes in other OUs', { stackSetName: 'palette-backups-2', organizationalUnitIds: ['ou-ab12-zzzz9999'] }, {}],
    ['the same prefixes in other regions', { stackSetName: 'palette-backups-2', regions: ['eu-central-1'] }, {}],
    ['the same prefixes for disjoint explicit accounts', { stackSetName: 'palette-backups-2', accounts: ['222233334444'] }, { accounts: ['555566667777'] }],
    ['the same prefixes for the accounts the other excludes', { stackSetName: 'palette-backups-2', accounts: ['222233334444'] }, { accounts: ['222233334444'], accountFilter: StackSetAccountFilter.DIFFERENCE }],
  ])('%s are accepted', (_, second, first) => {
    expect(() => clashes(second, first)).toThrow('expected an InputValidationError');
  });

  test('the same StackSet name in administrator stacks of other accounts or regions is accepted; in another app too', () => {
    const app = new App();
    stackSet(other, new Stack(app, 'A', { env: { account: '123456789012', region: 'us-east-1' } }));
    expect(() => stackSet(other, new Stack(app, 'B', { env: { account: '123456789012', region: 'eu-west-1' } }))).toThrow(/bucketNamePrefix "acme-palette-2" is also/);
    expect(() => stackSet(other, new Stack(new App(), 'C', { env: { account: '123456789012', region: 'us-east-1' } }))).not.toThrow();
    const names = new App();
    stackSet({}, new Stack(names, 'A', { env: { account: '123456789012', region: 'us-east-1' } }));
    expect(() => stackSet({ ...other, stackSetName: 'palette-backups' }, new Stack(names, 'B', { env: { account: '210987654321', region: 'us-east-1' } }))).not.toThrow();
    expect(() => stackSet({ ...other, stackSetName: 'palette-backups', bucketNamePrefix: 'acme-palette-3', roleNamePrefix: 'palette-backup-3' }, new Stack(names, 'C')))
      .toThrow(/stackSetName "palette-backups" is also the name of the StackSet at A\/Backups/);
  });

  test('Stages: the same name in env-agnostic stacks of two Stages is accepted (deployed apart); the same buckets in the same OUs are not', () => {
    const app = new App();
    stackSet({}, new Stack(new Stage(app, 'Dev'), 'Admin'));
    expect(() => stackSet({ bucketNamePrefix: 'acme-palette-prod', roleNamePrefix: 'palette-backup-prod' }, new Stack(new Stage(app, 'Prod'), 'Admin'))).not.toThrow();
    expect(() => stackSet({ stackSetName: 'palette-backups-qa', roleNamePrefix: 'palette-backup-qa' }, new Stack(new Stage(app, 'Qa'), 'Admin')))
      .toThrow(/bucketNamePrefix "acme-palette" is also the StackSet Dev\/Admin\/Backups's/);
  });

  test('the app\'s StackSets are listed on the construct tree (a child of the root), not in module state', () => {
    const { stack } = stackSet();
    const list = stack.node.root.node.tryFindChild('saas-backup-constructs.PaletteStackSets');
    expect(list).toBeDefined();
    expect(list!.node.children).toEqual([]);
    // A refused StackSet is not listed: the next one is compared with the accepted ones only.
    expect(() => new PaletteStackSetBackupLocation(stack, 'Refused', { ...base, ...other, regions: ['mars-1'] })).toThrow(InputValidationError);
    expect(() => new PaletteStackSetBackupLocation(stack, 'Accepted', { ...base, ...other })).not.toThrow();
  });
});

describe('PaletteStackSetBackupLocation: class 3, registrations', () => {
  const STATIC = ' (at PaletteStackSetBackupLocation.spectroCloudTerraform)';
  const register = (props: Record<string, unknown>) => problemsOf(() => PaletteStackSetBackupLocation.spectroCloudTerraform({
    bucketNamePrefix: 'acme-palette', externalId: EXTERNAL_ID, targets: [{ account: '222233334444', region: 'us-east-1' }], ...props,
  } as any));
  const REGISTRATION_LITERAL = 'a registration is a Terraform argument, where an aws-cdk-lib token never resolves: give the literal value';

  test.each<[string, Record<string, unknown>, string[]]>([
    ['several locations marked default', { isDefault: true, targets: [{ account: '222233334444', region: 'us-east-1' }, { account: '222233334444', region: 'eu-west-1' }] }, [
      'isDefault is true for all 2 locations of targets: Palette has one default backup location, so the registrations would take it from one another; '
      + 'register the default location alone with isDefault: true, and the others without it' + STATIC,
    ]],
    ['a target twice', { targets: [{ account: '222233334444', region: 'us-east-1' }, { account: '222233334444', region: 'us-east-1' }] }, [
      'targets lists an account and region more than once (222233334444 us-east-1): each would be a second Palette location of the same bucket; list each once' + STATIC,
    ]],
    ['isDefault as the string "true" (JavaScript), for two locations', { isDefault: 'true', targets: [{ account: '222233334444', region: 'us-east-1' }, { account: '222233334444', region: 'eu-west-1' }] }, [
      'isDefault must be a boolean (true or false), not a string (a string such as "false" would read as true)' + STATIC,
    ]],
    ['a partition that disagrees with the regions', { partition: 'aws-cn' }, [
      'partition is "aws-cn" but us-east-1 is in aws: the role ARNs would name the wrong partition and Palette could not assume them; give the regions\' partition or leave partition out' + STATIC,
    ]],
    ['"aws" for GovCloud regions', { partition: 'aws', targets: [{ account: '222233334444', region: 'us-gov-west-1' }] }, [
      'partition is "aws" but us-gov-west-1 is in aws-us-gov: the role ARNs would name the wrong partition and Palette could not assume them; give the regions\' partition or leave partition out' + STATIC,
    ]],
    ['a partition that is none', { partition: 'aws-gov' }, [
      'partition "aws-gov" is not an AWS partition; use one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc (exact, lower case), or leave it out to use the regions\' partition' + STATIC,
    ]],
    ['a partition in upper case', { partition: 'AWS' }, [
      'partition "AWS" is not an AWS partition; use one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc (exact, lower case), or leave it out to use the regions\' partition' + STATIC,
    ]],
    ['targets of two partitions', { targets: [{ account: '222233334444', region: 'us-east-1' }, { account: '222233334444', region: 'cn-north-1' }] }, [
      'targets mixes partitions (aws: us-east-1; aws-cn: cn-north-1); a StackSet deploys only within the partition of its administrator account and Palette\'s role ARNs name one partition: use one StackSet per partition' + STATIC,
    ]],
    ['a token region, which can never be registered', { targets: [{ account: '222233334444', region: Aws.REGION }] }, [`targets[0].region is an unresolved token; ${REGISTRATION_LITERAL}${STATIC}`]],
    ['a token account', { targets: [{ account: Aws.ACCOUNT_ID, region: 'us-east-1' }] }, [`targets[0].account is an unresolved token; ${REGISTRATION_LITERAL}${STATIC}`]],
    ['a token external ID', { externalId: Lazy.string({ produce: () => EXTERNAL_ID }) }, [`externalId is an unresolved token; ${REGISTRATION_LITERAL}${STATIC}`]],
    ['a token bucket prefix', { bucketNamePrefix: Aws.STACK_NAME }, [`bucketNamePrefix is an unresolved token; ${REGISTRATION_LITERAL}${STATIC}`]],
    ['a token partition', { partition: Aws.PARTITION }, [`partition is an unresolved token; ${REGISTRATION_LITERAL}${STATIC}`]],
    ['a token list of targets', { targets: Token.asAny(Lazy.any({ produce: () => [] })) }, [`targets is an unresolved token; ${REGISTRATION_LITERAL}${STATIC}`]],
  ])('static spectroCloudTerraform: %s is refused', (_, props, problems) => {
    expect(register(props)).toEqual(problems);
  });

  test('one location marked default is accepted', () => {
    expect(PaletteStackSetBackupLocation.spectroCloudTerraform({ bucketNamePrefix: 'acme-palette', externalId: EXTERNAL_ID, isDefault: true, targets: [{ account: '222233334444', region: 'us-east-1' }] })[0].isDefault).toBe(true);
  });

  test.each<[string, PaletteStackSetTarget[], string | undefined, string[]]>([
    ['a target twice', [{ account: '222233334444', region: 'us-east-1' }, { account: '222233334444', region: 'us-east-1' }], undefined, [
      'targets lists an account and region more than once (222233334444 us-east-1): each would be a second Palette location of the same bucket; list each once (at Stack/Backups)',
    ]],
    ['a partition that disagrees with the StackSet\'s regions', [{ account: '222233334444', region: 'us-east-1' }], 'aws-us-gov', [
      'partition is "aws-us-gov" but us-east-1 is in aws, eu-west-1 is in aws: the role ARNs would name the wrong partition and Palette could not assume them; give the regions\' partition or leave partition out (at Stack/Backups)',
    ]],
    ['a token region', [{ account: '222233334444', region: Aws.REGION }], undefined, [`targets[0].region is an unresolved token; ${REGISTRATION_LITERAL} (at Stack/Backups)`]],
  ])('toSpectroCloudTerraform: %s is refused', (_, targets, partition, problems) => {
    const { location } = stackSet();
    expect(problemsOf(() => location.toSpectroCloudTerraform(targets, partition))).toEqual(problems);
  });

  test.each<[string, string[]]>([
    ['a token list', Token.asList(Lazy.any({ produce: () => ['222233334444'] }))],
    ['a list with a token', ['555566667777', Lazy.string({ produce: () => '222233334444' })]],
  ])('toSpectroCloudTerraform refuses every account when the StackSet\'s accounts are %s', (_, accounts) => {
    const { location } = stackSet({ accounts });
    expect(problemsOf(() => location.toSpectroCloudTerraform([{ account: '222233334444', region: 'us-east-1' }]))).toEqual([
      'the StackSet\'s accounts are or hold a token: which accounts get a location is unknown at synth time, so none can be registered; give the accounts as literals (at Stack/Backups)',
    ]);
  });
});

/** Issue 19, class 7: JavaScript callers get an error naming the prop, never a TypeError or `undefined` in a template. */
describe('PaletteStackSetBackupLocation: class 7, JavaScript callers', () => {
  const AT = ' (at Stack/Backups)';
  test.each<[string, Record<string, unknown>, string[]]>([
    ['every required prop missing', { stackSetName: undefined, paletteAccountId: undefined, externalId: undefined, organizationalUnitIds: undefined, regions: undefined, bucketNamePrefix: undefined }, [
      'stackSetName is required; give the StackSet\'s name' + AT,
      'paletteAccountId is required; give Palette\'s AWS account ID as the wizard shows it' + AT,
      'externalId is required; give the external ID the wizard shows' + AT,
      'organizationalUnitIds is required; give the OU IDs (or the root ID) whose accounts get a location, e.g. ["ou-ab12-cdef3456"]' + AT,
      'regions is required; give the region codes where each account gets a location, e.g. ["us-east-1"]' + AT,
      'bucketNamePrefix is required; give the prefix of the bucket names, e.g. "acme-palette"' + AT,
    ]],
    ['null for a required prop', { bucketNamePrefix: null }, ['bucketNamePrefix is required; give the prefix of the bucket names, e.g. "acme-palette"' + AT]],
    ['null and undefined in lists, an account as a number', { regions: ['us-east-1', null], organizationalUnitIds: [undefined], accounts: [222233334444] }, [
      'organizationalUnitIds[0] must be a string, not undefined; give the OU IDs (or the root ID) whose accounts get a location, e.g. ["ou-ab12-cdef3456"]' + AT,
      'accounts[0] must be a string, not a number (222233334444); give 12-digit account IDs as strings' + AT,
      'regions[1] must be a string, not null; give the region codes where each account gets a location, e.g. ["us-east-1"]' + AT,
    ]],
    ['a string where a list is expected', { organizationalUnitIds: 'ou-ab12-cdef3456', regions: 'us-east-1' }, [
      'organizationalUnitIds must be a list of strings, not a string ("ou-ab12-cdef3456"); give the OU IDs (or the root ID) whose accounts get a location, e.g. ["ou-ab12-cdef3456"]' + AT,
      'regions must be a list of strings, not a string ("us-east-1"); give the region codes where each account gets a location, e.g. ["us-east-1"]' + AT,
    ]],
    ['a number where a string is expected', { paletteAccountId: 111111111111, stackSetName: 7 }, [
      'stackSetName must be a string, not a number (7); give the StackSet\'s name' + AT,
      'paletteAccountId must be a string, not a number (111111111111); give Palette\'s AWS account ID as the wizard shows it' + AT,
    ]],
    ['a plain value where a class is expected', { operationPreferences: { maxConcurrency: 3, failureTolerance: 'StackSetFailureTolerance.accounts(1)' }, maxSessionDuration: 3600 }, [
      'maxSessionDuration must be a Duration such as Duration.hours(1), not a number (3600)' + AT,
      'operationPreferences.maxConcurrency must be StackSetConcurrency.accounts(n) or StackSetConcurrency.percentage(p), not a number (3)' + AT,
      'operationPreferences.failureTolerance must be StackSetFailureTolerance.accounts(n) or StackSetFailureTolerance.percentage(p), not a string ("StackSetFailureTolerance.accounts(1)")' + AT,
    ]],
    ['a plain object where a class is expected', { operationPreferences: { maxConcurrency: { _count: 3 } } }, [
      'operationPreferences.maxConcurrency must be StackSetConcurrency.accounts(n) or StackSetConcurrency.percentage(p), not an object' + AT,
    ]],
    ['a string where an object is expected', { operationPreferences: 'fast', bucketProps: 'KMS' }, [
      'bucketProps must be an object of BackupBucketProps, not a string ("KMS")' + AT,
      'operationPreferences must be an object of StackSetOperationPreferences, not a string ("fast")' + AT,
    ]],
    ['strings and numbers where booleans are expected', { autoDeployment: 'false', volumeSnapshots: 0, objectTagging: 'true' }, [
      'autoDeployment must be a boolean (true or false), not a string (a string such as "false" would read as true)' + AT,
      'volumeSnapshots must be a boolean (true or false), not a number' + AT,
      'objectTagging must be a boolean (true or false), not a string (a string such as "false" would read as true)' + AT,
    ]],
  ])('%s', (_, props, problems) => {
    expect(problemsOf(() => stackSet(props as Partial<PaletteStackSetBackupLocationProps>))).toEqual(problems);
  });

  test.each([[undefined], [null], ['palette-backups']])('props %p: an error naming the props, not a TypeError', (props) => {
    expect(problemsOf(() => new PaletteStackSetBackupLocation(newStack(), 'Backups', props as any))).toEqual([
      `props are required, not ${props === null ? 'null' : props === undefined ? 'undefined' : 'a string ("palette-backups")'}; give at least stackSetName, paletteAccountId, externalId, organizationalUnitIds, regions and bucketNamePrefix (at Stack/Backups)`,
    ]);
  });

  test.each<[string, unknown, string[]]>([
    ['no props', undefined, ['props are required, not undefined; give at least bucketNamePrefix, externalId and targets (at PaletteStackSetBackupLocation.spectroCloudTerraform)']],
    ['empty props', {}, [
      'externalId is required; give the external ID Palette generated (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
      'targets is required; give the accounts and regions to register, e.g. [{ account: \'111122223333\', region: \'us-east-1\' }] (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
      'bucketNamePrefix is required; give the prefix of the bucket names, e.g. "acme-palette" (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
    ]],
    ['targets with a number, null and a string', { bucketNamePrefix: 'acme', externalId: EXTERNAL_ID, targets: [{ account: 222233334444, region: 'us-east-1' }, null, '222233334444'] }, [
      'targets[0].account must be a string, not a number (222233334444); give the 12-digit account ID as a string (a number loses leading zeros) (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
      'targets[1] must be an object { account, region }, not null (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
      'targets[2] must be an object { account, region }, not a string ("222233334444") (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
    ]],
    ['a target without its region', { bucketNamePrefix: 'acme', externalId: EXTERNAL_ID, targets: [{ account: '222233334444' }] }, [
      'targets[0].region is required; give the region code, e.g. "us-east-1" (at PaletteStackSetBackupLocation.spectroCloudTerraform)',
    ]],
  ])('static spectroCloudTerraform, %s: an error naming the prop', (_, props, problems) => {
    expect(problemsOf(() => PaletteStackSetBackupLocation.spectroCloudTerraform(props as any))).toEqual(problems);
  });

  test('toSpectroCloudTerraform with a string for targets: an error naming it', () => {
    const { location } = stackSet();
    expect(problemsOf(() => location.toSpectroCloudTerraform('222233334444' as any))).toEqual([
      'targets must be a list of { account, region }, not a string ("222233334444") (at Stack/Backups)',
    ]);
  });
});

describe('PaletteStackSetBackupLocation: class 3, accounts and regions that get no location', () => {
  test.each<[string, string[], string]>([
    ['a region code no partition has', ['us-east-1', 'us-east-9'],
      'regions: us-east-9 is not a region of aws-cdk-lib\'s RegionInfo, so it may not exist: the StackSet operation fails at a region that does not exist. '
      + 'Check the region codes; acknowledge this warning only for a region newer than your aws-cdk-lib. [ack: saas-backup-constructs:StackSetUnknownRegion]'],
    ['a China region the partition does not have', ['cn-north-1', 'cn-south-1'],
      'regions: cn-south-1 is not a region of aws-cdk-lib\'s RegionInfo, so it may not exist: the StackSet operation fails at a region that does not exist. '
      + 'Check the region codes; acknowledge this warning only for a region newer than your aws-cdk-lib. [ack: saas-backup-constructs:StackSetUnknownRegion]'],
    ['opt-in regions', ['us-east-1', 'af-south-1', 'me-south-1'],
      'regions: af-south-1, me-south-1 are opt-in regions: the stack instance fails in every target account that has not enabled them, and each failure counts against failureTolerance. '
      + 'Enable the regions in every target account first (AWS Account Management), or remove them. [ack: saas-backup-constructs:StackSetOptInRegion]'],
  ])('%s warns', (_, regions, warning) => {
    const stack = regions[0].startsWith('cn-') ? new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'cn-north-1' } }) : newStack();
    expect(warningsOf(stackSet({ regions }, stack).stack)).toEqual([warning]);
  });

  test('the management account (the stack\'s, with callAs SELF) gets no location: listing it warns, registering it is refused', () => {
    const management = '123456789012';
    const stack = new Stack(new App(), 'Stack', { env: { account: management, region: 'eu-west-1' } });
    const { location } = stackSet({ accounts: [management, '222233334444'] }, stack);
    expect(warningsOf(stack)).toEqual([
      'accounts lists 123456789012, the management account (the account of the StackSet\'s stack, with callAs SELF): a service-managed StackSet never deploys to the management account, '
      + 'so it gets no location. Remove it from accounts (deploy a PaletteBackupLocation there if it needs one). [ack: saas-backup-constructs:StackSetManagementAccount]',
    ]);
    expect(problemsOf(() => location.toSpectroCloudTerraform([{ account: management, region: 'us-east-1' }]))).toEqual([
      'targets[0].account 123456789012 is the management account (the account of the StackSet\'s stack, with callAs SELF): a service-managed StackSet never deploys to the management account, '
      + 'so no location is there (at Stack/Backups)',
    ]);
    // From a delegated administrator (a member account), that account is a target like any other.
    const delegated = new Stack(new App(), 'Stack', { env: { account: management, region: 'eu-west-1' } });
    const fromMember = stackSet({ accounts: [management], callAs: StackSetCallAs.DELEGATED_ADMIN }, delegated);
    expect(warningsOf(delegated)).toEqual([]);
    expect(fromMember.location.toSpectroCloudTerraform([{ account: management, region: 'us-east-1' }])).toHaveLength(1);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['null for an optional string', { roleNamePrefix: null }, 'roleNamePrefix is null; give the prefix of the role names, e.g. "palette-backup" (leave it out, or undefined, for the default) (at Stack/Backups)'],
    ['null for an optional list', { accounts: null }, 'accounts is null; give 12-digit account IDs as strings (leave it out, or undefined, for the default) (at Stack/Backups)'],
    ['null for an optional enum', { accountFilter: null }, 'accountFilter must be one of "INTERSECTION", "DIFFERENCE", not null (at Stack/Backups)'],
    ['null for an optional object', { operationPreferences: null }, 'operationPreferences must be an object of StackSetOperationPreferences, not null (at Stack/Backups)'],
  ])('class 7: %s is an error naming the prop', (_, props, problem) => {
    expect(problemsOf(() => stackSet(props as Partial<PaletteStackSetBackupLocationProps>))).toContain(problem);
  });
});
