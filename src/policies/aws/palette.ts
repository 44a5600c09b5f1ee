/**
 * The IAM policy that Spectro Cloud Palette's "Add a Backup Location" pages (seeds 000, 001, 002)
 * tell users to create for an S3 backup location; Palette runs Velero, and this is Velero's AWS
 * plugin policy. Also: the KMS permissions a customer-managed bucket key needs, and the S3-only
 * variant for a MinIO user.
 */
import { objectsArn, policyDocument, PolicyDocumentJson, PolicyStatementJson } from './iam-json';
import { sseKmsStatement } from './sse-kms';

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
