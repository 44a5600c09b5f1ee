import { Template } from 'aws-cdk-lib/assertions';
import { RudderStackS3Stack } from '../../examples/aws/rudderstack';
import { acknowledgements, exampleApp, expectAwsSolutionsClean } from '../support/nag';

describe('example stack RudderStackS3', () => {
  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const app = exampleApp();
    const stack = new RudderStackS3Stack(app, 'RudderStackS3');
    expectAwsSolutionsClean(app, stack);
    expect(acknowledgements(stack).map((a) => a.id).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::<EventBackupsBucket2891E546.Arn>/rudderstack/*]',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
  });

  test('writes only under its prefix', () => {
    const template = Template.fromStack(new RudderStackS3Stack(exampleApp(), 'RudderStackS3'));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['EventBackupsBucket2891E546', 'Arn'] }, '/rudderstack/*']] } }] },
    });
  });
});
