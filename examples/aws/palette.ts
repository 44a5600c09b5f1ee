// Spectro Cloud Palette backup locations on AWS: one stack per scenario of the "Add a Backup
// Location" pages. Copy the stack you need; replace the example values (or pass them as context,
// e.g. `cdk deploy -c palette:accountId=... -c palette:externalId=...`).
import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  BackupBucketEncryption,
  PaletteAccess,
  PaletteBackupLocation,
  PaletteMinioBackupLocation,
  TrustedPrincipal,
} from 'saas-backup-constructs';
import { acknowledgeNoAccessLogs } from './access-logs';

/** The values Palette's wizard shows you, and your cluster account. */
export interface PaletteExampleProps extends StackProps {
  /** "AWS Account ID ... Palette SaaS account ID", shown in the wizard. */
  readonly paletteAccountId: string;
  /** "External ID ... Palette generates the external ID", shown in the wizard. */
  readonly externalId: string;
  /** The account where Palette deploys the clusters ("Account A"), for the cross-account examples. */
  readonly clusterAccountId?: string;
}

/** STS, single account: the bucket, the policy, a role Palette assumes with the external ID. */
export class PaletteSingleAccountStsStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteExampleProps) {
    super(scope, id, props);
    const location = new PaletteBackupLocation(this, 'BackupLocation', {
      locationName: 'aws-backups',
      access: PaletteAccess.sts({ paletteAccountId: props.paletteAccountId, externalId: props.externalId }),
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(location.backupBucket);
  }
}

/** STS, clusters in another account ("Account A"), trusted as a whole account (its root). */
export class PaletteCrossAccountRootStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteExampleProps) {
    super(scope, id, props);
    const location = new PaletteBackupLocation(this, 'BackupLocation', {
      locationName: 'aws-backups-account-b',
      access: PaletteAccess.sts({
        paletteAccountId: props.paletteAccountId,
        externalId: props.externalId,
        clusterPrincipals: [TrustedPrincipal.account(props.clusterAccountId!)],
      }),
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(location.backupBucket);
  }
}

/** STS, clusters in another account, trusting only one of its roles (it must exist before deploying). */
export class PaletteCrossAccountRoleStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteExampleProps) {
    super(scope, id, props);
    const location = new PaletteBackupLocation(this, 'BackupLocation', {
      locationName: 'aws-backups-account-b-role',
      access: PaletteAccess.sts({
        paletteAccountId: props.paletteAccountId,
        externalId: props.externalId,
        clusterPrincipals: [TrustedPrincipal.role(`arn:aws:iam::${props.clusterAccountId}:role/SpectroCloudRole`)],
      }),
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(location.backupBucket);
  }
}

/** Credentials: an IAM user with an access key in Secrets Manager (prefer STS where you can). */
export class PaletteStaticCredentialsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const location = new PaletteBackupLocation(this, 'BackupLocation', {
      locationName: 'aws-backups-credentials',
      access: PaletteAccess.credentials(),
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(location.backupBucket);
  }
}

/** STS with a customer-managed KMS key on the bucket, and server access logs. */
export class PaletteKmsEncryptedStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteExampleProps) {
    super(scope, id, props);
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket: logging it to itself would loop.',
    });
    new PaletteBackupLocation(this, 'BackupLocation', {
      locationName: 'aws-backups-kms',
      access: PaletteAccess.sts({ paletteAccountId: props.paletteAccountId, externalId: props.externalId }),
      bucketProps: {
        encryption: BackupBucketEncryption.KMS,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: 'palette-backups/',
      },
      createOutputs: true,
    });
  }
}

/** MinIO: the wizard's fields checked at synth, the MinIO user's keys in Secrets Manager, its policy. */
export class PaletteMinioStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { readonly caCertificatePem?: string }) {
    super(scope, id, props);
    new PaletteMinioBackupLocation(this, 'BackupLocation', {
      locationName: 'on-prem-minio',
      bucketName: 'velero-backups',
      s3Url: 'https://minio.example.com:9000',
      region: 'us-east-1',
      caCertificatePem: props.caCertificatePem,
      createOutputs: true,
    });
  }
}
