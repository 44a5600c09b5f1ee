import { CfnParameter, Stack } from 'aws-cdk-lib';
import {
  GitHubRepository,
  GitHubSubject,
  GitHubSubjectFormat,
} from '../../../../src';
import { GITHUB_AUD, GITHUB_MAIN, GITHUB_REPO, githubActionsRole, githubAssumer } from '../../../support/github';


describe('GitHubActionsRole: subject forms', () => {
  const IMMUTABLE = 'acme@1234567/neon-backups@890123456';
  const IMMUTABLE_MAIN = `repo:${IMMUTABLE}:ref:refs/heads/main`;

  test('classic and immutable subjects both work when both are trusted (migration)', () => {
    const { trust, roleArn, role } = githubActionsRole({ subjects: [GitHubSubject.branch(GitHubRepository.classicAndImmutable(IMMUTABLE), 'main')] });
    expect(role.subjectClaims).toEqual([IMMUTABLE_MAIN, GITHUB_MAIN]);
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([IMMUTABLE_MAIN, GITHUB_MAIN]);
    const assume = githubAssumer(trust, roleArn);
    expect(assume({ sub: IMMUTABLE_MAIN, aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: GITHUB_MAIN, aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: 'repo:acme@7654321/neon-backups@890123456:ref:refs/heads/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme@1234567/neon-backups@111111111:ref:refs/heads/main', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('immutable only: the classic subject (a name that may be reused after a rename) is denied', () => {
    const { trust, roleArn } = githubActionsRole({ subjects: [GitHubSubject.branch(GitHubRepository.immutable(IMMUTABLE), 'main')] });
    const assume = githubAssumer(trust, roleArn);
    expect(assume({ sub: IMMUTABLE_MAIN, aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: GITHUB_MAIN, aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('repository formats are recorded', () => {
    expect(GitHubRepository.classic('acme/app').format).toBe(GitHubSubjectFormat.CLASSIC);
    expect(GitHubRepository.immutable('acme@1/app@2').subjectRepositories).toEqual(['acme@1/app@2']);
    expect(GitHubRepository.classicAndImmutable('acme@1/app@2').subjectRepositories).toEqual(['acme@1/app@2', 'acme/app']);
  });

  test('a branch pattern switches sub to StringLike and matches only that repository\'s branches', () => {
    const { trust, roleArn } = githubActionsRole({ subjects: [GitHubSubject.branch(GITHUB_REPO, 'main'), GitHubSubject.branchesMatching(GITHUB_REPO, 'release/*')] });
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': [GITHUB_MAIN, 'repo:acme/neon-backups:ref:refs/heads/release/*'] },
    });
    const assume = githubAssumer(trust, roleArn);
    expect(assume({ sub: GITHUB_MAIN, aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: 'repo:acme/neon-backups:ref:refs/heads/release/2026', aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: 'repo:acme/neon-backups:ref:refs/heads/feature/release/x', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme/neon-backups-x:ref:refs/heads/release/2026', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:acme/neon-backups:pull_request', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('tag, tag pattern, environment, pull request and any-ref subjects, several per role', () => {
    const { trust, roleArn, role } = githubActionsRole({
      subjects: [
        GitHubSubject.tag(GITHUB_REPO, 'v1.0.0'),
        GitHubSubject.tagsMatching(GITHUB_REPO, 'v2.*'),
        GitHubSubject.environment(GITHUB_REPO, 'production'),
        GitHubSubject.pullRequest(GITHUB_REPO),
        GitHubSubject.anyRef(GitHubRepository.classic('acme/ops')),
      ],
    });
    expect(role.subjectClaims).toEqual([
      'repo:acme/neon-backups:ref:refs/tags/v1.0.0',
      'repo:acme/neon-backups:ref:refs/tags/v2.*',
      'repo:acme/neon-backups:environment:production',
      'repo:acme/neon-backups:pull_request',
      'repo:acme/ops:ref:*',
    ]);
    const assume = githubAssumer(trust, roleArn);
    for (const sub of [
      'repo:acme/neon-backups:ref:refs/tags/v1.0.0',
      'repo:acme/neon-backups:ref:refs/tags/v2.3',
      'repo:acme/neon-backups:environment:production',
      'repo:acme/neon-backups:pull_request',
      'repo:acme/ops:ref:refs/heads/anything',
      'repo:acme/ops:ref:refs/tags/v9',
    ]) expect([sub, assume({ sub, aud: GITHUB_AUD })]).toEqual([sub, 'Allowed']);
    for (const sub of [
      'repo:acme/neon-backups:ref:refs/tags/v1.0.1',
      'repo:acme/neon-backups:environment:staging',
      'repo:acme/neon-backups:ref:refs/heads/main',
      'repo:acme/ops:pull_request',
      'repo:acme/ops:environment:production',
      'repo:acme/ops-2:ref:refs/heads/main',
    ]) expect([sub, assume({ sub, aud: GITHUB_AUD })]).toEqual([sub, 'ImplicitlyDenied']);
  });

  test('fromClaim: a sub written out, when it names one repository', () => {
    const { trust, roleArn } = githubActionsRole({ subjects: [GitHubSubject.fromClaim('repo:acme/neon-backups:environment:prod-*')] });
    const assume = githubAssumer(trust, roleArn);
    expect(assume({ sub: 'repo:acme/neon-backups:environment:prod-eu', aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: 'repo:acme/other:environment:prod-eu', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('an environment name with ":" is trusted as GitHub writes it (%3A); an Enterprise Managed Users owner with "_"', () => {
    const emu = GitHubRepository.classic('octocat_acme/neon-backups');
    const { trust, roleArn, role } = githubActionsRole({ subjects: [GitHubSubject.environment(emu, 'prod:eu')] });
    expect(role.subjectClaims).toEqual(['repo:octocat_acme/neon-backups:environment:prod%3Aeu']);
    const assume = githubAssumer(trust, roleArn);
    expect(assume({ sub: 'repo:octocat_acme/neon-backups:environment:prod%3Aeu', aud: GITHUB_AUD })).toBe('Allowed');
    expect(assume({ sub: 'repo:octocat_acme/neon-backups:environment:prod:eu', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'repo:octocat/neon-backups:environment:prod%3Aeu', aud: GITHUB_AUD })).toBe('ImplicitlyDenied');
  });

  test('the same claim twice is trusted once', () => {
    const { role } = githubActionsRole({ subjects: [GitHubSubject.branch(GITHUB_REPO, 'main'), GitHubSubject.branch(GITHUB_REPO, 'main')] });
    expect(role.subjectClaims).toEqual([GITHUB_MAIN]);
  });
});

describe('GitHubSubject claims (no stack)', () => {
  const IMMUTABLE = 'acme@1234567/neon-backups@890123456';
  const BOTH = GitHubRepository.classicAndImmutable(IMMUTABLE);

  test.each([
    ['branch', GitHubSubject.branch(GITHUB_REPO, 'main'), ['repo:acme/neon-backups:ref:refs/heads/main']],
    ['branchesMatching', GitHubSubject.branchesMatching(GITHUB_REPO, 'release/*'), ['repo:acme/neon-backups:ref:refs/heads/release/*']],
    ['tag', GitHubSubject.tag(GITHUB_REPO, 'v1.0.0'), ['repo:acme/neon-backups:ref:refs/tags/v1.0.0']],
    ['tagsMatching', GitHubSubject.tagsMatching(GITHUB_REPO, 'v*'), ['repo:acme/neon-backups:ref:refs/tags/v*']],
    ['environment', GitHubSubject.environment(GITHUB_REPO, 'production'), ['repo:acme/neon-backups:environment:production']],
    ['environment with ":"', GitHubSubject.environment(GITHUB_REPO, 'prod:eu'), ['repo:acme/neon-backups:environment:prod%3Aeu']],
    ['pullRequest', GitHubSubject.pullRequest(GITHUB_REPO), ['repo:acme/neon-backups:pull_request']],
    ['anyRef', GitHubSubject.anyRef(GITHUB_REPO), ['repo:acme/neon-backups:ref:*']],
    ['immutable branch', GitHubSubject.branch(GitHubRepository.immutable(IMMUTABLE), 'main'), [`repo:${IMMUTABLE}:ref:refs/heads/main`]],
    ['both forms, immutable first', GitHubSubject.pullRequest(BOTH), [`repo:${IMMUTABLE}:pull_request`, 'repo:acme/neon-backups:pull_request']],
    ['fromClaim, as written', GitHubSubject.fromClaim('repo:acme/neon-backups:environment:prod-*'), ['repo:acme/neon-backups:environment:prod-*']],
  ])('%s', (_what, subject, claims) => {
    expect(subject.claims).toEqual(claims);
  });

  test('a subject keeps its repository; one given as a claim has none', () => {
    expect(GitHubSubject.tag(BOTH, 'v1').repository).toBe(BOTH);
    expect(GitHubSubject.fromClaim('repo:acme/app:pull_request').repository).toBeUndefined();
  });

  test.each([
    ['classic', GitHubRepository.classic('acme/app'), GitHubSubjectFormat.CLASSIC, ['acme/app']],
    ['immutable', GitHubRepository.immutable('acme@1/app@2'), GitHubSubjectFormat.IMMUTABLE, ['acme@1/app@2']],
    ['classicAndImmutable', GitHubRepository.classicAndImmutable('acme@1/app@2'), GitHubSubjectFormat.CLASSIC_AND_IMMUTABLE, ['acme@1/app@2', 'acme/app']],
    // Not the immutable form: no classic form is derived from it (validation refuses the name).
    ['classicAndImmutable of a classic name', GitHubRepository.classicAndImmutable('acme/app'), GitHubSubjectFormat.CLASSIC_AND_IMMUTABLE, ['acme/app']],
  ])('GitHubRepository.%s: format and the repository part of the claims', (_what, repository, format, subjectRepositories) => {
    expect(repository.format).toBe(format);
    expect(repository.subjectRepositories).toEqual(subjectRepositories);
  });

  test('classicAndImmutable of an unresolved name gives only that name (the classic form cannot be derived)', () => {
    const stack = new Stack();
    const name = new CfnParameter(stack, 'Repository').valueAsString;
    expect(GitHubRepository.classicAndImmutable(name).subjectRepositories).toEqual([name]);
  });
});
