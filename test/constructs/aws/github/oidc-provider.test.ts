import { RemovalPolicy } from 'aws-cdk-lib';
import { GitHubOidcProvider } from '../../../../src';
import { ACCOUNT, TemplateResolver } from '../../../support/cfn';
import { GITHUB_PROVIDER_ARN, githubActionsRole } from '../../../support/github';
import { envAgnosticStack, newStack, synth } from '../../../support/stack';

describe('GitHubOidcProvider', () => {
  const { template, resolver } = githubActionsRole();

  test('is the native AWS::IAM::OIDCProvider for GitHub with the sts.amazonaws.com audience and no thumbprints', () => {
    const { resource } = resolver.only('AWS::IAM::OIDCProvider');
    expect(resource.Properties).toEqual({ Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
    template.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('security default: RETAIN on removal (one provider per URL serves the whole account)', () => {
    const { resource } = resolver.only('AWS::IAM::OIDCProvider');
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    const stack = newStack();
    new GitHubOidcProvider(stack, 'GitHub', { removalPolicy: RemovalPolicy.DESTROY });
    const destroyed = synth(stack).resolver.only('AWS::IAM::OIDCProvider').resource;
    expect([destroyed.DeletionPolicy, destroyed.UpdateReplacePolicy]).toEqual(['Delete', 'Delete']);
  });

  test('is an iam.IOidcProvider whose ARN is the account\'s GitHub provider', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const { resolver: r } = synth(stack);
    expect(r.resolve(stack.resolve(provider.oidcProviderArn))).toBe(GITHUB_PROVIDER_ARN);
    expect(GitHubOidcProvider.URL).toBe('https://token.actions.githubusercontent.com');
    expect(GitHubOidcProvider.AUDIENCE).toBe('sts.amazonaws.com');
  });

  test('fromAccount imports the existing provider by the ARN IAM gives it, creating nothing', () => {
    const stack = newStack();
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');
    expect(new TemplateResolver({ Resources: {} }).resolve(stack.resolve(provider.oidcProviderArn))).toBe(GITHUB_PROVIDER_ARN);
    const { template: t, trust } = githubActionsRole({ provider }, stack);
    t.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(trust.Statement[0].Principal).toEqual({ Federated: GITHUB_PROVIDER_ARN });
  });

  test('fromAccount in an environment-agnostic stack uses the deploy-time partition and account', () => {
    const stack = envAgnosticStack();
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/token.actions.githubusercontent.com']],
    });
  });

  test('fromProviderArn takes the GitHub provider\'s ARN and refuses another provider\'s', () => {
    const stack = newStack();
    expect(stack.resolve(GitHubOidcProvider.fromProviderArn(stack, 'GitHub', GITHUB_PROVIDER_ARN).oidcProviderArn)).toBe(GITHUB_PROVIDER_ARN);
    expect(() => GitHubOidcProvider.fromProviderArn(stack, 'GitLab', `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`)).toThrow(
      `Invalid GitHub OIDC provider ARN "arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com" at Stack (GitLab.providerArn): `
      + 'it must name the provider "oidc-provider/token.actions.githubusercontent.com".',
    );
  });
});
