import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AccessKeyUser } from '../../../src';
import { newStack, synth } from '../../support/stack';

describe('AccessKeyUser', () => {
  test('group with the given policies, no console password, secret, serial for rotation', () => {
    const stack = newStack();
    const policy = iam.ManagedPolicy.fromManagedPolicyArn(stack, 'P', 'arn:aws:iam::123456789012:policy/write-only');
    const user = new AccessKeyUser(stack, 'User', { managedPolicies: [policy], userName: 'events-writer', groupName: 'events-writers', accessKeySerial: 2, secretName: 'events/writer' });
    const { resolver } = synth(stack);
    expect(resolver.only('AWS::IAM::Group').resource.Properties).toEqual({ GroupName: 'events-writers', ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/write-only'] });
    expect(resolver.only('AWS::IAM::User').resource.Properties).toEqual({ UserName: 'events-writer', Groups: [{ Ref: resolver.only('AWS::IAM::Group').id }] });
    expect(resolver.only('AWS::IAM::AccessKey').resource.Properties).toEqual({ Serial: 2, UserName: { Ref: resolver.only('AWS::IAM::User').id } });
    expect(resolver.only('AWS::SecretsManager::Secret').resource.Properties.Name).toBe('events/writer');
    expect(stack.resolve(user.accessKeySecretArn)).toEqual({ Ref: resolver.only('AWS::SecretsManager::Secret').id });
  });

  test('the secret\'s removal policy is DESTROY by default (the key dies with the user anyway), RETAIN on request', () => {
    const stack = newStack();
    new AccessKeyUser(stack, 'User');
    const secret = synth(stack).resolver.only('AWS::SecretsManager::Secret').resource;
    expect(secret.DeletionPolicy).toBe('Delete');
    expect(secret.UpdateReplacePolicy).toBe('Delete');
    const retained = newStack();
    new AccessKeyUser(retained, 'User', { secretRemovalPolicy: RemovalPolicy.RETAIN });
    expect(synth(retained).resolver.only('AWS::SecretsManager::Secret').resource.DeletionPolicy).toBe('Retain');
  });

  test('the secret is encrypted with the AWS managed key unless a key is given', () => {
    const stack = newStack();
    new AccessKeyUser(stack, 'User');
    expect(synth(stack).resolver.only('AWS::SecretsManager::Secret').resource.Properties.KmsKeyId).toBeUndefined();
    const withKey = newStack();
    const key = new kms.Key(withKey, 'Key');
    new AccessKeyUser(withKey, 'User', { secretEncryptionKey: key });
    const { resolver } = synth(withKey);
    expect(resolver.only('AWS::SecretsManager::Secret').resource.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [resolver.only('AWS::KMS::Key').id, 'Arn'] });
  });

  test('rejects bad names and serials together', () => {
    expect(() => new AccessKeyUser(newStack(), 'User', { userName: 'a b', groupName: 'c/d', accessKeySerial: -1 })).toThrow(
      /^3 problems:\n- Invalid IAM user name "a b"[^\n]*\n- Invalid IAM group name "c\/d"[^\n]*\n- accessKeySerial must be a whole number >= 0; got -1/,
    );
  });

  test('used alone, it checks itself under its own prop names', () => {
    expect(() => new AccessKeyUser(newStack(), 'User', { userName: 'a b' })).toThrow('at Stack/User (userName)');
  });
});
