import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { objectsArn } from '../../../policies/aws/iam-json';
import { paletteBackupPolicy } from '../../../policies/aws/palette';
import { IAM_POLICY_NAME } from '../../../policies/aws/rules';
import { ValidationProblems } from '../../../policies/validation';
import { checkBucketRegion } from '../private/bucket-choice';
import { exactPolicyDocument, grantKeyUseThroughS3, problemsOf, s3ServiceEndpoint } from '../private/common';
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
   * `policyName` for `managedPolicyName`).
   *
   * @internal
   */
  public static _checkProps(
    problems: ValidationProblems,
    props: Pick<PaletteBackupPolicyProps, 'managedPolicyName'>,
    names: { readonly managedPolicyName?: string } = {},
  ): ValidationProblems {
    return problems.check(IAM_POLICY_NAME, props.managedPolicyName, names.managedPolicyName ?? 'managedPolicyName');
  }

  /** The managed policy. */
  public readonly managedPolicy: iam.ManagedPolicy;
  /** The managed policy's ARN. */
  public readonly managedPolicyArn: string;
  /**
   * The policy document (the managed policy's, statements in the pages' order); read the JSON with
   * `Stack.of(policy).resolve(policy.document.toJSON())`.
   */
  public readonly document: iam.PolicyDocument;

  private readonly encryptionKey?: kms.IKey;
  private readonly s3Endpoint: string;

  constructor(scope: Construct, id: string, props: PaletteBackupPolicyProps) {
    super(scope, id);
    checkBucketRegion(PaletteBackupPolicy._checkProps(problemsOf(this), props), 'region', props.region, props.bucket, this).throwIfAny();

    this.encryptionKey = props.bucket.encryptionKey;
    this.s3Endpoint = s3ServiceEndpoint(this, props.region ?? props.bucket.env.region);
    const document = paletteBackupPolicy({
      bucketArn: props.bucket.bucketArn,
      volumeSnapshots: props.volumeSnapshots ?? true,
      objectTagging: props.objectTagging ?? false,
      kmsKeyArn: this.encryptionKey?.keyArn,
      s3ServiceEndpoint: this.s3Endpoint,
    });
    this.managedPolicy = new iam.ManagedPolicy(this, 'Resource', {
      managedPolicyName: props.managedPolicyName,
      description: 'Spectro Cloud Palette backup location (Velero): EBS snapshots and backup objects',
      document: exactPolicyDocument(document),
    });
    this.document = this.managedPolicy.document;
    this.managedPolicyArn = this.managedPolicy.managedPolicyArn;

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
    ]);
  }

  /**
   * Adds the key-policy side of the bucket key's grant for the identity Palette uses. Attach the
   * policy to that identity with `managedPolicy.attachToRole()` / `attachToGroup()` (the policy then
   * lists the identity, so a key policy that names the identity creates no dependency cycle).
   *
   * @internal
   */
  public _grantKeyUse(principalArn: string, identityPath: string): void {
    if (this.encryptionKey) grantKeyUseThroughS3(this, this.encryptionKey, principalArn, identityPath, this.s3Endpoint);
  }
}
