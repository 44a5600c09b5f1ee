import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { claimOutputPrefix, PaletteOutputs } from './outputs';
import { PolicyDocumentJson } from '../../../policies/aws/iam-json';
import { MINIO_ACCESS_KEY } from '../../../policies/aws/minio';
import { s3CompatibleUserPolicy } from '../../../policies/aws/palette';
import { S3_BUCKET_NAME } from '../../../policies/aws/rules';
import { S3_ENDPOINT_URL } from '../../../policies/aws/s3-endpoint';
import {
  DEFAULT_OUTPUT_PREFIX,
  forcePathStyleWarning,
  MINIO_REGION,
  PALETTE_LOCATION_NAME,
  PALETTE_OUTPUT_PREFIX,
} from '../../../policies/palette-wizard';
import { CA_CERTIFICATE_PEM } from '../../../policies/pem';
import { checkResolvedLiteral, exactPolicyDocument, problemsOf, warn, warnAboutEndpoint } from '../private/common';
import { newMinioKeySecret } from '../private/minio-user';

/** Properties of a PaletteMinioBackupLocation. */
export interface PaletteMinioBackupLocationProps {
  /**
   * The wizard's "Location Name" (not blank).
   *
   * @default - the bucket's name
   */
  readonly locationName?: string;

  /** The wizard's "S3 Bucket": the bucket pre-created on the MinIO server (`mc mb`). */
  readonly bucketName: string;

  /** The wizard's "S3 URL": the MinIO server's S3 endpoint, e.g. `https://minio.example.com:9000`. */
  readonly s3Url: string;

  /**
   * The wizard's "Region": the region the MinIO server is configured with.
   *
   * @default 'us-east-1' (MinIO's default)
   */
  readonly region?: string;

  /**
   * The wizard's "Force S3 path style". MinIO serves buckets by path unless it is configured with a
   * domain for virtual-hosted style.
   *
   * @default true
   */
  readonly forcePathStyle?: boolean;

  /**
   * The wizard's "Certificate": PEM CA certificate(s) of the MinIO server's TLS certificate
   * ("Required for MinIO" on the page, unless the certificate chains to a public CA).
   *
   * @default - none
   */
  readonly caCertificatePem?: string;

  /**
   * Where the MinIO user's keys are kept, as JSON `{"accessKeyId": ..., "secretAccessKey": ...}`: the
   * "Access Key" and "Secret Key" references.
   *
   * @default - a new secret with `accessKeyId` = `minioAccessKey` and a generated 40-character
   * `secretAccessKey`; create the MinIO user with them (`mc admin user add ALIAS ACCESS SECRET`)
   */
  readonly accessKeySecret?: secretsmanager.ISecret;

  /**
   * The MinIO user's access key (its user name), written into the new secret. Only without `accessKeySecret`.
   *
   * @default 'palette-backup'
   */
  readonly minioAccessKey?: string;

  /**
   * Include `s3:PutObjectTagging` in the MinIO user policy, for Velero's tagging option.
   *
   * @default false
   */
  readonly objectTagging?: boolean;

  /**
   * Add one CloudFormation output per wizard field, named `<outputPrefix><Field>`
   * (`PaletteBucketName`, ...), and `<outputPrefix>MinioUserPolicy` with the MinIO user policy.
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
 * A Spectro Cloud Palette backup location on MinIO or another S3-compatible server (the page's
 * "MinIO" tab). It checks the wizard's fields at synth time (URL, region, path style, CA
 * certificate PEM), exposes them, keeps the MinIO user's keys in Secrets Manager (a generated
 * secret key unless you give a secret), and gives the S3-only policy for that MinIO user
 * (`mc admin policy create ALIAS palette-backup policy.json`). Nothing else is created in AWS.
 */
export class PaletteMinioBackupLocation extends Construct {
  /** The wizard's "Location Name". */
  public readonly locationName: string;
  /** The wizard's "Location Provider": `MinIO`. */
  public readonly locationProvider: string = 'MinIO';
  /** The wizard's "Certificate" (PEM), if any. */
  public readonly caCertificatePem?: string;
  /** The wizard's "S3 Bucket". */
  public readonly bucketName: string;
  /** The wizard's "Region". */
  public readonly region: string;
  /** The wizard's "S3 URL". */
  public readonly s3Url: string;
  /** The wizard's "Force S3 path style". */
  public readonly forcePathStyle: boolean;
  /** Where the MinIO user's keys are. */
  public readonly accessKeySecret: secretsmanager.ISecret;
  /**
   * The policy for the MinIO user: the pages' S3 statements on this bucket
   * (`mc admin policy create ALIAS palette-backup policy.json`).
   */
  public readonly minioUserPolicy: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: PaletteMinioBackupLocationProps) {
    super(scope, id);
    const outputPrefix = props.outputPrefix ?? DEFAULT_OUTPUT_PREFIX;
    if (typeof props !== 'object' || props === null) {
      problemsOf(this).add('props are required: an object with bucketName and s3Url').throwIfAny();
    }
    const problems = problemsOf(this)
      .required(props.bucketName, 'bucketName', 'give the bucket pre-created on the MinIO server (the wizard\'s "S3 Bucket")')
      .required(props.s3Url, 's3Url', 'give the MinIO server\'s S3 endpoint, e.g. "https://minio.example.com:9000" (the wizard\'s "S3 URL")')
      .checkBoolean(props.forcePathStyle, 'forcePathStyle')
      .checkBoolean(props.objectTagging, 'objectTagging')
      .checkBoolean(props.createOutputs, 'createOutputs')
      .checkObject(props.accessKeySecret, 'accessKeySecret', 'a Secrets Manager ISecret (e.g. secretsmanager.Secret.fromSecretNameV2(...))', ['secretArn'])
      .check(PALETTE_LOCATION_NAME, props.locationName, 'locationName')
      .check(S3_BUCKET_NAME, props.bucketName, 'bucketName')
      .check(S3_ENDPOINT_URL, props.s3Url, 's3Url')
      .check(MINIO_REGION, props.region, 'region')
      .check(CA_CERTIFICATE_PEM, props.caCertificatePem, 'caCertificatePem')
      .check(MINIO_ACCESS_KEY, props.minioAccessKey, 'minioAccessKey')
      .check(PALETTE_OUTPUT_PREFIX, props.outputPrefix, 'outputPrefix')
      .addIf(props.accessKeySecret !== undefined && props.minioAccessKey !== undefined, 'minioAccessKey names the user in a new secret; remove it or remove accessKeySecret');
    if (props.createOutputs) claimOutputPrefix(problems, Stack.of(this), outputPrefix);
    problems.throwIfAny();
    // A token that resolves to a literal gets the literal's rule at synth time.
    checkResolvedLiteral(this, props.bucketName, S3_BUCKET_NAME, 'bucketName');
    warnAboutEndpoint(this, props.s3Url, props.caCertificatePem);
    const pathStyle = forcePathStyleWarning('forcePathStyle', props.s3Url, props.forcePathStyle ?? true);
    if (pathStyle !== undefined) warn(this, pathStyle.id, pathStyle.message);

    this.locationName = props.locationName ?? props.bucketName;
    this.bucketName = props.bucketName;
    this.s3Url = props.s3Url;
    this.region = props.region ?? 'us-east-1';
    this.forcePathStyle = props.forcePathStyle ?? true;
    this.caCertificatePem = props.caCertificatePem;
    this.accessKeySecret = props.accessKeySecret ?? newMinioKeySecret(this, 'AccessKeySecret', props.minioAccessKey ?? 'palette-backup',
      `MinIO user keys for the Palette backup location "${this.locationName}"`);
    const minioUserPolicy: PolicyDocumentJson = s3CompatibleUserPolicy(props.bucketName, props.objectTagging ?? false);
    this.minioUserPolicy = exactPolicyDocument(minioUserPolicy);

    if (props.createOutputs) {
      new PaletteOutputs(this, 'minio', outputPrefix)
        .add('locationName', this.locationName)
        .add('locationProvider', this.locationProvider)
        .add('bucketName', this.bucketName)
        .add('region', this.region)
        .add('s3Url', this.s3Url)
        .add('forcePathStyle', String(this.forcePathStyle))
        .add('accessKeySecret', this.accessKeySecret.secretArn)
        .addOther('MinioUserPolicy', JSON.stringify(minioUserPolicy), 'MinIO user policy: mc admin policy create ALIAS palette-backup policy.json');
    }
  }
}
