/**
 * The trust guard: one pure check of a role's RESOLVED trust policy (CloudFormation JSON, intrinsics
 * included), run at synth time over every role the library creates, whatever added the statements
 * (the library's builders, `role.assumeRolePolicy.addStatements(...)`, a `Lazy` value). It refuses:
 * - a `*` principal (AWS or Federated) that no organization, OU or account condition pins;
 * - a principal of a vendor's account (one that must send an external ID) without the external ID:
 *   the vendor could then be made to assume the role for another of its customers (confused deputy);
 * - a web identity (GitHub Actions, an EKS cluster's service account) whose `sub` is not pinned,
 *   or whose `aud` is not required;
 * - `NotPrincipal` or `NotAction` in an Allow statement;
 * - principals of another partition than the role's, when it is known, and conditions on
 *   aws:PrincipalOrgID and aws:PrincipalOrgPaths of two organizations (they trust nobody).
 *
 * What "pinned" means follows IAM's evaluation: `StringEquals` compares literally (a `*` in it is
 * no wildcard); `StringLike` and `ForAnyValue:StringLike` expand wildcards; `...IfExists` and
 * `ForAllValues:` conditions pass when the key is absent, so they pin nothing.
 */
import {
  EQUALS, LIKE, TrustStatement as Statement, WILDCARD, accountOfPrincipal, conditionValues, pinsPrincipal, principalValues,
  samlProblems, webIdentityProblems,
} from './trust-predicates';
import { contradictoryOrganizationConditions, otherPartitionPrincipals } from './trust-rules';

export { accountOfPrincipal } from './trust-predicates';

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
  /** The role's partition, when known: principals of another partition are refused. */
  readonly partition?: string;
}

/** What the guard found. */
export interface TrustGuardResult {
  /** Unsafe statements: synthesis must fail. */
  readonly errors: string[];
  /** Statements the guard could not check (values known only at deploy time). */
  readonly warnings: string[];
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

    errors.push(...webIdentityProblems(s, where, { checked, acceptedSubjects: accepted, account }), ...samlProblems(s, where, account));
  });
  if (options.partition !== undefined) errors.push(...otherPartitionPrincipals(resolvedDoc, options.partition));
  errors.push(...contradictoryOrganizationConditions(resolvedDoc));
  return { errors, warnings };
}
