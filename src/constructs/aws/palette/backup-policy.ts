import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct, IConstruct } from 'constructs';
import { isIntrinsic, objectsArn } from '../../../policies/aws/iam-json';
import {
  AWS_MANAGED_EBS_KEY_ALIAS,
  AWS_MANAGED_EBS_KEY_CLAUSE,
  AWS_REGION_LENGTH,
  checkManagedPolicySize,
  KEY_ALIAS_CLAUSE,
  KMS_KEY_ARN_LENGTH,
  S3_BUCKET_ARN_LENGTH,
  S3_BUCKET_NAME_LENGTH,
  paletteBackupPolicy,
  VELERO_VOLUME_KEY_ACTIONS,
  veleroVolumeKeyPolicyStatements,
  VOLUME_KEY_ARN,
  volumeKeyPartitionProblem,
} from '../../../policies/aws/palette';
import { IAM_POLICY_LITERAL, IAM_POLICY_NAME, partitionOfArn } from '../../../policies/aws/rules';
import { describeInput, ValidationProblems } from '../../../policies/validation';
import { namesCheckedByParent } from '../../private/checked-by-parent';
import { checkBucketRegion } from '../private/bucket-choice';
import {
  ec2ServiceEndpoint,
  exactPolicyDocument,
  grantKeyUseThroughS3,
  problemsOf,
  s3ServiceEndpoint,
  warn,
} from '../private/common';
import { acknowledgeByDesign, wildcardResourceFinding } from '../private/nag';

/** Properties of a PaletteBackupPolicy. */
export interface PaletteBackupPolicyProps {
  /** The backup bucket. Its `encryptionKey`, if any, gets the SSE-KMS statement. */
  readonly bucket: s3.IBucket;

  /**
   * Include the EC2 statement Velero needs for EBS volume snapshots (on `*`: these actions cannot
   * be scoped to resources here). The pages include it.
   *
   * @default true
   */
  readonly volumeSnapshots?: boolean;

  /**
   * Add `s3:PutObjectTagging`, needed only when Velero's backup storage location sets `config.tagging`.
   *
   * @default false
   */
  readonly objectTagging?: boolean;

  /**
   * The region of the bucket, for the key's `kms:ViaService` condition.
   *
   * @default - the bucket's region
   */
  readonly region?: string;

  /**
   * The managed policy's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly managedPolicyName?: string;

  /**
   * Customer-managed KMS keys that encrypt the EBS volumes Velero snapshots and restores (Velero's
   * "KMS Encryption for Volume Restoration", vmware-tanzu/velero-plugin-for-aws README.md). The
   * policy then allows `kms:Encrypt`, `kms:Decrypt`, `kms:ReEncrypt*`, `kms:GenerateDataKey*` and
   * `kms:DescribeKey` on these keys only through EC2 (`kms:ViaService` = `ec2.<key region>`), and
   * `kms:CreateGrant` only for AWS resources (`kms:GrantIsForAWSResource`). A key of this stack gets
   * the same grants in its key policy; for an imported key, a warning says what to add.
   *
   * @default - none: volumes encrypted with AWS managed keys (aws/ebs) or unencrypted
   */
  readonly volumeEncryptionKeys?: kms.IKey[];
}

/**
 * The customer-managed IAM policy of Palette's "Add a Backup Location" pages (Velero's AWS plugin
 * policy): six EC2 snapshot actions on `*`, five object actions on `BUCKET/*`, `s3:ListBucket` on the
 * bucket; opt-in `s3:PutObjectTagging`; and, for a bucket with a customer-managed key,
 * `kms:GenerateDataKey` and `kms:Decrypt` on that key through S3 only.
 */
export class PaletteBackupPolicy extends Construct {
  /**
   * The problems of the props; `names` renames a prop as the user wrote it (PaletteBackupLocation's
   * `policyName` for `managedPolicyName`). `scope` is the construct whose stack the policy deploys to
   * (for the partition of the volume keys).
   *
   * @internal
   */
  public static _checkProps(
    scope: IConstruct,
    problems: ValidationProblems,
    props: Pick<PaletteBackupPolicyProps, 'managedPolicyName' | 'volumeEncryptionKeys' | 'volumeSnapshots'>,
    names: PaletteBackupPolicyNames = {},
  ): ValidationProblems {
    const keysProp = names.volumeEncryptionKeys ?? 'volumeEncryptionKeys';
    const given: unknown = props.volumeEncryptionKeys;
    problems.check(IAM_POLICY_NAME, props.managedPolicyName, names.managedPolicyName ?? 'managedPolicyName');
    if (given !== undefined && !Array.isArray(given)) {
      // One key instead of a list: say so (its class name is aws-cdk-lib's internal one, and of no help).
      const oneKey = typeof given === 'object' && given !== null && typeof (given as { keyArn?: unknown }).keyArn === 'string';
      return problems.add(`${keysProp} must be a list of KMS keys (kms.IKey[]); got ${oneKey ? 'one KMS key: write [key]' : describeInput(given, true)}`);
    }
    const keys = (given as unknown[] | undefined) ?? [];
    const arns: Array<string | undefined> = keys.map((key, i) => volumeKeyArnOf(scope, problems, key, `${keysProp}[${i}]`));
    const literalArns = arns.map((arn) => (arn !== undefined && !Token.isUnresolved(arn) ? arn : undefined));
    problems
      .checkEach(IAM_POLICY_LITERAL, literalArns.map((arn) => arn ?? ''), keysProp)
      .addIf(
        keys.length > 0 && props.volumeSnapshots === false,
        `${keysProp} are for EBS volume snapshots; remove them or keep volumeSnapshots: true`,
      )
      .addIf(
        new Set(arns.filter((arn) => arn !== undefined)).size !== arns.filter((arn) => arn !== undefined).length,
        `${keysProp} lists a key twice; give each key once`,
      );
    return problems;
  }

  /** The managed policy. */
  public readonly managedPolicy: iam.ManagedPolicy;
  /**
   * The policy document (the managed policy's, statements in the pages' order); read the JSON with
   * `Stack.of(policy).resolve(policy.document.toJSON())`.
   */
  public readonly document: iam.PolicyDocument;

  private readonly encryptionKey?: kms.IKey;
  private readonly s3Endpoint: string;
  private readonly volumeKeys: ReadonlyArray<{ readonly key: kms.IKey; readonly ec2ServiceEndpoint: string }>;

  constructor(scope: Construct, id: string, props: PaletteBackupPolicyProps) {
    super(scope, id);
    // PaletteBackupLocation has checked the props under the names its user wrote; used alone, the policy checks them.
    const names = namesCheckedByParent<PaletteBackupPolicyNames>(props);
    if (names === undefined) {
      checkBucketRegion(PaletteBackupPolicy._checkProps(this, problemsOf(this), props), 'region', props.region, props.bucket, this).throwIfAny();
    }

    this.encryptionKey = props.bucket.encryptionKey;
    this.s3Endpoint = s3ServiceEndpoint(this, props.region ?? props.bucket.env.region);
    this.volumeKeys = (props.volumeEncryptionKeys ?? []).map((key) => ({ key, ec2ServiceEndpoint: ec2ServiceEndpoint(this, key.env.region) }));
    const document = paletteBackupPolicy({
      bucketArn: props.bucket.bucketArn,
      volumeSnapshots: props.volumeSnapshots ?? true,
      objectTagging: props.objectTagging ?? false,
      kmsKeyArn: this.encryptionKey?.keyArn,
      s3ServiceEndpoint: this.s3Endpoint,
      volumeKeys: this.volumeKeys.map(({ key, ec2ServiceEndpoint: endpoint }) => ({ keyArn: key.keyArn, ec2ServiceEndpoint: endpoint })),
    });
    this.managedPolicy = new iam.ManagedPolicy(this, 'Resource', {
      managedPolicyName: props.managedPolicyName,
      description: 'Spectro Cloud Palette backup location (Velero): EBS snapshots and backup objects',
      document: exactPolicyDocument(document),
    });
    this.document = this.managedPolicy.document;
    this.checkSize(props.bucket, names?.volumeEncryptionKeys ?? 'volumeEncryptionKeys');

    const bucketArn = props.bucket.bucketArn;
    acknowledgeByDesign(this.managedPolicy, document, [
      ...(props.volumeSnapshots ?? true ? [{
        id: () => 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Velero\'s EBS snapshot statement: ec2:DescribeVolumes and ec2:DescribeSnapshots support only Resource "*", and the volumes and '
          + 'snapshots the others act on are found at run time. This is the statement Palette documents.',
      }] : []),
      {
        id: () => wildcardResourceFinding(this, objectsArn(bucketArn)),
        reason: 'Velero reads, writes and deletes backup objects under any key of the backup bucket; the grant is limited to this one bucket.',
      },
      ...(this.volumeKeys.length > 0 ? ['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((action) => ({
        id: () => `AwsSolutions-IAM5[Action::${action}]`,
        reason: `Velero's "KMS Encryption for Volume Restoration" (velero-plugin-for-aws README) lists ${action} for EBS: its variants `
          + '(ReEncryptFrom/To, GenerateDataKeyWithoutPlaintext) are what EC2 calls; only on the named volume keys, only through EC2.',
      })) : []),
    ]);
  }

  /** The managed policy's ARN. */
  public get managedPolicyArn(): string {
    // Read on demand: aws-cdk-lib builds the ARN token on first access, which a location never needs.
    return this.managedPolicy.managedPolicyArn;
  }

  /**
   * IAM's 6,144-character limit of a managed policy, which enough volume keys exceed: an error with
   * the size when the policy is over it however its tokens resolve, a warning when it may be. The
   * ARNs of keys and of the bucket that are known only at deploy time count at their shortest and
   * longest lengths.
   */
  private checkSize(bucket: s3.IBucket, keysProp: string): void {
    // Without volume keys the policy is the pages' fixed statements on one bucket (and its key): at most
    // about a third of the limit with the longest bucket and key ARNs (tested), so resolving the whole
    // document here, for every location of an app, would only cost synth time.
    if (this.volumeKeys.length === 0) return;
    const stack = Stack.of(this);
    const bounds = new Map<string, [number, number]>();
    const bound = (arn: string, length: [number, number]) => {
      const resolved = stack.resolve(arn);
      if (isIntrinsic(resolved)) bounds.set(JSON.stringify(resolved), length);
    };
    bound(bucket.bucketArn, S3_BUCKET_ARN_LENGTH);
    bound(bucket.bucketName, S3_BUCKET_NAME_LENGTH);
    for (const key of [this.encryptionKey, ...this.volumeKeys.map((k) => k.key)]) {
      if (key) bound(key.keyArn, KMS_KEY_ARN_LENGTH);
      if (key) bound(key.env.region, AWS_REGION_LENGTH);
    }
    const size = checkManagedPolicySize(
      stack.resolve(this.document.toJSON()),
      { count: this.volumeKeys.length, prop: keysProp },
      (intrinsic) => bounds.get(JSON.stringify(intrinsic)),
    );
    if (size.error) problemsOf(this).add(size.error).throwIfAny();
    if (size.warning) warn(this, 'ManagedPolicySize', size.warning);
  }

  /**
   * Adds the key-policy side of the bucket key's grant for the identity Palette uses. Attach the
   * policy to that identity with `managedPolicy.attachToRole()` / `attachToGroup()` (the policy then
   * lists the identity, so a key policy that names the identity creates no dependency cycle).
   *
   * @internal
   */
  public _grantKeyUse(principalArnOf: () => string, identityPath: string): void {
    if (!this.encryptionKey && this.volumeKeys.length === 0) return; // no key: the principal's ARN is not needed
    const principalArn = principalArnOf();
    if (this.encryptionKey) grantKeyUseThroughS3(this, this.encryptionKey, principalArn, identityPath, this.s3Endpoint);
    for (const { key, ec2ServiceEndpoint: endpoint } of this.volumeKeys) {
      // A key of another stack would make its stack and this one depend on each other; treat it as imported.
      const added = Stack.of(key) === Stack.of(this) && veleroVolumeKeyPolicyStatements(principalArn, endpoint)
        .map((statement) => key.addToResourcePolicy(iam.PolicyStatement.fromJson(statement)).statementAdded)
        .every(Boolean);
      if (!added) {
        warn(
          this,
          'ImportedVolumeKeyPolicy',
          `The volume key ${Token.isUnresolved(key.keyArn) ? key.node.path : key.keyArn} is not a key of this stack, so its key policy cannot be changed here. `
          + 'Unless the key policy lets IAM policies of the key\'s account grant its use (the "Enable IAM User Permissions" statement, and the '
          + `key is in this account), add a statement allowing the principal of ${identityPath} ${VELERO_VOLUME_KEY_ACTIONS.join(', ')} with the `
          + 'condition kms:ViaService = ec2.<key region>.amazonaws.com, and one allowing it kms:CreateGrant with the same condition and '
          + 'kms:GrantIsForAWSResource = true.',
        );
      }
    }
  }
}

/** How PaletteBackupLocation names the props of its policy, as the user wrote them. @internal */
export interface PaletteBackupPolicyNames {
  /** e.g. "policyName". */
  readonly managedPolicyName?: string;
  /** e.g. "volumeEncryptionKeys". */
  readonly volumeEncryptionKeys?: string;
}

/**
 * The key ARN of one of `volumeEncryptionKeys` (named `prop`), after adding its problems: not a key
 * (`null`, a string from a JavaScript caller), an alias (an `IAlias`, whose ARN IAM ignores for key
 * use), the AWS managed `alias/aws/ebs`, a literal ARN that `VOLUME_KEY_ARN` refuses, or a partition
 * other than its region's or the stack's. Undefined when it is not a key.
 */
function volumeKeyArnOf(scope: IConstruct, problems: ValidationProblems, key: unknown, prop: string): string | undefined {
  const keyArn = (key as { keyArn?: unknown } | null)?.keyArn;
  if (key === null || typeof key !== 'object' || typeof keyArn !== 'string') {
    problems.add(`${prop} is ${describeInput(key, true)}, not a KMS key: give a kms.IKey (kms.Key.fromKeyArn(scope, id, "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID"), `
      + 'or a kms.Key of this app)');
    return undefined;
  }
  const aliasName = (key as { aliasName?: unknown }).aliasName;
  if (typeof aliasName === 'string') {
    const shown = Token.isUnresolved(aliasName) ? (key as IConstruct).node.path : aliasName;
    problems.add(`${prop} is the alias ${shown}: ${aliasName === AWS_MANAGED_EBS_KEY_ALIAS ? AWS_MANAGED_EBS_KEY_CLAUSE : KEY_ALIAS_CLAUSE}`);
    return keyArn;
  }
  if (Token.isUnresolved(keyArn)) {
    // Partly a token (the partition, say): what is literal still tells an alias or a wildcard.
    const resource = /:(alias\/[^:]*|key\/[^:]*)$/.exec(keyArn)?.[1];
    if (resource === AWS_MANAGED_EBS_KEY_ALIAS) problems.add(`${prop} (${(key as IConstruct).node.path}): ${AWS_MANAGED_EBS_KEY_CLAUSE}`);
    else if (resource?.startsWith('alias/') && !resource.includes('${Token')) problems.add(`${prop} (${(key as IConstruct).node.path}): ${KEY_ALIAS_CLAUSE}`);
    else if (resource !== undefined && /[*?]/.test(resource)) problems.add(`${prop} (${(key as IConstruct).node.path}): its key is a wildcard ("${resource}"); name each key`);
    return keyArn;
  }
  problems.check(VOLUME_KEY_ARN, keyArn, prop);
  const partition = partitionOfArn(keyArn);
  if (partition !== undefined && VOLUME_KEY_ARN.check(keyArn).length === 0) {
    const region = keyArn.split(':')[3];
    const stack = Stack.of(scope);
    const stackPartition = Token.isUnresolved(stack.region) ? undefined : RegionInfo.get(stack.region).partition;
    const problem = volumeKeyPartitionProblem(partition, RegionInfo.get(region).partition, stackPartition);
    if (problem !== undefined) problems.add(`Invalid ${VOLUME_KEY_ARN.subject} ${JSON.stringify(keyArn)} (${prop}): ${problem}`);
  }
  return keyArn;
}
