import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { s3EndpointWarnings } from '../../../policies/aws/s3-endpoint';
import { SSE_KMS_ACTIONS, sseKmsKeyPolicyStatement } from '../../../policies/aws/sse-kms';
import { readCaBundle } from '../../../policies/pem';
import { cdktfTokenProblem, hasCdktfToken } from '../../../policies/terraform-expression';
import { typeOfValue, ValidationProblems, ValueRule } from '../../../policies/validation';
import { checkWhenResolvedToLiteral } from '../../private/resolved-literal';
import { singletonChild } from '../../private/singleton';

/**
 * Collects the input problems of `scope`; aws-cdk-lib tokens are not validated. A cdktf token
 * (`${TfToken[...]}`), which aws-cdk-lib would write as its placeholder text, is refused with the
 * fix, as the GCP and Azure constructs (`problemsAt`) refuse aws-cdk-lib tokens.
 */
export function problemsOf(scope: IConstruct): ValidationProblems {
  return new ValidationProblems(scope.node.path, Token.isUnresolved,
    (value, prop) => (typeof value === 'string' && hasCdktfToken(value) ? cdktfTokenProblem(prop) : undefined));
}

/** An import of a bucket by name with an explicit region. */
export interface BucketImport {
  readonly region: string;
  /** The construct path of the import. */
  readonly path: string;
}

/**
 * The buckets of an app imported with an explicit region (`BackupBucket.fromBucketAttributes`): a
 * child of the app's root, one per app, so that every import of a bucket gives it one region and the
 * region of an imported bucket is known where it is used.
 */
export class BucketImports extends Construct {
  /** The fixed construct id of the app's one BucketImports. */
  public static readonly ID = 'SaasBackupConstructsBucketImports';

  /** The BucketImports of the app of `scope`. */
  public static of(scope: IConstruct): BucketImports {
    const root = scope.node.root;
    return singletonChild(root, BucketImports.ID, BucketImports, () => new BucketImports(root, BucketImports.ID));
  }

  private readonly byName = new Map<string, BucketImport>();
  private readonly byBucket = new Map<IConstruct, string>();

  /**
   * Records an import of `bucketName` with a literal `region` at `path`; returns the earlier import of
   * the same name with another region, if any (the first import of a name is the one remembered).
   */
  public recordName(bucketName: string, region: string, path: string): BucketImport | undefined {
    const earlier = this.byName.get(bucketName);
    if (earlier !== undefined) return earlier.region === region ? undefined : earlier;
    this.byName.set(bucketName, { region, path });
    return undefined;
  }

  /** Records the region an imported bucket construct was given explicitly. */
  public recordBucket(bucket: IConstruct, region: string): void {
    this.byBucket.set(bucket, region);
  }

  /** The region an imported bucket construct was given explicitly, if any. */
  public regionOf(bucket: IConstruct): string | undefined {
    return this.byBucket.get(bucket);
  }
}

/** Records the region an imported bucket was given explicitly (literal regions only). */
export function recordImportedRegion(bucket: IConstruct, region: string | undefined): void {
  if (region !== undefined && !Token.isUnresolved(region)) BucketImports.of(bucket).recordBucket(bucket, region);
}

/** The region an imported bucket was given explicitly, if any. */
export function importedRegionOf(bucket: IConstruct): string | undefined {
  const registry = bucket.node.root.node.tryFindChild(BucketImports.ID);
  return registry instanceof BucketImports ? registry.regionOf(bucket) : undefined;
}

/**
 * The literal IAM names (roles, users, groups, managed policies) that the library's constructs of an
 * app give, by account: IAM names are unique in an account, without regard to case, so a second
 * resource of the same kind and name fails at deploy time. An account that is a token is keyed by
 * the stack (whose resources share one account).
 */
export class IamNames extends Construct {
  /** The fixed construct id of the app's one IamNames. */
  public static readonly ID = 'SaasBackupConstructsIamNames';

  /** The IamNames of the app of `scope`. */
  public static of(scope: IConstruct): IamNames {
    const root = scope.node.root;
    return singletonChild(root, IamNames.ID, IamNames, () => new IamNames(root, IamNames.ID));
  }

  private readonly claimed = new Map<string, string>();

  /** Claims `name` for a resource of `kind` ("role") made under `path`; returns the path that claimed it first, if another did. */
  public claim(scope: IConstruct, kind: string, name: string, path: string): string | undefined {
    const stack = Stack.of(scope);
    const account = Token.isUnresolved(stack.account) ? `stack ${stack.node.path}` : stack.account;
    const key = `${account}\u0000${kind}\u0000${name.toLowerCase()}`;
    const earlier = this.claimed.get(key);
    if (earlier !== undefined && earlier !== path) return earlier;
    this.claimed.set(key, path);
    return undefined;
  }
}

/**
 * Adds a problem when a literal IAM `name` (of `kind`, named `prop`) is already given to another
 * resource of the same account by a construct of this library; records it otherwise.
 */
export function claimIamName(
  problems: ValidationProblems,
  scope: IConstruct,
  kind: string,
  name: string | undefined,
  prop: string,
): ValidationProblems {
  if (name === undefined || typeof name !== 'string' || Token.isUnresolved(name)) return problems;
  const earlier = IamNames.of(scope).claim(scope, kind, name, scope.node.path);
  return problems.addIf(
    earlier !== undefined,
    `${prop} "${name}" is the ${kind} name of ${earlier} too: IAM ${kind} names are unique in an account (without regard to case), so the second `
    + `${kind} would fail to deploy; give each its own ${prop}, or leave it out (CloudFormation then generates a unique name)`,
  );
}

/**
 * A value given as a token that resolves to a literal (a `Lazy`, `Fn.join` of literals) gets, at
 * synth time, the rule the literal would have got when the construct was created. A reference
 * CloudFormation resolves (a parameter, an attribute) stays unchecked.
 */
export function checkResolvedLiteral(owner: IConstruct, value: string | undefined, rule: ValueRule, prop: string): void {
  checkWhenResolvedToLiteral(owner, value, rule, prop, (v) => Token.isUnresolved(v), () => {
    const resolved: unknown = Stack.of(owner).resolve(value);
    return typeof resolved === 'string' && !Token.isUnresolved(resolved) ? resolved : undefined;
  });
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

/**
 * The checks of types that TypeScript makes and a JavaScript caller (or a jsii caller of another
 * language) skips: a missing required prop, `null` or `undefined` in a list, a plain string where a
 * class is expected. Each adds an error naming the prop and returns whether the value may be read, so
 * that no check after it meets a value of the wrong type (never a TypeError from inside the library,
 * never `undefined` written into a policy).
 */
export class PropShapes {
  constructor(private readonly problems: ValidationProblems) {}

  /** A required value: present (not undefined or null). */
  public required(value: unknown, prop: string, fix: string): boolean {
    return this.passes(() => this.problems.required(value, prop, fix));
  }

  /** An optional string (a token is a string). */
  public string(value: unknown, prop: string): boolean {
    return this.passes(() => this.problems.checkString(value, prop));
  }

  /** An optional boolean. */
  public boolean(value: unknown, prop: string): boolean {
    return this.passes(() => this.problems.checkBoolean(value, prop));
  }

  /** An optional value that `is` accepts (an instance of a class of this library or of aws-cdk-lib), `what` saying how to make one. */
  public instance(value: unknown, is: (value: unknown) => boolean, prop: string, what: string): boolean {
    const ok = value === undefined || is(value);
    this.problems.addIf(!ok, `${prop} is ${typeOfValue(value)}, not ${what}`);
    return ok;
  }

  /** An optional list whose every item passes `item` (which names its own problems, given `prop[i]`). */
  public list(value: unknown, prop: string, item: (value: unknown, prop: string) => boolean): boolean {
    if (!this.passes(() => this.problems.checkList(value, prop))) return false;
    return !Array.isArray(value) || value.map((v, i) => item(v, `${prop}[${i}]`)).every(Boolean);
  }

  /** Whether `check` found no problem, and the value may be read. */
  private passes(check: () => void): boolean {
    const before = this.problems.problems.length;
    check();
    return this.problems.problems.length === before;
  }
}
