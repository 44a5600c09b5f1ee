/**
 * Role trust statements: the one trust model of the library. Every role it creates (the external-ID
 * roles of Palette and RudderStack, the GitHub Actions role of Neon) gets its trust policy from
 * these builders, and every trust policy is measured by `checkTrustPolicySize` and checked by the
 * guard in `trust-guard.ts` at synth time.
 *
 * Principals and their statements:
 * - a vendor with an external ID (Palette's "STS" method; RudderStack's role-based access):
 *   `externalIdTrustStatement`, always first;
 * - the customer's own accounts, roles or users ("Account A", the deploying user of page step 8),
 *   one statement each: `principalTrustStatement`;
 * - many accounts in one statement of (almost) constant size: `organizationTrustStatement`
 *   (`aws:PrincipalOrgID`), `organizationalUnitsTrustStatement` (`aws:PrincipalOrgPaths`),
 *   `accountListTrustStatement` (`aws:PrincipalAccount`);
 * - web identities (GitHub Actions, an EKS cluster's service account): `webIdentityTrustStatement`.
 */
import { measurePolicy, policyDocument, PolicyDocumentJson, PolicyStatementJson, UnknownLength } from './iam-json';

/** IAM's default quota for a role trust policy, in characters without white space. */
export const DEFAULT_TRUST_POLICY_QUOTA = 2048;
/** The largest quota IAM's Service Quotas console has offered for "Role trust policy length" since its launch. */
export const CLASSIC_MAX_TRUST_POLICY_QUOTA = 4096;
/** The most IAM allows for a role trust policy after a quota increase (above 4,096 only on request). */
export const MAX_TRUST_POLICY_QUOTA = 8192;

/** `arn:PARTITION:iam::ACCOUNT:root`: the account as a principal, as the pages write it. */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The vendor's statement: it may assume the role only with the external ID it generated. */
export function externalIdTrustStatement(principalArn: string, externalId: string, sid = 'TrustVendorWithExternalId'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: principalArn },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': externalId } },
  };
}

const orgCondition = (organizationId?: string): { [key: string]: string } => (organizationId ? { 'aws:PrincipalOrgID': organizationId } : {});

/**
 * A statement for one of the customer's own principals (an account root, a role or a user), without
 * an external ID, optionally only for principals of the given organization (`aws:PrincipalOrgID`).
 */
export function principalTrustStatement(principalArn: string, sid: string, organizationId?: string): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: principalArn },
    Action: 'sts:AssumeRole',
    ...(organizationId ? { Condition: { StringEquals: orgCondition(organizationId) } } : {}),
  };
}

/**
 * Every principal of an AWS Organizations organization: `Principal: {"AWS": "*"}` pinned by
 * `aws:PrincipalOrgID`. Its size does not grow with the number of accounts.
 */
export function organizationTrustStatement(organizationId: string, sid = 'TrustOrganization'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
  };
}

/**
 * Every principal of the accounts under some organizational units: `Principal: {"AWS": "*"}` pinned
 * by `aws:PrincipalOrgPaths` (`ForAnyValue:StringLike`, each path ending in `/*` so that child OUs
 * count too) and by `aws:PrincipalOrgID`.
 *
 * @param organizationId the organization the paths belong to (its ID starts each path)
 * @param paths the OU paths, `o-ORG/r-ROOT/ou-.../` as Organizations shows them, ending with "/"
 */
export function organizationalUnitsTrustStatement(organizationId: string, paths: string[], sid = 'TrustOrganizationalUnits'): PolicyStatementJson {
  const patterns = paths.map((p) => `${p}*`);
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'sts:AssumeRole',
    Condition: {
      'StringEquals': { 'aws:PrincipalOrgID': organizationId },
      'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': patterns.length === 1 ? patterns[0] : patterns },
    },
  };
}

/**
 * The compact form of an explicit account list: one statement, `Principal: {"AWS": "*"}` pinned by
 * `aws:PrincipalAccount` (about 15 characters per account instead of about 100 for a statement per
 * account root), optionally also by `aws:PrincipalOrgID`.
 */
export function accountListTrustStatement(accountIds: string[], sid = 'TrustAccounts', organizationId?: string): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalAccount': accountIds.length === 1 ? accountIds[0] : accountIds, ...orgCondition(organizationId) } },
  };
}

/** What a web-identity trust statement is made of (GitHub Actions, an EKS cluster's service accounts). */
export interface WebIdentityTrustInput {
  /** The Sid of the statement. */
  readonly sid: string;
  /** The ARN of the IAM OIDC provider (the Federated principal). */
  readonly providerArn: string;
  /** The provider's issuer without `https://`: the prefix of its condition keys (`ISSUER:sub`, `ISSUER:aud`). */
  readonly issuer: string;
  /** The `aud` value the tokens carry. */
  readonly audience: string;
  /** The `sub` values that may assume the role (any of them); duplicates are dropped. */
  readonly subjects: string[];
}

const WILDCARD = /[*?]/;

/**
 * One web-identity statement: `sts:AssumeRoleWithWebIdentity` from the provider, `ISSUER:aud` the
 * audience (StringEquals) and `ISSUER:sub` one of the subjects: StringEquals when none has a
 * wildcard, otherwise StringLike (a list is "any of them"; `sub` is single-valued).
 */
export function webIdentityTrustStatement(input: WebIdentityTrustInput): PolicyStatementJson {
  const subjects = [...new Set(input.subjects)];
  if (subjects.length === 0) throw new Error('webIdentityTrustStatement: at least one subject is required');
  const sub = subjects.length === 1 ? subjects[0] : subjects;
  const aud = `${input.issuer}:aud`;
  const subKey = `${input.issuer}:sub`;
  return {
    Sid: input.sid,
    Effect: 'Allow',
    Principal: { Federated: input.providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: subjects.some((s) => WILDCARD.test(s))
      ? { StringEquals: { [aud]: input.audience }, StringLike: { [subKey]: sub } }
      : { StringEquals: { [aud]: input.audience, [subKey]: sub } },
  };
}

/** What an external-ID trust policy is made of. */
export interface ExternalIdTrustPolicyInput {
  /** The vendor principal's ARN (an account root or a role). */
  readonly vendorPrincipalArn: string;
  /** The external ID the vendor generated. */
  readonly externalId: string;
  /** The customer's own principal ARNs that may assume the role too, each in its own statement. */
  readonly additionalPrincipalArns?: string[];
  /** Limits the additional principals to this AWS Organizations ID. */
  readonly organizationId?: string;
  /** Further statements (organization, account-list or web-identity forms), after the others. */
  readonly additionalStatements?: PolicyStatementJson[];
}

/** The Sid of the N-th (from 1) of `count` statements for the customer's own principals. */
export function ownPrincipalSid(index: number, count: number): string {
  return count === 1 ? 'TrustOwnPrincipal' : `TrustOwnPrincipal${index}`;
}

/** The whole trust policy: the vendor's statement first, then one per additional principal, then the further statements. */
export function externalIdTrustPolicy(input: ExternalIdTrustPolicyInput): PolicyDocumentJson {
  const additional = input.additionalPrincipalArns ?? [];
  return policyDocument([
    externalIdTrustStatement(input.vendorPrincipalArn, input.externalId),
    ...additional.map((arn, i) => principalTrustStatement(arn, ownPrincipalSid(i + 1, additional.length), input.organizationId)),
    ...(input.additionalStatements ?? []),
  ]);
}

/** The outcome of checking a trust policy's size against the quota. */
export interface TrustPolicySizeCheck {
  /** The policy is over the quota however its tokens resolve. */
  readonly error?: string;
  /** The policy may be over the quota, depending on how its tokens resolve (the partition, a parameter). */
  readonly warning?: string;
}

/** The first remedy for an oversized trust policy of principals (external-ID roles). */
export const FEWER_PRINCIPALS_REMEDY = 'Trust fewer statements: TrustedPrincipal.organization() or organizationalUnits() (one statement of constant size), '
  + 'or TrustedPrincipal.accounts() (one statement, about 15 characters per account) instead of one statement per account or role';

/** How a quota increase is asked for, as the end of a remedy. */
function raiseQuota(quota: number, needed?: number): string {
  if (quota >= MAX_TRUST_POLICY_QUOTA) return '';
  const target = needed !== undefined && needed <= MAX_TRUST_POLICY_QUOTA ? `at least ${needed}` : `up to ${MAX_TRUST_POLICY_QUOTA}`;
  return `, or request an increase of the IAM quota "Role trust policy length" (${target}; more than ${CLASSIC_MAX_TRUST_POLICY_QUOTA} needs `
    + 'a quota request that AWS reviews) and set maxTrustPolicySize to the new quota';
}

/**
 * Checks a (resolved) trust policy against the role trust policy quota. Values whose length is
 * unknown at synth time are never counted as zero: `unknownLength` bounds them, and a policy that
 * may exceed the quota is a warning with the range.
 *
 * @param shrink how to make this kind of trust policy smaller, as the start of a sentence (the
 *   quota increase is appended)
 */
export function checkTrustPolicySize(
  resolvedDoc: unknown,
  quota: number = DEFAULT_TRUST_POLICY_QUOTA,
  shrink: string = FEWER_PRINCIPALS_REMEDY,
  unknownLength?: UnknownLength,
): TrustPolicySizeCheck {
  const size = measurePolicy(resolvedDoc, unknownLength);
  if (size.characters <= quota) return {};
  const range = (min: number, max: number) => (min === max ? `${min}` : Number.isFinite(max) ? `${min}-${max}` : `at least ${min}`);
  if (size.minimumCharacters > quota) {
    const remedy = `${shrink}${raiseQuota(quota, size.minimumCharacters)}.`;
    return { error: `The role trust policy is ${range(size.minimumCharacters, size.characters)} characters (IAM counts it without white space), over the quota of ${quota}. ${remedy}` };
  }
  const depends = size.unresolved > 0
    ? `${size.unresolved} value(s) known only at deploy time`
    : 'the partition and region';
  return {
    warning: `The role trust policy is ${range(size.minimumCharacters, size.characters)} characters (IAM counts it without white space) depending on `
      + `${depends}, and may exceed the quota of ${quota}. ${shrink}${raiseQuota(quota)}.`,
  };
}
