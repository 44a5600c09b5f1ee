import { PaletteEbsVolumeKeysStack } from '../../examples/aws/palette-volume-keys';
import { TemplateResolver } from '../support/cfn';
import { acknowledgements, exampleApp, expectAwsSolutionsClean } from '../support/nag';
import { synth, warningsOf } from '../support/stack';

const props = {
  paletteAccountId: '000000000000',
  externalId: 'example-external-id-from-palette',
  existingVolumeKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
};

describe('example stack PaletteEbsVolumeKeys ("EBS volume keys")', () => {
  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const app = exampleApp();
    const stack = new PaletteEbsVolumeKeysStack(app, 'PaletteEbsVolumeKeys', props);
    expectAwsSolutionsClean(app, stack);
    expect([...new Set(acknowledgements(stack).map((a) => a.id))].sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<BackupLocationBucket265EE876.Arn>/*]',
      'AwsSolutions-S1',
      'saas-backup-constructs:ImportedVolumeKeyPolicy',
    ]);
  });

  test('both keys are in the policy, the stack\'s key policy names the role, and the existing key\'s warning is acknowledged with a reason', () => {
    const stack = new PaletteEbsVolumeKeysStack(exampleApp(), 'PaletteEbsVolumeKeys', props);
    const { json } = synth(stack);
    const resolver = new TemplateResolver(json);
    const doc = resolver.resolve(resolver.only('AWS::IAM::ManagedPolicy').resource.Properties.PolicyDocument);
    expect(doc.Statement.filter((s: any) => s.Sid.startsWith('VeleroVolumeKey')).flatMap((s: any) => [s.Resource].flat())).toEqual([
      resolver.getAtt(resolver.only('AWS::KMS::Key').id, 'Arn'),
      resolver.getAtt(resolver.only('AWS::KMS::Key').id, 'Arn'),
      props.existingVolumeKeyArn,
      props.existingVolumeKeyArn,
    ]);
    const keyPolicy = resolver.only('AWS::KMS::Key').resource.Properties.KeyPolicy;
    expect(keyPolicy.Statement.map((s: any) => s.Sid).filter(Boolean)).toEqual(['AllowVeleroThroughEc2', 'AllowVeleroGrantsForEbs']);
    // The existing key's warning is acknowledged in the example, with what was done (the warning itself: test/constructs/aws/palette/backup-policy.test.ts).
    expect(warningsOf(stack)).toEqual([]);
  });
});
