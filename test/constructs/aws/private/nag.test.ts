import { App, CfnParameter, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
// eslint-disable-next-line import/no-extraneous-dependencies
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { BackupBucket, PaletteAccess, PaletteBackupLocation } from '../../../../src';
import { ACKNOWLEDGED_RULES_METADATA_KEY, acknowledgeAll, wildcardFindings, wildcardResourceFinding } from '../../../../src/constructs/aws/private/nag';
import { acknowledgements, awsSolutionsViolations, exampleApp } from '../../../support/nag';
import { envAgnosticStack, newStack, warningsOf } from '../../../support/stack';

describe('wildcardResourceFinding gives the ID cdk-nag reports, without resolving at construct time', () => {
  test.each<[string, (stack: Stack) => string]>([
    ['objects of a new bucket', (stack) => new s3.Bucket(stack, 'B').arnForObjects('*')],
    ['a prefix of a new bucket', (stack) => `${new s3.Bucket(stack, 'B').bucketArn}/rudderstack/*`],
    ['a bucket imported by name', (stack) => BackupBucket.fromBucketName(stack, 'B', 'existing-backups').arnForObjects('*')],
    ['a bucket named by a parameter', (stack) => s3.Bucket.fromBucketName(stack, 'B', new CfnParameter(stack, 'Name').valueAsString).arnForObjects('*')],
    ['a Ref', (stack) => `${new s3.Bucket(stack, 'B').bucketName}/*`],
    ['a literal', () => 'arn:aws:s3:::literal-bucket/*'],
    ['a literal with ${...}', () => 'arn:aws:s3:::b/${aws:username}/*'],
  ])('%s', (_what, make) => {
    for (const stack of [newStack(), envAgnosticStack()]) {
      const resource = make(stack);
      expect(wildcardResourceFinding(stack, resource)).toBe(`AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(resource))}]`);
    }
  });

  test('a logical ID overridden later is the one used at synth time', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B');
    const resource = bucket.arnForObjects('*');
    (bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId('Renamed');
    expect(wildcardResourceFinding(stack, resource)).toBe('AwsSolutions-IAM5[Resource::<Renamed.Arn>/*]');
  });

  test('a logical ID overridden with a token is resolved, as cdk-nag sees it', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B');
    const resource = bucket.arnForObjects('*');
    (bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId(Lazy.string({ produce: () => 'Produced' }));
    expect(wildcardResourceFinding(stack, resource)).toBe('AwsSolutions-IAM5[Resource::<Produced.Arn>/*]');
    expect(wildcardResourceFinding(stack, resource)).toBe(`AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(resource))}]`);
  });

  test('the logical ID is read without resolving a token while aws-cdk-lib has _synthesizeLogicalId (else the token is resolved: slower, the same ID)', () => {
    const stack = newStack();
    const cfn = new s3.Bucket(stack, 'B').node.defaultChild as s3.CfnBucket;
    expect(typeof (cfn as unknown as { _synthesizeLogicalId?: unknown })._synthesizeLogicalId).toBe('function');
    const resolve = jest.spyOn(stack, 'resolve');
    expect(wildcardResourceFinding(stack, `${cfn.attrArn}/*`)).toBe(`AwsSolutions-IAM5[Resource::<${stack.getLogicalId(cfn)}.Arn>/*]`);
    expect(resolve).not.toHaveBeenCalled();
  });

  test('wildcardFindings reports what cdk-nag\'s IAMNoWildcardPermissions reports, per statement', () => {
    expect(wildcardFindings([
      { Effect: 'Allow', Action: ['s3:Get*', 'ec2:CreateSnapshot'], Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] }] as unknown as string[] },
      { Effect: 'Deny', Action: '*', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/key' },
    ])).toEqual(['AwsSolutions-IAM5[Action::s3:Get*]', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::<B.Arn>/*]']);
  });

  test('the metadata key, spelled out for aws-cdk-lib before 2.252, is the one aws-cdk-lib names', () => {
    expect(ACKNOWLEDGED_RULES_METADATA_KEY).toBe('aws:cdk:acknowledged-rules');
    expect(ACKNOWLEDGED_RULES_METADATA_KEY).toBe(Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  });

  test('acknowledgeAll records every acknowledgement in one metadata entry, as Validations.acknowledge names them', () => {
    const stack = newStack();
    const viaCdk = new s3.Bucket(stack, 'ViaCdk');
    const viaUs = new s3.Bucket(stack, 'ViaUs');
    Validations.of(viaCdk).acknowledge({ id: 'AwsSolutions-S1', reason: 'r1' }, { id: 'AwsSolutions-S10', reason: 'r2' });
    acknowledgeAll(viaUs, [{ id: 'AwsSolutions-S1', reason: 'r1' }, { id: 'AwsSolutions-S10', reason: 'r2' }]);
    const entries = (c: s3.Bucket) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
    expect(entries(viaUs)).toEqual([Object.assign({}, ...entries(viaCdk))]);
    expect(entries(viaUs)).toHaveLength(1);
  });
});

describe('the Palette policy\'s by-design acknowledgements cover only the statements the builder made', () => {
  const build = (change?: (policy: iam.ManagedPolicy, location: PaletteBackupLocation) => void) => {
    const app: App = exampleApp();
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const location = new PaletteBackupLocation(stack, 'Palette', {
      locationName: 'prod', access: PaletteAccess.sts({ paletteAccountId: '111111111111', externalId: 'palette-7c0f2a9e-2b5e-4a1b' }),
    });
    Validations.of(location.backupBucket!.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'no access logs in this test' });
    change?.(location.managedPolicy, location);
    return { app, stack };
  };
  const nagged = (change?: (policy: iam.ManagedPolicy, location: PaletteBackupLocation) => void) =>
    awsSolutionsViolations(build(change).app).filter((v) => v.rule.startsWith('AwsSolutions-')).map((v) => `${v.rule} ${v.path}`);
  const POLICY = 'Stack/Palette/Policy/Resource/Resource';
  const WITHHELD = (ids: string) => `The policy Stack/Palette/Policy/Resource holds statements this library did not make, and they cause ${ids}: `
    + 'these findings are no longer acknowledged by the library, so cdk-nag reports them. Review the added statements; acknowledge the findings '
    + 'yourself if they are meant. [ack: saas-backup-constructs:ByDesignAcknowledgementWithheld]';

  test.each<[string, ((policy: iam.ManagedPolicy, location: PaletteBackupLocation) => void) | undefined, string[], string[]]>([
    ['as built: clean', undefined, [], []],
    ['a user-added iam:PassRole on * is reported', (policy) => policy.addStatements(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })),
      [`AwsSolutions-IAM5[Resource::*] ${POLICY}`], [WITHHELD('AwsSolutions-IAM5[Resource::*]')]],
    ['a user-added s3:* on the bucket\'s objects is reported, both findings', (policy, location) => policy.addStatements(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: [location.bucket.arnForObjects('*')] }),
    ), [`AwsSolutions-IAM5[Action::s3:*] ${POLICY}`, `AwsSolutions-IAM5[Resource::<PaletteBucket41386A28.Arn>/*] ${POLICY}`],
    [WITHHELD('AwsSolutions-IAM5[Resource::<PaletteBucket41386A28.Arn>/*]')]],
    ['a user-added statement without wildcards keeps the acknowledgements', (policy) => policy.addStatements(
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: ['arn:aws:s3:::other-bucket'] }),
    ), [], []],
    ['a replaced document (escape hatch) is compared too', (policy) => {
      (policy.node.defaultChild as iam.CfnManagedPolicy).policyDocument = {
        Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
      };
    }, [`AwsSolutions-IAM5[Resource::*] ${POLICY}`], [WITHHELD('AwsSolutions-IAM5[Resource::*]')]],
  ])('%s', (_what, change, violations, warnings) => {
    expect(nagged(change).sort()).toEqual(violations.sort());
    expect(warningsOf(build(change).stack)).toEqual(warnings);
  });

  test('as built, both by-design findings are acknowledged with their reasons, in one entry', () => {
    const { app, stack } = build();
    app.synth();
    const acks = acknowledgements(stack).filter((a) => a.path === 'Stack/Palette/Policy/Resource');
    expect(acks.map((a) => a.id)).toEqual(['AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::<PaletteBucket41386A28.Arn>/*]']);
  });
});
