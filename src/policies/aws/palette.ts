/**
 * The IAM policy that Spectro Cloud Palette's "Add a Backup Location" pages (seeds 000, 001, 002)
 * tell users to create for an S3 backup location; Palette runs Velero, and this is Velero's AWS
 * plugin policy. Also: the KMS permissions a customer-managed bucket key needs, and the S3-only
 * variant for a MinIO user.
 */
import { measurePolicy, objectsArn, policyDocument, PolicyDocumentJson, PolicyStatementJson, UnknownLength } from './iam-json';
import { kmsKeyArnProblems, sseKmsStatement } from './sse-kms';
import { ValueRule } from '../validation';

/** The six EC2 actions Velero uses for EBS volume snapshots; they support no resource scoping here, so `Resource: *`. */
export const VELERO_EC2_SNAPSHOT_ACTIONS: readonly string[] = [
  'ec2:DescribeVolumes',
  'ec2:DescribeSnapshots',
  'ec2:CreateTags',
  'ec2:CreateVolume',
  'ec2:CreateSnapshot',
  'ec2:DeleteSnapshot',
];

/** The five object actions on `BUCKET/*`, in the pages' order. */
export const VELERO_S3_OBJECT_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:DeleteObject',
  's3:PutObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

/** Needed only when the backup storage location sets Velero's `config.tagging`. */
export const VELERO_S3_TAGGING_ACTION = 's3:PutObjectTagging';

/** Options of the Palette backup-location policy. */
export interface PaletteBackupPolicyInput {
  /** The bucket's ARN (`arn:aws:s3:::BUCKET`). */
  readonly bucketArn: string;
  /** Include the EC2 snapshot statement (volume snapshots). The pages include it. */
  readonly volumeSnapshots: boolean;
  /** Add s3:PutObjectTagging for Velero's tagging option. */
  readonly objectTagging: boolean;
  /** The customer-managed KMS key that encrypts the bucket, if any. */
  readonly kmsKeyArn?: string;
  /** The S3 endpoint through which the key may be used (`s3.REGION.amazonaws.com`), for kms:ViaService. */
  readonly s3ServiceEndpoint?: string;
  /** Customer-managed keys of encrypted EBS volumes (Velero's "KMS Encryption for Volume Restoration"). */
  readonly volumeKeys?: readonly VolumeKey[];
}

/** A customer-managed key that encrypts EBS volumes Velero snapshots and restores. */
export interface VolumeKey {
  /** The key's ARN. */
  readonly keyArn: string;
  /** The EC2 endpoint of the key's region (`ec2.REGION.amazonaws.com`), for kms:ViaService: volumes and their key share a region. */
  readonly ec2ServiceEndpoint: string;
}

/**
 * What EBS needs of Velero's identity on a volume key, from velero-plugin-for-aws's README, "KMS
 * Encryption for Volume Restoration" (vmware-tanzu/velero-plugin-for-aws, README.md): the key
 * operations of snapshots and restores of encrypted volumes. `kms:CreateGrant` is separate, with
 * `kms:GrantIsForAWSResource`.
 */
export const VELERO_VOLUME_KEY_ACTIONS: readonly string[] = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** The grant EBS creates on the key for the volume (only for an AWS resource). */
export const VELERO_VOLUME_KEY_GRANT_ACTION = 'kms:CreateGrant';

/** The AWS managed key of EBS. */
export const AWS_MANAGED_EBS_KEY_ALIAS = 'alias/aws/ebs';
/** The clause of an AWS managed EBS key (also for an alias object, whose ARN may be a token). */
export const AWS_MANAGED_EBS_KEY_CLAUSE = `it is the AWS managed key of EBS (${AWS_MANAGED_EBS_KEY_ALIAS}): AWS owns its key policy, which already lets `
  + 'every principal of the account use it through EC2, and an alias in a policy\'s Resource grants nothing for key use; remove it '
  + '(volumes encrypted with aws/ebs need no volume key)';
/** The clause of a key given as an alias (also for an alias object, whose ARN may be a token). */
export const KEY_ALIAS_CLAUSE = 'it names an alias, not a key: KMS authorizes Encrypt, Decrypt and CreateGrant against the key\'s ARN, so a grant on '
  + 'the alias ARN covers nothing; give the key the alias points to (kms.Key.fromKeyArn with its key ARN, or alias.aliasTargetKey)';

/**
 * The ARN of a customer-managed key that encrypts EBS volumes, as it lands in the identity policy's
 * Resource: exactly one key (`arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID`). Aliases, the AWS managed
 * `alias/aws/ebs`, and wildcards in the key, region or account are refused, each with its own clause
 * (policy variables: `IAM_POLICY_LITERAL`; partitions: `volumeKeyPartitionProblem`).
 */
export const VOLUME_KEY_ARN: ValueRule = {
  subject: 'EBS volume key ARN',
  fix: 'Give each customer-managed key of the volumes by its key ARN, "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID" (kms.Key.fromKeyArn), '
    + 'or a kms.Key of this app.',
  check: (v) => kmsKeyArnProblems(v, {
    region: 'its region is a wildcard: the grant would cover keys of every region, and kms:ViaService names the EC2 of one region; give the key\'s region',
    key: (resource) => `its key is a wildcard ("${resource}"): the grant would cover every key it matches, and let EBS create grants on each; name each key`,
    alias: (resource) => (resource === AWS_MANAGED_EBS_KEY_ALIAS ? AWS_MANAGED_EBS_KEY_CLAUSE : KEY_ALIAS_CLAUSE),
  }),
};

/**
 * The problem of a volume key whose partition differs from its region's or from the stack's (each
 * given when known), or undefined. The policy is of one partition: a key of another can never be used.
 */
export function volumeKeyPartitionProblem(
  keyPartition: string,
  regionPartition: string | undefined,
  stackPartition: string | undefined,
): string | undefined {
  if (regionPartition !== undefined && regionPartition !== keyPartition) {
    return `its partition is "${keyPartition}" but its region is in "${regionPartition}": no such key exists; give the key's ARN as KMS shows it`;
  }
  if (stackPartition !== undefined && stackPartition !== keyPartition) {
    return `it is a key of the partition "${keyPartition}" but the stack deploys to "${stackPartition}": IAM policies of one partition cannot `
      + 'grant keys of another; list only keys of the stack\'s partition';
  }
  return undefined;
}

/** IAM's limit on a customer managed policy, in characters without white space ("IAM and AWS STS quotas"); it cannot be raised. */
export const MANAGED_POLICY_SIZE_LIMIT = 6144;

/**
 * The length bounds of one KMS key ARN known only at deploy time (`Fn::GetAtt KEY.Arn`):
 * `arn:` + partition (3-10) + `:kms:` + region (9-14) + `:` + account (12) + `:key/` + key ID (36).
 */
export const KMS_KEY_ARN_LENGTH: [number, number] = [4 + 3 + 5 + 9 + 1 + 12 + 5 + 36, 4 + 10 + 5 + 14 + 1 + 12 + 5 + 36];
/** The length bounds of an S3 bucket ARN known only at deploy time: `arn:` + partition (3-10) + `:s3:::` + name (3-63). */
export const S3_BUCKET_ARN_LENGTH: [number, number] = [4 + 3 + 6 + 3, 4 + 10 + 6 + 63];
/** The length bounds of a region code known only at deploy time (a key's region read from its ARN), as `AWS::Region` counts. */
export const AWS_REGION_LENGTH: [number, number] = ['us-east-1'.length, 'ap-southeast-5'.length];
/** The length bounds of an S3 bucket name known only at deploy time (a parameter). */
export const S3_BUCKET_NAME_LENGTH: [number, number] = [3, 63];

/**
 * Checks the Palette managed policy against IAM's 6,144-character limit, measured as the trust
 * policy is (`measurePolicy`: IAM's count without white space, tokens at their shortest and longest).
 * Over the limit however tokens resolve: an error with the size; over it only at some of their
 * lengths: a warning with the range.
 */
export function checkManagedPolicySize(
  resolvedDoc: unknown,
  volumeKeys: { readonly count: number; readonly prop: string },
  unknownLength?: UnknownLength,
): { error?: string; warning?: string } {
  const size = measurePolicy(resolvedDoc, unknownLength);
  if (size.characters <= MANAGED_POLICY_SIZE_LIMIT) return {};
  const range = size.minimumCharacters === size.characters ? `${size.characters}`
    : Number.isFinite(size.characters) ? `${size.minimumCharacters}-${size.characters}` : `at least ${size.minimumCharacters}`;
  const remedy = volumeKeys.count > 0
    ? `It lists ${volumeKeys.count} ${volumeKeys.prop}, each named in two statements: list fewer keys (the limit cannot be raised), for instance only `
      + 'the keys of the clusters this location backs up.'
    : 'The limit cannot be raised.';
  if (size.minimumCharacters > MANAGED_POLICY_SIZE_LIMIT) {
    return { error: `The managed policy is ${range} characters (IAM counts it without white space), over IAM's limit of ${MANAGED_POLICY_SIZE_LIMIT} for a managed policy. ${remedy}` };
  }
  return {
    warning: `The managed policy is ${range} characters (IAM counts it without white space) depending on values known only at deploy time, `
      + `and may exceed IAM's limit of ${MANAGED_POLICY_SIZE_LIMIT} for a managed policy. ${remedy}`,
  };
}

/** The keys grouped by their EC2 endpoint, in order of first appearance. */
function byEndpoint(keys: readonly VolumeKey[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) groups.set(key.ec2ServiceEndpoint, [...(groups.get(key.ec2ServiceEndpoint) ?? []), key.keyArn]);
  return [...groups.entries()];
}

/**
 * The identity-policy statements for volume keys: use of the named keys only through EC2
 * (`kms:ViaService`), and grants only for AWS resources (`kms:GrantIsForAWSResource`, as EBS creates
 * them). One pair per region of keys.
 */
export function veleroVolumeKeyStatements(keys: readonly VolumeKey[]): PolicyStatementJson[] {
  const groups = byEndpoint(keys);
  const suffix = (i: number) => (groups.length > 1 ? String(i + 1) : '');
  return groups.flatMap(([endpoint, arns], i): PolicyStatementJson[] => [
    {
      Sid: `VeleroVolumeKeys${suffix(i)}`,
      Effect: 'Allow',
      Action: [...VELERO_VOLUME_KEY_ACTIONS],
      Resource: arns,
      Condition: { StringEquals: { 'kms:ViaService': endpoint } },
    },
    {
      Sid: `VeleroVolumeKeyGrants${suffix(i)}`,
      Effect: 'Allow',
      Action: [VELERO_VOLUME_KEY_GRANT_ACTION],
      Resource: arns,
      Condition: { StringEquals: { 'kms:ViaService': endpoint }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ]);
}

/** The key-policy side of veleroVolumeKeyStatements for one key: the same grants, naming the principal. */
export function veleroVolumeKeyPolicyStatements(principalArn: string, ec2ServiceEndpoint: string): PolicyStatementJson[] {
  return [
    {
      Sid: 'AllowVeleroThroughEc2',
      Effect: 'Allow',
      Principal: { AWS: principalArn },
      Action: [...VELERO_VOLUME_KEY_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': ec2ServiceEndpoint } },
    },
    {
      Sid: 'AllowVeleroGrantsForEbs',
      Effect: 'Allow',
      Principal: { AWS: principalArn },
      Action: VELERO_VOLUME_KEY_GRANT_ACTION,
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': ec2ServiceEndpoint }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ];
}

/** The EC2 snapshot statement, exactly as the pages print it (plus a Sid). */
export function veleroVolumeSnapshotStatement(): PolicyStatementJson {
  return { Sid: 'VeleroVolumeSnapshots', Effect: 'Allow', Action: [...VELERO_EC2_SNAPSHOT_ACTIONS], Resource: '*' };
}

/** The object statement on `BUCKET/*`, plus s3:PutObjectTagging when asked. */
export function veleroObjectStatement(bucketArn: string, objectTagging: boolean): PolicyStatementJson {
  const actions = objectTagging ? [...VELERO_S3_OBJECT_ACTIONS, VELERO_S3_TAGGING_ACTION] : [...VELERO_S3_OBJECT_ACTIONS];
  return { Sid: 'VeleroBackupObjects', Effect: 'Allow', Action: actions, Resource: [objectsArn(bucketArn)] };
}

/** The s3:ListBucket statement on the bucket itself. */
export function veleroListBucketStatement(bucketArn: string): PolicyStatementJson {
  return { Sid: 'VeleroListBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn] };
}

/** The whole Palette backup-location policy. */
export function paletteBackupPolicy(input: PaletteBackupPolicyInput): PolicyDocumentJson {
  const { kmsKeyArn, s3ServiceEndpoint } = input;
  if (kmsKeyArn !== undefined && s3ServiceEndpoint === undefined) {
    throw new Error('paletteBackupPolicy: s3ServiceEndpoint is required with kmsKeyArn');
  }
  return policyDocument([
    ...(input.volumeSnapshots ? [veleroVolumeSnapshotStatement()] : []),
    veleroObjectStatement(input.bucketArn, input.objectTagging),
    veleroListBucketStatement(input.bucketArn),
    ...(kmsKeyArn !== undefined && s3ServiceEndpoint !== undefined ? [sseKmsStatement(kmsKeyArn, s3ServiceEndpoint)] : []),
    ...veleroVolumeKeyStatements(input.volumeKeys ?? []),
  ]);
}

/**
 * The policy for a MinIO (or other S3-compatible) user: the pages' S3 statements only, for
 * `mc admin policy create ALIAS NAME policy.json`. MinIO has no EC2 and takes `arn:aws:s3:::`.
 */
export function s3CompatibleUserPolicy(bucketName: string, objectTagging: boolean): PolicyDocumentJson {
  const bucketArn = `arn:aws:s3:::${bucketName}`;
  return policyDocument([veleroObjectStatement(bucketArn, objectTagging), veleroListBucketStatement(bucketArn)]);
}
