/**
 * What a bucket given to the library lacks of BackupBucket's protections, read from its resolved
 * CloudFormation properties and bucket policies. Pure: the construct passes the JSON in.
 */
import { PolicyDocumentJson, PolicyStatementJson } from './iam-json';

/** The resolved CloudFormation properties of an `AWS::S3::Bucket` that matter here (PascalCase, as synthesized). */
export interface BucketPropertiesJson {
  readonly PublicAccessBlockConfiguration?: Readonly<Record<string, unknown>>;
  readonly BucketEncryption?: unknown;
  readonly VersioningConfiguration?: { readonly Status?: unknown };
}

/** The four settings of S3 Block Public Access. */
const PUBLIC_ACCESS_SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** True when a statement denies requests without TLS (`aws:SecureTransport` = false), as BackupBucket's policy does. */
function deniesInsecureTransport(statement: PolicyStatementJson): boolean {
  const bool = statement.Condition?.Bool;
  return statement.Effect === 'Deny' && bool !== undefined && String(bool['aws:SecureTransport']) === 'false';
}

/**
 * Each BackupBucket protection the bucket lacks, as a short clause (empty when it has them all).
 * S3 blocks public access on new buckets unless the template turns a setting off, so only explicit
 * `false` settings count; encryption is reported when the template sets none (S3 then applies SSE-S3).
 */
export function bucketProtectionGaps(
  properties: BucketPropertiesJson,
  bucketPolicies: readonly PolicyDocumentJson[],
  deletionPolicy: string | undefined,
): string[] {
  const gaps: string[] = [];
  const unblocked = PUBLIC_ACCESS_SETTINGS.filter((setting) => {
    const value = properties.PublicAccessBlockConfiguration?.[setting];
    return value !== undefined && String(value) !== 'true';
  });
  if (unblocked.length > 0) gaps.push(`public access is not blocked (${unblocked.join(', ')} turned off)`);
  if (!bucketPolicies.some((doc) => doc.Statement.some(deniesInsecureTransport))) {
    gaps.push('no bucket policy statement denies requests without TLS (aws:SecureTransport = false)');
  }
  if (properties.BucketEncryption === undefined) gaps.push('no default encryption is declared (S3 applies SSE-S3, but the template does not say so)');
  if (properties.VersioningConfiguration?.Status !== 'Enabled') gaps.push('versioning is off, so an overwrite or a delete loses the backup');
  if (deletionPolicy === 'Delete') gaps.push('it is deleted with the stack (DeletionPolicy Delete)');
  return gaps;
}

/** The warning about a bucket that lacks protections, or undefined when it lacks none. */
export function bucketProtectionWarning(bucketPath: string, gaps: readonly string[]): string | undefined {
  if (gaps.length === 0) return undefined;
  return `The bucket ${bucketPath} lacks protections that BackupBucket gives: ${gaps.join('; ')}. `
    + 'Use a BackupBucket, or add them to the bucket (blockPublicAccess BLOCK_ALL, enforceSSL, encryption, versioned, RemovalPolicy.RETAIN).';
}
