import { CfnOutput, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { objectsArn, policyDocument } from '../../../policies/aws/iam-json';
import {
  NEON_GUIDE_RETENTION_DAYS,
  neonBackupPolicy,
  neonBackupStatements,
  NeonLifecycleRuleInput,
  neonLifecycleWarnings,
  neonNoncurrentVersionDays,
  neonRetentionWarnings,
  neonUnknownRetentionWarning,
  retentionDaysProblems,
} from '../../../policies/aws/neon';
import { S3_KEY_PREFIX } from '../../../policies/aws/rules';
import { typeOfValue, ValidationProblems } from '../../../policies/validation';
import { checkedByParent } from '../../private/checked-by-parent';
import { BackupBucket, BackupBucketProps } from '../backup-bucket';
import { GitHubActionsRole } from '../github/actions-role';
import { GitHubSubject } from '../github/subject';
import { checkBucketChoice, useOrCreateBucket } from '../private/bucket-choice';
import { checkResolvedLiteral, claimIamName, grantKeyUseThroughS3, problemsOf, s3ServiceEndpoint, warn } from '../private/common';
import { acknowledge, wildcardResourceFinding } from '../private/nag';

/** The GitHub Actions secrets Neon's guide has you create, by their names. */
export enum NeonGitHubSecret {
  /** The account ID of the stack. */
  AWS_ACCOUNT_ID = 'AWS_ACCOUNT_ID',
  /** The bucket's name. */
  S3_BUCKET_NAME = 'S3_BUCKET_NAME',
  /** The role's NAME: the workflow's role-to-assume is `arn:aws:iam::${AWS_ACCOUNT_ID}:role/${IAM_ROLE}`. */
  IAM_ROLE = 'IAM_ROLE',
}

/** Properties of a NeonPostgresBackup. */
export interface NeonPostgresBackupProps {
  /**
   * The account's GitHub OIDC provider. An account has at most one: create it once
   * (`new GitHubOidcProvider(stack, 'GitHub')`) or import the existing one
   * (`GitHubOidcProvider.fromAccount(stack, 'GitHub')`); creating a second fails at deploy time with
   * `EntityAlreadyExists`.
   */
  readonly oidcProvider: iam.IOidcProvider;

  /**
   * The workflow runs that may back up: the repository of the backup workflow and its branch (a
   * scheduled workflow runs on the default branch), tag or environment.
   */
  readonly subjects: GitHubSubject[];

  /**
   * An existing bucket (see `BackupBucket.fromBucketName`). If this app cannot change its bucket
   * policy (an imported bucket), the role gets the same grant as an identity policy instead.
   *
   * @default - a new BackupBucket with `bucketProps`, in the stack's region
   */
  readonly bucket?: s3.IBucket;

  /**
   * Properties of the new bucket. Only without `bucket`. The bucket is created in the stack's
   * region: the guide advises the region of your Neon database, so deploy the stack there.
   *
   * @default - BackupBucket's defaults, with noncurrent versions kept for the longer of 30 days and `retention`
   */
  readonly bucketProps?: BackupBucketProps;

  /**
   * How long the backup workflow keeps a backup: its `RETENTION`, after which its "Empty bucket of
   * old files" step deletes it with `aws s3 rm` (Neon's part-2 guide). Whole days.
   *
   * With versioning (the default), `aws s3 rm` only adds a delete marker: the backup stays, restorable
   * and billed, as a noncurrent version until `noncurrentVersionExpiration`. A new bucket keeps
   * noncurrent versions for the longer of 30 days and this retention, so a backup deleted early
   * (by a compromised run, or a wrong `RETENTION`) can be restored for at least this long; a shorter
   * `bucketProps.noncurrentVersionExpiration` gives a synth warning. A backup is
   * thus stored for up to `retention` + `noncurrentVersionExpiration` (7 + 30 days by default).
   *
   * @default Duration.days(7), the guide's RETENTION
   */
  readonly retention?: Duration;

  /**
   * Limit the role to keys under this prefix (ending with "/"), e.g. "neon/": objects
   * `BUCKET/neon/*`, and listing only with an `s3:prefix` under it.
   *
   * @default - the whole bucket, as the guide grants
   */
  readonly keyPrefix?: string;

  /**
   * The role's name: the value of the `IAM_ROLE` secret.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly roleName?: string;

  /**
   * The longest session the role allows: a backup must finish within it.
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

  /**
   * Add one CloudFormation output per GitHub secret of the guide (`AWS_ACCOUNT_ID`,
   * `S3_BUCKET_NAME`, `IAM_ROLE`), plus the role ARN and the bucket's region.
   *
   * @default false
   */
  readonly createOutputs?: boolean;
}

/**
 * Postgres backups from GitHub Actions to S3, as Neon's guide "Create an S3 bucket to store Postgres
 * backups" sets them up by hand: a role that only the listed GitHub workflow runs can assume
 * (through the account's GitHub OIDC provider), a backup bucket (or an existing one), and a bucket
 * policy that lets the role list the bucket and get, put and delete its objects. The role has no
 * identity policy: in the same account the bucket policy is enough.
 *
 * Its attributes, and the opt-in outputs, are the GitHub secrets the workflow reads.
 */
export class NeonPostgresBackup extends Construct {
  /** The bucket. */
  public readonly bucket: s3.IBucket;
  /** The new bucket, unless an existing one was given. */
  public readonly backupBucket?: BackupBucket;
  /** The role GitHub Actions assumes. */
  public readonly role: GitHubActionsRole;
  /** The account ID: secret `AWS_ACCOUNT_ID`. */
  public readonly accountId: string;
  /** The bucket's name: secret `S3_BUCKET_NAME`. */
  public readonly bucketName: string;
  /** The bucket's region: `aws-region` of configure-aws-credentials. */
  public readonly bucketRegion: string;
  /** The role's name: secret `IAM_ROLE`. */
  public readonly roleName: string;
  /** The role's ARN: `role-to-assume`. */
  public readonly roleArn: string;
  /** The key prefix the role is limited to, if any. */
  public readonly keyPrefix?: string;
  /** The workflow's `RETENTION`, in days. */
  public readonly retentionDays: number;
  /** The GitHub secrets by name (`NeonGitHubSecret`), with their values (tokens until deployed). */
  public readonly githubSecrets: { [name: string]: string };
  /**
   * The grant: the statements added to the bucket policy, or, for a bucket whose policy this app
   * cannot change, the role's identity policy.
   */
  public readonly accessPolicy: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: NeonPostgresBackupProps) {
    super(scope, id);
    // JavaScript callers: props of the wrong shape are refused by name before anything reads them.
    checkShapes(problemsOf(this), props).throwIfAny();
    const retention = props.retention ?? Duration.days(NEON_GUIDE_RETENTION_DAYS);
    const retentionDays = retention.isUnresolved() ? NaN : retention.toDays({ integral: false });
    const roleProps = {
      provider: props.oidcProvider,
      subjects: props.subjects,
      roleName: props.roleName,
      description: 'Neon Postgres backups from GitHub Actions (OIDC)',
      maxSessionDuration: props.maxSessionDuration,
      maxTrustPolicySize: props.maxTrustPolicySize,
    };

    // Every problem of the whole call, under the names the user wrote, before any child exists.
    const problems = checkBucketChoice(problemsOf(this), props)
      .check(S3_KEY_PREFIX, props.keyPrefix, 'keyPrefix');
    if (!retention.isUnresolved()) for (const problem of retentionDaysProblems(retentionDays)) problems.add(problem);
    GitHubActionsRole._checkProps(problems, roleProps, ROLE_NAMES);
    claimIamName(problems, this, 'role', props.roleName, 'roleName');
    if (props.bucket === undefined) BackupBucket._checkProps(problems, props.bucketProps ?? {}, 'bucketProps.');
    problems.throwIfAny();
    // A token that resolves to a literal gets the literal's rule at synth time.
    checkResolvedLiteral(this, props.keyPrefix, S3_KEY_PREFIX, 'keyPrefix');
    this.retentionDays = retentionDays;

    this.role = new GitHubActionsRole(this, 'Role', checkedByParent(roleProps, ROLE_NAMES));
    ({ bucket: this.bucket, backupBucket: this.backupBucket } = useOrCreateBucket(this, {
      bucket: props.bucket,
      bucketProps: props.bucket ? undefined : this.newBucketProps(props.bucketProps ?? {}, props.keyPrefix),
    }));
    this.keyPrefix = props.keyPrefix;

    this.accessPolicy = this.grantAccess();
    this.grantKeyUse();

    this.accountId = Stack.of(this).account;
    this.bucketName = this.bucket.bucketName;
    this.bucketRegion = this.bucket.env.region;
    this.roleName = this.role.roleName;
    this.roleArn = this.role.roleArn;
    this.githubSecrets = {
      [NeonGitHubSecret.AWS_ACCOUNT_ID]: this.accountId,
      [NeonGitHubSecret.S3_BUCKET_NAME]: this.bucketName,
      [NeonGitHubSecret.IAM_ROLE]: this.roleName,
    };
    if (props.createOutputs) this.addOutputs();
  }

  /** The new bucket's properties: noncurrent versions kept at least as long as the retention; a warning when they are not. */
  private newBucketProps(given: BackupBucketProps, keyPrefix: string | undefined): BackupBucketProps {
    const versioned = given.versioned ?? true;
    const givenDays = given.noncurrentVersionExpiration?.isUnresolved() ? undefined : given.noncurrentVersionExpiration?.toDays({ integral: false });
    const retentionKnown = !Number.isNaN(this.retentionDays);
    if (retentionKnown) {
      for (const warning of neonRetentionWarnings({ retentionDays: this.retentionDays, versioned, noncurrentVersionDays: givenDays })) {
        warn(this, 'RetentionVersioning', warning);
      }
    } else if (versioned) {
      // A token retention cannot be compared or combined at synth time: say so, rather than keep 30 days silently.
      warn(this, 'RetentionUnknown', neonUnknownRetentionWarning(givenDays));
    }
    const rules = (given.lifecycleRules ?? []).map((rule, index) => lifecycleRuleInput(rule, index));
    for (const warning of neonLifecycleWarnings(retentionKnown ? this.retentionDays : undefined, keyPrefix, rules)) {
      warn(this, 'LifecycleExpiresBackups', warning);
    }
    if (!versioned || given.noncurrentVersionExpiration !== undefined || Number.isNaN(this.retentionDays)) return given;
    return { ...given, noncurrentVersionExpiration: Duration.days(neonNoncurrentVersionDays(this.retentionDays)) };
  }

  /** The bucket policy statements; for a bucket whose policy this app cannot change, an identity policy. */
  private grantAccess(): iam.PolicyDocument {
    const input = { bucketArn: this.bucket.bucketArn, principalArn: this.role.roleArn, keyPrefix: this.keyPrefix };
    const bucketPolicy = neonBackupPolicy(input);
    const added = bucketPolicy.Statement.map((s) => this.bucket.addToResourcePolicy(iam.PolicyStatement.fromJson(s)).statementAdded);
    if (added.every(Boolean)) return iam.PolicyDocument.fromJson(bucketPolicy);

    const identity = policyDocument(neonBackupStatements({ ...input, principalArn: undefined }));
    const document = new iam.PolicyDocument({ minimize: false, statements: identity.Statement.map((s) => iam.PolicyStatement.fromJson(s)) });
    const policy = new iam.Policy(this, 'ExistingBucketAccess', { document, roles: [this.role.role] });
    acknowledge(
      policy,
      wildcardResourceFinding(this, objectsArn(this.bucket.bucketArn, this.keyPrefix ?? '')),
      'The backup workflow writes, reads and deletes dated backup files under any key of this one bucket (or of its key prefix).',
    );
    const stack = Stack.of(this);
    if (this.bucket.env.account !== stack.account) {
      warn(
        this,
        'CrossAccountBucket',
        `The bucket is in account ${this.bucket.env.account}: its owner must also add to its bucket policy what ${this.node.path} grants `
        + '(s3:ListBucket on the bucket, s3:GetObject, s3:PutObject and s3:DeleteObject on its objects), with the role as principal.',
      );
    }
    return document;
  }

  /** For a bucket with a customer-managed key: the key-policy grant of kms:Decrypt and kms:GenerateDataKey through S3 (the role has no identity policy). */
  private grantKeyUse(): void {
    const key = this.bucket.encryptionKey;
    if (key) grantKeyUseThroughS3(this, key, this.role.roleArn, this.role.node.path, s3ServiceEndpoint(this, this.bucket.env.region), false);
  }

  private addOutputs(): void {
    const output = (id: string, description: string, value: string) => new CfnOutput(this, id, { value, description });
    output('AwsAccountId', `GitHub secret ${NeonGitHubSecret.AWS_ACCOUNT_ID}`, this.accountId);
    output('S3BucketName', `GitHub secret ${NeonGitHubSecret.S3_BUCKET_NAME}`, this.bucketName);
    output('IamRole', `GitHub secret ${NeonGitHubSecret.IAM_ROLE} (the role name)`, this.roleName);
    output('IamRoleArn', 'role-to-assume (arn:aws:iam::AWS_ACCOUNT_ID:role/IAM_ROLE)', this.roleArn);
    output('BucketRegion', 'aws-region (the bucket\'s region)', this.bucketRegion);
  }
}

/** Days of a lifecycle Duration known at synth time, or undefined. */
function daysOf(duration: Duration | undefined): number | undefined {
  return duration === undefined || duration.isUnresolved() ? undefined : duration.toDays({ integral: false });
}

/** What neonLifecycleWarnings needs of a lifecycle rule. */
function lifecycleRuleInput(rule: s3.LifecycleRule, index: number): NeonLifecycleRuleInput {
  const prefix = rule.prefix === undefined || Token.isUnresolved(rule.prefix) ? undefined : rule.prefix;
  return {
    index,
    id: rule.id,
    enabled: rule.enabled ?? true,
    prefix,
    expirationDays: daysOf(rule.expiration),
    expirationDate: rule.expirationDate?.toISOString().slice(0, 10),
    noncurrentDays: daysOf(rule.noncurrentVersionExpiration),
  };
}

/** The names of the role's props, as a NeonPostgresBackup's user writes them. */
const ROLE_NAMES = { provider: 'oidcProvider', subjects: 'subjects', roleName: 'roleName', maxTrustPolicySize: 'maxTrustPolicySize' };

/**
 * The props of a JavaScript caller (or another jsii language) that are missing or of the wrong type,
 * each named: what TypeScript's types would have refused, before any code reads them.
 */
function checkShapes(problems: ValidationProblems, props: NeonPostgresBackupProps | undefined): ValidationProblems {
  if (props === undefined || props === null || typeof props !== 'object') {
    return problems.add('props are required: give oidcProvider (GitHubOidcProvider.fromAccount(scope, id)) and subjects');
  }
  // oidcProvider and subjects: GitHubActionsRole._checkProps, under these names.
  for (const [prop, value] of [['retention', props.retention], ['maxSessionDuration', props.maxSessionDuration]] as const) {
    problems.addIf(value !== undefined && !(value instanceof Duration), `${prop} must be a Duration (e.g. Duration.days(7)); got ${typeOfValue(value)}`);
  }
  problems.checkString(props.keyPrefix, 'keyPrefix').checkString(props.roleName, 'roleName');
  return problems;
}
