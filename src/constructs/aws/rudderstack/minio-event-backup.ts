import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { RudderStackPermissions } from './event-backup';
import { PolicyDocumentJson } from '../../../policies/aws/iam-json';
import { MINIO_ACCESS_KEY } from '../../../policies/aws/minio';
import { keyPrefixOfFolder, minioEventBackupPolicy, RUDDERSTACK_MINIO_ENDPOINT } from '../../../policies/aws/rudderstack';
import { S3_BUCKET_NAME } from '../../../policies/aws/rules';
import { RUDDERSTACK_MINIO_FIELDS, RUDDERSTACK_PREFIX, RudderStackDashboardField, rudderStackFieldDescription } from '../../../policies/rudderstack';
import { ruleOf } from '../../../policies/validation';
import { checkResolvedLiteral, exactPolicyDocument, problemsOf, warn } from '../private/common';
import { newMinioKeySecret } from '../private/minio-user';

/** The prefix of the output names: letters and digits, starting with a letter. */
const OUTPUT_PREFIX = ruleOf('output prefix', 'Use letters and digits, starting with a letter, e.g. "RudderStack".', [
  [(v) => !/^[A-Za-z][A-Za-z0-9]{0,200}$/.test(v), 'it must be letters and digits, starting with a letter'],
]);

/** Properties of a `RudderStackMinioEventBackup`. */
export interface RudderStackMinioEventBackupProps {
  /** "MINIO Bucket Name": the bucket, created beforehand on the MinIO server (`mc mb`); RudderStack's user may not create it. */
  readonly bucketName: string;

  /** "MinIO Endpoint": the server as `host:port`, e.g. `minio.example.com:9000` (no scheme). */
  readonly endpoint: string;

  /**
   * "Use SSL for connection". Off, the keys' signatures and every event travel in clear text: synth
   * warns (`saas-backup-constructs:RudderStackMinioNoTls`).
   * @default true
   */
  readonly useSsl?: boolean;

  /**
   * RudderStack's "Prefix": the folder RudderStack writes under (e.g. `rudder`). The MinIO user
   * policy's object grant is limited to it.
   * @default - the whole bucket
   */
  readonly prefix?: string;

  /**
   * What RudderStack may do in the bucket.
   * @default RudderStackPermissions.writeOnly()
   */
  readonly permissions?: RudderStackPermissions;

  /**
   * Where the MinIO user's keys are kept, as JSON `{"accessKeyId": ..., "secretAccessKey": ...}`
   * ("MinIO Access Key ID" and "MinIO Secret Access Key").
   * @default - a new secret with `accessKeyId` = `minioAccessKey` and a generated 40-character
   * `secretAccessKey`; create the MinIO user with them (`mc admin user add ALIAS ACCESS SECRET`)
   */
  readonly accessKeySecret?: secretsmanager.ISecret;

  /**
   * The MinIO user's access key (its user name), written into the new secret. Only without `accessKeySecret`.
   * @default 'rudderstack-events'
   */
  readonly minioAccessKey?: string;

  /**
   * Add one CloudFormation output per dashboard field, named `<outputPrefix><Field>`, and
   * `<outputPrefix>MinioUserPolicy` with the MinIO user policy. The keys are never outputs: the
   * secret's ARN is.
   * @default false
   */
  readonly createOutputs?: boolean;

  /**
   * The prefix of the output names, letters and digits. Give each backup of a stack its own.
   * @default 'RudderStack'
   */
  readonly outputPrefix?: string;
}

/**
 * RudderStack's event backups (and, as a choice, Event Replay) on MinIO or another S3-compatible
 * server (RudderStack's Event Replay page, "MinIO" tab). Nothing is created on the MinIO server:
 * this gives the MinIO user policy (`mc admin policy create ALIAS rudderstack-events policy.json`),
 * keeps the user's keys in Secrets Manager, and checks and outputs the dashboard's fields.
 *
 * The policy is write-only by default: `s3:PutObject` and `s3:AbortMultipartUpload` on the
 * objects (under the prefix), and `s3:ListBucket` on the bucket, which RudderStack's client needs
 * for the bucket check it makes before every upload (MinIO authorizes HeadBucket as ListBucket):
 * RudderStack can list object names but never read them. `RudderStackPermissions.backupAndReplay()`
 * adds `s3:GetObject`. Never a delete, never `s3:CreateBucket`.
 */
export class RudderStackMinioEventBackup extends Construct {
  /** "MINIO Bucket Name". */
  public readonly bucketName: string;
  /** "MinIO Endpoint". */
  public readonly endpoint: string;
  /** "Use SSL for connection". */
  public readonly useSsl: boolean;
  /** "Prefix", if any. */
  public readonly prefix?: string;
  /** Where "MinIO Access Key ID" and "MinIO Secret Access Key" are (`accessKeyId`, `secretAccessKey`). */
  public readonly accessKeySecret: secretsmanager.ISecret;
  /** The MinIO user's policy (`mc admin policy create ALIAS rudderstack-events policy.json`). */
  public readonly minioUserPolicy: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: RudderStackMinioEventBackupProps) {
    super(scope, id);
    // JavaScript callers can omit the props: name what is required, never a TypeError from inside.
    problemsOf(this).addIf(props === undefined || props === null, 'props are required: bucketName and endpoint').throwIfAny();
    const outputPrefix = props.outputPrefix ?? 'RudderStack';
    const problems = problemsOf(this)
      .addIf(typeof props.bucketName !== 'string', 'bucketName is required: the MinIO bucket ("MINIO Bucket Name")')
      .addIf(typeof props.endpoint !== 'string', 'endpoint is required: the MinIO server as host:port ("MinIO Endpoint")')
      .addIf(props.permissions !== undefined && !(props.permissions instanceof RudderStackPermissions),
        'permissions must be RudderStackPermissions.writeOnly() or RudderStackPermissions.backupAndReplay()')
      .checkBoolean(props.useSsl, 'useSsl')
      .check(S3_BUCKET_NAME, typeof props.bucketName === 'string' ? props.bucketName : undefined, 'bucketName')
      .check(RUDDERSTACK_MINIO_ENDPOINT, typeof props.endpoint === 'string' ? props.endpoint : undefined, 'endpoint')
      .check(RUDDERSTACK_PREFIX, props.prefix, 'prefix')
      .check(MINIO_ACCESS_KEY, props.minioAccessKey, 'minioAccessKey')
      .check(OUTPUT_PREFIX, props.outputPrefix, 'outputPrefix')
      .addIf(props.accessKeySecret !== undefined && props.minioAccessKey !== undefined,
        'minioAccessKey names the user in a new secret; remove it or remove accessKeySecret');
    if (props.createOutputs) {
      const stack = Stack.of(this);
      const taken = `${outputPrefix}${RUDDERSTACK_MINIO_FIELDS.endPoint.output}`;
      problems.addIf(stack.node.findAll().some((c) => c instanceof CfnOutput && stack.resolve(c.logicalId) === taken),
        `outputPrefix "${outputPrefix}": the stack has an output ${taken} already (another RudderStack MinIO backup): give each its own outputPrefix`);
    }
    problems.throwIfAny();
    // A token that resolves to a literal gets the literal's rule at synth time.
    checkResolvedLiteral(this, typeof props.bucketName === 'string' ? props.bucketName : undefined, S3_BUCKET_NAME, 'bucketName');
    checkResolvedLiteral(this, props.prefix, RUDDERSTACK_PREFIX, 'prefix');

    this.bucketName = props.bucketName;
    this.endpoint = props.endpoint;
    this.useSsl = props.useSsl ?? true;
    this.prefix = props.prefix;
    if (!this.useSsl) {
      warn(this, 'RudderStackMinioNoTls', 'useSsl: false sends every event RudderStack backs up, and its requests to MinIO, over plain '
        + 'HTTP: anyone on the path reads the events. Serve MinIO over TLS and leave "Use SSL for connection" on.');
    }
    const access = (props.permissions ?? RudderStackPermissions.writeOnly())._access;
    this.accessKeySecret = props.accessKeySecret ?? newMinioKeySecret(this, 'AccessKeySecret', props.minioAccessKey ?? 'rudderstack-events',
      `MinIO user keys for RudderStack event backups to ${props.bucketName}`);
    const policy: PolicyDocumentJson = minioEventBackupPolicy(props.bucketName, access, keyPrefixOfFolder(props.prefix));
    this.minioUserPolicy = exactPolicyDocument(policy);

    if (props.createOutputs) {
      const f = RUDDERSTACK_MINIO_FIELDS;
      this.output(outputPrefix, f.endPoint, this.endpoint);
      this.output(outputPrefix, f.bucketName, this.bucketName);
      if (this.prefix !== undefined) this.output(outputPrefix, f.prefix, this.prefix);
      this.output(outputPrefix, f.useSsl, String(this.useSsl));
      const keys = new CfnOutput(this, 'AccessKeySecretArn', {
        value: this.accessKeySecret.secretArn,
        description: `${rudderStackFieldDescription(f.accessKeyId)} and "${f.secretAccessKey.label}": the secret's accessKeyId and secretAccessKey`,
      });
      keys.overrideLogicalId(`${outputPrefix}MinioAccessKeySecretArn`);
      new CfnOutput(this, 'MinioUserPolicy', {
        value: JSON.stringify(policy),
        description: 'MinIO user policy: mc admin policy create ALIAS rudderstack-events policy.json',
      }).overrideLogicalId(`${outputPrefix}MinioUserPolicy`);
    }
  }

  private output(prefix: string, field: RudderStackDashboardField, value: string): void {
    new CfnOutput(this, field.output, { value, description: rudderStackFieldDescription(field) }).overrideLogicalId(`${prefix}${field.output}`);
  }
}
