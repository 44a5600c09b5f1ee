import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  GitHubActionsRole,
  GitHubOidcProvider,
  GitHubRepository,
  GitHubSubject,
} from '../../../../src';
import { githubActionsTrustPolicy } from '../../../../src/policies/aws/github-oidc';
import { InputValidationError } from '../../../../src/policies/validation';
import { ACCOUNT, TemplateResolver } from '../../../support/cfn';
import { GITHUB_AUD, GITHUB_MAIN, GITHUB_PROVIDER_ARN, GITHUB_REPO, githubActionsRole, githubAssumer } from '../../../support/github';
import { CDK_JSON_CONTEXT } from '../../../support/nag';
import { cdkRendered, newStack, synth, warningsOf } from '../../../support/stack';


describe('GitHubActionsRole: trust', () => {
  const { trust, roleArn, resolver, role, stack } = githubActionsRole();
  const assume = githubAssumer(trust, roleArn);

  test('the trust policy is exactly the pure builder\'s: the GitHub provider, aud and sub with StringEquals', () => {
    expect(trust).toMatchSnapshot();
    expect(trust).toEqual(cdkRendered(githubActionsTrustPolicy({ providerArn: GITHUB_PROVIDER_ARN, subjectClaims: [GITHUB_MAIN] })));
    expect(trust.Statement).toEqual([{
      Sid: 'GitHubActionsOidc',
      Effect: 'Allow',
      Principal: { Federated: GITHUB_PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': GITHUB_MAIN } },
    }]);
    expect(role.subjectClaims).toEqual([GITHUB_MAIN]);
    expect(stack.resolve(role.trustPolicy.toJSON()).Statement[0].Principal.Federated).toEqual({ Ref: resolver.only('AWS::IAM::OIDCProvider').id });
  });

  test('IAM evaluation: a token from the allowed repository and branch is allowed', () => {
    expect(assume({ sub: GITHUB_MAIN, aud: GITHUB_AUD })).toBe('Allowed');
  });

  test('IAM evaluation: another repository, another owner, a look-alike name, another case are denied', () => {
    expect(assume({ sub: 'repo:acme/other-repo:ref:refs/heads/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:evil-corp/neon-backups:ref:refs/heads/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme/neon-backups-fork:ref:refs/heads/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:ACME/neon-backups:ref:refs/heads/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('IAM evaluation: a wrong or missing audience, a missing sub are denied', () => {
    expect(assume({ sub: GITHUB_MAIN, aud: 'https://github.com/acme' })).toBe('ImplicitlyDenied');
    expect(assume({ sub: GITHUB_MAIN })).toBe('ImplicitlyDenied');
    expect(assume({ aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({})).toBe('ImplicitlyDenied');
  });

  test('IAM evaluation: a pull_request, another branch, a tag or an environment of the same repository are denied when only the branch is trusted', () => {
    expect(assume({ sub: 'repo:acme/neon-backups:pull_request', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme/neon-backups:ref:refs/heads/feature', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme/neon-backups:ref:refs/tags/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme/neon-backups:environment:main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('IAM evaluation: a token of another identity provider with the same claims is denied', () => {
    expect(assume({ sub: GITHUB_MAIN, aud: GITHUB_AUD }, `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`)).toBe('ImplicitlyDenied');
    expect(assume({ sub: GITHUB_MAIN, aud: GITHUB_AUD }, 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com')).toBe('ImplicitlyDenied');
  });

  test('the role has no permissions of its own and a one-hour session by default', () => {
    const props = resolver.only('AWS::IAM::Role').resource.Properties;
    expect(props.Policies).toBeUndefined();
    expect(props.ManagedPolicyArns).toBeUndefined();
    expect(props.MaxSessionDuration).toBe(3600);
    expect(resolver.logicalIds('AWS::IAM::Policy')).toEqual([]);
    expect(resolver.logicalIds('AWS::IAM::ManagedPolicy')).toEqual([]);
  });

  test('maxSessionDuration, role name and description are configurable', () => {
    const { resolver: r } = githubActionsRole({ maxSessionDuration: Duration.hours(3), roleName: 'neon-s3-backup-github-actions', description: 'backups' });
    expect(r.only('AWS::IAM::Role').resource.Properties).toMatchObject({ MaxSessionDuration: 10800, RoleName: 'neon-s3-backup-github-actions', Description: 'backups' });
  });
});

describe('GitHubActionsRole validation', () => {
  const at = 'Stack/Backup';
  test.each([
    ['owner name', GitHubSubject.branch(GitHubRepository.classic('acme.corp/neon-backups'), 'main'),
      `Invalid GitHub repository "acme.corp/neon-backups" at ${at} (subjects[0].repository): owner: only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed. Use "OWNER/REPOSITORY"`],
    ['owner name too long', GitHubSubject.branch(GitHubRepository.classic(`${'a'.repeat(40)}/app`), 'main'),
      `at ${at} (subjects[0].repository): owner: it must be at most 39 characters.`],
    ['owner name with a leading hyphen', GitHubSubject.branch(GitHubRepository.classic('-acme/app'), 'main'),
      `at ${at} (subjects[0].repository): owner: it must not begin or end with a hyphen or an underscore.`],
    ['repository name', GitHubSubject.branch(GitHubRepository.classic('acme/neon backups'), 'main'),
      `Invalid GitHub repository "acme/neon backups" at ${at} (subjects[0].repository): repository name: only ASCII letters, digits, ".", "_" and "-" are allowed.`],
    ['repository name reserved', GitHubSubject.branch(GitHubRepository.classic('acme/..'), 'main'),
      `at ${at} (subjects[0].repository): repository name: "." and ".." are reserved.`],
    ['malformed immutable IDs', GitHubSubject.branch(GitHubRepository.immutable('acme@12ab/neon-backups@-5'), 'main'),
      `Invalid GitHub repository (immutable form) "acme@12ab/neon-backups@-5" at ${at} (subjects[0].repository): owner ID: it must be digits only; repository ID: it must be digits only. Use "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID"`],
    ['immutable form without IDs', GitHubSubject.branch(GitHubRepository.immutable('acme/neon-backups'), 'main'),
      `at ${at} (subjects[0].repository): it must be "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" (each name followed by "@" and its numeric ID).`],
    ['immutable form in classic()', GitHubSubject.branch(GitHubRepository.classic('acme@1/app@2'), 'main'),
      'it contains "@": "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" is the immutable form (GitHubRepository.immutable())'],
    ['over-broad: "*"', GitHubSubject.fromClaim('*'),
      `Invalid GitHub OIDC subject "*" at ${at} (subjects[0].claims[0]): a lone wildcard would trust every repository on GitHub. Name one repository before any wildcard`],
    ['over-broad: "repo:*"', GitHubSubject.fromClaim('repo:*'),
      `Invalid GitHub OIDC subject "repo:*" at ${at} (subjects[0].claims[0]): a wildcard (* ?) in the owner or repository would trust repositories you did not name ("repo:*" trusts every repository on GitHub)`],
    ['over-broad: a wildcard owner', GitHubSubject.fromClaim('repo:*/neon-backups:ref:refs/heads/main'),
      `Invalid GitHub OIDC subject "repo:*/neon-backups:ref:refs/heads/main" at ${at} (subjects[0].claims[0]): a wildcard (* ?) in the owner or repository would trust repositories you did not name.`],
    ['over-broad: a wildcard repository in a claim', GitHubSubject.fromClaim('repo:acme/*:ref:refs/heads/main'),
      'a wildcard (* ?) in the owner or repository would trust repositories you did not name.'],
    ['over-broad: a repository name prefix', GitHubSubject.fromClaim('repo:acme/neon-*'),
      'a wildcard (* ?) in the owner or repository would trust repositories you did not name; it must go on after the repository'],
    ['over-broad: a wildcard owner in classic()', GitHubSubject.branch(GitHubRepository.classic('*/neon-backups'), 'main'),
      `Invalid GitHub repository "*/neon-backups" at ${at} (subjects[0].repository): owner: wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts.`],
    ['over-broad: a wildcard repository in classic()', GitHubSubject.anyRef(GitHubRepository.classic('acme/*')),
      'repository name: wildcards (* ?) are not allowed: a wildcard would trust other repositories of the owner.'],
    ['over-broad: a wildcard in an immutable ID', GitHubSubject.anyRef(GitHubRepository.immutable('acme@*/app@*')),
      'owner ID: it must be digits only; repository ID: it must be digits only.'],
    ['a custom template without repo:', GitHubSubject.fromClaim('repository_owner:acme:*'),
      'it must start with "repo:" and the repository (custom subject templates without "repo:" are not supported)'],
    ['a wildcard in branch()', GitHubSubject.branch(GITHUB_REPO, 'release/*'),
      `Invalid Git branch name "release/*" at ${at} (subjects[0].branch): "*" and "?" are not allowed in a name: use GitHubSubject.branchesMatching() for a pattern.`],
    ['a branch with refs/heads/', GitHubSubject.branch(GITHUB_REPO, 'refs/heads/main'), 'give it without "refs/heads/" (it is added)'],
    ['a tag pattern with ?', GitHubSubject.tagsMatching(GITHUB_REPO, 'v?'), `Invalid Git tag pattern "v?" at ${at} (subjects[0].pattern): "?" is not allowed`],
    ['an environment with a wildcard', GitHubSubject.environment(GITHUB_REPO, 'prod*'),
      `Invalid GitHub environment name "prod*" at ${at} (subjects[0].environment): wildcards (* ?) are not allowed.`],
    ['an empty environment', GitHubSubject.environment(GITHUB_REPO, ''), `Invalid GitHub environment name "" at ${at} (subjects[0].environment): it is empty.`],
  ])('%s', (_what, subject, message) => {
    expect(() => githubActionsRole({ subjects: [subject] })).toThrow(message);
  });

  test('no subjects', () => {
    expect(() => githubActionsRole({ subjects: [] })).toThrow(`subjects is empty: name at least one repository and what it may run, e.g. GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main") (at ${at})`);
  });

  test('role name, imported provider of another URL, trust quota', () => {
    expect(() => githubActionsRole({ roleName: 'neon backups' })).toThrow(`Invalid IAM role name "neon backups" at ${at} (roleName)`);
    const stack = newStack();
    const gitlab = iam.OidcProviderNative.fromOidcProviderArn(stack, 'GitLab', `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`);
    expect(() => githubActionsRole({ provider: gitlab }, stack)).toThrow(`Invalid GitHub OIDC provider ARN "arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com" at ${at} (provider)`);
    expect(() => githubActionsRole({ maxTrustPolicySize: 9000 })).toThrow('maxTrustPolicySize must be a whole number of characters up to IAM\'s maximum of 8192; got 9000');
    expect(() => githubActionsRole({ maxTrustPolicySize: 8192 })).not.toThrow();
  });

  test('a provider of this app for another URL or without the sts.amazonaws.com audience', () => {
    const stack = newStack();
    const gitlab = new iam.OidcProviderNative(stack, 'GitLab', { url: 'https://gitlab.com', clientIds: ['https://gitlab.com'] });
    expect(() => githubActionsRole({ provider: gitlab }, stack)).toThrow(
      /^2 problems:\n- provider is the OIDC provider of "https:\/\/gitlab.com", not GitHub's \(https:\/\/token.actions.githubusercontent.com\); use GitHubOidcProvider \(at Stack\/Backup\)\n- provider does not list the audience "sts.amazonaws.com"/,
    );
  });

  test('every problem is reported in one error', () => {
    expect(() => githubActionsRole({
      roleName: 'a b',
      subjects: [GitHubSubject.branch(GitHubRepository.classic('acme.x/app'), 'main'), GitHubSubject.fromClaim('repo:*'), GitHubSubject.environment(GITHUB_REPO, '')],
    })).toThrow(/^4 problems:\n- Invalid IAM role name "a b"[^\n]*\n- Invalid GitHub repository "acme.x\/app"[^\n]*\n- Invalid GitHub OIDC subject "repo:\*"[^\n]*\n- Invalid GitHub environment name ""/);
  });

  test('unresolved tokens are not validated eagerly, and a warning says the subject was not checked', () => {
    const stack = newStack();
    const param = (name: string) => new CfnParameter(stack, name).valueAsString;
    const role = new GitHubActionsRole(stack, 'Backup', {
      provider: new GitHubOidcProvider(stack, 'GitHub'),
      subjects: [GitHubSubject.branch(GitHubRepository.classic(param('Repository')), param('Branch'))],
    });
    const trust = synth(stack).json.Resources[stack.getLogicalId(role.role.node.defaultChild as iam.CfnRole)].Properties.AssumeRolePolicyDocument;
    expect(stack.resolve(role.subjectClaims)).toEqual([{ 'Fn::Join': ['', ['repo:', { Ref: 'Repository' }, ':ref:refs/heads/', { Ref: 'Branch' }]] }]);
    expect(Object.keys(trust.Statement[0].Condition)).toEqual(['StringEquals']);
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(/^subjects\[0\] is known only at deploy time, so it was not checked for wildcards/),
      // The parameters have no MaxLength, so the size has no upper bound: never counted as empty.
      expect.stringMatching(/^The role trust policy is at least \d+ characters .* depending on 3 value\(s\) known only at deploy time, and may exceed the quota of 2048\./),
    ]);
  });

  test('classicAndImmutable needs a literal to derive the classic form', () => {
    const stack = newStack();
    const repo = GitHubRepository.classicAndImmutable(new CfnParameter(stack, 'Repository').valueAsString);
    expect(() => githubActionsRole({ subjects: [GitHubSubject.pullRequest(repo)] }, stack)).toThrow(
      'subjects[0].repository: GitHubRepository.classicAndImmutable() needs the name as a literal to derive the classic form',
    );
  });

  test('a trust policy over IAM\'s quota fails synthesis with its size and the remedy for subjects', () => {
    const many = Array.from({ length: 40 }, (_, i) => GitHubSubject.branch(GITHUB_REPO, `feature/backup-branch-number-${i}`));
    expect(() => githubActionsRole({ subjects: many })).toThrow(
      /\[Stack\/Backup\] The role trust policy is \d{4}-\d{4} characters \(IAM counts it without white space\), over the quota of 2048\. Trust fewer subjects \(a pattern such as GitHubSubject\.branchesMatching\(repo, "release\/\*"\) instead of several branches\), or request an increase/,
    );
    expect(() => githubActionsRole({ subjects: many, maxTrustPolicySize: 4096 })).not.toThrow();
  });
});

describe('GitHubActionsRole under the feature flags of a new CDK project (cdk.json)', () => {
  test('the trust policy is the same as without them', () => {
    const subjects = [GitHubSubject.branch(GITHUB_REPO, 'main'), GitHubSubject.environment(GITHUB_REPO, 'production')];
    const flagged = new Stack(new App({ context: CDK_JSON_CONTEXT }), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    expect(githubActionsRole({ subjects }, flagged).trust).toEqual(githubActionsRole({ subjects }).trust);
    expect(new TemplateResolver(synth(flagged).json).only('AWS::IAM::OIDCProvider').resource.Properties.ThumbprintList).toBeUndefined();
  });
});

/** The warnings of a stack as [id, message without the ack suffix]. */
const warningEntries = (stack: Stack) => warningsOf(stack).map((w) => {
  const m = /^([\s\S]*) \[ack: (.*)\]$/.exec(w);
  return m ? [m[2], m[1]] : [undefined, w];
});

describe('issue 19, item 9: subjects broader than one branch or environment warn, naming who else gets in (GitHubBroadSubject)', () => {
  const ID = 'saas-backup-constructs:GitHubBroadSubject';
  const END = '. Prefer GitHubSubject.branch() or environment() (an environment with required reviewers and deployment branches); acknowledge this warning if the breadth is meant.';
  const START = 'subjects[0] trusts more than one branch, tag or environment: ';
  test.each([
    ['pullRequest', GitHubSubject.pullRequest(GITHUB_REPO),
      'every pull_request job of "acme/neon-backups" that references no environment: such jobs run the pull request\'s own code, so anyone who can '
      + 'open a pull request from a branch of the repository (everyone with write access) can assume the role with code nobody reviewed'],
    ['anyRef', GitHubSubject.anyRef(GITHUB_REPO),
      'every branch and tag of "acme/neon-backups": anyone who can push a branch or a tag to the repository (everyone with write access) can assume the role with code nobody reviewed'],
    ['branchesMatching', GitHubSubject.branchesMatching(GITHUB_REPO, 'release/*'),
      'every branch of "acme/neon-backups" matching "release/*" ("*" also matches "/"): anyone who can create such a branch '
      + '(everyone with write access, unless a ruleset restricts who may create matching branches) can assume the role'],
    ['tagsMatching', GitHubSubject.tagsMatching(GITHUB_REPO, 'v*'),
      'every tag of "acme/neon-backups" matching "v*" ("*" also matches "/"): anyone who can create such a tag '
      + '(everyone with write access, unless a ruleset restricts who may create matching tags) can assume the role'],
    ['fromClaim of the pull_request claim (pullRequest() written out)', GitHubSubject.fromClaim('repo:acme/neon-backups:pull_request'),
      'every pull_request job of "acme/neon-backups" that references no environment: such jobs run the pull request\'s own code, so anyone who can '
      + 'open a pull request from a branch of the repository (everyone with write access) can assume the role with code nobody reviewed'],
    ['fromClaim with "*"', GitHubSubject.fromClaim('repo:acme/neon-backups:*'),
      'every workflow run whose sub claim matches "repo:acme/neon-backups:*" ("*" matches any characters, ":" and "/" included): every branch, tag, '
      + 'environment or pull request it matches, and whoever can create them'],
    ['fromClaim with "?"', GitHubSubject.fromClaim('repo:acme/neon-backups:environment:prod-?'),
      'every workflow run whose sub claim matches "repo:acme/neon-backups:environment:prod-?" ("*" matches any characters, ":" and "/" included): every branch, tag, '
      + 'environment or pull request it matches, and whoever can create them'],
  ])('%s', (_what, subject, who) => {
    const { stack } = githubActionsRole({ subjects: [subject] });
    expect(warningEntries(stack)).toEqual([[ID, `${START}${who}${END}`]]);
  });

  test.each([
    ['branch', GitHubSubject.branch(GITHUB_REPO, 'main')],
    ['tag', GitHubSubject.tag(GITHUB_REPO, 'v1.2.0')],
    ['environment', GitHubSubject.environment(GITHUB_REPO, 'production')],
    ['an exact claim', GitHubSubject.fromClaim('repo:acme/neon-backups:environment:production')],
  ])('no warning for one %s', (_what, subject) => {
    expect(warningEntries(githubActionsRole({ subjects: [subject] }).stack)).toEqual([]);
  });

  test('one warning per broad subject, each with its index', () => {
    const { stack } = githubActionsRole({ subjects: [GitHubSubject.branch(GITHUB_REPO, 'main'), GitHubSubject.pullRequest(GITHUB_REPO), GitHubSubject.anyRef(GITHUB_REPO)] });
    expect(warningEntries(stack).map(([id, m]) => [id, m!.slice(0, 12)])).toEqual([[ID, 'subjects[1] '], [ID, 'subjects[2] ']]);
  });
});

describe('issue 19, item 9: a raw ":" in an environment of a written-out claim is an error (GitHub writes "%3A", as environment() does)', () => {
  test('fromClaim', () => {
    expect(() => githubActionsRole({ subjects: [GitHubSubject.fromClaim('repo:acme/neon-backups:environment:prod:eu')] })).toThrow(
      'Invalid GitHub OIDC subject "repo:acme/neon-backups:environment:prod:eu" at Stack/Backup (subjects[0].claims[0]): the environment "prod:eu" contains a raw ":", '
      + 'which GitHub writes as "%3A" in the claim (":" separates its parts), so this value never matches: write "prod%3Aeu", or use GitHubSubject.environment(), which encodes it.',
    );
  });
  test('environment() encodes it, and IAM then admits the token GitHub sends', () => {
    const { trust, roleArn } = githubActionsRole({ subjects: [GitHubSubject.environment(GITHUB_REPO, 'prod:eu')] });
    const assume = githubAssumer(trust, roleArn);
    expect(assume({ sub: 'repo:acme/neon-backups:environment:prod%3Aeu', aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: 'repo:acme/neon-backups:environment:prod:eu', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });
});

describe('issue 19, class 4: a pattern given as a token cannot silently become an exact match', () => {
  test.each([
    ['branchesMatching', (p: string) => GitHubSubject.branchesMatching(GITHUB_REPO, p), 'subjects[0].pattern', 'branch'],
    ['tagsMatching', (p: string) => GitHubSubject.tagsMatching(GITHUB_REPO, p), 'subjects[0].pattern', 'tag'],
  ])('%s of a parameter is an error', (_what, make, prop, exact) => {
    const stack = newStack();
    const p = new CfnParameter(stack, 'Pattern').valueAsString;
    expect(() => githubActionsRole({ subjects: [make(p)] }, stack)).toThrow(
      `${prop}: a pattern must be a literal. A value known only at deploy time cannot be checked, and whether its "*" is a wildcard `
      + `would be decided by the other subjects' operator (StringEquals compares "*" literally). Give the pattern, or use GitHubSubject.${exact}() for a name given as a parameter`,
    );
  });
});

describe('issue 19, class 7: JavaScript callers get an error naming the prop', () => {
  const at = 'Stack/Backup';
  test.each([
    ['subjects undefined', { subjects: undefined }, 'subjects is required; the workflow runs that may assume the role, e.g. [GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main")]'],
    ['subjects a string', { subjects: 'repo:acme/app:ref:refs/heads/main' }, 'subjects must be a list of GitHubSubject (e.g. [GitHubSubject.branch(GitHubRepository.classic("acme/app"), "main")]), not a string'],
    ['a string subject', { subjects: ['repo:acme/app:ref:refs/heads/main'] }, 'subjects[0] is a string, not a GitHubSubject: use GitHubSubject.branch(), environment(), ... or fromClaim("repo:...")'],
    ['a null subject', { subjects: [GitHubSubject.branch(GITHUB_REPO, 'main'), null] }, 'subjects[1] is null, not a GitHubSubject: use GitHubSubject.branch(), environment(), ... or fromClaim("repo:...")'],
    ['provider null', { provider: null }, 'provider is required; the account\'s GitHub OIDC provider, new GitHubOidcProvider(stack, id) or GitHubOidcProvider.fromAccount(stack, id)'],
    ['provider an ARN string', { provider: GITHUB_PROVIDER_ARN }, 'provider is a string, not an iam.IOidcProvider: use GitHubOidcProvider (new, fromAccount(stack, id) or fromProviderArn(stack, id, arn))'],
    ['provider a plain object with the ARN (no construct)', { provider: { oidcProviderArn: GITHUB_PROVIDER_ARN } },
      'provider is an object, not an iam.IOidcProvider: use GitHubOidcProvider (new, fromAccount(stack, id) or fromProviderArn(stack, id, arn))'],
    ['provider an iam.OpenIdConnectProvider (the IOpenIdConnectProvider check, now the role\'s own)', {
      provider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(new Stack(), 'GitLab', 'arn:aws:iam::123456789012:oidc-provider/gitlab.com'),
    }, 'provider is an iam.IOpenIdConnectProvider (iam.OpenIdConnectProvider, or its fromOpenIdConnectProviderArn), not an iam.IOidcProvider: '
      + 'use GitHubOidcProvider (new, fromAccount(stack, id) or fromProviderArn(stack, id, arn))'],
    ['a repository given as a string', { subjects: [GitHubSubject.branch('acme/app' as any, 'main')] },
      'subjects[0].repository must be GitHubRepository.classic("OWNER/REPOSITORY"), immutable() or classicAndImmutable(); got a string'],
    ['a repository undefined', { subjects: [GitHubSubject.pullRequest(undefined as any)] },
      'subjects[0].repository must be GitHubRepository.classic("OWNER/REPOSITORY"), immutable() or classicAndImmutable(); got undefined'],
    ['a branch undefined', { subjects: [GitHubSubject.branch(GITHUB_REPO, undefined as any)] }, 'subjects[0].branch must be a string, not undefined'],
    ['an environment of a number', { subjects: [GitHubSubject.environment(GITHUB_REPO, 3 as any)] }, 'subjects[0].environment must be a string, not a number (3)'],
    ['a claim undefined', { subjects: [GitHubSubject.fromClaim(undefined as any)] }, 'subjects[0].claim must be a string, not undefined'],
    ['a repository name undefined', { subjects: [GitHubSubject.branch(GitHubRepository.classic(undefined as any), 'main')] },
      'subjects[0].repository: GitHubRepository needs the repository\'s name as a string; got undefined'],
  ])('%s', (_what, props, message) => {
    const stack = newStack();
    let error: unknown;
    try {
      const provider = 'provider' in props ? (props as any).provider : new GitHubOidcProvider(stack, 'GitHub');
      new GitHubActionsRole(stack, 'Backup', { subjects: [GitHubSubject.branch(GITHUB_REPO, 'main')], ...(props as any), provider });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toContain(`${message} (at ${at})`);
  });

  test('no props at all', () => {
    expect(() => new GitHubActionsRole(newStack(), 'Backup', undefined as any)).toThrow(new InputValidationError(['GitHubActionsRole needs its props; got undefined (at Stack/Backup)']));
  });
});

describe('issue 19, class 4: a provider of another partition than the stack\'s fails synthesis', () => {
  test.each([
    ['aws-cn provider in eu-west-1', 'eu-west-1', `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, 'aws-cn', 'aws'],
    ['aws provider in us-gov-west-1', 'us-gov-west-1', `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, 'aws', 'aws-us-gov'],
  ])('%s', (_what, region, arn, p, rolePartition) => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region } });
    expect(() => githubActionsRole({ provider: GitHubOidcProvider.fromProviderArn(stack, 'GitHub', arn) }, stack)).toThrow(
      `Trust policy statement 1 (GitHubActionsOidc) names "${arn}", a principal of the partition ${p}, but the role is in ${rolePartition}`,
    );
  });
  test('fromAccount() takes the stack\'s partition', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'cn-north-1' } });
    expect(() => githubActionsRole({ provider: GitHubOidcProvider.fromAccount(stack, 'GitHub') }, stack)).not.toThrow();
  });
});

describe('issue 19, class 4: a value known only at deploy time cannot become a pattern beside another subject\'s wildcard', () => {
  const widen = (i: number, pattern: number) => `subjects[${i}] is known only at deploy time, but subjects[${pattern}] is a pattern, so the trust policy compares every subject with `
    + 'StringLike: a "*" or "?" in the deploy-time value would be a wildcard that widens the trust (to other repositories, say), and it cannot be checked '
    + 'at synth time. Give the subject as a literal, or trust the pattern from a role of its own';
  test.each([
    ['a branch parameter beside a branch pattern', (p: string) => [GitHubSubject.branch(GITHUB_REPO, p), GitHubSubject.branchesMatching(GITHUB_REPO, 'release/*')], widen(0, 1)],
    ['a repository parameter with a pattern', (p: string) => [GitHubSubject.branchesMatching(GitHubRepository.classic(p), 'release/*')], widen(0, 0)],
    ['a claim parameter beside anyRef', (p: string) => [GitHubSubject.anyRef(GITHUB_REPO), GitHubSubject.fromClaim(p)], widen(1, 0)],
  ])('%s is an error', (_what, subjects, message) => {
    const stack = newStack();
    const p = new CfnParameter(stack, 'P').valueAsString;
    expect(() => githubActionsRole({ subjects: subjects(p) }, stack)).toThrow(message);
  });
  test('a parameter among exact subjects stays StringEquals, with the warning', () => {
    const stack = newStack();
    const p = new CfnParameter(stack, 'P').valueAsString;
    const role = new GitHubActionsRole(stack, 'Backup', {
      provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [GitHubSubject.branch(GITHUB_REPO, 'main'), GitHubSubject.environment(GITHUB_REPO, p)],
    });
    const trust = synth(stack).json.Resources[stack.getLogicalId(role.role.node.defaultChild as iam.CfnRole)].Properties.AssumeRolePolicyDocument;
    expect(Object.keys(trust.Statement[0].Condition)).toEqual(['StringEquals']);
    expect(warningsOf(stack)[0]).toMatch(/^subjects\[1\] is known only at deploy time/);
  });
});

describe('a GitHub OIDC provider of another account than the role\'s is a warning (GitHubProviderInOtherAccount)', () => {
  test.each<[string, string, string[]]>([
    ['another account', 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com', [
      `provider names the OIDC provider of account 999999999999, but the role is in ${ACCOUNT}. IAM checks web identities against the providers `
      + 'of the role\'s own account (IAM User Guide, "Create a role for OpenID Connect federation"): create the GitHub OIDC provider in this account '
      + '(new GitHubOidcProvider, or GitHubOidcProvider.fromAccount for the one it has) and name that one.',
    ]],
    ['the role\'s account', GITHUB_PROVIDER_ARN, []],
  ])('%s', (_what, arn, warnings) => {
    const stack = newStack();
    const { stack: s } = githubActionsRole({ provider: GitHubOidcProvider.fromProviderArn(stack, 'Imported', arn) }, stack);
    expect(warningEntries(s).filter(([id]) => id === 'saas-backup-constructs:GitHubProviderInOtherAccount').map(([, m]) => m)).toEqual(warnings);
  });
});
