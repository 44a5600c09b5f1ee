import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { s3EndpointWarnings } from '../../../policies/aws/s3-endpoint';
import { SSE_KMS_ACTIONS, sseKmsKeyPolicyStatement } from '../../../policies/aws/sse-kms';
import { readCaBundle } from '../../../policies/pem';
import { ValidationProblems } from '../../../policies/validation';

/** Collects the input problems of `scope`; aws-cdk-lib tokens are not validated. */
export function problemsOf(scope: IConstruct): ValidationProblems {
  return new ValidationProblems(scope.node.path, Token.isUnresolved);
}

/** The regions given explicitly to `BackupBucket.fromBucketAttributes`, by the bucket they imported. */
const importedRegions = new WeakMap<IConstruct, string>();

/** Records the region an imported bucket was given explicitly. */
export function recordImportedRegion(bucket: IConstruct, region: string | undefined): void {
  if (region !== undefined && !Token.isUnresolved(region)) importedRegions.set(bucket, region);
}

/** The region an imported bucket was given explicitly, if any. */
export function importedRegionOf(bucket: IConstruct): string | undefined {
  return importedRegions.get(bucket);
}

/** A warning a user may acknowledge with `Annotations.of(scope).acknowledgeWarning(id)`. */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`saas-backup-constructs:${id}`, message);
}

/** The S3 endpoint through which a key may be used for SSE-KMS in the bucket's region: `s3.REGION.URLSUFFIX`. */
export function s3ServiceEndpoint(scope: IConstruct, region?: string): string {
  const stack = Stack.of(scope);
  return `s3.${region ?? stack.region}.${stack.urlSuffix}`;
}

/** The EC2 endpoint through which a volume key may be used for EBS in its region: `ec2.REGION.URLSUFFIX`. */
export function ec2ServiceEndpoint(scope: IConstruct, region?: string): string {
  const stack = Stack.of(scope);
  return `ec2.${region ?? stack.region}.${stack.urlSuffix}`;
}

/** Warnings a user may accept about an S3 URL and a CA bundle that passed validation. */
export function warnAboutEndpoint(scope: IConstruct, s3Url: string | undefined, caCertificatePem: string | undefined): void {
  if (s3Url !== undefined && !Token.isUnresolved(s3Url)) {
    for (const warning of s3EndpointWarnings(s3Url)) warn(scope, warning.id, warning.message);
  }
  if (caCertificatePem !== undefined && !Token.isUnresolved(caCertificatePem)) {
    for (const warning of readCaBundle(caCertificatePem).warnings) warn(scope, 'CertificateWarning', `Certificate: ${warning}`);
  }
}

/**
 * The key-policy side of a principal's SSE-KMS grant on a bucket key: added to the key policy when
 * the key belongs to this app; for an imported key, a warning says what to add. `identityGrant`
 * says whether the principal's identity policy grants the key too (then a key policy that
 * delegates to IAM is enough).
 */
export function grantKeyUseThroughS3(
  scope: IConstruct,
  key: kms.IKey,
  principalArn: string,
  identityPath: string,
  s3Endpoint: string,
  identityGrant: boolean = true,
): void {
  const { statementAdded } = key.addToResourcePolicy(iam.PolicyStatement.fromJson(sseKmsKeyPolicyStatement(principalArn, s3Endpoint)));
  if (!statementAdded) {
    const unless = identityGrant
      ? 'Unless the key policy lets IAM policies grant its use (the "Enable IAM User Permissions" statement for the account), add'
      : 'Add';
    warn(
      scope,
      'ImportedKeyPolicy',
      `The bucket's key is imported, so its key policy cannot be changed here. ${unless} a statement allowing the principal of `
      + `${identityPath} ${SSE_KMS_ACTIONS.join(' and ')} with the condition kms:ViaService = s3.<bucket region>.amazonaws.com.`,
    );
  }
}

/**
 * A PolicyDocument with exactly the statements of a pure policy document, in their order, whatever
 * `@aws-cdk/aws-iam:minimizePolicies` says (reviewers compare it with the vendor's page).
 */
export function exactPolicyDocument(json: { Statement: unknown[] }): iam.PolicyDocument {
  return new iam.PolicyDocument({ minimize: false, statements: json.Statement.map((s) => iam.PolicyStatement.fromJson(s)) });
}
