/**
 * The one construct-side piece of the trust model: a role whose trust policy is exactly a pure
 * document of src/policies/aws/trust.ts, with one synth-time hook that measures the RESOLVED trust
 * policy against the quota and runs the trust guard over it, whatever added its statements
 * (`role.assumeRolePolicy.addStatements(...)` included), so a Lazy that resolves to "*" or a statement
 * added through the escape hatch is refused as a statement of the library would be. ExternalIdRole
 * and GitHubActionsRole both
 * create their role here. Not exported from the package.
 */
import { CfnElement, CfnParameter, Duration, IResolvable, IResolveContext, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { warn } from './private/common';
import { PolicyDocumentJson, UnknownLength } from '../../policies/aws/iam-json';
import { checkTrustPolicySize, DEFAULT_TRUST_POLICY_QUOTA, MAX_TRUST_POLICY_QUOTA } from '../../policies/aws/trust';
import { guardTrustPolicy } from '../../policies/aws/trust-guard';
import { knownPartition } from '../../policies/aws/trust-rules';
import { ValidationProblems } from '../../policies/validation';

/** How a trusted role is made. */
export interface TrustedRoleProps {
  /** The trust policy, from the pure builders; its first statement names the role's `assumedBy` principal. */
  readonly trustPolicy: PolicyDocumentJson;
  /** The principal that stands for the document in aws-cdk-lib (its policy fragment and assume action). */
  readonly assumedBy: iam.IPrincipal;
  readonly roleName?: string;
  readonly description?: string;
  readonly maxSessionDuration?: Duration;
  readonly permissionsBoundary?: iam.IManagedPolicy;
  readonly managedPolicies?: iam.IManagedPolicy[];
  /** The account's quota "Role trust policy length". @default 2048 */
  readonly maxTrustPolicySize?: number;
  /** How to make this kind of trust policy smaller, as the start of a sentence. */
  readonly sizeRemedy?: string;
  /** Accounts whose principals must send the external ID (the vendor's). */
  readonly externalIdAccounts?: string[];
  /** `sub` patterns the user asked for explicitly. */
  readonly acceptedSubjects?: string[];
}

/** Checks `maxTrustPolicySize`: a whole number up to IAM's maximum. */
export function checkMaxTrustPolicySize(problems: ValidationProblems, value: number | undefined, prop = 'maxTrustPolicySize'): ValidationProblems {
  return problems.addIf(
    value !== undefined && (!Number.isInteger(value) || value < 1 || value > MAX_TRUST_POLICY_QUOTA),
    `${prop} must be a whole number of characters up to IAM's maximum of ${MAX_TRUST_POLICY_QUOTA}; got ${value}`,
  );
}

/**
 * Creates the role `Resource` under `scope` with exactly the statements of `trustPolicy`, and the
 * synth-time hook over its resolved trust policy.
 */
export function createTrustedRole(scope: Construct, props: TrustedRoleProps): { role: iam.Role; trustPolicy: iam.PolicyDocument } {
  const role = new iam.Role(scope, 'Resource', {
    assumedBy: new TrustPolicyPrincipal(props.assumedBy, props.trustPolicy),
    roleName: props.roleName,
    description: props.description,
    maxSessionDuration: props.maxSessionDuration,
    permissionsBoundary: props.permissionsBoundary,
    managedPolicies: props.managedPolicies,
  });
  const trustPolicy = role.assumeRolePolicy;
  if (!trustPolicy) throw new Error(`${scope.node.path}: the role has no trust policy`);
  const quota = props.maxTrustPolicySize ?? DEFAULT_TRUST_POLICY_QUOTA;
  // The template renders what the check resolved, instead of resolving the document a second time.
  const resolvedOnce = new ResolvedOnce(trustPolicy);
  const cfnRole = role.node.defaultChild;
  if (cfnRole instanceof iam.CfnRole && cfnRole.assumeRolePolicyDocument === trustPolicy) cfnRole.assumeRolePolicyDocument = resolvedOnce;
  // The trust policy can still grow (role.assumeRolePolicy is public), so it is checked at synth.
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(scope);
      const resolved = resolvedOnce.resolveIn(stack);
      const size = checkTrustPolicySize(resolved, quota, props.sizeRemedy, unknownLengthIn(stack));
      if (size.warning) warn(scope, 'TrustPolicySize', size.warning);
      const literal = (v: string) => (Token.isUnresolved(v) ? undefined : v);
      const guard = guardTrustPolicy(resolved, {
        externalIdAccounts: props.externalIdAccounts,
        acceptedSubjects: props.acceptedSubjects,
        checkedStatements: props.trustPolicy.Statement.length,
        account: literal(stack.account),
        partition: knownPartition(literal(stack.partition), literal(stack.region)),
      });
      guard.warnings.forEach((w) => warn(scope, 'UncheckedTrustStatement', w));
      return [...(size.error ? [size.error] : []), ...guard.errors];
    },
  });
  return { role, trustPolicy };
}

/**
 * A role's trust policy document as the CfnRole renders it, resolved once: the synth-time check
 * resolves it (`stack.resolve(document)`, after aws-cdk-lib's prepare phase, when the document is
 * frozen), and the template then gets that value instead of resolving the document again. Before the
 * check (the prepare phase, or a `stack.resolve` of the property in a test), and in any other
 * stack, it stands for the document itself, which the resolver resolves as before.
 */
class ResolvedOnce implements IResolvable {
  public readonly creationStack: string[] = [];
  private resolved?: { readonly stack: Stack; readonly value: unknown };

  constructor(private readonly document: iam.PolicyDocument) {}

  /** `stack.resolve(document)`, computed on the first call. */
  public resolveIn(stack: Stack): unknown {
    if (this.resolved?.stack !== stack) this.resolved = { stack, value: stack.resolve(this.document) };
    return this.resolved.value;
  }

  public resolve(context: IResolveContext): unknown {
    const resolved = this.resolved;
    const rendering = !context.preparing && resolved !== undefined && resolved.value !== undefined && Stack.of(context.scope) === resolved.stack;
    return rendering ? resolved.value : this.document;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * Adds the statements of a trust policy document to a role's AssumeRolePolicyDocument as they are
 * (a role needs one `assumedBy` principal; this one stands for the whole document).
 */
class TrustPolicyPrincipal extends iam.PrincipalBase {
  public readonly policyFragment: iam.PrincipalPolicyFragment;
  public readonly assumeRoleAction: string;

  constructor(principal: iam.IPrincipal, private readonly document: PolicyDocumentJson) {
    super();
    this.policyFragment = principal.policyFragment;
    this.assumeRoleAction = principal.assumeRoleAction;
  }

  public addToAssumeRolePolicy(doc: iam.PolicyDocument): void {
    doc.addStatements(...this.document.Statement.map((s) => iam.PolicyStatement.fromJson(s)));
  }

  public dedupeString(): string | undefined {
    return undefined;
  }
}

const PARTITION_LENGTH: [number, number] = ['aws'.length, 'aws-us-gov'.length];
const ACCOUNT_PATTERNS = new Set(['^\\d{12}$', '\\d{12}', '[0-9]{12}', '^[0-9]{12}$']);

/**
 * The bounds of values a trust policy may reference in `stack`: parameters by their MaxLength (or a
 * 12-digit AllowedPattern), OIDC providers and roles of the stack by the ARN they make. Anything
 * else has no known upper bound.
 */
export function unknownLengthIn(stack: Stack): UnknownLength {
  // Built on the first reference to an element of the stack: most trust policies reference only
  // pseudo parameters (AWS::Partition), and walking the whole stack for every role is quadratic.
  let elements: Map<string, CfnElement> | undefined;
  const elementOf = (logicalId: string): CfnElement | undefined => {
    if (elements === undefined) {
      elements = new Map();
      for (const c of stack.node.findAll()) {
        if (c instanceof CfnElement && Stack.of(c) === stack) elements.set(stack.resolve(c.logicalId), c);
      }
    }
    return elements.get(logicalId);
  };
  const literal = (v: unknown): string | undefined => (typeof v === 'string' && !Token.isUnresolved(v) ? v : undefined);
  const arn = (rest: number): [number, number] => ['arn::iam::123456789012:'.length + PARTITION_LENGTH[0] + rest, 'arn::iam::123456789012:'.length + PARTITION_LENGTH[1] + rest];
  return (intrinsic) => {
    const ref = intrinsic.Ref;
    const getAtt = intrinsic['Fn::GetAtt'];
    const id = typeof ref === 'string' ? ref : Array.isArray(getAtt) && getAtt[1] === 'Arn' ? String(getAtt[0]) : undefined;
    const element = id === undefined || id.startsWith('AWS::') ? undefined : elementOf(id);
    if (element instanceof CfnParameter && typeof ref === 'string') {
      if (element.allowedPattern !== undefined && ACCOUNT_PATTERNS.has(element.allowedPattern)) return [12, 12];
      return element.maxLength !== undefined ? [element.minLength ?? 0, element.maxLength] : undefined;
    }
    if (element instanceof iam.CfnOIDCProvider && typeof ref === 'string') {
      const url = literal(element.url);
      return url === undefined ? undefined : arn('oidc-provider/'.length + url.replace(/^https:\/\//, '').length);
    }
    if (element instanceof iam.CfnRole && getAtt !== undefined) {
      const name = literal(element.roleName);
      const path = literal(element.path) ?? '/';
      // IAM role names are at most 64 characters; CloudFormation generates one when none is given.
      const [min, max] = name !== undefined ? [name.length, name.length] : [1, 64];
      const fixed = 'role'.length + path.length;
      return [arn(fixed + min)[0], arn(fixed + max)[1]];
    }
    return undefined;
  };
}

/** An AllowedPattern, what it admits (for messages) and the longest value it admits. */
export type ParameterConstraint = [pattern: string, description: string, maxLength: number];

/**
 * Constrains a value that is a whole `CfnParameter` with an AllowedPattern (unless the parameter
 * has one), and warns, naming the prop, about any other value known only at deploy time.
 */
export function constrainUnresolved(scope: IConstruct, value: string | undefined, pattern: ParameterConstraint, prop: string): void {
  if (value === undefined || !Token.isUnresolved(value)) return;
  const fragments = Tokenization.reverseString(value);
  const token = fragments.length === 1 ? fragments.firstToken : undefined;
  const parameter = token instanceof Reference && token.target instanceof CfnParameter ? token.target : undefined;
  if (parameter && parameter.allowedPattern === undefined) {
    parameter.allowedPattern = pattern[0];
    parameter.constraintDescription ??= `must be ${pattern[1]}`;
    parameter.maxLength ??= pattern[2];
    return;
  }
  if (parameter && parameter.allowedPattern === pattern[0]) return;
  const why = parameter
    ? `is the parameter ${parameter.node.id}, which has its own AllowedPattern "${parameter.allowedPattern}"`
    : 'is known only at deploy time and is not a parameter the library can constrain';
  warn(scope, 'UnresolvedTrustedPrincipal', `${prop} ${why}, so it was not checked at synth time: make sure it is ${pattern[1]} `
    + `(${pattern[0]}), never "*" and never an account of the vendor.`);
}

