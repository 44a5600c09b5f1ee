/**
 * The security questions asked of an IAM statement, answered once for every reader: the synth-time
 * trust guard (trust-guard.ts) and the access report (src/report) call these same functions, so
 * "is this trust safe?" has one answer (test/report/agreement.test.ts runs both over one table).
 *
 * Values are the template's (CloudFormation JSON, intrinsics included): a value known only at deploy
 * time is `undefined` here, never a guess.
 */
import { GITHUB_OIDC_HOST, GITHUB_SUBJECT_CLAIM } from './github-oidc';
import { isIntrinsic } from './iam-json';

export type Values = (string | undefined)[];

/** A value as a string, or undefined when part of it is known only at deploy time. */
export function render(value: unknown, account?: string): string | undefined {
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

export function valuesOf(value: unknown, account?: string): Values {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => render(v, account));
}

export const WILDCARD = /[*?]/;
const ACCOUNT_OF_ARN = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;

/** The account a principal names: its 12 digits, or the account in its ARN. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return ACCOUNT_OF_ARN.exec(principal)?.[1];
}

export interface TrustStatement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Condition?: unknown;
}

/** The condition values for `key` (case-insensitive) under the operators that pin. */
export function conditionValues(condition: unknown, key: string, operators: string[], account?: string): Values | undefined {
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

export const EQUALS = ['StringEquals', 'ForAnyValue:StringEquals'];
export const LIKE = ['StringLike', 'ForAnyValue:StringLike'];

/**
 * The condition keys that can pin a `*` principal in a trust policy (lower case: IAM compares keys
 * case-insensitively). They describe the CALLER, and IAM puts them in the request context of every
 * request an IAM principal makes: aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
 * aws:PrincipalArn ("Properties of the principal" in AWS global condition context keys,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html, read
 * 2026-12-07).
 *
 * Not pinning: aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths. The same page
 * says "the aws:SourceAccount condition key is only available when the call to your resource is made
 * directly by an AWS service principal": these keys constrain the resource a SERVICE acts for
 * (cross-service confused-deputy prevention), not which AWS account's principals may assume the role.
 * A trust policy that relies on them names no caller; the guard and the report both refuse to count
 * them as a pin.
 */
export const PINNING_KEYS = new Set(['aws:principalorgid', 'aws:principalaccount', 'aws:principalorgpaths', 'aws:principalarn']);

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
export function pinsPrincipal(condition: unknown, account?: string): boolean {
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

export function principalValues(principal: unknown, kind: 'AWS' | 'Federated', account?: string): Values {
  if (principal === '*') return kind === 'AWS' ? ['*'] : [];
  if (!principal || typeof principal !== 'object') return [];
  return valuesOf((principal as Record<string, unknown>)[kind], account);
}

export function actionsOf(statement: TrustStatement): Values {
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


export interface WebIdentityOptions {
  /** The statement was built from props the construct has checked (unknown values are not reported again). */
  readonly checked?: boolean;
  /** `sub` values with a wildcard the user asked for explicitly. */
  readonly acceptedSubjects?: readonly string[];
  /** The stack's account, when known. */
  readonly account?: string;
}

/** The problems of a web-identity (OIDC) statement: `sub` not pinned, `aud` not required. */
export function webIdentityProblems(s: TrustStatement, where: string, options: WebIdentityOptions = {}): string[] {
  const errors: string[] = [];
  const account = options.account;
  const accepted = options.acceptedSubjects ?? [];
  const checked = options.checked ?? false;
  const federated = principalValues(s.Principal, 'Federated', account);
  const actions = actionsOf(s);
  const webIdentity = actions.some((a) => a === undefined || a === '*' || a === 'sts:*' || a.toLowerCase() === 'sts:assumerolewithwebidentity');
  const oidcFederated = federated.filter((f) => f === undefined || /:oidc-provider\//.test(f) || f === '*');
  if (!webIdentity || oidcFederated.length === 0) return errors;
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
  return errors;
}

/** Whether an action is a wildcard: `*`, or every action of a service (`s3:*`). */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*$/i.test(action);
}

/** Whether a resource is every resource (`*`). */
export function isWildcardResource(resource: string): boolean {
  return resource === '*';
}

/**
 * The problems of a SAML statement (`Federated` names a `saml-provider`, action
 * `sts:AssumeRoleWithSAML`): without `SAML:aud` (the sign-in endpoint the assertion was issued for),
 * an assertion the identity provider issued for another service provider is accepted. AWS's
 * documented SAML trust policy requires `"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}`
 * (IAM User Guide, "Configure SAML assertions for the authentication response" / role for SAML 2.0
 * federation, read 2026-12-07).
 */
export function samlProblems(s: TrustStatement, where: string, account?: string): string[] {
  const federated = principalValues(s.Principal, 'Federated', account);
  const withSaml = actionsOf(s).some((a) => a !== undefined && a.toLowerCase() === 'sts:assumerolewithsaml');
  // A provider given by reference (a SAMLProvider of the same template) is known by the action only.
  const saml = federated.filter((f) => (f !== undefined && /:saml-provider\//.test(f)) || (f === undefined && withSaml)).map((f) => f ?? '(a provider known at deploy time)');
  if (saml.length === 0) return [];
  const aud = conditionValues(s.Condition, 'SAML:aud', [...EQUALS, ...LIKE], account);
  if (aud === undefined || aud.length === 0) {
    return [`${where}: the SAML provider ${saml.map((f) => `"${f}"`).join(', ')} is trusted without a "SAML:aud" condition, so an assertion issued for another service provider is accepted. Require SAML:aud with StringEquals.`];
  }
  if (aud.some((a) => a !== undefined && /^[*?]+$/.test(a))) return [`${where}: "SAML:aud" is a pattern that matches every audience. Use StringEquals with the sign-in endpoint.`];
  return [];
}

/**
 * The name of a broad AWS managed policy (administrator, power user, or a service's full access) that
 * `arn` names, or undefined. The access report flags a principal that attaches one; a role the library
 * makes for a vendor warns when given one.
 */
export function broadManagedPolicyName(arn: string): string | undefined {
  return /(AdministratorAccess|PowerUserAccess|FullAccess)$/.test(arn) ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
}
