import { CfnOutput } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { objectsArn } from '../../../policies/aws/iam-json';
import { EventBackupAccess, eventBackupPolicy } from '../../../policies/aws/rudderstack';
import { IAM_POLICY_NAME, S3_KEY_PREFIX } from '../../../policies/aws/rules';
import { rudderStackTenant } from '../../../policies/bucket-sharing';
import { checkedByParent } from '../../private/checked-by-parent';
import { AccessKeyOptions, AccessKeyUser } from '../access-key-user';
import { BackupBucket, BackupBucketProps } from '../backup-bucket';
import { ExternalIdRole, ExternalIdRoleOptions, ExternalIdRoleProps } from '../external-id-role';
import { checkBucketChoice, useOrCreateBucket } from '../private/bucket-choice';
import { recordBucketTenant } from '../private/bucket-tenants';
import { checkResolvedLiteral, exactPolicyDocument, grantKeyUseThroughS3, problemsOf, s3ServiceEndpoint, warn } from '../private/common';
import { acknowledge, wildcardResourceFinding } from '../private/nag';
import { TrustedPrincipal } from '../trusted-principal';

/** Options of RudderStack's access-key method (the page's steps): those of every access-key user. */
export interface RudderStackAccessKeyOptions extends AccessKeyOptions {}

/**
 * Options of role-based access: an extension, not a form RudderStack documents for event backups
 * (see `RudderStackAccess.role`).
 */
export interface RudderStackRoleOptions extends ExternalIdRoleOptions {
  /**
   * RudderStack's AWS account ID. RudderStack's IAM-role page (written for destinations, not event
   * backups) publishes `422074288268`; use the account RudderStack support gives you for backups.
   */
  readonly rudderStackAccountId: string;

  /**
   * The external ID. RudderStack's IAM-role page (for destinations) uses your workspace ID
   * (Settings > Workspace, "Workspace ID") as the external ID.
   */
  readonly externalId: string;
}

/** How RudderStack authenticates to write the event dumps. */
export class RudderStackAccess {
  /** The page's method: an IAM user with programmatic access only, in a group carrying the policy; its key kept in Secrets Manager. */
  public static accessKey(options: RudderStackAccessKeyOptions = {}): RudderStackAccess {
    return new RudderStackAccess(options, undefined);
  }

  /**
   * Role-based access, an extension beyond RudderStack's event-backup pages: a role RudderStack's
   * account assumes with an external ID (no long-lived key).
   *
   * RudderStack's pages for event backups ("Bucket Configuration Settings for Event Backups",
   * "Event Replay", "Data Management"; docs/rudderstack.md) document only an IAM user's access
   * keys. Its IAM-role page ("Create a RudderStack IAM role for AWS-based destinations": account
   * 422074288268, "your workspace ID as the External ID") is for destinations, and the S3
   * destination's "Role-based Authentication" setting has no counterpart in the backup settings.
   * Use this only where RudderStack confirms that your workspace's backups accept a role ARN;
   * synth warns (`saas-backup-constructs:RudderStackRoleNotDocumented`).
   */
  public static role(options: RudderStackRoleOptions): RudderStackAccess {
    return new RudderStackAccess(undefined, options);
  }

  /** @internal */
  public readonly _accessKey?: RudderStackAccessKeyOptions;
  /** @internal */
  public readonly _role?: RudderStackRoleOptions;

  private constructor(accessKey: RudderStackAccessKeyOptions | undefined, role: RudderStackRoleOptions | undefined) {
    this._accessKey = accessKey;
    this._role = role;
  }
}

/**
 * What RudderStack may do in the bucket. Neither choice lets it delete objects or change the bucket.
 */
export class RudderStackPermissions {
  /**
   * Write-only, as the seed page "Events Backup Bucket Permissions" grants: `s3:PutObject` and
   * `s3:AbortMultipartUpload` on the objects. RudderStack can back events up but cannot read
   * them back, so Event Replay from this bucket does not work.
   */
  public static writeOnly(): RudderStackPermissions {
    return new RudderStackPermissions('write-only');
  }

  /**
   * Backup and replay, as RudderStack's current page "Bucket Configuration Settings for Event
   * Backups" grants: `s3:ListBucket` on the bucket, `s3:GetObject`, `s3:PutObject` and
   * `s3:AbortMultipartUpload` on the objects. The page also lists `s3:ListObjectsV2`, which is
   * not an IAM action: `s3:ListBucket` authorizes that API call. RudderStack can then read every
   * backed-up event in the bucket (or under `keyPrefix`).
   */
  public static backupAndReplay(): RudderStackPermissions {
    return new RudderStackPermissions('backup-and-replay');
  }

  /** @internal */
  public readonly _access: EventBackupAccess;

  private constructor(access: EventBackupAccess) {
    this._access = access;
  }
}

/** Properties of a RudderStackEventBackup. */
export interface RudderStackEventBackupProps {
  /**
   * How RudderStack authenticates.
   *
   * @default RudderStackAccess.accessKey(), as the page describes
   */
  readonly access?: RudderStackAccess;

  /**
   * What RudderStack may do in the bucket.
   *
   * @default RudderStackPermissions.writeOnly(), as the seed page
   */
  readonly permissions?: RudderStackPermissions;

  /**
   * An existing bucket (see `BackupBucket.fromBucketName`).
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
   * Limit RudderStack to keys under this prefix (RudderStack's "Prefix" setting), ending with "/".
   * With `RudderStackPermissions.backupAndReplay()`, listing is then allowed only for an
   * `s3:prefix` under it.
   *
   * @default - anywhere in the bucket
   */
  readonly keyPrefix?: string;

  /**
   * The managed policy's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly policyName?: string;

  /**
   * Add CloudFormation outputs for the values RudderStack asks for (the access key itself never is one).
   *
   * @default false
   */
  readonly createOutputs?: boolean;
}

/**
 * S3 access for RudderStack's event backups: a bucket, a customer-managed policy (write-only by
 * default, exactly s3:PutObject and s3:AbortMultipartUpload on its objects as the seed page "Events
 * Backup Bucket Permissions"; or backup and replay, as RudderStack's current page, see
 * `RudderStackPermissions`), and the identity RudderStack uses: an IAM user in a group carrying the policy, with its
 * access key in Secrets Manager (the page's steps), or, as an extension the backup pages do not
 * document, a role RudderStack assumes with an external ID (`RudderStackAccess.role`).
 */
export class RudderStackEventBackup extends Construct {
  /** The bucket. */
  public readonly bucket: s3.IBucket;
  /** The bucket's name. */
  public readonly bucketName: string;
  /** The new bucket, unless an existing one was given. */
  public readonly backupBucket?: BackupBucket;
  /** The policy RudderStack's identity carries. */
  public readonly managedPolicy: iam.ManagedPolicy;
  /**
   * The policy document (the managed policy's); read the JSON with
   * `Stack.of(backup).resolve(backup.policyDocument.toJSON())`.
   */
  public readonly policyDocument: iam.PolicyDocument;
  /** Access key: the user, group and key. */
  public readonly user?: AccessKeyUser;
  /** Access key: the secret holding the access key ID and secret access key to send to RudderStack. */
  public readonly accessKeySecret?: secretsmanager.ISecret;
  /** Role-based: the role. */
  public readonly role?: ExternalIdRole;
  /** Role-based: the role's ARN, to enter in RudderStack. */
  public readonly roleArn?: string;

  constructor(scope: Construct, id: string, props: RudderStackEventBackupProps = {}) {
    super(scope, id);
    const role = props.access?._role;

    // Every problem of the whole call, under the names the user wrote, before any child exists.
    const problems = checkBucketChoice(problemsOf(this), props)
      .check(S3_KEY_PREFIX, props.keyPrefix, 'keyPrefix')
      .check(IAM_POLICY_NAME, props.policyName, 'policyName');
    if (props.bucket === undefined) BackupBucket._checkProps(problems, props.bucketProps ?? {}, 'bucketProps.');
    if (role) {
      ExternalIdRole._checkProps(problems, roleProps(role), ROLE_NAMES);
    } else {
      AccessKeyUser._checkOptions(problems, props.access?._accessKey ?? {}, 'access.');
    }
    problems.throwIfAny();
    // A token that resolves to a literal gets the literal's rule at synth time.
    checkResolvedLiteral(this, props.keyPrefix, S3_KEY_PREFIX, 'keyPrefix');

    ({ bucket: this.bucket, backupBucket: this.backupBucket } = useOrCreateBucket(this, props));
    this.bucketName = this.bucket.bucketName;

    // One vendor reading another's data in a shared bucket (Palette's Velero backups hold cluster Secrets) is warned about.
    const access = (props.permissions ?? RudderStackPermissions.writeOnly())._access;
    const replay = access === 'backup-and-replay';
    recordBucketTenant(this, this.bucket, rudderStackTenant(props.keyPrefix, replay));

    const s3Endpoint = s3ServiceEndpoint(this, this.bucket.env.region);
    const key = this.bucket.encryptionKey;
    const policyDocument = eventBackupPolicy({
      access,
      bucketArn: this.bucket.bucketArn,
      keyPrefix: props.keyPrefix,
      kmsKeyArn: key?.keyArn,
      s3ServiceEndpoint: s3Endpoint,
    });
    this.managedPolicy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: props.policyName,
      description: replay
        ? 'RudderStack event backups and replay: list, read and write the backup bucket (no deletes)'
        : 'RudderStack event backups: write-only access to the backup bucket',
      document: exactPolicyDocument(policyDocument),
    });
    this.policyDocument = this.managedPolicy.document;
    acknowledge(
      this.managedPolicy,
      wildcardResourceFinding(this, objectsArn(this.bucket.bucketArn, props.keyPrefix)),
      'RudderStack writes event dumps under keys it names (date and source)'
      + (replay ? ' and reads them back for Event Replay; the grant has no delete and is' : '; the grant is write-only and')
      + ' limited to this bucket' + (props.keyPrefix ? ' and prefix.' : '.'),
    );

    if (role) {
      warn(this, 'RudderStackRoleNotDocumented', 'RudderStackAccess.role(): RudderStack documents only access keys for event backups '
        + '("Bucket Configuration Settings for Event Backups"); its IAM-role page (account 422074288268, the workspace ID as external ID) '
        + 'is for destinations. Use the role only where RudderStack confirms your backups accept a role ARN; otherwise use '
        + 'RudderStackAccess.accessKey().');
      this.role = new ExternalIdRole(this, 'Role', checkedByParent(roleProps(role), ROLE_NAMES));
      this.managedPolicy.attachToRole(this.role.role);
      this.roleArn = this.role.roleArn;
      if (key) grantKeyUseThroughS3(this, key, this.role.roleArn, this.role.node.path, s3Endpoint);
    } else {
      const options = props.access?._accessKey ?? {};
      // The access-key options are AccessKeyUser's own (AccessKeyOptions): passed whole, none can get lost.
      this.user = new AccessKeyUser(this, 'User', options);
      this.managedPolicy.attachToGroup(this.user.group);
      this.accessKeySecret = this.user.accessKeySecret;
      if (key) grantKeyUseThroughS3(this, key, this.user.user.userArn, this.user.node.path, s3Endpoint);
    }

    if (props.createOutputs) {
      new CfnOutput(this, 'BucketName', { value: this.bucketName, description: 'RudderStack event backups: S3 bucket name' });
      if (props.keyPrefix) new CfnOutput(this, 'KeyPrefix', { value: props.keyPrefix, description: 'RudderStack event backups: prefix' });
      if (this.accessKeySecret) {
        new CfnOutput(this, 'AccessKeySecretArn', {
          value: this.accessKeySecret.secretArn,
          description: 'RudderStack event backups: read the Access key ID and Secret access key from this secret',
        });
      }
      if (this.role) {
        new CfnOutput(this, 'RoleArn', { value: this.role.roleArn, description: 'RudderStack event backups: IAM role ARN' });
      }
    }
  }
}

/** The ExternalIdRole of RudderStack's role-based access. */
/** The names of the role's props, as the user writes them (the role warns under these). */
const ROLE_NAMES = {
  vendor: 'access.rudderStackAccountId',
  externalId: 'access.externalId',
  additionalTrustedPrincipals: 'access.additionalTrustedPrincipals',
  additionalPrincipalsOrganizationId: 'access.additionalPrincipalsOrganizationId',
  roleName: 'access.roleName',
  maxTrustPolicySize: 'access.maxTrustPolicySize',
};

function roleProps(role: RudderStackRoleOptions): ExternalIdRoleProps {
  return {
    vendor: TrustedPrincipal.account(role.rudderStackAccountId),
    externalId: role.externalId,
    additionalTrustedPrincipals: role.additionalTrustedPrincipals,
    additionalPrincipalsOrganizationId: role.additionalPrincipalsOrganizationId,
    roleName: role.roleName,
    description: role.description ?? 'RudderStack event backups (role-based access)',
    maxSessionDuration: role.maxSessionDuration,
    permissionsBoundary: role.permissionsBoundary,
    maxTrustPolicySize: role.maxTrustPolicySize,
  };
}
