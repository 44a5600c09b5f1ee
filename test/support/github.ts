import { Stack } from 'aws-cdk-lib';
import { ACCOUNT } from './cfn';
import { githubTokenAssumer } from './iam';
import { newStack, synth } from './stack';
import { GitHubActionsRole, GitHubActionsRoleProps, GitHubOidcProvider, GitHubRepository, GitHubSubject } from '../../src';

/** The GitHub OIDC provider's ARN in the test account. */
export const GITHUB_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
/** The repository the GitHub tests trust, and its main branch's `sub`. */
export const GITHUB_REPO = GitHubRepository.classic('acme/neon-backups');
export const GITHUB_MAIN = 'repo:acme/neon-backups:ref:refs/heads/main';
/** The audience GitHub's tokens carry for AWS. */
export const GITHUB_AUD = 'sts.amazonaws.com';

/** A GitHubActionsRole (main branch of GITHUB_REPO unless `props` says otherwise), synthesized, with its resolved trust policy. */
export function githubActionsRole(props: Partial<GitHubActionsRoleProps> = {}, stack: Stack = newStack()) {
  const provider = props.provider ?? new GitHubOidcProvider(stack, 'GitHub');
  const role = new GitHubActionsRole(stack, 'Backup', { provider, subjects: [GitHubSubject.branch(GITHUB_REPO, 'main')], ...props });
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

/** What IAM decides for a web-identity token with these claims, from the test provider, against the trust policy. */
export function githubAssumer(trust: unknown, roleArn: string) {
  return githubTokenAssumer(trust, roleArn, ACCOUNT, GITHUB_PROVIDER_ARN);
}
