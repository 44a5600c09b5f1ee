/**
 * Rules for the values a trust policy names: role and user ARNs (no policy variables), account
 * lists, organizational-unit paths, and the EKS OIDC issuer, provider ARN, namespace and
 * service-account names of IAM roles for service accounts.
 *
 * Sources: IAM User Guide "IAM identifiers" (ARNs, paths, names) and "AWS global condition context
 * keys" (`aws:PrincipalOrgPaths` values `o-ORG/r-ROOT/ou-.../`); Amazon EKS User Guide "IAM roles
 * for service accounts" (issuer `https://oidc.eks.REGION.amazonaws.com/id/ID`, condition keys
 * `ISSUER:sub` = `system:serviceaccount:NAMESPACE:NAME` and `ISSUER:aud` = `sts.amazonaws.com`);
 * Kubernetes "Object Names and IDs" (namespaces: DNS-1123 labels; service accounts: DNS-1123
 * subdomains); Palette's add-backup-location-dynamic.md (spectrocloud/librarium) for the
 * `velero-server` service account and the `cluster-<hash>` namespaces.
 */
import { IAM_ROLE_ARN } from './rules';
import { ruleOf, ValueRule } from '../validation';

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const POLICY_VARIABLE = 'it must not contain "${" (IAM would read it as a policy variable and trust whoever it resolves to)';

/** An IAM role ARN as a trusted principal: IAM's rules, and no `${` in its path or name. */
export const TRUSTED_ROLE_ARN: ValueRule = {
  subject: IAM_ROLE_ARN.subject,
  fix: IAM_ROLE_ARN.fix,
  check: (v) => [...IAM_ROLE_ARN.check(v), ...(v.includes('${') ? [POLICY_VARIABLE] : [])],
};

const USER_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):user/((?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)$`);

/** The ARN of an IAM user, as `aws sts get-caller-identity` prints it for a user with static credentials. */
export const IAM_USER_ARN: ValueRule = ruleOf(
  'IAM user ARN',
  'Use the user\'s ARN as `aws sts get-caller-identity` prints it, e.g. "arn:aws:iam::111122223333:user/palette-deployer".',
  [
    [(v) => !new RegExp(`^arn:${PARTITION}:iam::`).test(v), 'it must start with "arn:PARTITION:iam::" (an IAM ARN with an empty region)'],
    [(v) => /^arn:[^:]*:iam::/.test(v) && !/^arn:[^:]*:iam::\d{12}:/.test(v), 'its account must be 12 digits'],
    [(v) => /^arn:[^:]*:iam::\d{12}:/.test(v) && !/^arn:[^:]*:iam::\d{12}:user\//.test(v), 'it must name a user ("...:user/NAME"); for a role use TrustedPrincipal.role()'],
    [(v) => /^arn:[^:]*:iam::\d{12}:user\//.test(v) && !USER_ARN.test(v), 'the user name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)'],
    [(v) => (USER_ARN.exec(v)?.[4].length ?? 0) > 64, 'the user name must be at most 64 characters'],
    [(v) => /[*?]/.test(v), 'wildcards are not allowed in a principal ARN'],
    [(v) => v.includes('${'), POLICY_VARIABLE],
  ],
);

/** The account of an IAM ARN (`arn:PARTITION:iam::ACCOUNT:...`), or undefined. */
export function accountOfIamArn(arn: string): string | undefined {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
}

/**
 * A path of organizational units as `aws:PrincipalOrgPaths` compares it:
 * `o-ORG/r-ROOT/ou-ROOT-OU/.../`, from the organization down to the OU, ending with "/".
 */
export const AWS_ORG_PATH: ValueRule = ruleOf(
  'AWS Organizations entity path',
  'Use the OU\'s path from the organization down, as the Organizations console shows it, e.g. "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", ending with "/".',
  [
    [(v) => !/^o-[a-z0-9]{10,32}\//.test(v), 'it must start with the organization ID and "/" ("o-a1b2c3d4e5/")'],
    [(v) => /^o-[a-z0-9]{10,32}\//.test(v) && !/^o-[a-z0-9]{10,32}\/r-[a-z0-9]{4,32}\//.test(v), 'the root ("r-ab12/") must follow the organization'],
    [(v) => !v.endsWith('/'), 'it must end with "/" (child OUs are matched by the "*" that is appended)'],
    [(v) => /[*?]/.test(v), 'wildcards are not allowed: "*" is appended to match the OU and its children'],
    [(v) => /^o-[a-z0-9]{10,32}\/r-[a-z0-9]{4,32}\//.test(v) && v.split('/').slice(2, -1).some((p) => !/^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/.test(p)),
      'each part after the root must be an OU ID ("ou-ab12-11111111")'],
  ],
);

const EKS_ISSUER_HOST = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;

/** An EKS cluster's OIDC issuer URL, as `aws eks describe-cluster --query cluster.identity.oidc.issuer` prints it. */
export const EKS_OIDC_ISSUER_URL: ValueRule = ruleOf(
  'EKS OIDC issuer URL',
  'Use the URL `aws eks describe-cluster --name CLUSTER --query cluster.identity.oidc.issuer --output text` prints, '
  + 'e.g. "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE".',
  [
    [(v) => !v.startsWith('https://'), 'it must start with "https://"'],
    [(v) => v.startsWith('https://') && !EKS_ISSUER_HOST.test(v.slice('https://'.length)), 'it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"'],
    [(v) => /[*?]/.test(v), 'wildcards are not allowed'],
  ],
);

/** The ARN of an IAM OIDC provider for an EKS cluster's issuer. */
export const EKS_OIDC_PROVIDER_ARN: ValueRule = ruleOf(
  'EKS OIDC provider ARN',
  'Use the provider\'s ARN as `aws iam list-open-id-connect-providers` prints it, '
  + 'e.g. "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE".',
  [
    [(v) => !new RegExp(`^arn:${PARTITION}:iam::`).test(v), 'it must start with "arn:PARTITION:iam::"'],
    [(v) => /^arn:[^:]*:iam::/.test(v) && !/^arn:[^:]*:iam::\d{12}:/.test(v), 'its account must be 12 digits'],
    [(v) => /^arn:[^:]*:iam::\d{12}:/.test(v) && !/^arn:[^:]*:iam::\d{12}:oidc-provider\//.test(v), 'it must name an OIDC provider ("...:oidc-provider/ISSUER")'],
    [
      (v) => /^arn:[^:]*:iam::\d{12}:oidc-provider\//.test(v) && !EKS_ISSUER_HOST.test(v.replace(/^arn:[^:]*:iam::\d{12}:oidc-provider\//, '')),
      'the provider must be an EKS issuer ("oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID")',
    ],
    [(v) => /[*?]/.test(v), 'wildcards are not allowed'],
  ],
);

/** The issuer (condition-key prefix) of an EKS OIDC provider ARN or issuer URL. */
export function eksIssuerOf(providerArnOrUrl: string): string {
  return providerArnOrUrl.replace(/^https:\/\//, '').replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, '');
}

/** `arn:PARTITION:iam::ACCOUNT:oidc-provider/ISSUER` for an issuer URL. */
export function eksOidcProviderArn(partition: string, accountId: string, issuerUrl: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${eksIssuerOf(issuerUrl)}`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes namespace name (a DNS-1123 label). */
export const K8S_NAMESPACE: ValueRule = ruleOf(
  'Kubernetes namespace',
  'Use the namespace as `kubectl get namespaces` shows it (Palette\'s are "cluster-<hash>"): 1-63 lowercase letters, digits and hyphens, '
  + 'starting and ending with a letter or digit.',
  [
    [(v) => /[*?]/.test(v), 'wildcards are not allowed: use EksNamespace.paletteClusters() or EksNamespace.any()'],
    [(v) => v.length < 1 || v.length > 63, 'it must be 1-63 characters long'],
    [(v) => !/[*?]/.test(v) && !DNS_LABEL.test(v), 'only lowercase letters, digits and hyphens, starting and ending with a letter or digit'],
  ],
);

/** A Kubernetes namespace pattern for StringLike: a literal prefix of at least one character, then `*`. */
export const K8S_NAMESPACE_PATTERN: ValueRule = ruleOf(
  'Kubernetes namespace pattern',
  'Use a literal prefix followed by one "*", e.g. "cluster-*" (Palette\'s per-cluster namespaces).',
  [
    [(v) => !/^[a-z0-9][-a-z0-9]*\*$/.test(v), 'it must be lowercase letters, digits and hyphens followed by one "*" at the end'],
    [(v) => v.length > 63, 'it must be at most 63 characters long'],
  ],
);

/** A Kubernetes service-account name (a DNS-1123 subdomain); always exact in a trust policy. */
export const K8S_SERVICE_ACCOUNT: ValueRule = ruleOf(
  'Kubernetes service account name',
  'Use the service account\'s name exactly, e.g. "velero-server" (Palette\'s Velero): 1-253 lowercase letters, digits, "-" and ".".',
  [
    [(v) => /[*?]/.test(v), 'wildcards are not allowed: the service account is always named exactly'],
    [(v) => v.length < 1 || v.length > 253, 'it must be 1-253 characters long'],
    [(v) => !/[*?]/.test(v) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v), 'only lowercase letters, digits, "-" and ".", starting and ending with a letter or digit'],
  ],
);

/** The service account Palette's Velero runs as (add-backup-location-dynamic.md, "EKS workload clusters"). */
export const PALETTE_VELERO_SERVICE_ACCOUNT = 'velero-server';
/** Palette's per-cluster namespaces, `cluster-<hash>`, as a StringLike pattern. */
export const PALETTE_CLUSTER_NAMESPACE_PATTERN = 'cluster-*';
/** The audience of EKS service-account tokens for STS. */
export const EKS_AUDIENCE = 'sts.amazonaws.com';

/** `system:serviceaccount:NAMESPACE:NAME`, the `sub` of a service account's token. */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}
