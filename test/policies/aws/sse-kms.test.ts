import {
  denyGrantsExceptForAwsResourcesStatement,
  SSE_KMS_ACTIONS,
  SSE_KMS_KEY_ALIAS_CLAUSE,
  SSE_KMS_KEY_ARN,
  sseKmsKeyPolicyStatement,
  sseKmsStatement,
} from '../../../src/policies/aws/sse-kms';
import { passesCtKmsPr3 } from '../../support/control-tower';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('SSE-KMS statements', () => {
  test('the identity side: Decrypt and GenerateDataKey on the key, through S3 only', () => {
    expect(sseKmsStatement(KEY, 's3.eu-west-1.amazonaws.com')).toEqual({
      Sid: 'BackupBucketKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: KEY,
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(SSE_KMS_ACTIONS).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  test('the key-policy side names the principal', () => {
    expect(sseKmsKeyPolicyStatement('arn:aws:iam::123456789012:role/R', 's3.eu-west-1.amazonaws.com')).toEqual({
      Sid: 'AllowBackupPrincipalThroughS3',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/R' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  });

  test('CT.KMS.PR.3: CreateGrant is denied unless it is for an AWS resource or made by an AWS service principal', () => {
    expect(denyGrantsExceptForAwsResourcesStatement()).toEqual({
      Sid: 'DenyGrantsExceptForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  // The control's Guard rule, transcribed in test/support/control-tower.ts: the statement passes it,
  // and each shape the rule refuses (today's `Bool`, one key alone...) fails it, so the check can fail.
  const statement = denyGrantsExceptForAwsResourcesStatement() as any;
  test.each<[string, any, boolean]>([
    ['the statement', statement, true],
    ['Principal "*"', { ...statement, Principal: '*' }, true],
    ['Action as a list', { ...statement, Action: ['kms:CreateGrant'] }, true],
    ['Bool instead of BoolIfExists (the earlier shape)', { ...statement, Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } } }, false],
    ['Bool with both keys', { ...statement, Condition: { Bool: statement.Condition.BoolIfExists } }, false],
    ['kms:GrantIsForAWSResource alone', { ...statement, Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } } }, false],
    ['aws:PrincipalIsAWSService alone', { ...statement, Condition: { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }, false],
    ['a third condition key', { ...statement, Condition: { BoolIfExists: { ...statement.Condition.BoolIfExists, 'aws:ViaAWSService': 'false' } } }, false],
    ['a second operator', { ...statement, Condition: { ...statement.Condition, StringEquals: { 'kms:CallerAccount': '123456789012' } } }, false],
    ['"true" values', { ...statement, Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true', 'aws:PrincipalIsAWSService': 'true' } } }, false],
    ['Allow', { ...statement, Effect: 'Allow' }, false],
    ['one principal', { ...statement, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }, false],
    ['more actions', { ...statement, Action: ['kms:CreateGrant', 'kms:RevokeGrant'] }, false],
    ['one key as Resource', { ...statement, Resource: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, false],
  ])('CT.KMS.PR.3 Guard rule on %s: passes = %s', (_what, candidate, passes) => {
    expect(passesCtKmsPr3({ Version: '2012-10-17', Statement: [candidate] })).toBe(passes);
  });
});

describe('SSE_KMS_KEY_ARN: the bucket\'s key, as the S3-only key statement names it', () => {
  test.each(['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1'])(
    'accepts %s', (arn) => {
      expect(SSE_KMS_KEY_ARN.check(arn)).toEqual([]);
    });

  test.each([
    ['arn:aws:kms:us-east-1:123456789012:key/*', ['its key is a wildcard ("key/*"): the grant would cover every key it matches; name the bucket\'s key']],
    ['arn:aws:kms:us-east-1:123456789012:alias/backups', [SSE_KMS_KEY_ALIAS_CLAUSE]],
    ['arn:aws:kms:*:123456789012:key/1234', ['its region is a wildcard: the grant would cover keys of every region, and kms:ViaService names the S3 of one region; give the key\'s region']],
    ['arn:aws:kms:us-east-1:*:key/1234', ['its account is a wildcard: the grant would cover the keys of every account; give the key\'s account']],
    ['*', ['it must be an ARN of the form "arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID"']],
  ])('refuses %s', (arn, problems) => {
    expect(SSE_KMS_KEY_ARN.check(arn)).toEqual(problems);
  });
});
