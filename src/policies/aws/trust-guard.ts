/**
 * The trust guard: one pure check of a role's RESOLVED trust policy (CloudFormation JSON, intrinsics
 * included), run at synth time over every role the library creates, whatever added the statements
 * (the library's builders, `role.assumeRolePolicy.addStatements(...)`, a `Lazy` value). It refuses:
 * - a `*` principal (AWS or Federated) that no organization, OU or account condition pins;
 * - a principal of a vendor's account (one that must send an external ID) without the external ID:
 *   the vendor could then be made to assume the role for another of its customers (confused deputy);
 * - a web identity (GitHub Actions, an EKS cluster's service account) whose `sub` is not pinned,
 *   or whose `aud` is not required;
 * - `NotPrincipal` or `NotAction` in an Allow statement.
 *
 * What "pinned" means follows IAM's evaluation: `StringEquals` compares literally (a `*` in it is
 * no wildcard); `StringLike` and `ForAnyValue:StringLike` expand wildcards; `...IfExists` and
 * `ForAllValues:` conditions pass when the key is absent, so they pin nothing.
 */
import { GITHUB_OIDC_HOST, GITHUB_SUBJECT_CLAIM } from './github-oidc';
import { isIntrinsic } from './iam-json';

/** What the guard knows besides the policy. */
export interface TrustGuardOptions {
  /** Accounts whose principals may assume the role only with `sts:ExternalId` (the vendor's). */
  readonly externalIdAccounts?: string[];
  /** `sub` values with a wildcard that the user asked for explicitly (accepted as they are). */
  readonly acceptedSubjects?: string[];
  /**
   * The first N statements were built from props the construct has checked: values unknown at
   * synth time there are not reported again (the construct warned, or constrained the parameter).
   */
  readonly checkedStatements?: number;
  /** The stack's account, when known (resolves `AWS::AccountId`). */
  readonly account?: string;
}

/** What the guard found. */
export interface TrustGuardResult {
  /** Unsafe statements: synthesis must fail. */
  readonly errors: string[];
  /** Statements the guard could not check (values known only at deploy time). */
  readonly warnings: string[];
}

type Values = (string | undefined)[];

/** A value as a string, or undefined when part of it is known only at deploy time. */
function render(value: unknown, account?: string): string | undefined {
  if (typeof value === 'string') return value;
  if (!isIntrinsic(value)) return undefined;
  const [fn, arg] = Object.entries(value)[0];
  if (fn === 'Ref') {
    if (arg === 'AWS::Partition') return 'aws';
    if (arg === 'AWS::URLSuffix') return 'amazonaws.com';
    if (arg === 'AWS::AccountId') return account;
    return undefined;
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const parts = (arg[1] as unknown[]).map((p) => render(p, account));
    return parts.every((p) => p !== undefined) ? parts.join(arg[0]) : undefined;
  }
  return undefined;
}

function valuesOf(value: unknown, account?: string): Values {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => render(v, account));
}

const WILDCARD = /[*?]/;
const ACCOUNT_OF_ARN = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;

/** The account a principal names: its 12 digits, or the account in its ARN. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return ACCOUNT_OF_ARN.exec(principal)?.[1];
}

interface Statement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Condition?: unknown;
}

/** The condition values for `key` (case-insensitive) under the operators that pin. */
function conditionValues(condition: unknown, key: string, operators: string[], account?: string): Values | undefined {
  if (!condition || typeof condition !== 'object') return undefined;
  let found: Values | undefined;
  for (const [op, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!operators.includes(op) || !block || typeof block !== 'object') continue;
    for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
      if (k.toLowerCase() === key.toLowerCase()) found = [...(found ?? []), ...valuesOf(v, account)];
    }
  }
  return found;
}

const EQUALS = ['StringEquals', 'ForAnyValue:StringEquals'];
const LIKE = ['StringLike', 'ForAnyValue:StringLike'];

/** The condition keys that can pin `*` (lower case: IAM compares keys case-insensitively). */
const PINNING_KEYS = new Set(['aws:principalorgid', 'aws:principalaccount', 'aws:principalorgpaths', 'aws:principalarn']);

/** Whether a condition names one of the pinning keys under any operator. */
function namesPinningKey(condition: unknown): boolean {
  if (!condition || typeof condition !== 'object') return false;
  for (const block of Object.values(condition as Record<string, unknown>)) {
    if (!block || typeof block !== 'object') continue;
    for (const k of Object.keys(block)) if (PINNING_KEYS.has(k.toLowerCase())) return true;
  }
  return false;
}

/** Whether a condition pins `*` to an organization, OUs or accounts. */
function pinsPrincipal(condition: unknown, account?: string): boolean {
  // Without any of the keys below, none of the tests can pass (most trust statements name none).
  if (!namesPinningKey(condition)) return false;
  const equal = (key: string) => (conditionValues(condition, key, EQUALS, account) ?? []).some((v) => v === undefined || v.length > 0);
  const like = (key: string, literalPrefix: RegExp) => {
    const values = conditionValues(condition, key, LIKE, account);
    return values !== undefined && values.length > 0 && values.every((v) => v !== undefined && literalPrefix.test(v));
  };
  const arnAccount = /^arn:[^:*?]+:iam::\d{12}:/;
  return equal('aws:PrincipalOrgID') || equal('aws:PrincipalAccount') || equal('aws:PrincipalOrgPaths') || equal('aws:PrincipalArn')
    || like('aws:PrincipalOrgID', /^o-[a-z0-9]{10,32}$/) || like('aws:PrincipalAccount', /^\d{12}$/)
    || like('aws:PrincipalOrgPaths', /^o-[a-z0-9]{10,32}\//) || like('aws:PrincipalArn', arnAccount)
    || (conditionValues(condition, 'aws:PrincipalArn', ['ArnEquals', 'ArnLike'], account) ?? []).some((v) => v !== undefined && arnAccount.test(v));
}

function principalValues(principal: unknown, kind: 'AWS' | 'Federated', account?: string): Values {
  if (principal === '*') return kind === 'AWS' ? ['*'] : [];
  if (!principal || typeof principal !== 'object') return [];
  return valuesOf((principal as Record<string, unknown>)[kind], account);
}

function actionsOf(statement: Statement): Values {
  return valuesOf(statement.Action);
}

const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;
const SERVICE_ACCOUNT_SUB = /^system:serviceaccount:([^:]*):([^:]*)$/;

/** Why an EKS `sub` pattern (StringLike) does not pin one service account, or undefined when it does. */
function eksSubjectProblem(sub: string, accepted: readonly string[]): string | undefined {
  if (accepted.includes(sub)) return undefined;
  const m = SERVICE_ACCOUNT_SUB.exec(sub);
  if (!m) return `"${sub}" is not "system:serviceaccount:NAMESPACE:NAME"`;
  const [, namespace, name] = m;
  if (name.length === 0 || WILDCARD.test(name)) return `"${sub}" does not name the service account exactly (a wildcard would trust other service accounts)`;
  if (/^[*?]/.test(namespace) || namespace.length === 0) {
    return `"${sub}" matches every namespace: any workload that can create a service account named "${name}" in the cluster could assume the role `
      + '(use the exact namespace, or Palette\'s pattern "cluster-*"; EksNamespace.any() accepts it when asked for explicitly)';
  }
  if (/[*?]./.test(namespace)) return `"${sub}": a namespace pattern may have one "*" only at its end ("cluster-*")`;
  return undefined;
}

const ORG_FIX = 'Pin it with a condition on aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalAccount '
  + '(TrustedPrincipal.organization(), organizationalUnits() or accounts() build these), or name the principals';

/**
 * Checks a resolved trust policy. Returns every unsafe statement as an error, and the statements it
 * could not check as warnings.
 */
export function guardTrustPolicy(resolvedDoc: unknown, options: TrustGuardOptions = {}): TrustGuardResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const statements = (resolvedDoc as { Statement?: unknown })?.Statement;
  const list: Statement[] = Array.isArray(statements) ? statements : statements ? [statements as Statement] : [];
  const vendorAccounts = new Set(options.externalIdAccounts ?? []);
  const accepted = options.acceptedSubjects ?? [];
  const account = options.account;

  list.forEach((s, i) => {
    if (s.Effect !== 'Allow') return;
    const sid = typeof s.Sid === 'string' ? ` (${s.Sid})` : '';
    const where = `Trust policy statement ${i + 1}${sid}`;
    const checked = i < (options.checkedStatements ?? 0);
    if (s.NotPrincipal !== undefined) errors.push(`${where}: "NotPrincipal" in an Allow statement trusts everyone it does not list. Name the principals in "Principal".`);
    if (s.NotAction !== undefined) errors.push(`${where}: "NotAction" in an Allow statement allows every other STS action. Name the actions in "Action".`);

    const aws = principalValues(s.Principal, 'AWS', account);
    const federated = principalValues(s.Principal, 'Federated', account);
    const pinned = pinsPrincipal(s.Condition, account);

    for (const [kind, values] of [['AWS', aws], ['Federated', federated]] as const) {
      if (values.includes('*') && !pinned) {
        errors.push(`${where}: Principal {"${kind}": "*"} without an organization, OU or account condition trusts every AWS principal. ${ORG_FIX}.`);
      }
    }
    if (!checked && [...aws, ...federated].includes(undefined)) {
      warnings.push(`${where} names a principal known only at deploy time, so the trust guard could not check it. Make sure it never resolves to "*" `
        + 'or to an account of the vendor without the external ID.');
    }

    // The vendor's principals, by name or through aws:PrincipalAccount, must send the external ID.
    const principalAccounts = (conditionValues(s.Condition, 'aws:PrincipalAccount', [...EQUALS, ...LIKE], account) ?? []).filter((v): v is string => v !== undefined);
    const vendorHits = [
      ...aws.filter((p): p is string => p !== undefined && p !== '*').filter((p) => vendorAccounts.has(accountOfPrincipal(p) ?? '')),
      ...(aws.includes('*') ? principalAccounts.filter((a) => vendorAccounts.has(a)) : []),
    ];
    if (vendorHits.length > 0) {
      const ids = conditionValues(s.Condition, 'sts:ExternalId', ['StringEquals'], account)
        ?? (conditionValues(s.Condition, 'sts:ExternalId', ['StringLike'], account) ?? []).filter((v) => v === undefined || !WILDCARD.test(v));
      const ok = ids !== undefined && ids.length > 0 && ids.every((v) => v === undefined || v.length > 0);
      if (!ok) {
        errors.push(`${where} lets ${vendorHits.map((h) => `"${h}"`).join(', ')} of the vendor's account assume the role without the external ID: `
          + 'the vendor could then be made to assume it on behalf of another of its customers (the confused-deputy problem the external ID closes). '
          + 'Remove the statement, or require sts:ExternalId with StringEquals.');
      }
    }

    // Web identities: sub pinned, aud required.
    const actions = actionsOf(s);
    const webIdentity = actions.some((a) => a === undefined || a === '*' || a === 'sts:*' || a.toLowerCase() === 'sts:assumerolewithwebidentity');
    const oidcFederated = federated.filter((f) => f === undefined || /:oidc-provider\//.test(f) || f === '*');
    if (!webIdentity || oidcFederated.length === 0) return;
    const issuers = new Set<string>();
    for (const f of oidcFederated) {
      if (f !== undefined && f !== '*') issuers.add(f.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, ''));
    }
    if (oidcFederated.includes(undefined)) {
      // The provider is a reference (a provider of this app): its issuer is the prefix of the condition keys.
      const keys = s.Condition && typeof s.Condition === 'object'
        ? Object.values(s.Condition as Record<string, unknown>).flatMap((b) => (b && typeof b === 'object' ? Object.keys(b) : []))
        : [];
      keys.filter((k) => /:sub$/i.test(k)).forEach((k) => issuers.add(k.slice(0, -':sub'.length)));
      if (issuers.size === 0) errors.push(`${where}: a web identity without a "sub" condition lets every token of the provider assume the role. Require ISSUER:sub.`);
    }
    for (const issuer of issuers) {
      const equal = conditionValues(s.Condition, `${issuer}:sub`, ['StringEquals'], account);
      const like = conditionValues(s.Condition, `${issuer}:sub`, ['StringLike'], account);
      if (equal === undefined && like === undefined) {
        errors.push(`${where}: the web identity of "${issuer}" has no "${issuer}:sub" condition (StringEquals or StringLike), so every token of the provider `
          + `may assume the role. Require the subject: ${EKS_ISSUER.test(issuer) ? 'system:serviceaccount:NAMESPACE:NAME' : 'the repository and ref (GitHubSubject)'}.`);
        continue;
      }
      for (const sub of like ?? []) {
        if (sub === undefined) {
          if (!checked) errors.push(`${where}: a "${issuer}:sub" pattern is known only at deploy time and could widen the trust. Use literal subjects with StringLike.`);
          continue;
        }
        let problem: string | undefined;
        if (issuer === GITHUB_OIDC_HOST) {
          const clauses = GITHUB_SUBJECT_CLAIM.check(sub);
          problem = clauses.length > 0 ? `"${sub}": ${clauses.join('; ')}` : undefined;
        } else if (EKS_ISSUER.test(issuer)) {
          problem = eksSubjectProblem(sub, accepted);
        } else if (/^[*?]*$/.test(sub)) {
          problem = `"${sub}" matches every subject`;
        }
        if (problem) errors.push(`${where}: the "${issuer}:sub" condition does not pin the subject: ${problem}.`);
      }
      if (issuer === GITHUB_OIDC_HOST || EKS_ISSUER.test(issuer)) {
        const aud = conditionValues(s.Condition, `${issuer}:aud`, ['StringEquals', 'StringLike'], account);
        if (aud === undefined || aud.length === 0) {
          errors.push(`${where}: the web identity of "${issuer}" does not require "${issuer}:aud" = "sts.amazonaws.com". Add it with StringEquals.`);
        } else if (aud.some((a) => a !== undefined && WILDCARD.test(a))) {
          errors.push(`${where}: "${issuer}:aud" must be "sts.amazonaws.com" exactly, not a pattern.`);
        }
      }
    }
  });
  return { errors, warnings };
}
