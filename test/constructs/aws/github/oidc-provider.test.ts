import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { GitHubActionsRole, GitHubActionsRoleProps, GitHubOidcProvider, GitHubRepository, GitHubSubject } from '../../../../src';
import { ACCOUNT, TemplateResolver } from '../../../support/cfn';
import { envAgnosticStack, newStack, synth } from '../../../support/stack';

const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const REPO = GitHubRepository.classic('acme/neon-backups');

function build(props: Partial<GitHubActionsRoleProps> = {}, stack: Stack = newStack()) {
  const provider = props.provider ?? new GitHubOidcProvider(stack, 'GitHub');
  const role = new GitHubActionsRole(stack, 'Backup', { provider, subjects: [GitHubSubject.branch(REPO, 'main')], ...props });
  const out = synth(stack);
  const roleId = out.resolver.only('AWS::IAM::Role').id;
  return {
    stack,
    role,
    ...out,
    roleArn: out.resolver.getAtt(roleId, 'Arn'),
    trust: out.resolver.resolve(out.json.Resources[roleId].Properties.AssumeRolePolicyDocument),
  };
}

describe('GitHubOidcProvider', () => {
  const { template, resolver } = build();

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
    expect(synth(stack).resolver.only('AWS::IAM::OIDCProvider').resource.DeletionPolicy).toBe('Delete');
  });

  test('is an iam.IOidcProvider whose ARN is the account\'s GitHub provider', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const { resolver: r } = synth(stack);
    expect(r.resolve(stack.resolve(provider.oidcProviderArn))).toBe(PROVIDER_ARN);
    expect(GitHubOidcProvider.URL).toBe('https://token.actions.githubusercontent.com');
    expect(GitHubOidcProvider.AUDIENCE).toBe('sts.amazonaws.com');
  });

  test('fromAccount imports the existing provider by the ARN IAM gives it, creating nothing', () => {
    const stack = newStack();
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');
    expect(new TemplateResolver({ Resources: {} }).resolve(stack.resolve(provider.oidcProviderArn))).toBe(PROVIDER_ARN);
    const { template: t, trust } = build({ provider }, stack);
    t.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(trust.Statement[0].Principal).toEqual({ Federated: PROVIDER_ARN });
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
    expect(stack.resolve(GitHubOidcProvider.fromProviderArn(stack, 'GitHub', PROVIDER_ARN).oidcProviderArn)).toBe(PROVIDER_ARN);
    expect(() => GitHubOidcProvider.fromProviderArn(stack, 'GitLab', `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`)).toThrow(
      `Invalid GitHub OIDC provider ARN "arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com" at Stack (GitLab.providerArn): `
      + 'it must name the provider "oidc-provider/token.actions.githubusercontent.com".',
    );
  });
});
