import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GitHubSubject } from './subject';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_PROVIDER_ARN, GITHUB_OIDC_URL, githubActionsTrustPolicy } from '../../../policies/aws/github-oidc';
import { PolicyDocumentJson } from '../../../policies/aws/iam-json';
import { IAM_ROLE_NAME } from '../../../policies/aws/rules';
import { accountOfIamArn, providerInOtherAccountWarning } from '../../../policies/aws/trust-rules';
import { describeInput, ValidationProblems } from '../../../policies/validation';
import { namesCheckedByParent } from '../../private/checked-by-parent';
import { problemsOf, warn } from '../private/common';
import { checkMaxTrustPolicySize, createTrustedRole } from '../trusted-role';

/** The names a parent construct's user wrote for a GitHubActionsRole's props (see `checkedByParent`). */
interface GitHubActionsRoleNames {
  readonly provider?: string;
  readonly subjects?: string;
  readonly roleName?: string;
  readonly maxTrustPolicySize?: string;
}

/** Properties of a GitHubActionsRole. */
export interface GitHubActionsRoleProps {
  /**
   * The account's GitHub OIDC provider: `new GitHubOidcProvider(...)`, or
   * `GitHubOidcProvider.fromAccount(...)` when the account already has one.
   */
  readonly provider: iam.IOidcProvider;

  /**
   * The workflow runs that may assume the role (any of them). At least one; each names one
   * repository, so the role never trusts a repository you did not list.
   */
  readonly subjects: GitHubSubject[];

  /**
   * The role's name (the guide's workflow builds the role ARN from it).
   *
   * @default - CloudFormation generates a unique name
   */
  readonly roleName?: string;

  /**
   * The role's description.
   *
   * @default 'Assumed by GitHub Actions through OIDC'
   */
  readonly description?: string;

  /**
   * The longest session the role allows (`role-duration-seconds` of configure-aws-credentials may ask up to this).
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

/**
 * An IAM role that GitHub Actions workflow runs assume with `sts:AssumeRoleWithWebIdentity`
 * (aws-actions/configure-aws-credentials with `id-token: write`). Its trust policy has one
 * statement: the account's GitHub provider as federated principal, `aud` = `sts.amazonaws.com`, and
 * `sub` one of the listed subjects (StringEquals, or StringLike when a subject is a pattern).
 *
 * The role has no permissions of its own: grant them with a resource policy (as NeonPostgresBackup
 * does with the bucket policy) or attach policies to `role`.
 */
export class GitHubActionsRole extends Construct {
  /**
   * The problems of the props, each under the name the user wrote (`names`, e.g. `oidcProvider`
   * for `provider`), so a high-level construct reports them with the problems of its other
   * children, before it creates any. It then passes the props to the role as
   * `checkedByParent(props, names)`: the role does not check them again, and its warnings use `names`.
   *
   * @internal
   */
  public static _checkProps(problems: ValidationProblems, props: GitHubActionsRoleProps, names: GitHubActionsRoleNames = {}): ValidationProblems {
    const providerName = names.provider ?? 'provider';
    const subjectsName = names.subjects ?? 'subjects';
    // JavaScript callers: a missing or mistyped prop is named, before anything reads it.
    if (props === null || typeof props !== 'object') return problems.add(`GitHubActionsRole needs its props; got ${describeInput(props)}`);
    const providerOk = checkProviderShape(problems, props.provider, providerName);
    const subjectsOk = checkSubjectsShape(problems, props.subjects, subjectsName);
    if (!providerOk || !subjectsOk) return problems;
    problems
      .check(IAM_ROLE_NAME, props.roleName, names.roleName ?? 'roleName')
      .check(GITHUB_OIDC_PROVIDER_ARN, props.provider.oidcProviderArn, providerName)
      .addIf(
        props.subjects.length === 0,
        `${subjectsName} is empty: name at least one repository and what it may run, e.g. GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main")`,
      );
    checkMaxTrustPolicySize(problems, props.maxTrustPolicySize, names.maxTrustPolicySize);
    checkProviderResource(props.provider, problems, providerName);
    const before = problems.problems.length;
    props.subjects.forEach((s, i) => s._validate(problems, `${subjectsName}[${i}]`));
    if (problems.problems.length > before) return problems;
    // One statement compares every subject with StringLike when one is a pattern: a value known only
    // at deploy time would then be a pattern too, and a "*" in it could widen the trust unseen.
    const pattern = props.subjects.findIndex((s) => s._isPattern);
    if (pattern >= 0) {
      props.subjects.forEach((s, i) => problems.addIf(
        s._hasUnresolvedParts,
        `${subjectsName}[${i}] is known only at deploy time, but ${subjectsName}[${pattern}] is a pattern, so the trust policy compares every subject with `
        + 'StringLike: a "*" or "?" in the deploy-time value would be a wildcard that widens the trust (to other repositories, say), and it cannot be checked '
        + 'at synth time. Give the subject as a literal, or trust the pattern from a role of its own',
      ));
    }
    return problems;
  }

  /** The role. */
  public readonly role: iam.Role;
  /** The role's ARN (`role-to-assume`). */
  public readonly roleArn: string;
  /** The role's name. */
  public readonly roleName: string;
  /** The `sub` values the role trusts, in order, without duplicates. */
  public readonly subjectClaims: string[];
  /**
   * The role's trust policy (`role.assumeRolePolicy`): the statement built from the props, and any
   * added later. Checked at synth time against the quota and the trust guard.
   */
  public readonly trustPolicy: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: GitHubActionsRoleProps) {
    super(scope, id);
    // A parent construct (NeonPostgresBackup) has checked the props under the names its user wrote; used alone, the role checks them.
    const names = namesCheckedByParent<GitHubActionsRoleNames>(props);
    if (names === undefined) GitHubActionsRole._checkProps(problemsOf(this), props).throwIfAny();
    const subjectsName = names?.subjects ?? 'subjects';

    props.subjects.forEach((s, i) => {
      const breadth = s._breadth;
      if (breadth !== undefined) {
        warn(this, 'GitHubBroadSubject', `${subjectsName}[${i}] trusts more than one branch, tag or environment: ${breadth}. `
          + 'Prefer GitHubSubject.branch() or environment() (an environment with required reviewers and deployment branches); '
          + 'acknowledge this warning if the breadth is meant.');
      }
      if (s._hasUnresolvedParts) {
        warn(this, 'UnresolvedGitHubSubject', `${subjectsName}[${i}] is known only at deploy time, so it was not checked for wildcards or GitHub's `
          + 'name rules. Make sure it names one repository; with StringLike, a "*" in it would widen the trust.');
      }
    });

    this.subjectClaims = [...new Set(props.subjects.flatMap((s) => s.claims))];
    const providerArn = props.provider.oidcProviderArn;
    const providerAccount = Token.isUnresolved(providerArn) ? undefined : accountOfIamArn(providerArn);
    const roleAccount = Stack.of(this).account;
    if (providerAccount !== undefined && !Token.isUnresolved(roleAccount) && providerAccount !== roleAccount) {
      warn(this, 'GitHubProviderInOtherAccount', providerInOtherAccountWarning(names?.provider ?? 'provider', providerAccount, roleAccount,
        'IAM User Guide, "Create a role for OpenID Connect federation"',
        'create the GitHub OIDC provider in this account (new GitHubOidcProvider, or GitHubOidcProvider.fromAccount for the one it has) and name that one.'));
    }
    const trustPolicy: PolicyDocumentJson = githubActionsTrustPolicy({ providerArn, subjectClaims: this.subjectClaims });

    ({ role: this.role, trustPolicy: this.trustPolicy } = createTrustedRole(this, {
      trustPolicy,
      assumedBy: new iam.WebIdentityPrincipal(providerArn),
      roleName: props.roleName,
      description: props.description ?? 'Assumed by GitHub Actions through OIDC',
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      permissionsBoundary: props.permissionsBoundary,
      maxTrustPolicySize: props.maxTrustPolicySize,
      sizeRemedy: 'Trust fewer subjects (a pattern such as GitHubSubject.branchesMatching(repo, "release/*") instead of several branches)',
    }));
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
  }
}

/**
 * Adds the problem of a provider that is missing or no `iam.IOidcProvider` (a JavaScript caller's
 * ARN string, or aws-cdk-lib's older `iam.IOpenIdConnectProvider`); returns whether it may be read.
 */
function checkProviderShape(problems: ValidationProblems, provider: unknown, prop: string): boolean {
  if (provider === undefined || provider === null) {
    problems.add(`${prop} is required; the account's GitHub OIDC provider, new GitHubOidcProvider(stack, id) or GitHubOidcProvider.fromAccount(stack, id)`);
    return false;
  }
  // A construct (aws-cdk-lib reads its node): a plain object with an ARN is a JavaScript caller's, refused by name.
  if (typeof provider === 'object' && typeof (provider as { oidcProviderArn?: unknown }).oidcProviderArn === 'string' && 'node' in provider) return true;
  const legacy = typeof (provider as { openIdConnectProviderArn?: unknown }).openIdConnectProviderArn === 'string';
  problems.add(`${prop} is ${legacy ? 'an iam.IOpenIdConnectProvider (iam.OpenIdConnectProvider, or its fromOpenIdConnectProviderArn)' : describeInput(provider)}, `
    + 'not an iam.IOidcProvider: use GitHubOidcProvider (new, fromAccount(stack, id) or fromProviderArn(stack, id, arn))');
  return false;
}

/** Adds the problems of subjects that are missing, not a list, or hold what is no GitHubSubject; returns whether they may be read. */
function checkSubjectsShape(problems: ValidationProblems, subjects: unknown, prop: string): boolean {
  const example = 'e.g. [GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main")]';
  if (subjects === undefined || subjects === null) {
    problems.add(`${prop} is required; the workflow runs that may assume the role, ${example}`);
    return false;
  }
  if (!Array.isArray(subjects)) {
    problems.add(`${prop} must be a list of GitHubSubject (${example}), not ${describeInput(subjects)}`);
    return false;
  }
  const bad = subjects.map((s, i) => [s, i] as const).filter(([s]) => !(s instanceof GitHubSubject));
  bad.forEach(([s, i]) => problems.add(`${prop}[${i}] is ${describeInput(s)}, not a GitHubSubject: use GitHubSubject.branch(), environment(), ... `
    + 'or fromClaim("repo:...")'));
  return bad.length === 0;
}

/** A provider created in this app must be GitHub's: its URL and its `sts.amazonaws.com` client ID. */
function checkProviderResource(provider: iam.IOidcProvider, problems: ValidationProblems, prop: string): void {
  const resource = provider.node.tryFindChild('Resource');
  if (!(resource instanceof iam.CfnOIDCProvider)) return;
  const url = resource.url;
  problems.addIf(
    url !== undefined && !Token.isUnresolved(url) && url !== GITHUB_OIDC_URL,
    `${prop} is the OIDC provider of "${url}", not GitHub's (${GITHUB_OIDC_URL}); use GitHubOidcProvider`,
  );
  const clientIds = resource.clientIdList;
  problems.addIf(
    clientIds !== undefined && !Token.isUnresolved(clientIds) && !clientIds.includes(GITHUB_OIDC_AUDIENCE),
    `${prop} does not list the audience "${GITHUB_OIDC_AUDIENCE}" in its client IDs; configure-aws-credentials requests it`,
  );
}

