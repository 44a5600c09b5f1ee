/**
 * SSE-KMS with a customer-managed key on a backup bucket: what the principal that reads and writes
 * through S3 needs on the key, on the identity side and on the key-policy side. `kms:ViaService`
 * keeps the key unusable outside S3 requests.
 */
import { PolicyStatementJson } from './iam-json';
import { AWS_ACCOUNT_ID, AWS_PARTITIONS, AWS_REGION, hasPolicyVariable } from './rules';
import { ValueRule } from '../validation';

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

/** The parts of an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`), or undefined when it has fewer. */
function arnParts(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

const KEY_ID = /^key\/[A-Za-z0-9-]+$/;

/** What a key ARN rule says of a wildcard region or key, and of an alias, in its own use. */
export interface KmsKeyArnWording {
  /** A wildcard region. */
  readonly region: string;
  /** A wildcard key (`key/*`). */
  readonly key: (resource: string) => string;
  /** An alias (`alias/...`). */
  readonly alias: (resource: string) => string;
}

/**
 * The problems of a key ARN that lands in a policy's Resource: it must name exactly one key,
 * `arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID`. An alias grants nothing for key use (KMS authorizes
 * against the key's ARN), and a wildcard in the region, account or key covers other keys. Policy
 * variables are `IAM_POLICY_LITERAL`'s to name.
 */
export function kmsKeyArnProblems(v: string, wording: KmsKeyArnWording): string[] {
  const arn = arnParts(v);
  if (arn === undefined) return ['it must be an ARN of the form "arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID"'];
  const wild = (x: string) => /[*?]/.test(x);
  const clauses: string[] = [];
  if (!AWS_PARTITIONS.includes(arn.partition)) clauses.push(`its partition "${arn.partition}" is not an AWS partition (${AWS_PARTITIONS.join(', ')})`);
  if (arn.service !== 'kms') clauses.push(`it is an ARN of the service "${arn.service}", not of KMS`);
  if (wild(arn.region)) {
    clauses.push(wording.region);
  } else if (arn.region === '') {
    clauses.push('its region is empty: a KMS key ARN names the key\'s region');
  } else if (AWS_REGION.check(arn.region).length > 0) {
    clauses.push(`its region "${arn.region}" is not a region code`);
  }
  if (wild(arn.account)) clauses.push('its account is a wildcard: the grant would cover the keys of every account; give the key\'s account');
  else if (AWS_ACCOUNT_ID.check(arn.account).length > 0) clauses.push('its account must be 12 digits');
  if (arn.resource.startsWith('alias/')) {
    clauses.push(wording.alias(arn.resource));
  } else if (wild(arn.resource)) {
    clauses.push(wording.key(arn.resource));
  } else if (!KEY_ID.test(arn.resource) && !hasPolicyVariable(v)) { // IAM_POLICY_LITERAL says what is wrong with "${"
    clauses.push('its resource must be "key/KEY-ID" (a key ID such as 1234abcd-12ab-34cd-56ef-1234567890ab)');
  }
  return clauses;
}

/** The clause of a bucket key given as an alias (also for an alias object, whose ARN may be a token). */
export const SSE_KMS_KEY_ALIAS_CLAUSE = 'it names an alias, not a key: KMS authorizes Decrypt and GenerateDataKey against the key\'s ARN, so a '
  + 'grant on the alias ARN covers nothing and the vendor could neither write nor read the backups; give the key the alias points to';

/**
 * The ARN of the customer-managed key of a backup bucket (SSE-KMS), as the S3 statement's Resource
 * names it: exactly one key. An alias would grant nothing (objects could not be written or read), a
 * wildcard every key it matches.
 */
export const SSE_KMS_KEY_ARN: ValueRule = {
  subject: 'bucket encryption key ARN',
  fix: 'Import the bucket\'s key by its key ARN, "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID" (kms.Key.fromKeyArn), or give a kms.Key of this app.',
  check: (v) => kmsKeyArnProblems(v, {
    region: 'its region is a wildcard: the grant would cover keys of every region, and kms:ViaService names the S3 of one region; give the key\'s region',
    key: (resource) => `its key is a wildcard ("${resource}"): the grant would cover every key it matches; name the bucket's key`,
    alias: () => SSE_KMS_KEY_ALIAS_CLAUSE,
  }),
};
