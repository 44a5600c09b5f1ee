import * as iam from 'aws-cdk-lib/aws-iam';
import { BackupBucket, PaletteBackupPolicy } from '../../../../src';
import { paletteBackupPolicy } from '../../../../src/policies/aws/palette';
import { REGION } from '../../../support/cfn';
import { newStack, synth } from '../../../support/stack';

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
