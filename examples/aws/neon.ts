// Neon Postgres backups from GitHub Actions to S3: Neon's guide "Create an S3 bucket to store
// Postgres backups" as one stack. The workflow that uses it is examples/neon/postgres-backup.yml.
//
// Deploy the stack in the region of your Neon database (the guide's advice): the bucket is created
// in the stack's region, and the workflow's aws-region must be that region.
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GitHubOidcProvider, GitHubRepository, GitHubSubject, NeonPostgresBackup } from 'saas-backup-constructs';
import { acknowledgeNoAccessLogs } from './access-logs';

/**
 * The example's values. Replace them (or pass them as context: `-c neon:repository=...`):
 * - repository: the repository that runs the backup workflow, in the immutable form
 *   OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID. Get the IDs with
 *   `gh api repos/OWNER/REPOSITORY --jq '.owner.id, .id'`. Both subject forms are trusted, so
 *   the role works before and after the repository switches to immutable subjects.
 * - branch: the branch the scheduled workflow runs on (the default branch).
 * - region: the region of the Neon database, where the bucket goes.
 */
export const NEON_EXAMPLE = {
  repository: 'example-org@1234567/neon-backups@890123456',
  branch: 'main',
  region: 'eu-central-1',
  /** The key prefix the workflow uploads under. */
  keyPrefix: 'neon/',
  /** The role name the guide uses (the IAM_ROLE secret). */
  roleName: 'neon-s3-backup-github-actions',
  /** Days a backup is kept: the workflow's RETENTION (the guide's 7). */
  retentionDays: 7,
} as const;

/** What the Neon example stacks take. */
export interface NeonBackupExampleProps extends StackProps {
  /** The workflow's repository, OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID. */
  readonly repository: string;
  /** The workflow's branch. */
  readonly branch: string;
}

/**
 * The guide's three steps in an account that has no GitHub OIDC provider yet: the provider, the
 * role only the backup workflow on the default branch can assume, the bucket and its policy.
 * The outputs are the GitHub secrets AWS_ACCOUNT_ID, S3_BUCKET_NAME and IAM_ROLE.
 */
export class NeonBackupStack extends Stack {
  /** The backup construct (its attributes are the GitHub secrets). */
  public readonly backup: NeonPostgresBackup;

  constructor(scope: Construct, id: string, props: NeonBackupExampleProps) {
    super(scope, id, props);
    // One provider per account: if the account already has it, use NeonBackupExistingProviderStack.
    const oidcProvider = new GitHubOidcProvider(this, 'GitHub');
    this.backup = new NeonPostgresBackup(this, 'Backups', {
      oidcProvider,
      subjects: [GitHubSubject.branch(GitHubRepository.classicAndImmutable(props.repository), props.branch)],
      roleName: NEON_EXAMPLE.roleName,
      keyPrefix: NEON_EXAMPLE.keyPrefix,
      // The workflow deletes older backups with aws s3 rm; noncurrent versions stay 30 days more.
      retention: Duration.days(NEON_EXAMPLE.retentionDays),
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(this.backup.backupBucket);
  }
}

/**
 * The same in an account that already has GitHub's OIDC provider (created by hand or by another
 * stack): it is imported, so the deployment does not fail with EntityAlreadyExists.
 */
export class NeonBackupExistingProviderStack extends Stack {
  /** The backup construct. */
  public readonly backup: NeonPostgresBackup;

  constructor(scope: Construct, id: string, props: NeonBackupExampleProps) {
    super(scope, id, props);
    this.backup = new NeonPostgresBackup(this, 'Backups', {
      oidcProvider: GitHubOidcProvider.fromAccount(this, 'GitHub'),
      subjects: [GitHubSubject.branch(GitHubRepository.classicAndImmutable(props.repository), props.branch)],
      keyPrefix: NEON_EXAMPLE.keyPrefix,
      // The workflow deletes older backups with aws s3 rm; noncurrent versions stay 30 days more.
      retention: Duration.days(NEON_EXAMPLE.retentionDays),
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(this.backup.backupBucket);
  }
}
