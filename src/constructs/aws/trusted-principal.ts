import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { warn } from './private/common';
import { constrainUnresolved, ParameterConstraint } from './trusted-role';
import { PolicyStatementJson } from '../../policies/aws/iam-json';
import { AWS_ACCOUNT_ID, AWS_ORGANIZATION_ID } from '../../policies/aws/rules';
import {
  accountListTrustStatement,
  accountRootArn,
  organizationalUnitsTrustStatement,
  organizationTrustStatement,
  principalTrustStatement,
  webIdentityTrustStatement,
} from '../../policies/aws/trust';
import {
  accountOfIamArn,
  AWS_ORG_PATH,
  defaultServiceAccountRisk,
  EKS_AUDIENCE,
  EKS_OIDC_ISSUER_URL,
  EKS_OIDC_PROVIDER_ARN,
  eksIssuerOf,
  eksOidcProviderArn,
  IAM_USER_ARN,
  K8S_DEFAULT_SERVICE_ACCOUNT,
  K8S_NAMESPACE,
  K8S_NAMESPACE_PATTERN,
  K8S_SERVICE_ACCOUNT,
  ownAccountTrustWarning,
  PALETTE_CLUSTER_NAMESPACE_PATTERN,
  PALETTE_VELERO_SERVICE_ACCOUNT,
  providerInOtherAccountWarning,
  serviceAccountSubject,
  TRUSTED_ROLE_ARN,
} from '../../policies/aws/trust-rules';
import { describeInput, duplicatesOf, ValidationProblems, ValueRule } from '../../policies/validation';

/** What a trusted principal is. */
export enum TrustedPrincipalKind {
  /** A whole AWS account (`arn:aws:iam::ACCOUNT:root`): any principal the account allows may assume the role. */
  ACCOUNT = 'ACCOUNT',
  /** One IAM role. */
  ROLE = 'ROLE',
  /** One IAM user (a deploying user with static credentials). */
  USER = 'USER',
  /** An explicit list of accounts in one statement (`aws:PrincipalAccount`). */
  ACCOUNTS = 'ACCOUNTS',
  /** Every account of an AWS Organizations organization (`aws:PrincipalOrgID`). */
  ORGANIZATION = 'ORGANIZATION',
  /** The accounts under organizational units (`aws:PrincipalOrgPaths`). */
  ORGANIZATIONAL_UNITS = 'ORGANIZATIONAL_UNITS',
  /** A Kubernetes service account of an EKS cluster (IAM roles for service accounts). */
  EKS_SERVICE_ACCOUNT = 'EKS_SERVICE_ACCOUNT',
}

/** Which namespaces of an EKS cluster a service-account principal admits. */
export class EksNamespace {
  /** One namespace, exactly (StringEquals): the page's tip for a role shared by several clusters. */
  public static exact(namespace: string): EksNamespace {
    return new EksNamespace(namespace, false);
  }

  /**
   * Palette's per-cluster namespaces, `cluster-*` (StringLike): the narrowest form that works before
   * the cluster's namespace (`cluster-<hash>`) is known.
   */
  public static paletteClusters(): EksNamespace {
    return new EksNamespace(PALETTE_CLUSTER_NAMESPACE_PATTERN, true);
  }

  /** The namespaces matching a literal prefix followed by `*` (StringLike), e.g. "backup-*". */
  public static matching(pattern: string): EksNamespace {
    return new EksNamespace(pattern, true);
  }

  /**
   * Every namespace, as the page's statement (`system:serviceaccount:*:velero-server`). Any
   * workload that can create a service account with that name in the cluster could then assume the
   * role, so synthesis warns (`saas-backup-constructs:EksAnyNamespace`).
   */
  public static any(): EksNamespace {
    return new EksNamespace('*', true);
  }

  private constructor(
    /** The namespace or the pattern, as it appears in `sub`. */
    public readonly value: string,
    /** Whether it is a StringLike pattern. */
    public readonly isPattern: boolean,
  ) {}
}

/** Where an EKS cluster's service account is, and which one. */
export interface EksServiceAccountOptions {
  /**
   * The ARN of the IAM OIDC provider of the cluster's issuer
   * (`aws iam list-open-id-connect-providers`), e.g.
   * `arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`.
   *
   * @default - built from `issuerUrl` and `providerAccountId`
   */
  readonly oidcProviderArn?: string;

  /**
   * The cluster's OIDC issuer URL (`aws eks describe-cluster --query cluster.identity.oidc.issuer`).
   * Needed when `oidcProviderArn` is a token (the issuer names the condition keys, which cannot be tokens).
   *
   * @default - taken from `oidcProviderArn`
   */
  readonly issuerUrl?: string;

  /**
   * The account of the OIDC provider, with `issuerUrl`.
   *
   * @default - the stack's account
   */
  readonly providerAccountId?: string;

  /** The namespace(s) of the service account: `EksNamespace.exact()`, `paletteClusters()`, or `any()` explicitly. */
  readonly namespace: EksNamespace;

  /**
   * The service account's name, always exact.
   *
   * @default 'velero-server' (Palette's Velero)
   */
  readonly serviceAccountName?: string;
}

const ACCOUNT_PATTERN = '^\\d{12}$';
// An IAM ARN of a role or user: "arn:aws-us-gov:iam::123456789012:role/" (38), a path of up to 512 and a name of up to 64.
const IAM_ARN_MAX = 38 + 512 + 64;
const ACCOUNT_CONSTRAINT: ParameterConstraint = [ACCOUNT_PATTERN, 'a 12-digit AWS account ID', 12];
const PARAMETER_PATTERNS: Partial<Record<TrustedPrincipalKind, ParameterConstraint>> = {
  [TrustedPrincipalKind.ACCOUNT]: ACCOUNT_CONSTRAINT,
  [TrustedPrincipalKind.ACCOUNTS]: ACCOUNT_CONSTRAINT,
  [TrustedPrincipalKind.ROLE]: ['^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$', 'an IAM role ARN without wildcards or policy variables', IAM_ARN_MAX],
  [TrustedPrincipalKind.USER]: ['^arn:aws[a-z-]*:iam::\\d{12}:user/[\\w+=,.@/-]+$', 'an IAM user ARN without wildcards or policy variables', IAM_ARN_MAX],
  [TrustedPrincipalKind.ORGANIZATION]: ['^o-[a-z0-9]{10,32}$', 'an AWS Organizations ID', 34],
  [TrustedPrincipalKind.EKS_SERVICE_ACCOUNT]: [
    '^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[A-Za-z0-9]+$',
    'an EKS OIDC provider ARN',
    200,
  ],
};

/**
 * A principal a role's trust policy names: an AWS account (its root), one IAM role or user, as the
 * vendor pages write them ("arn:aws:iam::ACCOUNT:root", "arn:aws:iam::ACCOUNT:role/SpectroCloudRole");
 * many accounts in one statement (an explicit list, an organization, organizational units); or a
 * web identity (an EKS cluster's service account).
 */
export class TrustedPrincipal {
  /** A whole account, named by its 12-digit ID: one statement (`arn:PARTITION:iam::ACCOUNT:root`). */
  public static account(accountId: string): TrustedPrincipal {
    return TrustedPrincipal.single(TrustedPrincipalKind.ACCOUNT, 'account', accountId, 'the account ID, a string of 12 digits');
  }

  /**
   * One IAM role, named by its ARN. IAM refuses a trust policy that names a role that does not
   * exist, so the role must exist before you deploy.
   */
  public static role(roleArn: string): TrustedPrincipal {
    return TrustedPrincipal.single(TrustedPrincipalKind.ROLE, 'role', roleArn, 'the role\'s ARN as a string');
  }

  /**
   * One IAM user, named by its ARN: the deploying user of clusters deployed with static credentials
   * (Palette's page, step 8: the ARN `aws sts get-caller-identity` prints). The user must exist.
   */
  public static user(userArn: string): TrustedPrincipal {
    return TrustedPrincipal.single(TrustedPrincipalKind.USER, 'user', userArn, 'the user\'s ARN as a string');
  }

  /**
   * Many accounts in ONE statement: `Principal: {"AWS": "*"}` pinned by `aws:PrincipalAccount`
   * (about 15 characters per account, instead of about 100 for a statement per account): 100
   * accounts fit IAM's default quota of 2,048 characters, 300 need a quota of 8,192 (or use
   * `organization()` / `organizationalUnits()`, whose size does not grow).
   */
  public static accounts(accountIds: string[]): TrustedPrincipal {
    return TrustedPrincipal.list(TrustedPrincipalKind.ACCOUNTS, 'accounts', accountIds, 'account IDs, strings of 12 digits');
  }

  /**
   * Every principal of an AWS Organizations organization: `Principal: {"AWS": "*"}` pinned by
   * `aws:PrincipalOrgID`, one statement of constant size.
   */
  public static organization(organizationId: string): TrustedPrincipal {
    return TrustedPrincipal.single(TrustedPrincipalKind.ORGANIZATION, 'organization', organizationId, 'the organization ID as a string ("o-...")');
  }

  /**
   * Every principal of the accounts under organizational units (and their child OUs):
   * `Principal: {"AWS": "*"}` pinned by `aws:PrincipalOrgPaths` and `aws:PrincipalOrgID`, one
   * statement of constant size per OU.
   *
   * @param ouPaths the OUs' paths, `o-ORG/r-ROOT/ou-.../` as Organizations shows them, ending with "/";
   *   all of one organization
   */
  public static organizationalUnits(ouPaths: string[]): TrustedPrincipal {
    return TrustedPrincipal.list(TrustedPrincipalKind.ORGANIZATIONAL_UNITS, 'organizationalUnits', ouPaths, 'OU paths, strings such as "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"');
  }

  /**
   * A Kubernetes service account of an EKS cluster (IAM roles for service accounts), as Palette's
   * page adds it for Velero on EKS: `Principal.Federated` = the cluster's OIDC provider,
   * `sts:AssumeRoleWithWebIdentity`, `ISSUER:sub` = `system:serviceaccount:NAMESPACE:velero-server`
   * and `ISSUER:aud` = `sts.amazonaws.com`. One statement per cluster (about 350 characters).
   */
  public static eksServiceAccount(options: EksServiceAccountOptions): TrustedPrincipal {
    // JavaScript callers: anything may come in; what is not of its type is reported by _validate, named by its prop.
    const given: Record<string, unknown> = options !== null && typeof options === 'object' ? { ...options } : {};
    const shapes: string[] = options !== null && typeof options === 'object' ? [] : [`TrustedPrincipal.eksServiceAccount() needs its options; got ${describeInput(options)}`];
    const text = (key: keyof EksServiceAccountOptions): string | undefined => {
      const v = given[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'string') return v;
      shapes.push(`${key} must be a string, not ${describeInput(v)}`);
      return undefined;
    };
    const namespace = given.namespace;
    if (!(namespace instanceof EksNamespace)) {
      shapes.push(`namespace must be EksNamespace.exact(NAME), paletteClusters(), matching(PATTERN) or any(); got ${describeInput(namespace)}`);
    } else if (typeof namespace.value !== 'string') {
      shapes.push(`namespace: EksNamespace.exact() and matching() need the namespace as a string; got ${describeInput(namespace.value)}`);
    }
    const eks: EksServiceAccountOptions = {
      oidcProviderArn: text('oidcProviderArn'),
      issuerUrl: text('issuerUrl'),
      providerAccountId: text('providerAccountId'),
      serviceAccountName: text('serviceAccountName'),
      namespace: namespace instanceof EksNamespace && typeof namespace.value === 'string' ? namespace : EksNamespace.exact(''),
    };
    const value = eks.oidcProviderArn ?? eks.issuerUrl ?? '';
    const principal = new TrustedPrincipal(TrustedPrincipalKind.EKS_SERVICE_ACCOUNT, value, [value], shapes);
    principal.eks = eks;
    return principal;
  }

  /**
   * For JavaScript callers: the problems of a prop that must be a TrustedPrincipal, or with `list` a
   * list of them (a plain account ID where a principal is expected, `null` in the list, ...), each
   * naming the prop. Empty when the value has the declared type (a list left out is the empty list).
   * A construct reports these before it reads anything of the principals; the wording is
   * ValidationProblems' ("is required; ...", "is a string, not ...").
   *
   * @internal
   */
  public static _shapeProblems(value: unknown, prop: string, list = false): string[] {
    const expected = 'a TrustedPrincipal (TrustedPrincipal.account("123456789012"), role(ARN), user(ARN), accounts([...]), organization(ID), '
      + 'organizationalUnits([...]) or eksServiceAccount({...}))';
    const one = (v: unknown, p: string): string[] => {
      if (v instanceof TrustedPrincipal) return [];
      return v === undefined || v === null ? [`${p} is required; ${expected}`] : [`${p} is ${describeInput(v)}, not ${expected}`];
    };
    if (!list) return one(value, prop);
    if (value === undefined) return [];
    if (!Array.isArray(value)) return [`${prop} must be a list of TrustedPrincipal, not ${describeInput(value)}`];
    return value.flatMap((v, i) => one(v, `${prop}[${i}]`));
  }

  /** A principal of one value, which a JavaScript caller may have given as anything. */
  private static single(kind: TrustedPrincipalKind, factory: string, value: unknown, what: string): TrustedPrincipal {
    if (typeof value === 'string') return new TrustedPrincipal(kind, value, [value]);
    return new TrustedPrincipal(kind, '', [], [`TrustedPrincipal.${factory}() needs ${what}; got ${describeInput(value)}`]);
  }

  /** A principal of a list of values, which a JavaScript caller may have given as anything. */
  private static list(kind: TrustedPrincipalKind, factory: string, values: unknown, what: string): TrustedPrincipal {
    if (!Array.isArray(values)) return new TrustedPrincipal(kind, '', [], [`TrustedPrincipal.${factory}() needs a list of ${what}; got ${describeInput(values)}`]);
    const strings = values.filter((v): v is string => typeof v === 'string');
    const shapes = values.map((v, i) => [v, i] as const).filter(([v]) => typeof v !== 'string')
      .map(([v, i]) => `[${i}] must be one of the ${what}; got ${describeInput(v)}`);
    return new TrustedPrincipal(kind, strings.join(','), strings, shapes);
  }

  private eks?: EksServiceAccountOptions;

  private constructor(
    /** What the principal is. */
    public readonly kind: TrustedPrincipalKind,
    /** The account ID, ARN, organization ID or provider ARN as given (lists joined with ","). */
    public readonly value: string,
    private readonly values: string[],
    /** What a JavaScript caller gave of another type than the factory declares (each names the part). */
    private readonly shapes: string[] = [],
  ) {}

  /** The principal's ARN in the partition of `scope`'s stack (accounts, roles and users only). */
  public principalArn(scope: IConstruct): string {
    switch (this.kind) {
      case TrustedPrincipalKind.ACCOUNT:
        return accountRootArn(Stack.of(scope).partition, this.value);
      case TrustedPrincipalKind.ROLE:
      case TrustedPrincipalKind.USER:
        return this.value;
      default:
        throw new Error(`principalArn: a ${this.kind} principal has no single ARN`);
    }
  }

  /**
   * Whether it has a statement of its own per principal (accounts, roles, users).
   *
   * @internal
   */
  public get _isSinglePrincipal(): boolean {
    return [TrustedPrincipalKind.ACCOUNT, TrustedPrincipalKind.ROLE, TrustedPrincipalKind.USER].includes(this.kind);
  }

  /**
   * The accounts it names literally (for the confused-deputy and self-trust checks).
   *
   * @internal
   */
  public get _accounts(): string[] {
    switch (this.kind) {
      case TrustedPrincipalKind.ACCOUNT:
      case TrustedPrincipalKind.ACCOUNTS:
        return this.values.filter((v) => !Token.isUnresolved(v));
      case TrustedPrincipalKind.ROLE:
      case TrustedPrincipalKind.USER:
        return Token.isUnresolved(this.value) ? [] : [accountOfIamArn(this.value) ?? ''].filter((a) => a !== '');
      default:
        return [];
    }
  }

  /**
   * The organizations it is pinned to by its own statement (`aws:PrincipalOrgID`): an organization's
   * ID, the organization of OU paths; literal values only.
   *
   * @internal
   */
  public get _organizationIds(): string[] {
    switch (this.kind) {
      case TrustedPrincipalKind.ORGANIZATION:
        return Token.isUnresolved(this.value) || this.value === '' ? [] : [this.value];
      case TrustedPrincipalKind.ORGANIZATIONAL_UNITS:
        return [...new Set(this.values.filter((v) => !Token.isUnresolved(v)).map((p) => p.split('/')[0]))];
      default:
        return [];
    }
  }

  /**
   * Its identity for duplicate detection (undefined while unresolved).
   *
   * @internal
   */
  public get _identities(): string[] {
    if (this.kind === TrustedPrincipalKind.EKS_SERVICE_ACCOUNT) {
      const e = this.eks;
      return e && !Token.isUnresolved(this.value) ? [`eks:${eksIssuerOf(this.value)}:${e.namespace.value}:${e.serviceAccountName ?? PALETTE_VELERO_SERVICE_ACCOUNT}`] : [];
    }
    const prefix = this.kind === TrustedPrincipalKind.ACCOUNTS ? TrustedPrincipalKind.ACCOUNT : this.kind;
    return this.values.filter((v) => !Token.isUnresolved(v)).map((v) => `${prefix}:${v}`);
  }

  /**
   * `sub` values with a wildcard the user asked for explicitly (`EksNamespace.any()`).
   *
   * @internal
   */
  public get _acceptedSubjects(): string[] {
    const e = this.eks;
    return e && e.namespace.value === '*' ? [serviceAccountSubject('*', e.serviceAccountName ?? PALETTE_VELERO_SERVICE_ACCOUNT)] : [];
  }

  /** @internal */
  public _validate(problems: ValidationProblems, prop: string): void {
    if (this.shapes.length > 0) {
      // Values of another type than declared are not checked further (their rules read strings).
      this.shapes.forEach((shape) => problems.add(`${prop}${shape.startsWith('[') ? '' : ': '}${shape}`));
      return;
    }
    const rule: Partial<Record<TrustedPrincipalKind, ValueRule>> = {
      [TrustedPrincipalKind.ACCOUNT]: AWS_ACCOUNT_ID,
      [TrustedPrincipalKind.ACCOUNTS]: AWS_ACCOUNT_ID,
      [TrustedPrincipalKind.ROLE]: TRUSTED_ROLE_ARN,
      [TrustedPrincipalKind.USER]: IAM_USER_ARN,
      [TrustedPrincipalKind.ORGANIZATION]: AWS_ORGANIZATION_ID,
      [TrustedPrincipalKind.ORGANIZATIONAL_UNITS]: AWS_ORG_PATH,
    };
    const r = rule[this.kind];
    if (this.kind === TrustedPrincipalKind.ACCOUNTS || this.kind === TrustedPrincipalKind.ORGANIZATIONAL_UNITS) {
      const what = this.kind === TrustedPrincipalKind.ACCOUNTS ? 'TrustedPrincipal.accounts() needs at least one account ID' : 'TrustedPrincipal.organizationalUnits() needs at least one OU path';
      problems.addIf(this.values.length === 0, `${prop}: ${what}`);
      if (r) problems.checkEach(r, this.values, prop);
      const literal = this.values.filter((v) => !Token.isUnresolved(v));
      const dupes = duplicatesOf(literal);
      problems.addIf(dupes.length > 0, `${prop} lists ${dupes.map((d) => `"${d}"`).join(', ')} more than once; list each once`);
      if (this.kind === TrustedPrincipalKind.ORGANIZATIONAL_UNITS) {
        problems.addIf(this.values.some((v) => Token.isUnresolved(v)), `${prop}: OU paths must be literals (their organization ID is also required in aws:PrincipalOrgID)`);
        const orgs = new Set(literal.map((p) => p.split('/')[0]));
        problems.addIf(orgs.size > 1, `${prop}: the OU paths belong to ${orgs.size} organizations (${[...orgs].join(', ')}); trust the OUs of one organization per principal`);
      }
      return;
    }
    if (this.kind === TrustedPrincipalKind.EKS_SERVICE_ACCOUNT) {
      this.validateEks(problems, prop);
      return;
    }
    if (r) problems.check(r, this.value, prop);
  }

  private validateEks(problems: ValidationProblems, prop: string): void {
    const e = this.eks;
    if (!e) return;
    problems
      .check(EKS_OIDC_PROVIDER_ARN, e.oidcProviderArn, `${prop}.oidcProviderArn`)
      .check(EKS_OIDC_ISSUER_URL, e.issuerUrl, `${prop}.issuerUrl`)
      .check(AWS_ACCOUNT_ID, e.providerAccountId, `${prop}.providerAccountId`)
      .check(K8S_SERVICE_ACCOUNT, e.serviceAccountName, `${prop}.serviceAccountName`)
      .addIf(e.oidcProviderArn === undefined && e.issuerUrl === undefined, `${prop}: give the cluster's oidcProviderArn or its issuerUrl`)
      .addIf(e.oidcProviderArn !== undefined && e.providerAccountId !== undefined, `${prop}: providerAccountId goes with issuerUrl; the provider ARN already names its account`);
    const issuerKnown = (e.issuerUrl !== undefined && !Token.isUnresolved(e.issuerUrl))
      || (e.oidcProviderArn !== undefined && !Token.isUnresolved(e.oidcProviderArn));
    problems.addIf(
      !issuerKnown && (e.oidcProviderArn !== undefined || e.issuerUrl !== undefined),
      `${prop}: the issuer must be known at synth time, because it names the condition keys ("ISSUER:sub"), which cannot be tokens; give issuerUrl as a literal`,
    );
    if (e.oidcProviderArn !== undefined && e.issuerUrl !== undefined && !Token.isUnresolved(e.oidcProviderArn) && !Token.isUnresolved(e.issuerUrl)) {
      problems.addIf(eksIssuerOf(e.oidcProviderArn) !== eksIssuerOf(e.issuerUrl), `${prop}: oidcProviderArn and issuerUrl name different issuers`);
    }
    const ns = e.namespace;
    if (ns.value !== '*') problems.check(ns.isPattern ? K8S_NAMESPACE_PATTERN : K8S_NAMESPACE, ns.value, `${prop}.namespace`);
    problems.addIf(
      ns.isPattern && Token.isUnresolved(ns.value),
      `${prop}.namespace: EksNamespace.matching() needs the pattern as a literal: a value known only at deploy time could not be checked, `
      + 'and its "*" would decide at deploy time whether the trust is an exact match or a pattern. Use EksNamespace.exact() for a namespace given as a parameter',
    );
    problems.addIf(
      ns.value === '*' && e.serviceAccountName === K8S_DEFAULT_SERVICE_ACCOUNT,
      `${prop} ${defaultServiceAccountRisk('in EVERY namespace of the cluster (EksNamespace.any())')}`,
    );
  }

  /**
   * Warnings about values known only at deploy time (and AllowedPatterns on the parameters that
   * hold them), and about an explicit "any namespace".
   *
   * @internal
   */
  public _warn(scope: IConstruct, prop: string): void {
    const pattern = PARAMETER_PATTERNS[this.kind];
    if (this.kind === TrustedPrincipalKind.EKS_SERVICE_ACCOUNT) {
      const e = this.eks;
      if (!e) return;
      if (pattern) constrainUnresolved(scope, e.oidcProviderArn, pattern, `${prop}.oidcProviderArn`);
      constrainUnresolved(scope, e.providerAccountId, ACCOUNT_CONSTRAINT, `${prop}.providerAccountId`);
      constrainUnresolved(scope, e.serviceAccountName, ['^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', 'a service account name', 253], `${prop}.serviceAccountName`);
      if (!e.namespace.isPattern) constrainUnresolved(scope, e.namespace.value, ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'a namespace', 63], `${prop}.namespace`);
      const stackAccount = Stack.of(scope).account;
      const providerAccount = e.oidcProviderArn !== undefined ? accountOfIamArn(e.oidcProviderArn) : e.providerAccountId;
      const known = providerAccount !== undefined && !Token.isUnresolved(providerAccount) && !Token.isUnresolved(stackAccount);
      if (known && providerAccount !== stackAccount) {
        warn(scope, 'EksProviderInOtherAccount', providerInOtherAccountWarning(prop, providerAccount, stackAccount,
          'Amazon EKS User Guide, "Authenticate to another account with IRSA"',
          'register the cluster\'s issuer URL as an OIDC provider in this account and name that one (issuerUrl without providerAccountId).'));
      }
      if (e.serviceAccountName === K8S_DEFAULT_SERVICE_ACCOUNT && e.namespace.value !== '*') {
        const where = e.namespace.isPattern ? `in the namespaces matching "${e.namespace.value}"` : `of the namespace "${e.namespace.value}"`;
        warn(scope, 'EksDefaultServiceAccount', `${prop} ${defaultServiceAccountRisk(where)}.`);
      }
      if (e.namespace.value === '*') {
        warn(scope, 'EksAnyNamespace', `${prop} trusts the service account "${e.serviceAccountName ?? PALETTE_VELERO_SERVICE_ACCOUNT}" in EVERY namespace of the cluster `
          + '(EksNamespace.any()): any workload that can create a service account with that name could assume the role. Prefer EksNamespace.exact() '
          + 'with the cluster\'s namespace (`kubectl get namespaces | grep cluster-`) or EksNamespace.paletteClusters() ("cluster-*").');
      }
      return;
    }
    if (this.kind === TrustedPrincipalKind.ACCOUNTS) {
      // As ExternalIdRole warns for TrustedPrincipal.account() of the stack's account (a list is never the vendor):
      // the literal account, or AWS::AccountId (Aws.ACCOUNT_ID, the account of an environment-agnostic stack).
      const stack = Stack.of(scope);
      const own = this.values.find((v) => (!Token.isUnresolved(v) && v === stack.account) || isAccountIdRef(scope, v));
      if (own !== undefined) {
        warn(scope, 'TrustsOwnAccount', ownAccountTrustWarning(prop, Token.isUnresolved(own) ? 'AWS::AccountId (the stack\'s own account)' : own, true));
      }
    }
    if (!pattern) return;
    // AWS::AccountId is an account ID by definition: nothing to constrain or warn about.
    this.values.forEach((v, i) => isAccountIdRef(scope, v) || constrainUnresolved(scope, v, pattern, this.values.length > 1 || this.kind === TrustedPrincipalKind.ACCOUNTS ? `${prop}[${i}]` : prop));
  }

  /**
   * Its trust statement (one for every kind).
   *
   * @param organizationId limits accounts, roles, users and account lists to this organization
   * @internal
   */
  public _statement(scope: IConstruct, sid: string, organizationId?: string): PolicyStatementJson {
    switch (this.kind) {
      case TrustedPrincipalKind.ACCOUNT:
      case TrustedPrincipalKind.ROLE:
      case TrustedPrincipalKind.USER:
        return principalTrustStatement(this.principalArn(scope), sid, organizationId);
      case TrustedPrincipalKind.ACCOUNTS:
        return accountListTrustStatement(this.values, sid, organizationId);
      case TrustedPrincipalKind.ORGANIZATION:
        return organizationTrustStatement(this.value, sid);
      case TrustedPrincipalKind.ORGANIZATIONAL_UNITS:
        return organizationalUnitsTrustStatement(this.values[0].split('/')[0], this.values, sid);
      default: {
        const e = this.eks;
        if (!e) throw new Error('eksServiceAccount without options');
        const stack = Stack.of(scope);
        const providerArn = e.oidcProviderArn ?? eksOidcProviderArn(stack.partition, e.providerAccountId ?? stack.account, e.issuerUrl ?? '');
        const issuer = eksIssuerOf(e.issuerUrl !== undefined && !Token.isUnresolved(e.issuerUrl) ? e.issuerUrl : providerArn);
        return webIdentityTrustStatement({
          sid,
          providerArn,
          issuer,
          audience: EKS_AUDIENCE,
          subjects: [serviceAccountSubject(e.namespace.value, e.serviceAccountName ?? PALETTE_VELERO_SERVICE_ACCOUNT)],
        });
      }
    }
  }

  /**
   * The Sid stem of its statement (numbered when a role has several of one stem).
   *
   * @internal
   */
  public get _sidStem(): string {
    switch (this.kind) {
      case TrustedPrincipalKind.ACCOUNTS:
        return 'TrustAccounts';
      case TrustedPrincipalKind.ORGANIZATION:
        return 'TrustOrganization';
      case TrustedPrincipalKind.ORGANIZATIONAL_UNITS:
        return 'TrustOrganizationalUnits';
      case TrustedPrincipalKind.EKS_SERVICE_ACCOUNT:
        return 'TrustEksServiceAccount';
      default:
        return 'TrustOwnPrincipal';
    }
  }
}

/** Whether a value is exactly the `AWS::AccountId` pseudo parameter (`Aws.ACCOUNT_ID`, an environment-agnostic stack's account). */
function isAccountIdRef(scope: IConstruct, value: string): boolean {
  if (!Token.isUnresolved(value)) return false;
  const resolved = Stack.of(scope).resolve(value) as { Ref?: unknown } | undefined;
  return resolved !== null && typeof resolved === 'object' && resolved.Ref === 'AWS::AccountId' && Object.keys(resolved).length === 1;
}
