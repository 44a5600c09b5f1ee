/**
 * Role trust statements for vendors that assume a role in the customer's account with an external
 * ID (Palette's "STS" method; RudderStack's role-based access), and for the customer's own
 * accounts or roles that may assume it too (Palette's "Account A").
 *
 * Shapes follow the vendor pages: one statement per trusted principal, the vendor's with the
 * `sts:ExternalId` condition, the others without it (optionally limited to an organization).
 */
import { measurePolicy, policyDocument, PolicyDocumentJson, PolicyStatementJson } from './iam-json';

/** IAM's default quota for a role trust policy, in characters without white space. */
export const DEFAULT_TRUST_POLICY_QUOTA = 2048;
/** The most IAM allows for a role trust policy after a quota increase. */
export const MAX_TRUST_POLICY_QUOTA = 4096;

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

/**
 * A statement for one of the customer's own principals (an account root or a role), without an
 * external ID, optionally only for principals of the given organization (`aws:PrincipalOrgID`).
 */
export function principalTrustStatement(principalArn: string, sid: string, organizationId?: string): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: principalArn },
    Action: 'sts:AssumeRole',
    ...(organizationId ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } } } : {}),
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
}

/** The whole trust policy: the vendor's statement first, then one per additional principal. */
export function externalIdTrustPolicy(input: ExternalIdTrustPolicyInput): PolicyDocumentJson {
  const additional = input.additionalPrincipalArns ?? [];
  return policyDocument([
    externalIdTrustStatement(input.vendorPrincipalArn, input.externalId),
    ...additional.map((arn, i) => principalTrustStatement(arn, additional.length === 1 ? 'TrustOwnPrincipal' : `TrustOwnPrincipal${i + 1}`, input.organizationId)),
  ]);
}

/** The outcome of checking a trust policy's size against the quota. */
export interface TrustPolicySizeCheck {
  /** The policy is over the quota however its tokens resolve. */
  readonly error?: string;
  /** The policy may be over the quota, depending on how its pseudo parameters resolve (the partition, say). */
  readonly warning?: string;
}

/** The first remedy for an oversized trust policy of principals (external-ID roles). */
export const FEWER_PRINCIPALS_REMEDY = 'Trust fewer principals (an account root instead of several of its roles)';

/**
 * Checks a (resolved) trust policy against the role trust policy quota.
 *
 * @param shrink how to make this kind of trust policy smaller, as the start of a sentence (the
 *   quota increase is appended)
 */
export function checkTrustPolicySize(
  resolvedDoc: unknown,
  quota: number = DEFAULT_TRUST_POLICY_QUOTA,
  shrink: string = FEWER_PRINCIPALS_REMEDY,
): TrustPolicySizeCheck {
  const size = measurePolicy(resolvedDoc);
  if (size.characters <= quota) return {};
  const raise = quota < MAX_TRUST_POLICY_QUOTA
    ? `, or request an increase of the IAM quota "Role trust policy length" (up to ${MAX_TRUST_POLICY_QUOTA}) and set maxTrustPolicySize to the new quota`
    : '';
  const remedy = `${shrink}${raise}.`;
  if (size.minimumCharacters > quota) {
    const exact = size.minimumCharacters === size.characters ? `${size.characters}` : `${size.minimumCharacters}-${size.characters}`;
    return { error: `The role trust policy is ${exact} characters (IAM counts it without white space), over the quota of ${quota}. ${remedy}` };
  }
  return {
    warning: `The role trust policy is ${size.minimumCharacters}-${size.characters} characters (IAM counts it without white space) depending on the `
      + `partition and region, and may exceed the quota of ${quota}. ${remedy}`,
  };
}
