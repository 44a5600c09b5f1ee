import { Token } from 'aws-cdk-lib';
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
  GITHUB_IMMUTABLE_REPOSITORY,
  GITHUB_REPOSITORY,
  GITHUB_SUBJECT_CLAIM,
  hasWildcard,
  pullRequestSubjectClaim,
  tagSubjectClaim,
} from '../../../policies/aws/github-oidc';
import { describeInput, ValidationProblems, ValueRule } from '../../../policies/validation';

/** The forms in which GitHub names a repository in the `sub` claim of its OIDC tokens. */
export enum GitHubSubjectFormat {
  /** `repo:OWNER/REPOSITORY:...`: repositories created before mid-2026 that did not opt in. */
  CLASSIC = 'CLASSIC',
  /**
   * `repo:OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID:...`: repositories created, renamed or transferred
   * since mid-2026, and those that opted in. A new owner or repository with a reused name has other IDs.
   */
  IMMUTABLE = 'IMMUTABLE',
  /** Both, for a migration: the role keeps working while the repository switches to immutable subjects. */
  CLASSIC_AND_IMMUTABLE = 'CLASSIC_AND_IMMUTABLE',
}

/**
 * A GitHub repository whose workflow runs may assume a role, in the form its OIDC tokens name it.
 * Names are checked against GitHub's rules at synth time; wildcards are refused.
 */
export class GitHubRepository {
  /**
   * A repository in the classic subject form, `OWNER/REPOSITORY` as in its URL (e.g. "acme/neon-backups").
   * GitHub uses it for repositories created before mid-2026 that did not opt in to immutable subjects.
   */
  public static classic(fullName: string): GitHubRepository {
    return new GitHubRepository(GitHubSubjectFormat.CLASSIC, fullName);
  }

  /**
   * A repository in the immutable subject form, `OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID`
   * (e.g. "acme@1234567/neon-backups@890123456"): the sub claim prefix GitHub shows without "repo:".
   */
  public static immutable(immutableName: string): GitHubRepository {
    return new GitHubRepository(GitHubSubjectFormat.IMMUTABLE, immutableName);
  }

  /**
   * Both forms of one repository, given in the immutable form (the classic one is derived by
   * dropping the IDs): for a migration, or when you do not know which form the repository uses.
   * Drop the classic form once the repository's tokens carry immutable subjects.
   */
  public static classicAndImmutable(immutableName: string): GitHubRepository {
    return new GitHubRepository(GitHubSubjectFormat.CLASSIC_AND_IMMUTABLE, immutableName);
  }

  private constructor(
    /** The subject form(s) trusted. */
    public readonly format: GitHubSubjectFormat,
    /** The repository as given: `OWNER/REPOSITORY`, or `OWNER@OWNER_ID/REPOSITORY@REPOSITORY_ID`. */
    public readonly name: string,
  ) {}

  /**
   * The repository part of the `sub` claims, one per trusted form (immutable first).
   * With an unresolved token in the name, only the given form.
   */
  public get subjectRepositories(): string[] {
    if (this.format !== GitHubSubjectFormat.CLASSIC_AND_IMMUTABLE) return [this.name];
    if (Token.isUnresolved(this.name) || GITHUB_IMMUTABLE_REPOSITORY.check(this.name).length > 0) return [this.name];
    return [this.name, classicRepositoryOf(this.name)];
  }

  /** @internal */
  public _validate(problems: ValidationProblems, prop: string): void {
    if (typeof this.name !== 'string') {
      problems.add(`${prop}: GitHubRepository needs the repository's name as a string; got ${describeInput(this.name)}`);
      return;
    }
    problems.check(this.format === GitHubSubjectFormat.CLASSIC ? GITHUB_REPOSITORY : GITHUB_IMMUTABLE_REPOSITORY, this.name, prop);
    problems.addIf(
      this.format === GitHubSubjectFormat.CLASSIC_AND_IMMUTABLE && Token.isUnresolved(this.name),
      `${prop}: GitHubRepository.classicAndImmutable() needs the name as a literal to derive the classic form; `
      + 'use immutable() and classic() for values known only at deploy time',
    );
  }
}

/** What a subject admits, after the repository. */
enum SubjectKind {
  BRANCH = 'BRANCH',
  BRANCH_PATTERN = 'BRANCH_PATTERN',
  TAG = 'TAG',
  TAG_PATTERN = 'TAG_PATTERN',
  ENVIRONMENT = 'ENVIRONMENT',
  PULL_REQUEST = 'PULL_REQUEST',
  ANY_REF = 'ANY_REF',
  CLAIM = 'CLAIM',
}

const RULE_OF: Partial<Record<SubjectKind, [ValueRule, string]>> = {
  [SubjectKind.BRANCH]: [GIT_BRANCH_NAME, 'branch'],
  [SubjectKind.BRANCH_PATTERN]: [GIT_BRANCH_PATTERN, 'pattern'],
  [SubjectKind.TAG]: [GIT_TAG_NAME, 'tag'],
  [SubjectKind.TAG_PATTERN]: [GIT_TAG_PATTERN, 'pattern'],
  [SubjectKind.ENVIRONMENT]: [GITHUB_ENVIRONMENT_NAME, 'environment'],
};

/**
 * Which workflow runs may assume a role: a repository and what the run is for, as the `sub`
 * claim of GitHub's OIDC token says. A subject never admits another repository: wildcards are
 * allowed only where a factory says so, after the repository (`branchesMatching(repo, 'release/*')`).
 *
 * GitHub puts the environment in `sub` when a job references one (then the branch is not in it);
 * otherwise `pull_request` for pull-request events; otherwise the branch or tag.
 */
export class GitHubSubject {
  /** Runs on one branch (`repo:...:ref:refs/heads/BRANCH`), in jobs that reference no environment, e.g. a scheduled backup on "main". */
  public static branch(repository: GitHubRepository, branch: string): GitHubSubject {
    return new GitHubSubject(SubjectKind.BRANCH, repository, branch);
  }

  /**
   * Runs on the branches matching a pattern where `*` stands for any characters, "/" included
   * (`release/*` matches "release/2026" and "release/a/b"). The trust policy then uses StringLike.
   */
  public static branchesMatching(repository: GitHubRepository, pattern: string): GitHubSubject {
    return new GitHubSubject(SubjectKind.BRANCH_PATTERN, repository, pattern);
  }

  /** Runs for one tag (`repo:...:ref:refs/tags/TAG`). */
  public static tag(repository: GitHubRepository, tag: string): GitHubSubject {
    return new GitHubSubject(SubjectKind.TAG, repository, tag);
  }

  /** Runs for the tags matching a pattern where `*` stands for any characters (e.g. "v*"). */
  public static tagsMatching(repository: GitHubRepository, pattern: string): GitHubSubject {
    return new GitHubSubject(SubjectKind.TAG_PATTERN, repository, pattern);
  }

  /**
   * Jobs that reference a deployment environment (`repo:...:environment:NAME`), whatever the
   * branch: protect the environment (required reviewers, deployment branches) in GitHub.
   */
  public static environment(repository: GitHubRepository, environment: string): GitHubSubject {
    return new GitHubSubject(SubjectKind.ENVIRONMENT, repository, environment);
  }

  /**
   * Jobs of pull-request events that reference no environment (`repo:...:pull_request`). They run
   * the pull request's code: trust them only for what any contributor with write access may do.
   */
  public static pullRequest(repository: GitHubRepository): GitHubSubject {
    return new GitHubSubject(SubjectKind.PULL_REQUEST, repository, undefined);
  }

  /**
   * Any branch or tag of the repository (`repo:...:ref:*`), in jobs that reference no environment.
   * Not pull requests. Anyone who can push a branch to the repository can then assume the role.
   */
  public static anyRef(repository: GitHubRepository): GitHubSubject {
    return new GitHubSubject(SubjectKind.ANY_REF, repository, undefined);
  }

  /**
   * A `sub` value written out, for what the factories do not cover (e.g. a repository's custom
   * subject template that starts with `repo:`). It must name one repository before any wildcard:
   * `*`, `repo:*` and wildcard owners or repositories are refused at synth time.
   */
  public static fromClaim(claim: string): GitHubSubject {
    return new GitHubSubject(SubjectKind.CLAIM, undefined, claim);
  }

  private constructor(
    private readonly kind: SubjectKind,
    /** The repository, unless the subject was given as a claim. */
    public readonly repository: GitHubRepository | undefined,
    private readonly value: string | undefined,
  ) {}

  /** The `sub` values this subject admits: one per trusted form of the repository. */
  public get claims(): string[] {
    // Every factory sets what its kind needs: a claim or a ref pattern has a value, every kind but a claim a repository.
    const value = (): string => {
      if (this.value === undefined) throw new Error(`GitHubSubject (${this.kind}) has no value`);
      return this.value;
    };
    if (this.kind === SubjectKind.CLAIM) return [value()];
    if (this.repository === undefined) throw new Error(`GitHubSubject (${this.kind}) has no repository`);
    return this.repository.subjectRepositories.map((repo) => {
      switch (this.kind) {
        case SubjectKind.BRANCH:
        case SubjectKind.BRANCH_PATTERN:
          return branchSubjectClaim(repo, value());
        case SubjectKind.TAG:
        case SubjectKind.TAG_PATTERN:
          return tagSubjectClaim(repo, value());
        case SubjectKind.ENVIRONMENT:
          return environmentSubjectClaim(repo, value());
        case SubjectKind.PULL_REQUEST:
          return pullRequestSubjectClaim(repo);
        default:
          return anyRefSubjectClaim(repo);
      }
    });
  }

  /**
   * Who besides one branch, tag or environment of the repository this subject lets in, as the end of
   * a sentence; undefined when it admits one branch, tag or environment.
   *
   * @internal
   */
  public get _breadth(): string | undefined {
    const repo = this.repository && typeof this.repository.name === 'string' ? `"${this.repository.name}"` : 'the repository';
    const pullRequests = (of: string) => `every pull_request job of ${of} that references no environment: such jobs run the pull request's own `
      + 'code, so anyone who can open a pull request from a branch of the repository (everyone with write access) can assume the role with '
      + 'code nobody reviewed';
    switch (this.kind) {
      case SubjectKind.PULL_REQUEST:
        return pullRequests(repo);
      case SubjectKind.ANY_REF:
        return `every branch and tag of ${repo}: anyone who can push a branch or a tag to the repository (everyone with write access) can assume the role `
          + 'with code nobody reviewed';
      case SubjectKind.BRANCH_PATTERN:
      case SubjectKind.TAG_PATTERN: {
        const [what, whats] = this.kind === SubjectKind.BRANCH_PATTERN ? ['branch', 'branches'] : ['tag', 'tags'];
        return `every ${what} of ${repo} matching "${this.value}" ("*" also matches "/"): anyone who can create such a ${what} `
          + `(everyone with write access, unless a ruleset restricts who may create matching ${whats}) can assume the role`;
      }
      case SubjectKind.CLAIM: {
        if (typeof this.value !== 'string') return undefined;
        if (hasWildcard(this.value)) {
          return `every workflow run whose sub claim matches "${this.value}" ("*" matches any characters, ":" and "/" included): every branch, tag, `
            + 'environment or pull request it matches, and whoever can create them';
        }
        // The claim pullRequest() writes, written out: the same breadth, the same warning.
        const pullRequestRepo = /^repo:([^:]+):pull_request$/.exec(this.value)?.[1];
        return pullRequestRepo === undefined ? undefined : pullRequests(`"${pullRequestRepo}"`);
      }
      default:
        return undefined;
    }
  }

  /**
   * Whether its claims are patterns (StringLike), whatever parts of it are known only at deploy time.
   *
   * @internal
   */
  public get _isPattern(): boolean {
    switch (this.kind) {
      case SubjectKind.BRANCH_PATTERN:
      case SubjectKind.TAG_PATTERN:
      case SubjectKind.ANY_REF:
        return true;
      case SubjectKind.CLAIM:
        return typeof this.value === 'string' && !Token.isUnresolved(this.value) && hasWildcard(this.value);
      default:
        return false;
    }
  }

  /**
   * Whether part of the subject is an unresolved token (it cannot be checked at synth time).
   *
   * @internal
   */
  public get _hasUnresolvedParts(): boolean {
    return Token.isUnresolved(this.value ?? '') || (this.repository !== undefined && Token.isUnresolved(this.repository.name));
  }

  /**
   * Checks the parts against GitHub's and Git's rules, then (when they are valid) every claim
   * against the over-broad-subject guard.
   *
   * @internal
   */
  public _validate(problems: ValidationProblems, prop: string): void {
    const before = problems.problems.length;
    const rule = RULE_OF[this.kind];
    const valueProp = `${prop}.${rule ? rule[1] : 'claim'}`;
    // JavaScript callers: a repository that is no GitHubRepository, a value that is no string.
    if (this.kind !== SubjectKind.CLAIM && !(this.repository instanceof GitHubRepository)) {
      problems.add(`${prop}.repository must be GitHubRepository.classic("OWNER/REPOSITORY"), immutable() or classicAndImmutable(); got ${describeInput(this.repository)}`);
      return;
    }
    if ((rule !== undefined || this.kind === SubjectKind.CLAIM) && typeof this.value !== 'string') {
      problems.add(`${valueProp} must be a string, not ${describeInput(this.value)}`);
      return;
    }
    this.repository?._validate(problems, `${prop}.repository`);
    if (rule) problems.check(rule[0], this.value, valueProp);
    problems.addIf(
      (this.kind === SubjectKind.BRANCH_PATTERN || this.kind === SubjectKind.TAG_PATTERN) && Token.isUnresolved(this.value),
      `${valueProp}: a pattern must be a literal. A value known only at deploy time cannot be checked, and whether its "*" is a wildcard `
      + `would be decided by the other subjects' operator (StringEquals compares "*" literally). Give the pattern, or use GitHubSubject.${this.kind === SubjectKind.BRANCH_PATTERN ? 'branch' : 'tag'}() for a name given as a parameter`,
    );
    if (problems.problems.length === before) problems.checkEach(GITHUB_SUBJECT_CLAIM, this.claims, `${prop}.claims`);
  }
}
