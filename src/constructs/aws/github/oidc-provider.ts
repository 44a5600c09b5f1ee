import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_PROVIDER_ARN, GITHUB_OIDC_URL, githubOidcProviderArn } from '../../../policies/aws/github-oidc';
import { problemsOf } from '../private/common';

/** Properties of a GitHubOidcProvider. */
export interface GitHubOidcProviderProps {
  /**
   * What happens to the provider when it leaves the stack. One provider per URL serves every role
   * of the account that trusts GitHub, so it outlives stacks by default.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The account's IAM OIDC identity provider for GitHub Actions, as the guide's "Add an Identity
 * provider" step creates it: URL `https://token.actions.githubusercontent.com`, audience (client ID)
 * `sts.amazonaws.com`. It is the native `AWS::IAM::OIDCProvider` (no custom resource) without
 * thumbprints: AWS verifies GitHub's certificate through its library of trusted root CAs.
 *
 * IAM allows ONE provider per URL in an account. If the account already has it (created by hand,
 * by another stack or tool), creating it again fails at deploy time with `EntityAlreadyExists`:
 * import it with `GitHubOidcProvider.fromAccount()` instead. It is retained on removal by default,
 * because roles outside this stack may trust it.
 */
export class GitHubOidcProvider extends iam.OidcProviderNative {
  /** The provider URL. */
  public static readonly URL: string = GITHUB_OIDC_URL;
  /** The audience (client ID) `aws-actions/configure-aws-credentials` requests. */
  public static readonly AUDIENCE: string = GITHUB_OIDC_AUDIENCE;

  /**
   * The GitHub provider that already exists in the stack's account:
   * `arn:PARTITION:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com`, built from the
   * stack's partition and account (a role can trust only a provider of its own account).
   */
  public static fromAccount(scope: Construct, id: string): iam.IOidcProvider {
    const stack = Stack.of(scope);
    return iam.OidcProviderNative.fromOidcProviderArn(scope, id, githubOidcProviderArn(stack.partition, stack.account));
  }

  /** An existing GitHub provider by its ARN (checked: it must be the GitHub provider's ARN). */
  public static fromProviderArn(scope: Construct, id: string, providerArn: string): iam.IOidcProvider {
    problemsOf(scope).check(GITHUB_OIDC_PROVIDER_ARN, providerArn, `${id}.providerArn`).throwIfAny();
    return iam.OidcProviderNative.fromOidcProviderArn(scope, id, providerArn);
  }

  constructor(scope: Construct, id: string, props: GitHubOidcProviderProps = {}) {
    // The removal policy is applied after construction, not passed as OidcProviderNative's
    // `removalPolicy` prop, which older aws-cdk-lib versions (2.200, the peer floor) do not have.
    super(scope, id, {
      url: GITHUB_OIDC_URL,
      clientIds: [GITHUB_OIDC_AUDIENCE],
    });
    this.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);
  }
}
