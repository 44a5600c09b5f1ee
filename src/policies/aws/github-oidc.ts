/**
 * GitHub Actions OIDC for AWS: the provider's constants, GitHub's name rules, the `sub` claims of
 * workflow runs, and the trust policy of a role that GitHub Actions assumes.
 *
 * Sources: GitHub "OpenID Connect reference" (subject formats: `repo:OWNER/REPO:ref:refs/heads/BRANCH`,
 * `...:ref:refs/tags/TAG`, `...:environment:NAME`, `...:pull_request`); GitHub changelog 2026-04-23
 * "Immutable subject claims for GitHub Actions OIDC tokens" (`repo:OWNER@OWNER_ID/REPO@REPO_ID:...`,
 * the default for repositories created or renamed since mid-2026); GitHub's sign-up and
 * repository-name messages for owner and repository names (GitHub publishes no formal spec);
 * `git check-ref-format` for branch and tag names; the IAM User Guide for OIDC trust policies.
 */
import { policyDocument, PolicyDocumentJson, PolicyStatementJson } from './iam-json';
import { PARTITION } from './rules';
import { webIdentityTrustStatement } from './trust';
import { ruleOf, ValueRule } from '../validation';

/** The host of GitHub Actions' OIDC issuer: the condition-key prefix and the provider ARN's resource name. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The provider URL the guide enters ("Provider URL"). */
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience `aws-actions/configure-aws-credentials` requests ("Audience"). */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/** The condition key for the token's `sub` claim. */
export const GITHUB_SUB_KEY = `${GITHUB_OIDC_HOST}:sub`;
/** The condition key for the token's `aud` claim. */
export const GITHUB_AUD_KEY = `${GITHUB_OIDC_HOST}:aud`;

/** `arn:PARTITION:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com`: an account's one GitHub provider. */
export function githubOidcProviderArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

const WILDCARD = /[*?]/;
const POLICY_VARIABLE = '${';
const POLICY_VARIABLE_CLAUSE = 'it must not contain "${" (IAM would read it as a policy variable)';
const CONTROL = /[\x00-\x1f\x7f]/;

/** GitHub user and organization names (the owner of a repository). */
export const GITHUB_OWNER: ValueRule = ruleOf(
  'GitHub owner',
  'Use the user or organization name as GitHub shows it: 1-39 letters, digits or single hyphens, not starting or ending with a hyphen '
  + '(users of Enterprise Managed Users are "HANDLE_SHORTCODE", with an underscore).',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => WILDCARD.test(v), 'wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts'],
    [(v) => v.length > 39, 'it must be at most 39 characters'],
    [(v) => /[^A-Za-z0-9_*?-]/.test(v), 'only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed'],
    [(v) => /^[-_]|[-_]$/.test(v), 'it must not begin or end with a hyphen or an underscore'],
    [(v) => v.includes('--'), 'it must not contain consecutive hyphens'],
  ],
);

/** GitHub repository names. */
export const GITHUB_REPOSITORY_NAME: ValueRule = ruleOf(
  'GitHub repository name',
  'Use the repository name as GitHub shows it: 1-100 ASCII letters, digits, ".", "_" or "-".',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => WILDCARD.test(v), 'wildcards (* ?) are not allowed: a wildcard would trust other repositories of the owner'],
    [(v) => v.length > 100, 'it must be at most 100 characters'],
    [(v) => /[^A-Za-z0-9._*?-]/.test(v), 'only ASCII letters, digits, ".", "_" and "-" are allowed'],
    [(v) => v === '.' || v === '..', '"." and ".." are reserved'],
  ],
);

/** The numeric ID of a GitHub account or repository, as in immutable subjects. */
export const GITHUB_ID: ValueRule = ruleOf(
  'GitHub numeric ID',
  'Use the number GitHub shows for it: `gh api repos/OWNER/REPOSITORY --jq ".owner.id, .id"` prints the owner ID and the repository ID.',
  [
    [(v) => !/^[0-9]+$/.test(v), 'it must be digits only'],
    [(v) => /^0/.test(v), 'it must not start with 0'],
    [(v) => v.length > 19, 'it must be at most 19 digits'],
  ],
);

const prefixed = (label: string, clauses: string[]) => clauses.map((c) => `${label}: ${c}`);
const OVER_BROAD = 'a wildcard (* ?) in the owner or repository would trust repositories you did not name';

/** The parts of an immutable repository name `OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID`. */
export interface ImmutableRepositoryParts {
  readonly owner: string;
  readonly ownerId: string;
  readonly name: string;
  readonly repositoryId: string;
}

/** Splits `OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID`; undefined when it does not have that shape. */
export function parseImmutableRepository(value: string): ImmutableRepositoryParts | undefined {
  const m = /^([^/@]*)@([^/@]*)\/([^/@]*)@([^/@]*)$/.exec(value);
  return m ? { owner: m[1], ownerId: m[2], name: m[3], repositoryId: m[4] } : undefined;
}

/** `OWNER/REPOSITORY` of an immutable name (the classic name the same repository had, or has, in subjects). */
export function classicRepositoryOf(immutable: string): string {
  const parts = parseImmutableRepository(immutable);
  if (!parts) throw new Error(`classicRepositoryOf: "${immutable}" is not OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID`);
  return `${parts.owner}/${parts.name}`;
}

/** A repository in the classic form `OWNER/REPOSITORY`. */
export const GITHUB_REPOSITORY: ValueRule = {
  subject: 'GitHub repository',
  fix: 'Use "OWNER/REPOSITORY" as in the repository\'s URL, e.g. "acme/neon-backups": the owner 1-39 letters, digits or single hyphens '
    + '(none at either end), the repository 1-100 letters, digits, ".", "_" or "-".',
  check: (v) => {
    if (v.startsWith('repo:')) return ['give it without "repo:"'];
    if (v.includes('@')) return ['it contains "@": "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" is the immutable form (GitHubRepository.immutable())'];
    const parts = v.split('/');
    if (parts.length !== 2) return ['it must be "OWNER/REPOSITORY" (one "/")', ...(WILDCARD.test(v) ? [OVER_BROAD] : [])];
    return [...prefixed('owner', GITHUB_OWNER.check(parts[0])), ...prefixed('repository name', GITHUB_REPOSITORY_NAME.check(parts[1]))];
  },
};

/** A repository in the immutable form `OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID`. */
export const GITHUB_IMMUTABLE_REPOSITORY: ValueRule = {
  subject: 'GitHub repository (immutable form)',
  fix: 'Use "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" as the sub claim prefix shows it without "repo:", e.g. "acme@1234567/neon-backups@890123456" '
    + '(`gh api repos/OWNER/REPOSITORY/actions/oidc/customization/sub` shows the prefix; '
    + '`gh api repos/OWNER/REPOSITORY --jq ".owner.id, .id"` the IDs).',
  check: (v) => {
    if (v.startsWith('repo:')) return ['give it without "repo:"'];
    const parts = parseImmutableRepository(v);
    if (!parts) return ['it must be "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" (each name followed by "@" and its numeric ID)', ...(WILDCARD.test(v) ? [OVER_BROAD] : [])];
    return [
      ...prefixed('owner', GITHUB_OWNER.check(parts.owner)),
      ...prefixed('owner ID', GITHUB_ID.check(parts.ownerId)),
      ...prefixed('repository name', GITHUB_REPOSITORY_NAME.check(parts.name)),
      ...prefixed('repository ID', GITHUB_ID.check(parts.repositoryId)),
    ];
  },
};

/** A Git branch or tag name, or a pattern of them (where `*` is the only wildcard), per `git check-ref-format`. */
function gitRefRule(kind: 'branch' | 'tag', pattern: boolean): ValueRule {
  const refs = kind === 'branch' ? 'refs/heads/' : 'refs/tags/';
  const patternFactory = kind === 'branch' ? 'branchesMatching()' : 'tagsMatching()';
  return ruleOf(
    pattern ? `Git ${kind} pattern` : `Git ${kind} name`,
    pattern
      ? `Use a ${kind} name with "*" where any characters may stand (IAM StringLike: "*" also matches "/"), e.g. "${kind === 'branch' ? 'release/*' : 'v*'}".`
      : `Use the ${kind} name as Git shows it, e.g. "${kind === 'branch' ? 'main' : 'v1.2.0'}" (see \`git check-ref-format\`).`,
    [
      [(v) => v.length === 0, 'it is empty'],
      [(v) => v.startsWith('refs/'), `give it without "${refs}" (it is added)`],
      [(v) => /[\x00-\x20\x7f~^:\\[]/.test(v), 'spaces, control characters and ~ ^ : [ \\ are not allowed (Git ref names)'],
      pattern
        ? [(v) => v.includes('?'), '"?" is not allowed: "*" is the only wildcard of a pattern']
        : [(v) => WILDCARD.test(v), `"*" and "?" are not allowed in a name: use GitHubSubject.${patternFactory} for a pattern`],
      [(v) => v.includes('..'), 'it must not contain ".."'],
      [(v) => v.startsWith('/') || v.endsWith('/') || v.includes('//'), 'it must not begin or end with "/" or contain "//"'],
      [(v) => v.endsWith('.'), 'it must not end with "."'],
      [(v) => /(^|\/)\./.test(v), 'no "/"-separated part may begin with "."'],
      [(v) => /\.lock(\/|$)/.test(v), 'no "/"-separated part may end with ".lock"'],
      [(v) => v === '@' || v.includes('@{'), 'it must not be "@" or contain "@{"'],
      [(v) => v.includes(POLICY_VARIABLE), POLICY_VARIABLE_CLAUSE],
    ],
  );
}

/** A branch name, without `refs/heads/`. */
export const GIT_BRANCH_NAME: ValueRule = gitRefRule('branch', false);
/** A branch name pattern with `*`, without `refs/heads/`. */
export const GIT_BRANCH_PATTERN: ValueRule = gitRefRule('branch', true);
/** A tag name, without `refs/tags/`. */
export const GIT_TAG_NAME: ValueRule = gitRefRule('tag', false);
/** A tag name pattern with `*`, without `refs/tags/`. */
export const GIT_TAG_PATTERN: ValueRule = gitRefRule('tag', true);

/** A GitHub deployment environment name ("may not exceed 255 characters"; not case sensitive in GitHub, but IAM compares exactly). */
export const GITHUB_ENVIRONMENT_NAME: ValueRule = ruleOf(
  'GitHub environment name',
  'Use the environment name exactly as the repository\'s Settings > Environments shows it (IAM compares it case-sensitively), at most 255 characters.',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => v.length > 255, 'it must be at most 255 characters'],
    [(v) => WILDCARD.test(v), 'wildcards (* ?) are not allowed'],
    [(v) => CONTROL.test(v), 'control characters are not allowed'],
    [(v) => v.trim() !== v, 'it must not begin or end with white space'],
    [(v) => v.includes(POLICY_VARIABLE), POLICY_VARIABLE_CLAUSE],
  ],
);

/**
 * The last guard on every `sub` value a trust policy will hold: it must name one repository, with
 * no wildcard before the ":" that ends the repository. `*`, `repo:*`, `repo:*\/app:...`,
 * `repo:acme/*` and `repo:acme/app*:...` are refused. Wildcards after the repository (`:ref:refs/heads/release/*`)
 * are allowed: they only choose among runs of the named repository.
 */
export const GITHUB_SUBJECT_CLAIM: ValueRule = {
  subject: 'GitHub OIDC subject',
  fix: 'Name one repository before any wildcard: "repo:OWNER/REPOSITORY:..." or "repo:OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID:...", '
    + 'e.g. "repo:acme/neon-backups:ref:refs/heads/main" (the GitHubSubject factories build these).',
  check: (v) => {
    if (v.length === 0) return ['it is empty'];
    if (/^[*?]+$/.test(v)) return ['a lone wildcard would trust every repository on GitHub'];
    const clauses: string[] = [];
    if (!v.startsWith('repo:')) {
      clauses.push('it must start with "repo:" and the repository (custom subject templates without "repo:" are not supported)');
      if (WILDCARD.test(v)) clauses.push(OVER_BROAD);
    } else {
      const rest = v.slice('repo:'.length);
      const colon = rest.indexOf(':');
      const repository = colon < 0 ? rest : rest.slice(0, colon);
      if (WILDCARD.test(repository)) {
        clauses.push(repository === '*' ? `${OVER_BROAD} ("repo:*" trusts every repository on GitHub)` : OVER_BROAD);
      } else {
        clauses.push(...(repository.includes('@') ? GITHUB_IMMUTABLE_REPOSITORY : GITHUB_REPOSITORY).check(repository));
      }
      if (colon < 0 || colon === rest.length - 1) {
        clauses.push('it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request"');
      }
    }
    const environment = rawColonInEnvironment(v);
    if (environment !== undefined) {
      clauses.push(`the environment "${environment}" contains a raw ":", which GitHub writes as "%3A" in the claim (":" separates its parts), `
        + `so this value never matches: write "${environment.replace(/:/g, '%3A')}", or use GitHubSubject.environment(), which encodes it`);
    }
    if (CONTROL.test(v)) clauses.push('control characters are not allowed');
    if (v.includes(POLICY_VARIABLE)) clauses.push(POLICY_VARIABLE_CLAUSE);
    return clauses;
  },
};

/**
 * The claims GitHub's OIDC tokens carry, which a repository's custom subject template may append
 * after the context as `:KEY:VALUE` (GitHub Docs, "OpenID Connect reference", "OIDC token claims"
 * and "Customizing the subject claims"; https://docs.github.com/en/actions/reference/security/oidc).
 */
const GITHUB_CLAIM_KEYS = new Set([
  'actor', 'actor_id', 'base_ref', 'check_run_id', 'context', 'enterprise', 'enterprise_id', 'environment', 'event_name', 'head_ref',
  'job_workflow_ref', 'job_workflow_sha', 'ref', 'ref_protected', 'ref_type', 'repo', 'repository', 'repository_id', 'repository_owner',
  'repository_owner_id', 'repository_visibility', 'run_attempt', 'run_id', 'run_number', 'runner_environment', 'sha', 'workflow',
  'workflow_ref', 'workflow_sha',
]);

/**
 * The environment name of a `...:environment:NAME...` subject when NAME holds a raw ":" (GitHub
 * encodes it as `%3A`); a ":" that starts a further claim of a custom template (`:job_workflow_ref:...`)
 * ends the name. Undefined when there is none.
 */
function rawColonInEnvironment(claim: string): string | undefined {
  const at = claim.indexOf(':environment:');
  // A ":" inside "${...}" belongs to the policy variable, which has its own clause.
  if (at < 0 || claim.includes(POLICY_VARIABLE)) return undefined;
  const parts = claim.slice(at + ':environment:'.length).split(':');
  let end = 1;
  while (end < parts.length && !GITHUB_CLAIM_KEYS.has(parts[end]) && !WILDCARD.test(parts[end])) end++;
  return end > 1 ? parts.slice(0, end).join(':') : undefined;
}

/** Whether a `sub` value needs StringLike (it has `*` or `?`). */
export function hasWildcard(subjectClaim: string): boolean {
  return WILDCARD.test(subjectClaim);
}

/** `repo:REPOSITORY:ref:refs/heads/BRANCH` (REPOSITORY in either form; BRANCH may be a pattern). */
export function branchSubjectClaim(repository: string, branch: string): string {
  return `repo:${repository}:ref:refs/heads/${branch}`;
}

/** `repo:REPOSITORY:ref:refs/tags/TAG`. */
export function tagSubjectClaim(repository: string, tag: string): string {
  return `repo:${repository}:ref:refs/tags/${tag}`;
}

/**
 * `repo:REPOSITORY:environment:NAME`: jobs that reference the environment (this takes precedence
 * over the ref). A ":" in the name is `%3A` in the claim, as GitHub writes it (":" separates the
 * claim's parts), so an environment "prod:eu" is `...:environment:prod%3Aeu`.
 */
export function environmentSubjectClaim(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment.replace(/:/g, '%3A')}`;
}

/** `repo:REPOSITORY:pull_request`: jobs of pull_request events that reference no environment. */
export function pullRequestSubjectClaim(repository: string): string {
  return `repo:${repository}:pull_request`;
}

/** `repo:REPOSITORY:ref:*`: any branch or tag of the repository (not pull requests, not environment jobs). */
export function anyRefSubjectClaim(repository: string): string {
  return `repo:${repository}:ref:*`;
}

/** What a GitHub Actions trust policy is made of. */
export interface GitHubActionsTrustInput {
  /** The ARN of the account's GitHub OIDC provider. */
  readonly providerArn: string;
  /** The `sub` values that may assume the role (any of them); duplicates are dropped. */
  readonly subjectClaims: string[];
}

/**
 * The one trust statement: web identity from the GitHub provider, `aud` = `sts.amazonaws.com`
 * (StringEquals) and `sub` one of the subjects: StringEquals when none has a wildcard, otherwise
 * StringLike (a list is "any of them"; `sub` is single-valued, so no ForAllValues/ForAnyValue).
 */
export function githubActionsTrustStatement(input: GitHubActionsTrustInput): PolicyStatementJson {
  if (input.subjectClaims.length === 0) throw new Error('githubActionsTrustStatement: at least one subject is required');
  return webIdentityTrustStatement({
    sid: 'GitHubActionsOidc',
    providerArn: input.providerArn,
    issuer: GITHUB_OIDC_HOST,
    audience: GITHUB_OIDC_AUDIENCE,
    subjects: input.subjectClaims,
  });
}

/** The whole trust policy of a role GitHub Actions assumes. */
export function githubActionsTrustPolicy(input: GitHubActionsTrustInput): PolicyDocumentJson {
  return policyDocument([githubActionsTrustStatement(input)]);
}

/** An ARN of the GitHub OIDC provider: `arn:PARTITION:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com`. */
export const GITHUB_OIDC_PROVIDER_ARN: ValueRule = ruleOf(
  'GitHub OIDC provider ARN',
  'Use "arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com" with your partition and account (IAM > Identity providers shows it), '
  + 'or GitHubOidcProvider.fromAccount().',
  [
    [(v) => !new RegExp(`^arn:${PARTITION}:iam::`).test(v), 'it must start with "arn:PARTITION:iam::"'],
    [(v) => /^arn:[^:]*:iam::/.test(v) && !/^arn:[^:]*:iam::\d{12}:/.test(v), 'its account must be 12 digits'],
    [(v) => !v.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`), `it must name the provider "oidc-provider/${GITHUB_OIDC_HOST}"`],
  ],
);
