import { Template } from 'aws-cdk-lib/assertions';
import { RudderStackMinioStack, RudderStackS3Stack } from '../../examples/aws/rudderstack';
import { RudderStackPermissions } from '../../src';
import { acknowledgements, exampleApp, expectAwsSolutionsClean } from '../support/nag';

const BUCKET_ARN = { 'Fn::GetAtt': ['EventBackupsBucket2891E546', 'Arn'] };

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
      PolicyDocument: { Statement: [{ Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [BUCKET_ARN, '/rudderstack/*']] } }] },
    });
  });
});

describe('example stack RudderStackS3Replay (backupAndReplay())', () => {
  const build = () => {
    const app = exampleApp();
    return { app, stack: new RudderStackS3Stack(app, 'RudderStackS3Replay', { permissions: RudderStackPermissions.backupAndReplay() }) };
  };

  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const { app, stack } = build();
    expectAwsSolutionsClean(app, stack);
    expect(acknowledgements(stack).map((a) => a.id).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::<EventBackupsBucket2891E546.Arn>/rudderstack/*]',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
  });

  test('lists the bucket only under its prefix; reads, writes and aborts only under it; no delete', () => {
    const template = Template.fromStack(build().stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'ListEventBackups', Action: 's3:ListBucket', Resource: BUCKET_ARN, Condition: { StringLike: { 's3:prefix': 'rudderstack/*' } } },
          { Sid: 'ReadWriteEventBackups', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [BUCKET_ARN, '/rudderstack/*']] } },
        ],
      },
    });
  });
});

describe('example stack RudderStackMinio', () => {
  const build = () => {
    const app = exampleApp();
    return { app, stack: new RudderStackMinioStack(app, 'RudderStackMinio') };
  };

  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const { app, stack } = build();
    expectAwsSolutionsClean(app, stack);
    expect(acknowledgements(stack).map((a) => a.id).sort()).toEqual(['AwsSolutions-SMG4']);
  });

  test('only a secret in AWS; the MinIO user policy is an output, write-only under rudder/', () => {
    const template = Template.fromStack(build().stack);
    expect(Object.values(template.toJSON().Resources).map((r: any) => r.Type)).toEqual(['AWS::SecretsManager::Secret']);
    expect(JSON.parse(template.toJSON().Outputs.RudderStackMinioUserPolicy.Value).Statement).toEqual([
      { Sid: 'CheckEventBackupBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::acme-rudderstack-events' },
      { Sid: 'WriteEventBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::acme-rudderstack-events/rudder/*' },
    ]);
  });
});
