import { CfnOutput, Duration, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AccessKeyUser } from '../access-key-user';
import { BackupBucket, BackupBucketProps } from '../backup-bucket';
import { ExternalIdRole } from '../external-id-role';
import { PaletteBackupPolicy } from './backup-policy';
import { checkBucketChoice, checkBucketRegion, useOrCreateBucket } from '../private/bucket-choice';
import { problemsOf, warn, warnAboutEndpoint } from '../private/common';
import { TrustedPrincipal } from '../trusted-principal';
import { AWS_REGION } from '../../../policies/aws/rules';
import { CA_CERTIFICATE_PEM } from '../../../policies/pem';
import { S3_ENDPOINT_URL } from '../../../policies/aws/s3-endpoint';

/** Palette's validation methods for an AWS backup location, by their Terraform names (`s3.credential_type`). */
export enum PaletteCredentialType {
  /** "STS": Palette assumes a role with an external ID. */
  STS = 'sts',
  /** "Credentials": an IAM user's access key. */
  SECRET = 'secret',
}

/** Options of Palette's STS method. */
export interface PaletteStsOptions {
  /** Palette's AWS account ID, as the wizard shows it ("It is Palette SaaS account ID"). */
  readonly paletteAccountId: string;

  /** The external ID Palette generated, as the wizard shows it. */
  readonly externalId: string;

  /**
   * The accounts or roles where Palette deploys the clusters ("Account A"), when they differ from
   * the backup account: each may assume the role too, without the external ID, as the pages show.
   *
   * @default - none (clusters run in the backup account)
   */
  readonly clusterPrincipals?: TrustedPrincipal[];

  /**
   * Limits `clusterPrincipals` to principals of this AWS Organizations organization.
   *
   * @default - no organization condition
   */
  readonly clusterPrincipalsOrganizationId?: string;

  /**
   * The role's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly roleName?: string;

  /**
   * The longest session Palette may hold.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * The account's IAM quota "Role trust policy length".
   *
   * @default 2048
   */
  readonly maxTrustPolicySize?: number;
}

/** Options of Palette's Credentials method. */
export interface PaletteCredentialsOptions {
  /**
   * The IAM user's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly userName?: string;

  /**
   * The name of the group that carries the policy.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly groupName?: string;

  /**
   * Change to rotate the access key (then paste the new key into Palette).
   *
   * @default - no serial
   */
  readonly accessKeySerial?: number;

  /**
   * The name of the secret that holds the access key.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly secretName?: string;

  /**
   * The key that encrypts the secret.
   *
   * @default - the AWS managed key aws/secretsmanager
   */
  readonly secretEncryptionKey?: kms.IKey;
}

/** How Palette authenticates to the backup account: the wizard's validation method. */
export class PaletteAccess {
  /** STS: a role Palette assumes with the external ID it generated (recommended: no long-lived key). */
  public static sts(options: PaletteStsOptions): PaletteAccess {
    return new PaletteAccess(PaletteCredentialType.STS, options, undefined);
  }

  /** Credentials: an IAM user with an access key, kept in Secrets Manager. */
  public static credentials(options: PaletteCredentialsOptions = {}): PaletteAccess {
    return new PaletteAccess(PaletteCredentialType.SECRET, undefined, options);
  }

  private constructor(
    /** The validation method. */
    public readonly credentialType: PaletteCredentialType,
    /** The STS options, for `sts`. */
    public readonly stsOptions: PaletteStsOptions | undefined,
    /** The Credentials options, for `credentials`. */
    public readonly credentialsOptions: PaletteCredentialsOptions | undefined,
  ) {}
}

/** Properties of a PaletteBackupLocation. */
export interface PaletteBackupLocationProps {
  /** The wizard's "Location Name". */
  readonly locationName: string;

  /** The wizard's validation method and what it needs. */
  readonly access: PaletteAccess;

  /**
   * An existing bucket (see `BackupBucket.fromBucketName`). Give `region` when it is not in the
   * stack's region.
   *
   * @default - a new BackupBucket with `bucketProps`
   */
  readonly bucket?: s3.IBucket;

  /**
   * Properties of the new bucket. Only without `bucket`.
   *
   * @default - BackupBucket's defaults
   */
  readonly bucketProps?: BackupBucketProps;

  /**
   * The wizard's "Region": where the bucket is.
   *
   * @default - the bucket's region
   */
  readonly region?: string;

  /**
   * The wizard's "S3 URL": an endpoint other than S3's default (a VPC or FIPS endpoint).
   *
   * @default - S3's default endpoint for the region
   */
  readonly s3Url?: string;

  /**
   * The wizard's "Force S3 path style". The page says to select it whenever an S3 URL is given.
   *
   * @default - true when `s3Url` is given, otherwise false
   */
  readonly forcePathStyle?: boolean;

  /**
   * The wizard's "Certificate": PEM CA certificate(s) for a custom CA on the S3 URL's TLS. Checked
   * at synth time (it must parse, be a certificate and be valid now; never a private key).
   *
   * @default - none (optional for AWS)
   */
  readonly caCertificatePem?: string;

  /**
   * Grant the EC2 actions for EBS volume snapshots.
   *
   * @default true
   */
  readonly volumeSnapshots?: boolean;

  /**
   * Grant `s3:PutObjectTagging` for Velero's tagging option.
   *
   * @default false
   */
  readonly objectTagging?: boolean;

  /**
   * The managed policy's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly policyName?: string;

  /**
   * Add one CloudFormation output per wizard field (descriptions name the field and the
   * `spectrocloud_backup_storage_location` argument). The access key itself is never an output.
   *
   * @default false
   */
  readonly createOutputs?: boolean;
}

/**
 * A Spectro Cloud Palette backup location on AWS S3: everything the "Add a Backup Location" pages
 * make a person click. A backup bucket (or an existing one), the Palette/Velero policy, and the
 * identity Palette uses: a role trusting Palette with an external ID (STS, optionally also trusted
 * by the cluster accounts, "Account A"), or an IAM user whose access key is kept in Secrets Manager.
 *
 * Its attributes are the wizard's fields; `toSpectroCloudTerraform()` gives the same values by the
 * argument names of Spectro Cloud's Terraform resource `spectrocloud_backup_storage_location`.
 */
export class PaletteBackupLocation extends Construct {
  /** The wizard's "Location Name". */
  public readonly locationName: string;
  /** The wizard's "Location Provider": `AWS`. */
  public readonly locationProvider: string = 'AWS';
  /** The wizard's "Certificate" (PEM), if any. */
  public readonly certificate?: string;
  /** The wizard's "S3 Bucket". */
  public readonly bucketName: string;
  /** The wizard's "Region". */
  public readonly region: string;
  /** The wizard's "S3 URL", if any. */
  public readonly s3Url?: string;
  /** The wizard's "Force S3 path style". */
  public readonly forceS3PathStyle: boolean;
  /** The wizard's validation method. */
  public readonly credentialType: PaletteCredentialType;
  /** STS: the wizard's "ARN" (the role's). */
  public readonly roleArn?: string;
  /** STS: the external ID the role requires. */
  public readonly externalId?: string;
  /** Credentials: the secret holding the access key ID and secret access key to paste. */
  public readonly accessKeySecret?: secretsmanager.ISecret;

  /** The bucket. */
  public readonly bucket: s3.IBucket;
  /** The new bucket, unless an existing one was given. */
  public readonly backupBucket?: BackupBucket;
  /** The Palette/Velero policy. */
  public readonly policy: PaletteBackupPolicy;
  /** STS: the role. */
  public readonly role?: ExternalIdRole;
  /** Credentials: the user, group and key. */
  public readonly user?: AccessKeyUser;

  constructor(scope: Construct, id: string, props: PaletteBackupLocationProps) {
    super(scope, id);
    const problems = checkBucketChoice(problemsOf(this), props)
      .check(AWS_REGION, props.region, 'region')
      .check(S3_ENDPOINT_URL, props.s3Url, 's3Url')
      .check(CA_CERTIFICATE_PEM, props.caCertificatePem, 'caCertificatePem')
      .checkNotBlank(props.locationName, 'locationName', 'give the name the location should have in Palette');
    checkBucketRegion(problems, 'region', props.region, props.bucket, this).throwIfAny();

    ({ bucket: this.bucket, backupBucket: this.backupBucket } = useOrCreateBucket(this, props));
    this.region = props.region ?? this.bucket.env.region;

    this.policy = new PaletteBackupPolicy(this, 'Policy', {
      bucket: this.bucket,
      region: this.region,
      volumeSnapshots: props.volumeSnapshots,
      objectTagging: props.objectTagging,
      managedPolicyName: props.policyName,
    });

    this.credentialType = props.access.credentialType;
    const sts = props.access.stsOptions;
    if (sts) {
      this.role = new ExternalIdRole(this, 'Role', {
        vendor: TrustedPrincipal.account(sts.paletteAccountId),
        externalId: sts.externalId,
        additionalTrustedPrincipals: sts.clusterPrincipals,
        additionalPrincipalsOrganizationId: sts.clusterPrincipalsOrganizationId,
        roleName: sts.roleName,
        maxSessionDuration: sts.maxSessionDuration,
        maxTrustPolicySize: sts.maxTrustPolicySize,
        description: `Spectro Cloud Palette backup location "${props.locationName}" (STS)`,
      });
      this.policy.managedPolicy.attachToRole(this.role.role);
      this.policy._grantKeyUse(this.role.roleArn, this.role.node.path);
      this.roleArn = this.role.roleArn;
      this.externalId = sts.externalId;
    } else {
      const options = props.access.credentialsOptions ?? {};
      this.user = new AccessKeyUser(this, 'User', {
        userName: options.userName,
        groupName: options.groupName,
        accessKeySerial: options.accessKeySerial,
        secretName: options.secretName,
        secretEncryptionKey: options.secretEncryptionKey,
      });
      this.policy.managedPolicy.attachToGroup(this.user.group);
      this.policy._grantKeyUse(this.user.user.userArn, this.user.node.path);
      this.accessKeySecret = this.user.accessKeySecret;
    }

    this.locationName = props.locationName;
    this.certificate = props.caCertificatePem;
    this.bucketName = this.bucket.bucketName;
    this.s3Url = props.s3Url;
    this.forceS3PathStyle = props.forcePathStyle ?? props.s3Url !== undefined;

    this.warnAboutEndpoint(props);
    if (props.createOutputs) this.addOutputs();
  }

  /**
   * The location as the arguments of Spectro Cloud's Terraform resource
   * `spectrocloud_backup_storage_location` (storage_provider "aws"). Values are CloudFormation
   * tokens; with Credentials, `s3.access_key` and `s3.secret_key` are Secrets Manager dynamic
   * references, which only CloudFormation resolves: read them from the secret for Terraform.
   */
  public toSpectroCloudTerraform(): any {
    return {
      name: this.locationName,
      storage_provider: 'aws',
      bucket_name: this.bucketName,
      region: this.region,
      ...(this.certificate !== undefined ? { ca_cert: this.certificate } : {}),
      s3: {
        credential_type: this.credentialType,
        ...(this.roleArn !== undefined ? { arn: this.roleArn, external_id: this.externalId } : {}),
        ...(this.accessKeySecret !== undefined
          ? {
            access_key: this.accessKeySecret.secretValueFromJson('accessKeyId').unsafeUnwrap(),
            secret_key: this.accessKeySecret.secretValueFromJson('secretAccessKey').unsafeUnwrap(),
          }
          : {}),
        ...(this.s3Url !== undefined ? { s3_url: this.s3Url } : {}),
        s3_force_path_style: this.forceS3PathStyle,
      },
    };
  }

  private addOutputs(): void {
    const output = (id: string, field: string, argument: string, value: string) =>
      new CfnOutput(this, id, { value, description: `Palette "${field}" / spectrocloud_backup_storage_location ${argument}` });
    output('LocationName', 'Location Name', 'name', this.locationName);
    output('LocationProvider', 'Location Provider', 'storage_provider (aws)', this.locationProvider);
    output('S3Bucket', 'S3 Bucket', 'bucket_name', this.bucketName);
    output('Region', 'Region', 'region', this.region);
    if (this.s3Url !== undefined) output('S3Url', 'S3 URL', 's3.s3_url', this.s3Url);
    output('ForceS3PathStyle', 'Force S3 path style', 's3.s3_force_path_style', String(this.forceS3PathStyle));
    if (this.roleArn !== undefined) {
      output('RoleArn', 'STS > ARN', 's3.arn', this.roleArn);
      output('ExternalId', 'STS > External ID', 's3.external_id', this.externalId!);
    }
    if (this.accessKeySecret !== undefined) {
      output('AccessKeySecretArn', 'Credentials > Access Key and Secret Key: read from this secret', 's3.access_key + s3.secret_key', this.accessKeySecret.secretArn);
    }
  }

  private warnAboutEndpoint(props: PaletteBackupLocationProps): void {
    warnAboutEndpoint(this, props.s3Url, props.caCertificatePem);
    const name = props.bucketProps?.bucketName;
    if (name !== undefined && !Token.isUnresolved(name) && name.includes('.') && !this.forceS3PathStyle) {
      warn(
        this,
        'DottedBucketName',
        `Bucket name "${name}" contains dots, which break virtual-hosted-style HTTPS (the certificate does not match). Set forcePathStyle: true or choose a name without dots.`,
      );
    }
  }
}
