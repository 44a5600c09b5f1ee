/**
 * SSE-KMS with a customer-managed key on a backup bucket: what the principal that reads and writes
 * through S3 needs on the key, on the identity side and on the key-policy side. `kms:ViaService`
 * keeps the key unusable outside S3 requests.
 */
import { PolicyStatementJson } from './iam-json';

/** What S3 needs from the principal on a customer-managed key for SSE-KMS: Decrypt to read and to complete multipart uploads, data keys to write. */
export const SSE_KMS_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * Use of a customer-managed key through S3 only: the identity-policy side. `kms:ViaService` keeps
 * the key unusable outside S3 requests.
 */
export function sseKmsStatement(kmsKeyArn: string, s3ServiceEndpoint: string, sid = 'BackupBucketKmsKey'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: [...SSE_KMS_ACTIONS],
    Resource: kmsKeyArn,
    Condition: { StringEquals: { 'kms:ViaService': s3ServiceEndpoint } },
  };
}

/** The key-policy side of sseKmsStatement: the same grant, in the key's resource policy. */
export function sseKmsKeyPolicyStatement(principalArn: string, s3ServiceEndpoint: string, sid = 'AllowBackupPrincipalThroughS3'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: principalArn },
    Action: [...SSE_KMS_ACTIONS],
    Resource: '*',
    Condition: { StringEquals: { 'kms:ViaService': s3ServiceEndpoint } },
  };
}

/**
 * The key-policy statement of AWS Control Tower's CT.KMS.PR.3 ("Require an AWS KMS key policy to have a
 * statement that limits creation of AWS KMS grants to AWS services"): `kms:CreateGrant` is denied to
 * every principal unless an AWS service integrated with KMS (EC2, EBS, S3...) makes the call for an
 * AWS resource (`kms:GrantIsForAWSResource`) or an AWS service principal makes it
 * (`aws:PrincipalIsAWSService`). Without it, any principal of the account whose IAM policy allows
 * `kms:CreateGrant` could grant itself use of the key. Only CreateGrant is denied: key administration
 * (PutKeyPolicy, rotation, deletion) is untouched.
 *
 * The shape is the one the control's Guard rule (`kms_create_grant_aws_service_check`, AWS Control
 * Tower Controls Reference Guide, "CT.KMS.PR.3 rule specification") accepts and no other: Effect Deny,
 * Action only `kms:CreateGrant`, Principal `*` (or AWS `*`), Resource `*`, and a Condition with only
 * `BoolIfExists`, holding only both keys, each `"false"`. `Bool`, or one key alone, fails the rule.
 */
export function denyGrantsExceptForAwsResourcesStatement(sid = 'DenyGrantsExceptForAwsResources'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  };
}
