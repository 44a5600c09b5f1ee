import {
  anyRefSubjectClaim,
  branchSubjectClaim,
  classicRepositoryOf,
  environmentSubjectClaim,
  GIT_BRANCH_NAME,
  GIT_BRANCH_PATTERN,
  GIT_TAG_NAME,
  GIT_TAG_PATTERN,
  GITHUB_ENVIRONMENT_NAME,
  GITHUB_ID,
  GITHUB_IMMUTABLE_REPOSITORY,
  GITHUB_OIDC_PROVIDER_ARN,
  GITHUB_OWNER,
  GITHUB_REPOSITORY,
  GITHUB_REPOSITORY_NAME,
  GITHUB_SUBJECT_CLAIM,
  githubActionsTrustPolicy,
  githubOidcProviderArn,
  hasWildcard,
  parseImmutableRepository,
  pullRequestSubjectClaim,
  tagSubjectClaim,
} from '../../../src/policies/aws/github-oidc';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const OVER_BROAD = 'a wildcard (* ?) in the owner or repository would trust repositories you did not name';

describe('GITHUB_OWNER', () => {
  test.each(['a', 'acme', 'Acme-Corp', 'octo-org', 'a1-b2-c3', 'a'.repeat(39), '0xdeadbeef', 'octocat_acme', 'mona-lisa_octo'])('accepts %s', (v) => {
    expect(GITHUB_OWNER.check(v)).toEqual([]);
  });
  test.each([
    ['', ['it is empty']],
    ['*', ['wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts']],
    ['acme*', ['wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts']],
    ['ac?me', ['wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts']],
    ['a'.repeat(40), ['it must be at most 39 characters']],
    ['acme.corp', ['only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed']],
    ['acme corp', ['only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed']],
    ['-acme', ['it must not begin or end with a hyphen or an underscore']],
    ['acme-', ['it must not begin or end with a hyphen or an underscore']],
    ['_acme', ['it must not begin or end with a hyphen or an underscore']],
    ['acme_', ['it must not begin or end with a hyphen or an underscore']],
    ['ac--me', ['it must not contain consecutive hyphens']],
    ['acme/app', ['only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed']],
  ])('refuses %j', (v, problems) => expect(GITHUB_OWNER.check(v)).toEqual(problems));
});

describe('GITHUB_REPOSITORY_NAME', () => {
  test.each(['a', 'neon-backups', 'my_repo', 'repo.js', '.github', '...', 'a'.repeat(100), '-x-', 'UPPER'])('accepts %s', (v) => {
    expect(GITHUB_REPOSITORY_NAME.check(v)).toEqual([]);
  });
  test.each([
    ['', ['it is empty']],
    ['*', ['wildcards (* ?) are not allowed: a wildcard would trust other repositories of the owner']],
    ['app-*', ['wildcards (* ?) are not allowed: a wildcard would trust other repositories of the owner']],
    ['a'.repeat(101), ['it must be at most 100 characters']],
    ['my repo', ['only ASCII letters, digits, ".", "_" and "-" are allowed']],
    ['caf\u00e9', ['only ASCII letters, digits, ".", "_" and "-" are allowed']],
    ['a/b', ['only ASCII letters, digits, ".", "_" and "-" are allowed']],
    ['.', ['"." and ".." are reserved']],
    ['..', ['"." and ".." are reserved']],
  ])('refuses %j', (v, problems) => expect(GITHUB_REPOSITORY_NAME.check(v)).toEqual(problems));
});

describe('GITHUB_ID', () => {
  test.each(['1', '5544123', '821093847', '9'.repeat(19)])('accepts %s', (v) => expect(GITHUB_ID.check(v)).toEqual([]));
  test.each([
    ['', ['it must be digits only']],
    ['12a', ['it must be digits only']],
    ['-1', ['it must be digits only']],
    ['1.5', ['it must be digits only']],
    ['*', ['it must be digits only']],
    ['0', ['it must not start with 0']],
    ['0123', ['it must not start with 0']],
    ['1'.repeat(20), ['it must be at most 19 digits']],
  ])('refuses %j', (v, problems) => expect(GITHUB_ID.check(v)).toEqual(problems));
});

describe('GITHUB_REPOSITORY (classic OWNER/REPOSITORY)', () => {
  test.each(['acme/neon-backups', 'octo-org/octo-repo', 'a/.github'])('accepts %s', (v) => expect(GITHUB_REPOSITORY.check(v)).toEqual([]));
  test.each([
    ['acme', ['it must be "OWNER/REPOSITORY" (one "/")']],
    ['acme/app/x', ['it must be "OWNER/REPOSITORY" (one "/")']],
    ['*', ['it must be "OWNER/REPOSITORY" (one "/")', OVER_BROAD]],
    ['acme/*', ['repository name: wildcards (* ?) are not allowed: a wildcard would trust other repositories of the owner']],
    ['*/app', ['owner: wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts']],
    ['acme.corp/my repo', ['owner: only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed', 'repository name: only ASCII letters, digits, ".", "_" and "-" are allowed']],
    ['/app', ['owner: it is empty']],
    ['repo:acme/app', ['give it without "repo:"']],
    ['acme@1/app@2', ['it contains "@": "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" is the immutable form (GitHubRepository.immutable())']],
  ])('refuses %j', (v, problems) => expect(GITHUB_REPOSITORY.check(v)).toEqual(problems));
});

describe('GITHUB_IMMUTABLE_REPOSITORY (OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID)', () => {
  test.each(['contoso@5544123/payments-api@821093847', 'octocat@123456/my-repo@456789'])('accepts %s', (v) => {
    expect(GITHUB_IMMUTABLE_REPOSITORY.check(v)).toEqual([]);
  });
  test.each([
    ['acme/app', ['it must be "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" (each name followed by "@" and its numeric ID)']],
    ['acme@1/app', ['it must be "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" (each name followed by "@" and its numeric ID)']],
    ['acme-123456/app-456789', ['it must be "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" (each name followed by "@" and its numeric ID)']],
    ['acme@12x/app@45', ['owner ID: it must be digits only']],
    ['acme@123/app@', ['repository ID: it must be digits only']],
    ['acme@0123/app@45', ['owner ID: it must not start with 0']],
    ['acme@*/app@*', ['owner ID: it must be digits only', 'repository ID: it must be digits only']],
    ['*@1/app@2', ['owner: wildcards (* ?) are not allowed: a wildcard owner would trust repositories of other GitHub accounts']],
    ['acme@1/*@2', ['repository name: wildcards (* ?) are not allowed: a wildcard would trust other repositories of the owner']],
    ['*', ['it must be "OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID" (each name followed by "@" and its numeric ID)', OVER_BROAD]],
    ['ac.me@1/app@2', ['owner: only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed']],
    ['repo:acme@1/app@2', ['give it without "repo:"']],
  ])('refuses %j', (v, problems) => expect(GITHUB_IMMUTABLE_REPOSITORY.check(v)).toEqual(problems));

  test('parts and the classic name of an immutable name', () => {
    expect(parseImmutableRepository('contoso@5544123/payments-api@821093847')).toEqual({
      owner: 'contoso', ownerId: '5544123', name: 'payments-api', repositoryId: '821093847',
    });
    expect(parseImmutableRepository('contoso/payments-api')).toBeUndefined();
    expect(classicRepositoryOf('contoso@5544123/payments-api@821093847')).toBe('contoso/payments-api');
    expect(() => classicRepositoryOf('contoso/payments-api')).toThrow(/is not OWNER@OWNER_ID/);
  });
});

describe('Git branch and tag names and patterns', () => {
  test.each(['main', 'release/2026', 'feature/JIRA-123_fix', 'v1', 'a.b', 'user@host', 'dependabot/npm_and_yarn/x-1.2.3', 'caf\u00e9'])('branch %s', (v) => {
    expect(GIT_BRANCH_NAME.check(v)).toEqual([]);
  });
  test.each([
    ['', ['it is empty']],
    ['refs/heads/main', ['give it without "refs/heads/" (it is added)']],
    ['my branch', ['spaces, control characters and ~ ^ : [ \\ are not allowed (Git ref names)']],
    ['a~1', ['spaces, control characters and ~ ^ : [ \\ are not allowed (Git ref names)']],
    ['a:b', ['spaces, control characters and ~ ^ : [ \\ are not allowed (Git ref names)']],
    ['*', ['"*" and "?" are not allowed in a name: use GitHubSubject.branchesMatching() for a pattern']],
    ['release/*', ['"*" and "?" are not allowed in a name: use GitHubSubject.branchesMatching() for a pattern']],
    ['a..b', ['it must not contain ".."']],
    ['/main', ['it must not begin or end with "/" or contain "//"']],
    ['main/', ['it must not begin or end with "/" or contain "//"']],
    ['a//b', ['it must not begin or end with "/" or contain "//"']],
    ['main.', ['it must not end with "."']],
    ['.hidden', ['no "/"-separated part may begin with "."']],
    ['a/.b', ['no "/"-separated part may begin with "."']],
    ['main.lock', ['no "/"-separated part may end with ".lock"']],
    ['a.lock/b', ['no "/"-separated part may end with ".lock"']],
    ['@', ['it must not be "@" or contain "@{"']],
    ['a@{1}', ['it must not be "@" or contain "@{"']],
    ['a${x}', ['it must not contain "${" (IAM would read it as a policy variable)']],
  ])('refuses branch %j', (v, problems) => expect(GIT_BRANCH_NAME.check(v)).toEqual(problems));

  test.each(['release/*', '*', 'feature-*-x', 'v*'])('branch pattern %s', (v) => expect(GIT_BRANCH_PATTERN.check(v)).toEqual([]));
  test.each([
    ['release/?', ['"?" is not allowed: "*" is the only wildcard of a pattern']],
    ['refs/heads/*', ['give it without "refs/heads/" (it is added)']],
    ['', ['it is empty']],
    ['a b*', ['spaces, control characters and ~ ^ : [ \\ are not allowed (Git ref names)']],
  ])('refuses branch pattern %j', (v, problems) => expect(GIT_BRANCH_PATTERN.check(v)).toEqual(problems));

  test('tags follow the same rules with their own prefix and factory', () => {
    expect(GIT_TAG_NAME.check('v1.2.0')).toEqual([]);
    expect(GIT_TAG_NAME.check('refs/tags/v1')).toEqual(['give it without "refs/tags/" (it is added)']);
    expect(GIT_TAG_NAME.check('v*')).toEqual(['"*" and "?" are not allowed in a name: use GitHubSubject.tagsMatching() for a pattern']);
    expect(GIT_TAG_PATTERN.check('v*')).toEqual([]);
    expect(GIT_TAG_NAME.subject).toBe('Git tag name');
    expect(GIT_TAG_PATTERN.subject).toBe('Git tag pattern');
  });
});

describe('GITHUB_ENVIRONMENT_NAME', () => {
  test.each(['production', 'Production', 'prod-eu', 'staging 2', 'a'.repeat(255), 'db:backup'])('accepts %s', (v) => {
    expect(GITHUB_ENVIRONMENT_NAME.check(v)).toEqual([]);
  });
  test.each([
    ['', ['it is empty']],
    ['a'.repeat(256), ['it must be at most 255 characters']],
    ['prod*', ['wildcards (* ?) are not allowed']],
    ['prod?', ['wildcards (* ?) are not allowed']],
    ['prod\n', ['control characters are not allowed', 'it must not begin or end with white space']],
    [' prod', ['it must not begin or end with white space']],
    ['${aws:username}', ['it must not contain "${" (IAM would read it as a policy variable)']],
  ])('refuses %j', (v, problems) => expect(GITHUB_ENVIRONMENT_NAME.check(v)).toEqual(problems));
});

describe('GITHUB_SUBJECT_CLAIM: the guard against subjects that would let any repository in', () => {
  test.each([
    'repo:acme/app:ref:refs/heads/main',
    'repo:acme/app:ref:refs/heads/release/*',
    'repo:acme/app:ref:*',
    'repo:acme/app:*',
    'repo:acme/app:pull_request',
    'repo:acme/app:environment:production',
    'repo:contoso@5544123/payments-api@821093847:ref:refs/heads/main',
  ])('accepts %s', (v) => expect(GITHUB_SUBJECT_CLAIM.check(v)).toEqual([]));

  test.each([
    ['', ['it is empty']],
    ['*', ['a lone wildcard would trust every repository on GitHub']],
    ['repo:*', [`${OVER_BROAD} ("repo:*" trusts every repository on GitHub)`, 'it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request"']],
    ['repo:*:ref:refs/heads/main', [`${OVER_BROAD} ("repo:*" trusts every repository on GitHub)`]],
    ['repo:*/app:ref:refs/heads/main', [OVER_BROAD]],
    ['repo:acme*/app:ref:refs/heads/main', [OVER_BROAD]],
    ['repo:acme/*', [OVER_BROAD, 'it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request"']],
    ['repo:acme/*:ref:refs/heads/main', [OVER_BROAD]],
    ['repo:acme/app*:ref:refs/heads/main', [OVER_BROAD]],
    ['repo:acme/app?:ref:refs/heads/main', [OVER_BROAD]],
    ['repo:acme@*/app@*:ref:refs/heads/main', [OVER_BROAD]],
    ['*:ref:refs/heads/main', ['it must start with "repo:" and the repository (custom subject templates without "repo:" are not supported)', OVER_BROAD]],
    ['repository_owner:acme:*', ['it must start with "repo:" and the repository (custom subject templates without "repo:" are not supported)', OVER_BROAD]],
    ['repo:acme/app', ['it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request"']],
    ['repo:acme/app:', ['it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request"']],
    ['repo:ac.me/app:pull_request', ['owner: only letters, digits, hyphens and underscores (Enterprise Managed Users) are allowed']],
    ['repo:acme@12x/app@1:pull_request', ['owner ID: it must be digits only']],
    ['repo:acme/app:environment:${aws:username}', ['it must not contain "${" (IAM would read it as a policy variable)']],
  ])('refuses %j', (v, problems) => expect(GITHUB_SUBJECT_CLAIM.check(v)).toEqual(problems));
});

describe('subject claims (GitHub "OpenID Connect reference" formats)', () => {
  test.each([
    [branchSubjectClaim('octo-org/octo-repo', 'demo-branch'), 'repo:octo-org/octo-repo:ref:refs/heads/demo-branch'],
    [tagSubjectClaim('octo-org/octo-repo', 'demo-tag'), 'repo:octo-org/octo-repo:ref:refs/tags/demo-tag'],
    [environmentSubjectClaim('octo-org/octo-repo', 'Production'), 'repo:octo-org/octo-repo:environment:Production'],
    // GitHub encodes ":" in an environment name as %3A in the sub claim.
    [environmentSubjectClaim('octo-org/octo-repo', 'prod:eu-west'), 'repo:octo-org/octo-repo:environment:prod%3Aeu-west'],
    [environmentSubjectClaim('octocat_acme/app', 'a:b:c'), 'repo:octocat_acme/app:environment:a%3Ab%3Ac'],
    [pullRequestSubjectClaim('octo-org/octo-repo'), 'repo:octo-org/octo-repo:pull_request'],
    [anyRefSubjectClaim('octo-org/octo-repo'), 'repo:octo-org/octo-repo:ref:*'],
    [branchSubjectClaim('contoso@5544123/payments-api@821093847', 'main'), 'repo:contoso@5544123/payments-api@821093847:ref:refs/heads/main'],
  ])('%s', (claim, expected) => expect(claim).toBe(expected));

  test('every built claim passes the guard', () => {
    for (const claim of [branchSubjectClaim('a/b', 'main'), tagSubjectClaim('a/b', 'v*'), environmentSubjectClaim('a/b', 'prod'),
      pullRequestSubjectClaim('a/b'), anyRefSubjectClaim('a@1/b@2')]) {
      expect(GITHUB_SUBJECT_CLAIM.check(claim)).toEqual([]);
    }
  });
});

describe('githubActionsTrustPolicy', () => {
  test('one exact subject: StringEquals on aud and sub, as GitHub\'s AWS example', () => {
    expect(githubActionsTrustPolicy({ providerArn: PROVIDER, subjectClaims: ['repo:octo-org/octo-repo:ref:refs/heads/octo-branch'] })).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/octo-branch',
          },
        },
      }],
    });
  });

  test('several exact subjects: a StringEquals list (any of them), duplicates dropped', () => {
    const doc = githubActionsTrustPolicy({ providerArn: PROVIDER, subjectClaims: ['repo:a/b:ref:refs/heads/main', 'repo:a/b:pull_request', 'repo:a/b:pull_request'] });
    expect(doc.Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': ['repo:a/b:ref:refs/heads/main', 'repo:a/b:pull_request'],
      },
    });
  });

  test('a subject with a wildcard: aud stays StringEquals, sub moves to StringLike', () => {
    const doc = githubActionsTrustPolicy({ providerArn: PROVIDER, subjectClaims: ['repo:a/b:ref:refs/heads/main', 'repo:a/b:ref:refs/heads/release/*'] });
    expect(doc.Statement[0].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:a/b:ref:refs/heads/main', 'repo:a/b:ref:refs/heads/release/*'] },
    });
  });

  test('no ForAllValues or ForAnyValue anywhere (sub and aud are single-valued)', () => {
    for (const subjectClaims of [['repo:a/b:ref:refs/heads/main'], ['repo:a/b:ref:*', 'repo:a/b:pull_request']]) {
      expect(JSON.stringify(githubActionsTrustPolicy({ providerArn: PROVIDER, subjectClaims }))).not.toMatch(/ForAllValues|ForAnyValue/);
    }
  });

  test('no subject is an error (a trust policy without sub would trust every repository)', () => {
    expect(() => githubActionsTrustPolicy({ providerArn: PROVIDER, subjectClaims: [] })).toThrow(/at least one subject/);
  });

  test('hasWildcard', () => {
    expect(hasWildcard('repo:a/b:ref:*')).toBe(true);
    expect(hasWildcard('repo:a/b:ref:refs/heads/v?')).toBe(true);
    expect(hasWildcard('repo:a/b:ref:refs/heads/main')).toBe(false);
  });
});

describe('the provider ARN', () => {
  test('built from partition and account', () => {
    expect(githubOidcProviderArn('aws', '123456789012')).toBe(PROVIDER);
    expect(githubOidcProviderArn('aws-cn', '123456789012')).toBe('arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
  });
  test.each([PROVIDER, 'arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'])('accepts %s', (v) => {
    expect(GITHUB_OIDC_PROVIDER_ARN.check(v)).toEqual([]);
  });
  test.each([
    ['arn:aws:iam::123456789012:oidc-provider/gitlab.com', ['it must name the provider "oidc-provider/token.actions.githubusercontent.com"']],
    ['arn:aws:iam::1234:oidc-provider/token.actions.githubusercontent.com', ['its account must be 12 digits']],
    ['token.actions.githubusercontent.com', ['it must start with "arn:PARTITION:iam::"', 'it must name the provider "oidc-provider/token.actions.githubusercontent.com"']],
    ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/x', ['it must name the provider "oidc-provider/token.actions.githubusercontent.com"']],
  ])('refuses %j', (v, problems) => expect(GITHUB_OIDC_PROVIDER_ARN.check(v)).toEqual(problems));
});

describe('GITHUB_SUBJECT_CLAIM: a raw ":" inside an environment never matches (GitHub writes it as "%3A", as environment() does)', () => {
  const raw = (env: string) => `the environment "${env}" contains a raw ":", which GitHub writes as "%3A" in the claim (":" separates its parts), `
    + `so this value never matches: write "${env.replace(/:/g, '%3A')}", or use GitHubSubject.environment(), which encodes it`;
  test.each([
    ['repo:acme/app:environment:prod:eu', [raw('prod:eu')]],
    ['repo:acme/app:environment:a:b:c', [raw('a:b:c')]],
    ['repo:acme/app:environment:prod:eu:job_workflow_ref:acme/app/.github/workflows/b.yml@refs/heads/main', [raw('prod:eu')]],
  ])('refuses %j', (v, problems) => expect(GITHUB_SUBJECT_CLAIM.check(v)).toEqual(problems));
  test.each([
    'repo:acme/app:environment:prod%3Aeu',
    'repo:acme/app:environment:prod',
    // A custom subject template appends further claims after the context (GitHub's example: repo, context, job_workflow_ref).
    'repo:acme/app:environment:prod:job_workflow_ref:acme/app/.github/workflows/b.yml@refs/heads/main',
    'repo:acme/app:environment:prod:*',
  ])('accepts %j', (v) => expect(GITHUB_SUBJECT_CLAIM.check(v)).toEqual([]));
});
