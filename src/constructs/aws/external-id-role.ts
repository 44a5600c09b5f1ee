import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { namesCheckedByParent } from '../private/checked-by-parent';
import { problemsOf, PropShapes, warn } from './private/common';
import { TrustedPrincipal, TrustedPrincipalKind } from './trusted-principal';
import { checkMaxTrustPolicySize, constrainUnresolved, createTrustedRole } from './trusted-role';
import { measurePolicy, PolicyDocumentJson, PolicyStatementJson } from '../../policies/aws/iam-json';
import { AWS_ORGANIZATION_ID, IAM_ROLE_NAME, STS_EXTERNAL_ID } from '../../policies/aws/rules';
import {
  accountListTrustStatement,
  DEFAULT_TRUST_POLICY_QUOTA,
  externalIdTrustPolicy,
  FEWER_PRINCIPALS_REMEDY,
  MAX_TRUST_POLICY_QUOTA,
} from '../../policies/aws/trust';
import { broadManagedPolicyName } from '../../policies/aws/trust-predicates';
import { ownAccountTrustWarning } from '../../policies/aws/trust-rules';
import { ValidationProblems } from '../../policies/validation';

/**
 * The options of a role a vendor assumes with an external ID, as a vendor's access mode passes
 * them on (`PaletteStsOptions` and `RudderStackRoleOptions` extend it): everything about the role
 * and its trust except who the vendor is and the external ID it generated.
 */
export interface ExternalIdRoleOptions {
  /**
   * Your own principals that may assume the role too, without the external ID, as the pages show
   * for "Account A" (the accounts or roles where clusters run). Accounts, roles and users get a
   * statement each; the forms for many accounts (`TrustedPrincipal.accounts()`,
   * `organization()`, `organizationalUnits()`) one statement of (almost) constant size.
   *
   * @default - none
   */
  readonly additionalTrustedPrincipals?: TrustedPrincipal[];

  /**
   * Limits `additionalTrustedPrincipals` to principals of this AWS Organizations organization
   * (`aws:PrincipalOrgID`). It does not apply to the vendor, which is outside your organization.
   *
   * @default - no organization condition
   */
  readonly additionalPrincipalsOrganizationId?: string;

  /**
   * The role's name. Palette needs only the ARN.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly roleName?: string;

  /**
   * The role's description.
   *
   * @default - the vendor construct's description, or none
   */
  readonly description?: string;

  /**
   * The longest session the role allows.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * A permissions boundary for the role.
   *
   * @default - none
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * The IAM quota "Role trust policy length" of the account, in characters. Synthesis fails when
   * the trust policy exceeds it. Raise it only after AWS raised the quota.
   *
   * @default 2048 (IAM's default quota)
   */
  readonly maxTrustPolicySize?: number;
}

/** Properties of an ExternalIdRole. */
export interface ExternalIdRoleProps extends ExternalIdRoleOptions {
  /**
   * The vendor principal that assumes the role with the external ID: usually the vendor's AWS
   * account as its wizard shows it (Palette: "AWS Account ID ... Palette SaaS account ID").
   */
  readonly vendor: TrustedPrincipal;

  /**
   * The external ID the vendor generated for you (Palette shows it in the wizard). The vendor's
   * statement allows sts:AssumeRole only with exactly this value (`sts:ExternalId`), which keeps
   * another customer of the vendor from having the vendor assume your role.
   */
  readonly externalId: string;

  /**
   * Managed policies to attach.
   *
   * @default - none; attach later with `role.addManagedPolicy()`
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

}

/**
 * An IAM role that a SaaS vendor's AWS account assumes with an external ID (Palette's "STS"
 * method, RudderStack's role-based access), optionally also trusted by your own accounts or roles.
 *
 * The trust policy is built by `src/policies/aws/trust.ts` and added statement by statement, so the
 * synthesized policy is exactly that document.
 */
export class ExternalIdRole extends Construct {
  /**
   * The problems of the props, each under the name the user wrote (`names`, e.g.
   * `access.paletteAccountId` for `vendor`), so a high-level construct reports them with the
   * problems of its other children, before it creates any. It then passes the props to the role as
   * `checkedByParent(props, names)`: the role does not check them again, and its warnings use `names`.
   *
   * @internal
   */
  public static _checkProps(problems: ValidationProblems, props: ExternalIdRoleProps, names: ExternalIdRoleNames = {}): ValidationProblems {
    const vendorProp = names.vendor ?? 'vendor';
    const additionalProp = names.additionalTrustedPrincipals ?? 'additionalTrustedPrincipals';
    const orgProp = names.additionalPrincipalsOrganizationId ?? 'additionalPrincipalsOrganizationId';
    // JavaScript callers: nothing below reads a value of the wrong type.
    if (props === undefined || props === null) return problems.add('props are required: give vendor and externalId');
    const principalShapes = [
      ...TrustedPrincipal._shapeProblems(props.vendor, vendorProp),
      ...TrustedPrincipal._shapeProblems(props.additionalTrustedPrincipals, additionalProp, true),
    ];
    principalShapes.forEach((p) => problems.add(p));
    const shapes = new PropShapes(problems);
    const shaped = [
      principalShapes.length === 0,
      shapes.required(props.externalId, names.externalId ?? 'externalId', 'the external ID the vendor generated')
        && shapes.string(props.externalId, names.externalId ?? 'externalId'),
      shapes.string(props.roleName, names.roleName ?? 'roleName'),
      shapes.string(props.additionalPrincipalsOrganizationId, orgProp),
    ].every(Boolean);
    if (!shaped) return problems;
    const additional = props.additionalTrustedPrincipals ?? [];
    problems
      .check(STS_EXTERNAL_ID, props.externalId, names.externalId ?? 'externalId')
      .check(IAM_ROLE_NAME, props.roleName, names.roleName ?? 'roleName')
      .check(AWS_ORGANIZATION_ID, props.additionalPrincipalsOrganizationId, orgProp)
      .addIf(
        props.additionalPrincipalsOrganizationId !== undefined && additional.length === 0,
        `${orgProp} limits ${additionalProp}, but none are given; remove it or add the principals`,
      )
      .addIf(
        !props.vendor._isSinglePrincipal,
        `${vendorProp} must be an account, a role or a user (TrustedPrincipal.account(), role() or user()): the vendor's statement names one principal `
        + 'and requires the external ID',
      );
    checkMaxTrustPolicySize(problems, props.maxTrustPolicySize, names.maxTrustPolicySize);
    props.vendor._validate(problems, vendorProp);
    additional.forEach((p, i) => p._validate(problems, `${additionalProp}[${i}]`));

    // Confused deputy: a statement without the external ID for a principal of the vendor's account.
    const vendorAccounts = new Set(props.vendor._accounts);
    additional.forEach((p, i) => {
      const hits = p._accounts.filter((a) => vendorAccounts.has(a));
      problems.addIf(
        hits.length > 0,
        `${additionalProp}[${i}] is in the vendor's account ${hits[0]} (${vendorProp}). Its statement has no external ID, so the vendor could assume `
        + 'the role without it, also when another of its customers asks it to: the confused-deputy problem the external ID exists to close. '
        + 'Remove it: the vendor\'s own statement already lets it in with the external ID',
      );
    });
    const orgId = props.additionalPrincipalsOrganizationId;
    additional.forEach((p, i) => {
      const otherOrgs = p._organizationIds.filter((o) => o !== orgId);
      problems.addIf(
        orgId !== undefined && !Token.isUnresolved(orgId) && otherOrgs.length > 0,
        `${additionalProp}[${i}] trusts the organization ${otherOrgs.join(', ')}, but ${orgProp} is ${orgId}; trust principals of one organization`,
      );
      problems.addIf(
        orgId !== undefined && p.kind === TrustedPrincipalKind.EKS_SERVICE_ACCOUNT,
        `${additionalProp}[${i}]: ${orgProp} cannot limit a web identity (EKS service accounts have no aws:PrincipalOrgID); `
        + 'remove it, or trust the service account from a role without it',
      );
    });

    // Duplicates: the same principal twice is refused (it would only take quota).
    const seen = new Map<string, number>();
    additional.forEach((p, i) => p._identities.forEach((key) => {
      const first = seen.get(key);
      if (first !== undefined && first !== i) {
        problems.add(`${additionalProp}[${i}] trusts ${key.replace(/^[A-Z_]+:/, '')} again (already ${additionalProp}[${first}]); list each principal once`);
      } else {
        seen.set(key, i);
      }
    }));
    return problems;
  }

  /**
   * Warnings the user may accept: self-trust, values known only at deploy time (and AllowedPatterns
   * on the parameters that hold them), an explicit any-namespace service account.
   *
   * @internal
   */
  public static _warnAboutProps(scope: Construct, props: ExternalIdRoleProps, names: ExternalIdRoleNames = {}): void {
    const vendorProp = names.vendor ?? 'vendor';
    const additionalProp = names.additionalTrustedPrincipals ?? 'additionalTrustedPrincipals';
    const account = Stack.of(scope).account;
    const own = Token.isUnresolved(account) ? undefined : account;
    if (own !== undefined && props.vendor._accounts.includes(own)) {
      warn(scope, 'VendorIsOwnAccount', `${vendorProp} is ${own}, this stack's own account: the vendor's account is normally another one `
        + '(Palette shows its SaaS account ID in the wizard). Check the value: any principal of this account that may call sts:AssumeRole '
        + 'with the external ID could assume the role.');
    }
    (props.additionalTrustedPrincipals ?? []).forEach((p, i) => {
      if (own !== undefined && p.kind === TrustedPrincipalKind.ACCOUNT && p._accounts.includes(own)) {
        warn(scope, 'TrustsOwnAccount', ownAccountTrustWarning(`${additionalProp}[${i}]`, own, false));
      }
      p._warn(scope, `${additionalProp}[${i}]`);
    });
    props.vendor._warn(scope, vendorProp);
    (props.managedPolicies ?? []).forEach((policy, i) => {
      const broad = broadManagedPolicyName(policy.managedPolicyArn);
      if (broad !== undefined) {
        warn(scope, 'BroadManagedPolicy', `${names.managedPolicies ?? 'managedPolicies'}[${i}] is ${broad}: the vendor that assumes this role with `
          + 'the external ID gets all of it, far more than its page asks for. Attach a policy of the actions and resources the vendor needs.');
      }
    });
    constrainUnresolved(scope, props.externalId, ['^[\\w+=,.@:/-]{2,1224}$', 'an external ID of 2-1,224 letters, digits and +=,.@:/-_', 1224], names.externalId ?? 'externalId');
  }

  /** The role. */
  public readonly role: iam.Role;
  /** The external ID the vendor must send. */
  public readonly externalId: string;
  /**
   * The role's trust policy (`role.assumeRolePolicy`): the statements built from the props, and any
   * added later. Checked at synth time against the quota and the trust guard.
   */
  public readonly trustPolicy: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: ExternalIdRoleProps) {
    super(scope, id);
    // A vendor construct has checked the props under the names its user wrote; used alone, the role checks them.
    const names = namesCheckedByParent<ExternalIdRoleNames>(props);
    if (names === undefined) ExternalIdRole._checkProps(problemsOf(this), props).throwIfAny();
    ExternalIdRole._warnAboutProps(this, props, names);
    const additional = props.additionalTrustedPrincipals ?? [];

    const stems = new Map<string, number>();
    additional.forEach((p) => stems.set(p._sidStem, (stems.get(p._sidStem) ?? 0) + 1));
    const counters = new Map<string, number>();
    const statements = additional.map((p) => {
      const n = (counters.get(p._sidStem) ?? 0) + 1;
      counters.set(p._sidStem, n);
      const sid = stems.get(p._sidStem) === 1 ? p._sidStem : `${p._sidStem}${n}`;
      return p._statement(this, sid, p.kind === TrustedPrincipalKind.EKS_SERVICE_ACCOUNT || p.kind === TrustedPrincipalKind.ORGANIZATION
        || p.kind === TrustedPrincipalKind.ORGANIZATIONAL_UNITS ? undefined : props.additionalPrincipalsOrganizationId);
    });
    const vendorPrincipalArn = props.vendor.principalArn(this);
    const trustPolicy: PolicyDocumentJson = externalIdTrustPolicy({
      vendorPrincipalArn,
      externalId: props.externalId,
      additionalStatements: statements,
    });

    ({ role: this.role, trustPolicy: this.trustPolicy } = createTrustedRole(this, {
      trustPolicy,
      assumedBy: new iam.ArnPrincipal(vendorPrincipalArn),
      roleName: props.roleName,
      description: props.description,
      maxSessionDuration: props.maxSessionDuration,
      permissionsBoundary: props.permissionsBoundary,
      managedPolicies: props.managedPolicies,
      maxTrustPolicySize: props.maxTrustPolicySize,
      sizeRemedy: this.sizeRemedy(props, statements),
      externalIdAccounts: props.vendor._accounts,
      acceptedSubjects: additional.flatMap((p) => p._acceptedSubjects),
    }));
    this.externalId = props.externalId;
  }

  /** The role's ARN: what the vendor's wizard asks for. */
  public get roleArn(): string {
    // Read on demand, as roleName.
    return this.role.roleArn;
  }

  /** The role's name. */
  public get roleName(): string {
    // Read on demand: aws-cdk-lib builds the name token on first access, which the vendor constructs never need.
    return this.role.roleName;
  }

  /**
   * The remedy for an oversized trust policy, with the size the account statements would have as
   * one `TrustedPrincipal.accounts()` statement and whether that fits: the user sees which form fits.
   */
  private sizeRemedy(props: ExternalIdRoleProps, statements: PolicyStatementJson[]): string {
    const additional = props.additionalTrustedPrincipals ?? [];
    const roots = additional.map((p, i) => [p, i] as const).filter(([p]) => p.kind === TrustedPrincipalKind.ACCOUNT && !Token.isUnresolved(p.value));
    if (roots.length < 2) return FEWER_PRINCIPALS_REMEDY;
    const indexes = new Set(roots.map(([, i]) => i));
    const compact = externalIdTrustPolicy({
      vendorPrincipalArn: props.vendor.principalArn(this),
      externalId: props.externalId,
      additionalStatements: [
        ...statements.filter((_, i) => !indexes.has(i)),
        accountListTrustStatement(roots.map(([p]) => p.value), 'TrustAccounts', props.additionalPrincipalsOrganizationId),
      ],
    });
    const size = measurePolicy(Stack.of(this).resolve(compact)).characters;
    const quota = props.maxTrustPolicySize ?? DEFAULT_TRUST_POLICY_QUOTA;
    const fits = size <= quota
      ? `which fits the quota of ${quota}`
      : size <= MAX_TRUST_POLICY_QUOTA
        ? `which needs maxTrustPolicySize of at least ${size} after a quota increase`
        : `which is still over IAM's maximum of ${MAX_TRUST_POLICY_QUOTA}: use organization() or organizationalUnits()`;
    return `${FEWER_PRINCIPALS_REMEDY} (the ${roots.length} accounts as one TrustedPrincipal.accounts() statement: ${size} characters in all, ${fits})`;
  }
}

/** How a vendor construct names the props of its role, as the user wrote them. @internal */
export interface ExternalIdRoleNames {
  /** e.g. "access.paletteAccountId". */
  readonly vendor?: string;
  /** e.g. "access.externalId". */
  readonly externalId?: string;
  /** e.g. "access.clusterPrincipals". */
  readonly additionalTrustedPrincipals?: string;
  /** e.g. "access.clusterPrincipalsOrganizationId". */
  readonly additionalPrincipalsOrganizationId?: string;
  /** e.g. "access.roleName". */
  readonly roleName?: string;
  /** e.g. "access.maxTrustPolicySize". */
  readonly maxTrustPolicySize?: string;
  /** e.g. "managedPolicies" of a construct that passes its own list. */
  readonly managedPolicies?: string;
}
