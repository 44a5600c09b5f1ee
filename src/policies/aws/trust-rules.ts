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
import { AWS_REGION, IAM_ROLE_ARN, PARTITION, partitionOfArn, partitionOfRegion } from './rules';
import { ruleOf, ValueRule } from '../validation';

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

const EKS_ISSUER_HOST = /^oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;

/**
 * IAM's limits on an OIDC provider URL (IAM API Reference, CreateOpenIDConnectProvider, "Url": 1-255
 * characters, "must begin with https://", "path components are allowed but query parameters are
 * not", "should not contain a port number"), as clauses about the issuer after `https://`.
 */
function issuerLimits(issuer: string, withScheme: number): string[] {
  const clauses: string[] = [];
  if (issuer.length + withScheme > 255) clauses.push(`it is ${issuer.length + withScheme} characters; IAM allows an OIDC provider URL of at most 255`);
  if (/[?#]/.test(issuer)) clauses.push('a query ("?") or fragment ("#") is not allowed (IAM: path components are allowed, query parameters are not)');
  if (/^[^/]*:\d*(\/|$)/.test(issuer)) clauses.push('a port is not allowed (IAM: the URL should not contain a port number)');
  if (issuer.endsWith('/')) clauses.push('it must not end with "/" (the issuer is compared exactly, and EKS issuers end with the cluster ID)');
  if (/[A-Z]/.test(issuer.split('/')[0])) clauses.push('the host must be lower case, as EKS prints it');
  const m = EKS_ISSUER_HOST.exec(issuer);
  if (m) {
    const [, region, china] = m;
    if (AWS_REGION.check(region).length > 0) {
      clauses.push(`"${region}" is not a region code`);
    } else if ((partitionOfRegion(region) === 'aws-cn') !== (china !== undefined)) {
      clauses.push(partitionOfRegion(region) === 'aws-cn'
        ? `the region ${region} is in China, whose issuers end with ".amazonaws.com.cn"`
        : `".amazonaws.com.cn" is the domain of the China regions, not of ${region}`);
    }
  }
  return clauses;
}

/** Whether an issuer (without `https://`) is not of EKS's form (the precise clauses of `issuerLimits` say why, where they can). */
const EKS_FORM = (issuer: string): boolean => !EKS_ISSUER_HOST.test(issuer);

/** An EKS cluster's OIDC issuer URL, as `aws eks describe-cluster --query cluster.identity.oidc.issuer` prints it. */
export const EKS_OIDC_ISSUER_URL: ValueRule = {
  subject: 'EKS OIDC issuer URL',
  fix: 'Use the URL `aws eks describe-cluster --name CLUSTER --query cluster.identity.oidc.issuer --output text` prints, '
    + 'e.g. "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE".',
  check: (v) => {
    if (!v.startsWith('https://')) return ['it must start with "https://"', ...(/[*?]/.test(v) ? ['wildcards are not allowed'] : [])];
    const issuer = v.slice('https://'.length);
    return [
      ...(EKS_FORM(issuer) ? ['it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"'] : []),
      ...issuerLimits(issuer, 'https://'.length),
      ...(/[*?]/.test(v) ? ['wildcards are not allowed'] : []),
    ];
  },
};

const PROVIDER_PREFIX = /^arn:[^:]*:iam::\d{12}:oidc-provider\//;

/** The region of a provider ARN's EKS issuer when it is of another partition than the ARN, or undefined. */
function providerRegionOtherPartition(arn: string): string | undefined {
  const region = EKS_ISSUER_HOST.exec(arn.replace(PROVIDER_PREFIX, ''))?.[1];
  const partition = partitionOfArn(arn);
  const regionPartition = region === undefined ? undefined : partitionOfRegion(region);
  return regionPartition !== undefined && partition !== undefined && regionPartition !== partition ? region : undefined;
}

/** The ARN of an IAM OIDC provider for an EKS cluster's issuer. */
export const EKS_OIDC_PROVIDER_ARN: ValueRule = ruleOf(
  'EKS OIDC provider ARN',
  'Use the provider\'s ARN as `aws iam list-open-id-connect-providers` prints it, '
  + 'e.g. "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE".',
  [
    [(v) => !new RegExp(`^arn:${PARTITION}:iam::`).test(v), 'it must start with "arn:PARTITION:iam::"'],
    [(v) => /^arn:[^:]*:iam::/.test(v) && !/^arn:[^:]*:iam::\d{12}:/.test(v), 'its account must be 12 digits'],
    [(v) => /^arn:[^:]*:iam::\d{12}:/.test(v) && !PROVIDER_PREFIX.test(v), 'it must name an OIDC provider ("...:oidc-provider/ISSUER")'],
    [
      (v) => PROVIDER_PREFIX.test(v) && EKS_FORM(v.replace(PROVIDER_PREFIX, '')),
      'the provider must be an EKS issuer ("oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID")',
    ],
    [(v) => PROVIDER_PREFIX.test(v) && issuerLimits(v.replace(PROVIDER_PREFIX, ''), 'https://'.length).length > 0,
      (v) => issuerLimits(v.replace(PROVIDER_PREFIX, ''), 'https://'.length).join('; ')],
    [(v) => providerRegionOtherPartition(v) !== undefined,
      (v) => `the issuer's region ${providerRegionOtherPartition(v)} is in the partition ${partitionOfRegion(providerRegionOtherPartition(v) ?? '')}, `
        + `but the ARN is of ${partitionOfArn(v)}`],
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

/**
 * The service account every pod runs as when its spec names none (Kubernetes, "Service Accounts":
 * "If you don't specify a ServiceAccount when you create a Pod, Kubernetes automatically assigns
 * the ServiceAccount named default in that namespace").
 */
export const K8S_DEFAULT_SERVICE_ACCOUNT = 'default';

/** Who else gets in when a role trusts the `default` service account of the namespace(s). */
export function defaultServiceAccountRisk(namespaceDescription: string): string {
  return `trusts the service account "default" ${namespaceDescription}: every pod there that names no service account runs as it, `
    + 'so every such pod could assume the role. Name the service account the workload runs as (Palette\'s Velero: "velero-server")';
}

/**
 * The partition a stack deploys to when its region is known: `stackPartition` when it is a literal
 * (aws-cdk-lib's partition literals), otherwise the partition of a literal region; undefined when
 * neither is known at synth time.
 */
export function knownPartition(stackPartition: string | undefined, stackRegion: string | undefined): string | undefined {
  if (stackPartition !== undefined) return stackPartition;
  return stackRegion === undefined ? undefined : partitionOfRegion(stackRegion);
}

/** The literal text of a value: a string, or the literal parts of an `Fn::Join` ("" for anything else). */
function literalText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: unknown })?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return (join[1] as unknown[]).map(literalText).join(join[0]);
  return '';
}

/** What the checks below read of a resolved statement (CloudFormation JSON, intrinsics included). */
interface TrustStatement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

/**
 * Principals of a resolved trust policy whose ARN is of another partition than the role's: IAM
 * cannot trust them (a role in one partition can never be assumed from another; the ARN would not
 * even name an existing principal). Only literal ARNs are checked, against a known partition.
 */
export function otherPartitionPrincipals(resolvedDoc: unknown, partition: string): string[] {
  const statements = (resolvedDoc as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const problems: string[] = [];
  list.forEach((s: TrustStatement, i) => {
    const principal = s?.Principal;
    if (!principal || typeof principal !== 'object') return;
    for (const kind of ['AWS', 'Federated']) {
      const given = (principal as Record<string, unknown>)[kind];
      const values: unknown[] = given === undefined ? [] : Array.isArray(given) ? given : [given];
      const sid = typeof s.Sid === 'string' ? ` (${s.Sid})` : '';
      for (const v of values) {
        const p = typeof v === 'string' ? partitionOfArn(v) : undefined;
        if (p !== undefined && p !== partition) {
          problems.push(`Trust policy statement ${i + 1}${sid} names "${v}", a principal of the partition ${p}, but the role is in ${partition}: `
            + 'IAM never lets a principal of one partition assume a role of another. Name the principal of the role\'s partition, '
            + 'or deploy the role to a region of that partition.');
          continue;
        }
        // A provider ARN built from the stack's partition: its EKS issuer's region still names a partition.
        const region = /:oidc-provider\/oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com/.exec(literalText(v))?.[1];
        const regionPartition = region === undefined ? undefined : partitionOfRegion(region);
        if (regionPartition !== undefined && regionPartition !== partition) {
          problems.push(`Trust policy statement ${i + 1}${sid} trusts the EKS issuer of ${region}, a region of the partition ${regionPartition}, `
            + `but the role is in ${partition}: IAM never lets a principal of one partition assume a role of another. `
            + 'Deploy the role to a region of the cluster\'s partition.');
        }
      }
    }
  });
  return problems;
}

/**
 * The warning for trusting the stack's own account: `viaList` when it is one entry of an account list
 * (`TrustedPrincipal.accounts()`, `aws:PrincipalAccount`) rather than the account's root.
 */
export function ownAccountTrustWarning(prop: string, account: string, viaList: boolean): string {
  const what = viaList ? `lists ${account}` : `is ${account}`;
  const how = viaList ? 'Trusting this account through aws:PrincipalAccount' : 'Trusting this account\'s root';
  return `${prop} ${what}, the account of the role and its bucket: "Account A" is the account where `
    + `clusters run when it differs from the backup account. ${how} lets every principal of it that IAM allows `
    + 'sts:AssumeRole assume the role; remove it, or trust the one role the clusters use (TrustedPrincipal.role()).';
}

/** The literal string values of a condition key (case-insensitive) under any operator of a statement's condition. */
function conditionStrings(condition: unknown, key: string): { operator: string; values: string[] }[] {
  if (!condition || typeof condition !== 'object') return [];
  const found: { operator: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!block || typeof block !== 'object') continue;
    for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
      if (k.toLowerCase() !== key.toLowerCase()) continue;
      const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      found.push({ operator, values });
    }
  }
  return found;
}

/**
 * Statements whose organization conditions contradict each other, so that one of them is silently
 * without effect or the statement matches no principal: `aws:PrincipalOrgID` of one organization and
 * `aws:PrincipalOrgPaths` under another (the path starts with its organization's ID). Only literal
 * values under StringEquals (the ID) are compared.
 */
export function contradictoryOrganizationConditions(resolvedDoc: unknown): string[] {
  const statements = (resolvedDoc as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const problems: string[] = [];
  list.forEach((s: TrustStatement, i) => {
    if (s?.Effect !== 'Allow') return;
    const ids = conditionStrings(s.Condition, 'aws:PrincipalOrgID').filter((c) => c.operator === 'StringEquals').flatMap((c) => c.values);
    if (ids.length === 0) return;
    const paths = conditionStrings(s.Condition, 'aws:PrincipalOrgPaths').flatMap((c) => c.values);
    const foreign = paths.filter((p) => /^o-[a-z0-9]{10,32}\//.test(p) && !ids.includes(p.split('/')[0]));
    if (foreign.length > 0) {
      const sid = typeof s.Sid === 'string' ? ` (${s.Sid})` : '';
      problems.push(`Trust policy statement ${i + 1}${sid} requires aws:PrincipalOrgID ${ids.join(' or ')} but aws:PrincipalOrgPaths under another organization `
        + `(${foreign.map((p) => `"${p}"`).join(', ')}): no principal is in both, so the OU restriction trusts nobody it names. `
        + 'Trust the OUs of the organization you mean, with its ID.');
    }
  });
  return problems;
}

/**
 * The warning of a web-identity trust that names the OIDC provider of another account than the role's:
 * IAM checks a web identity against the providers of the role's own account, so the role can never be
 * assumed. `source` cites where the page says so; `remedy` says what to name instead.
 */
export function providerInOtherAccountWarning(prop: string, providerAccount: string, roleAccount: string, source: string, remedy: string): string {
  return `${prop} names the OIDC provider of account ${providerAccount}, but the role is in ${roleAccount}. IAM checks web identities against `
    + `the providers of the role's own account (${source}): ${remedy}`;
}
