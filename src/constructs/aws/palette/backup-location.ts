import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AccessKeyOptions, AccessKeyUser } from '../access-key-user';
import { BackupBucket, BackupBucketProps, IBackupBucket } from '../backup-bucket';
import { ExternalIdRole, ExternalIdRoleNames } from '../external-id-role';
import { PaletteBackupPolicy } from './backup-policy';
import { claimOutputPrefix, PaletteOutputs } from './outputs';
import { AWS_REGION } from '../../../policies/aws/rules';
import { awsS3EndpointWarnings, S3_ENDPOINT_URL } from '../../../policies/aws/s3-endpoint';
import { PALETTE_VELERO_TENANT } from '../../../policies/bucket-sharing';
import {
  DEFAULT_OUTPUT_PREFIX,
  PALETTE_LOCATION_NAME,
  PALETTE_OUTPUT_PREFIX,
} from '../../../policies/palette-wizard';
import { CA_CERTIFICATE_PEM } from '../../../policies/pem';
import { ValidationProblems } from '../../../policies/validation';
import { checkedByParent } from '../../private/checked-by-parent';
import { checkBucketChoice, checkBucketRegion, s3BucketOf, useOrCreateBucket } from '../private/bucket-choice';
import { recordBucketTenant } from '../private/bucket-tenants';
import { claimIamName, problemsOf, PropShapes, warn, warnAboutEndpoint } from '../private/common';
import { checkStackResourceLimit } from '../private/resource-limit';
import { TrustedPrincipal } from '../trusted-principal';

/** Palette's validation methods for an AWS backup location, by their Terraform names (`s3.credential_type`). */
export enum PaletteCredentialType {
  /** "STS": Palette assumes a role with an external ID. */
  STS = 'sts',
  /** "Credentials": an IAM user's access key. */
  SECRET = 'secret',
}

/** Options of Palette's STS method. */
export interface PaletteStsOptions {
  /**
   * Palette's AWS account ID, as the wizard's STS panel shows it: on Palette SaaS, Spectro Cloud's
   * account; on a self-hosted Palette or VerteX instance, the AWS account its administrator configured
   * at the instance level for STS (system API `/v1/system/config/aws/sts/account`, or `/awsgov/` on
   * GovCloud: then deploy this stack in a GovCloud region so that the role and its trust are in
   * `aws-us-gov`). See docs/palette-notes.md.
   */
  readonly paletteAccountId: string;

  /** The external ID Palette generated, as the wizard shows it (SaaS and self-hosted alike). */
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
   * The longest session Palette may hold. For clusters outside AWS, Palette's page asks for 12 hours
   * (`Duration.hours(12)`), so that backups and restores of large clusters finish before the STS
   * credentials expire.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * The clusters run outside AWS (edge-native, AKS, vSphere: the page's "Non-AWS Cluster with AWS
   * STS"): Palette forwards the role to an in-cluster agent, which assumes it through Palette's
   * account and refreshes the credentials. Then keeping the default `maxSessionDuration` of one
   * hour is a warning (`saas-backup-constructs:NonAwsClusterSession`): the page asks for 12 hours.
   *
   * @default false
   */
  readonly clustersOutsideAws?: boolean;

  /**
   * The account's IAM quota "Role trust policy length".
   *
   * @default 2048
   */
  readonly maxTrustPolicySize?: number;

  /**
   * A permissions boundary for the role (as `ExternalIdRole`'s): the role can never do more than the
   * boundary allows, whatever policy is attached to it later. It must allow the Palette/Velero
   * policy's actions, or Palette's validation of the location fails.
   *
   * @default - none
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;
}

/** Options of Palette's Credentials method: those of every access-key user (`AccessKeyOptions`). */
export interface PaletteCredentialsOptions extends AccessKeyOptions {}

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

  /** @internal */
  public readonly _credentialType: PaletteCredentialType;
  /** @internal */
  public readonly _sts?: PaletteStsOptions;
  /** @internal */
  public readonly _credentials?: PaletteCredentialsOptions;

  private constructor(credentialType: PaletteCredentialType, sts: PaletteStsOptions | undefined, credentials: PaletteCredentialsOptions | undefined) {
    this._credentialType = credentialType;
    this._sts = sts;
    this._credentials = credentials;
  }
}

/** Properties of a PaletteBackupLocation. */
export interface PaletteBackupLocationProps {
  /**
   * The wizard's "Location Name" (not blank).
   *
   * @default - the bucket's name
   */
  readonly locationName?: string;

  /** The wizard's validation method and what it needs. */
  readonly access: PaletteAccess;

  /**
   * An existing bucket (`BackupBucket.fromBucketName`, any `s3.IBucket`) or one created separately
   * (a `BackupBucket`). Give `region` when it is not in the stack's region.
   *
   * @default - a new BackupBucket with `bucketProps`
   */
  readonly bucket?: IBackupBucket;

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
   * The wizard's "Endpoint URL" ("S3 URL" on older pages): an endpoint other than S3's default (a
   * VPC or FIPS endpoint).
   *
   * @default - S3's default endpoint for the region
   */
  readonly s3Url?: string;

  /**
   * The wizard's "Force S3 path style". The page says to select it whenever an endpoint URL is given.
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
   * Customer-managed KMS keys of the EBS volumes Velero snapshots and restores (Velero's "KMS
   * Encryption for Volume Restoration"): see `PaletteBackupPolicyProps.volumeEncryptionKeys`.
   *
   * @default - none
   */
  readonly volumeEncryptionKeys?: kms.IKey[];

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
   * Add one CloudFormation output per wizard field, named `<outputPrefix><Field>` (`PaletteBucketName`,
   * `PaletteRoleArn`, ...): readable and stable, so `aws cloudformation describe-stacks` and
   * Terraform's `aws_cloudformation_stack` data source can read them. Descriptions name the wizard
   * field and the `spectrocloud_backup_storage_location` argument. The access key itself is never an
   * output (its secret's ARN is).
   *
   * @default false
   */
  readonly createOutputs?: boolean;

  /**
   * The prefix of the output names, letters and digits. Give each location of a stack its own.
   *
   * @default 'Palette'
   */
  readonly outputPrefix?: string;
}

/**
 * A Spectro Cloud Palette backup location on AWS S3: everything the "Add a Backup Location" pages
 * make a person click. A backup bucket (or an existing one), the Palette/Velero policy, and the
 * identity Palette uses: a role trusting Palette with an external ID (STS, optionally also trusted
 * by the cluster accounts, "Account A"), or an IAM user whose access key is kept in Secrets Manager.
 *
 * Its attributes are the wizard's fields (docs/palette-aws.md#palettes-wizard-attribute-by-attribute).
 * To register it in Palette with Terraform, read the deployed stack's outputs with the
 * `aws_cloudformation_stack` data source and pass them to `SpectroCloudArguments.aws` (docs/registration.md):
 * its values are CloudFormation tokens, which Terraform cannot evaluate, so it has no `toSpectroCloudTerraform()`.
 */
export class PaletteBackupLocation extends Construct {
  /** The wizard's "Location Name". */
  public readonly locationName: string;
  /** The wizard's "Location Provider": `AWS`. */
  public readonly locationProvider: string = 'AWS';
  /** The wizard's "Certificate" (PEM), if any. */
  public readonly caCertificatePem?: string;
  /** The wizard's "Region". */
  public readonly region: string;
  /** The wizard's "Endpoint URL" ("S3 URL"), if any. */
  public readonly s3Url?: string;
  /** The wizard's "Force S3 path style". */
  public readonly forcePathStyle: boolean;
  /** The wizard's validation method. */
  public readonly credentialType: PaletteCredentialType;
  /** STS: the external ID the role requires. */
  public readonly externalId?: string;
  /** Credentials: the secret holding the access key ID and secret access key to paste. */
  public readonly accessKeySecret?: secretsmanager.ISecret;

  /** The bucket. */
  public readonly bucket: s3.IBucket;
  /** The new bucket, unless an existing one was given. */
  public readonly backupBucket?: BackupBucket;
  /** The Palette/Velero policy construct. */
  public readonly backupPolicy: PaletteBackupPolicy;
  /** The Palette/Velero managed policy. */
  public readonly managedPolicy: iam.ManagedPolicy;
  /** STS: the role. */
  public readonly role?: ExternalIdRole;
  /** Credentials: the user, group and key. */
  public readonly user?: AccessKeyUser;

  constructor(scope: Construct, id: string, props: PaletteBackupLocationProps) {
    super(scope, id);
    // JavaScript callers: props of the wrong shape are refused by name before anything reads them.
    checkShapes(problemsOf(this), props).throwIfAny();
    const outputPrefix = props.outputPrefix ?? DEFAULT_OUTPUT_PREFIX;
    const sts = props.access._sts;
    const credentials = props.access._credentials;

    // Every problem of the whole call, under the names the user wrote, before any child exists.
    const problems = checkBucketChoice(problemsOf(this), props)
      .check(PALETTE_LOCATION_NAME, props.locationName, 'locationName')
      .check(AWS_REGION, props.region, 'region')
      .check(S3_ENDPOINT_URL, props.s3Url, 's3Url')
      .check(CA_CERTIFICATE_PEM, props.caCertificatePem, 'caCertificatePem')
      .check(PALETTE_OUTPUT_PREFIX, props.outputPrefix, 'outputPrefix');
    if (props.bucket === undefined) BackupBucket._checkProps(problems, props.bucketProps ?? {}, 'bucketProps.');
    PaletteBackupPolicy._checkProps(this, problems, { ...props, managedPolicyName: props.policyName }, POLICY_NAMES);
    claimIamName(problems, this, 'policy', props.policyName, 'policyName');
    if (sts) {
      ExternalIdRole._checkProps(problems, stsRoleProps(sts, ''), STS_ROLE_NAMES);
      claimIamName(problems, this, 'role', sts.roleName, 'access.roleName');
    }
    if (credentials) {
      AccessKeyUser._checkOptions(problems, credentials, 'access.');
      claimIamName(problems, this, 'user', credentials.userName, 'access.userName');
      claimIamName(problems, this, 'group', credentials.groupName, 'access.groupName');
    }
    if (props.createOutputs) claimOutputPrefix(problems, Stack.of(this), outputPrefix);
    checkBucketRegion(problems, 'region', props.region, props.bucket && s3BucketOf(props.bucket), this).throwIfAny();

    ({ bucket: this.bucket, backupBucket: this.backupBucket } = useOrCreateBucket(this, props));
    // Velero's backups hold cluster secrets: another vendor reading this bucket is warned about (issue 19, class 6).
    recordBucketTenant(this, this.bucket, PALETTE_VELERO_TENANT);
    this.region = props.region ?? this.bucket.env.region;
    this.locationName = props.locationName ?? this.bucket.bucketName;

    // The props checked above, under the names the user wrote: the children do not check them again.
    this.backupPolicy = new PaletteBackupPolicy(this, 'Policy', checkedByParent({
      bucket: this.bucket,
      region: this.region,
      volumeSnapshots: props.volumeSnapshots,
      volumeEncryptionKeys: props.volumeEncryptionKeys,
      objectTagging: props.objectTagging,
      managedPolicyName: props.policyName,
    }, POLICY_NAMES));
    this.managedPolicy = this.backupPolicy.managedPolicy;

    this.credentialType = props.access._credentialType;
    if (sts) {
      const description = `Spectro Cloud Palette backup location "${this.locationName}" (STS)`;
      this.role = new ExternalIdRole(this, 'Role', checkedByParent(stsRoleProps(sts, description), STS_ROLE_NAMES));
      if (sts.clustersOutsideAws && sts.maxSessionDuration === undefined) {
        warn(this, 'NonAwsClusterSession', 'access.clustersOutsideAws: Palette\'s page ("Non-AWS Cluster with AWS STS", step 9) asks for a 12-hour '
          + 'maximum session so that backups and restores of large clusters finish before the STS credentials expire; the role keeps the default of '
          + '1 hour. Set access.maxSessionDuration: Duration.hours(12), or a shorter duration you chose.');
      }
      this.managedPolicy.attachToRole(this.role.role);
      const role = this.role;
      this.backupPolicy._grantKeyUse(() => role.roleArn, role.node.path);
      this.externalId = sts.externalId;
    } else {
      const options = credentials ?? {};
      // The access-key options are AccessKeyUser's own (AccessKeyOptions): passed whole, none can get lost.
      this.user = new AccessKeyUser(this, 'User', checkedByParent(options, { prefix: 'access.' }));
      this.managedPolicy.attachToGroup(this.user.group);
      const user = this.user.user;
      this.backupPolicy._grantKeyUse(() => user.userArn, this.user.node.path);
      this.accessKeySecret = this.user.accessKeySecret;
    }

    this.caCertificatePem = props.caCertificatePem;
    this.s3Url = props.s3Url;
    this.forcePathStyle = props.forcePathStyle ?? props.s3Url !== undefined;

    this.warnAboutEndpoint(props);
    if (props.createOutputs) {
      new PaletteOutputs(this, 'aws', outputPrefix)
        .add('locationName', this.locationName)
        .add('locationProvider', this.locationProvider)
        .add('bucketName', this.bucketName)
        .add('region', this.region)
        .add('s3Url', this.s3Url)
        .add('forcePathStyle', String(this.forcePathStyle))
        .add('roleArn', this.roleArn)
        .add('externalId', this.externalId)
        .add('accessKeySecret', this.accessKeySecret?.secretArn);
    }
    checkStackResourceLimit(this);
  }

  // The bucket's name and the role's ARN are read on demand: aws-cdk-lib makes each token on first
  // access, and a location that is not registered from this app never reads them.
  /** The wizard's "S3 Bucket". */
  public get bucketName(): string {
    return this.bucket.bucketName;
  }

  /** STS: the wizard's "ARN" (the role's). */
  public get roleArn(): string | undefined {
    return this.role?.roleArn;
  }

  private warnAboutEndpoint(props: PaletteBackupLocationProps): void {
    warnAboutEndpoint(this, props.s3Url, props.caCertificatePem);
    if (props.s3Url !== undefined && !Token.isUnresolved(props.s3Url)) {
      const region = Token.isUnresolved(this.region) ? undefined : this.region;
      for (const warning of awsS3EndpointWarnings(props.s3Url, region)) warn(this, warning.id, warning.message);
    }
    const name = props.bucketProps?.bucketName;
    if (name !== undefined && !Token.isUnresolved(name) && name.includes('.') && !this.forcePathStyle) {
      warn(
        this,
        'DottedBucketName',
        `Bucket name "${name}" contains dots, which break virtual-hosted-style HTTPS (the certificate does not match). Set forcePathStyle: true or choose a name without dots.`,
      );
    }
  }
}

/**
 * The props of a JavaScript caller (or a jsii caller of another language) that are missing or of the
 * wrong type, each named: what TypeScript's types would have refused.
 */
function checkShapes(problems: ValidationProblems, props: PaletteBackupLocationProps | undefined): ValidationProblems {
  const ACCESS = 'PaletteAccess.sts({ paletteAccountId, externalId }) or PaletteAccess.credentials()';
  if (props === undefined || props === null || typeof props !== 'object') return problems.add(`props are required: give access (${ACCESS})`);
  const shapes = new PropShapes(problems);
  if (shapes.required(props.access, 'access', ACCESS) && shapes.instance(props.access, (v) => v instanceof PaletteAccess, 'access', `a PaletteAccess: use ${ACCESS}`)) {
    const sts = props.access._sts;
    if (props.access._credentialType === PaletteCredentialType.STS) {
      if (shapes.required(sts, 'access', 'PaletteAccess.sts() needs its options: { paletteAccountId, externalId }') && sts) {
        if (shapes.required(sts.paletteAccountId, 'access.paletteAccountId', 'Palette\'s AWS account ID, as the wizard shows it')) {
          shapes.string(sts.paletteAccountId, 'access.paletteAccountId');
        }
        if (shapes.required(sts.externalId, 'access.externalId', 'the external ID Palette generated, as the wizard shows it')) {
          shapes.string(sts.externalId, 'access.externalId');
        }
        shapes.string(sts.roleName, 'access.roleName');
        shapes.string(sts.clusterPrincipalsOrganizationId, 'access.clusterPrincipalsOrganizationId');
        shapes.boolean(sts.clustersOutsideAws, 'access.clustersOutsideAws');
        shapes.instance(sts.maxSessionDuration, (v) => v instanceof Duration, 'access.maxSessionDuration', 'a Duration (e.g. Duration.hours(12))');
        shapes.instance(sts.permissionsBoundary, (v) => typeof (v as iam.IManagedPolicy).managedPolicyArn === 'string',
          'access.permissionsBoundary', 'an iam.IManagedPolicy (e.g. iam.ManagedPolicy.fromManagedPolicyName(...))');
      }
    } else {
      const credentials = props.access._credentials;
      for (const option of ['userName', 'groupName', 'secretName'] as const) shapes.string(credentials?.[option], `access.${option}`);
    }
  }
  for (const prop of ['locationName', 'region', 's3Url', 'caCertificatePem', 'policyName', 'outputPrefix'] as const) shapes.string(props[prop], prop);
  for (const prop of ['forcePathStyle', 'volumeSnapshots', 'objectTagging', 'createOutputs'] as const) shapes.boolean(props[prop], prop);
  shapes.instance(props.bucket, (v) => typeof v === 'object' && v !== null && 'node' in v, 'bucket',
    'a bucket: a BackupBucket, or an s3.IBucket such as BackupBucket.fromBucketName(scope, id, name)');
  shapes.instance(props.bucketProps, (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'bucketProps', 'BackupBucketProps (an object)');
  return problems;
}

/** The names of the policy's props, as a PaletteBackupLocation's user writes them. */
const POLICY_NAMES = { managedPolicyName: 'policyName', volumeEncryptionKeys: 'volumeEncryptionKeys' };

/** The names of the role's props, as a PaletteBackupLocation's user writes them. */
const STS_ROLE_NAMES: ExternalIdRoleNames = {
  vendor: 'access.paletteAccountId',
  externalId: 'access.externalId',
  additionalTrustedPrincipals: 'access.clusterPrincipals',
  additionalPrincipalsOrganizationId: 'access.clusterPrincipalsOrganizationId',
  roleName: 'access.roleName',
  maxTrustPolicySize: 'access.maxTrustPolicySize',
};

/** The ExternalIdRole of Palette's STS options. */
function stsRoleProps(sts: PaletteStsOptions, description: string) {
  return {
    vendor: TrustedPrincipal.account(sts.paletteAccountId),
    externalId: sts.externalId,
    additionalTrustedPrincipals: sts.clusterPrincipals,
    additionalPrincipalsOrganizationId: sts.clusterPrincipalsOrganizationId,
    roleName: sts.roleName,
    maxSessionDuration: sts.maxSessionDuration,
    maxTrustPolicySize: sts.maxTrustPolicySize,
    permissionsBoundary: sts.permissionsBoundary,
    description,
  };
}
