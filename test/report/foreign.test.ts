/**
 * The access report on templates this project did not write (../shared/foreign-templates, see its
 * SOURCES.md): aws-cdk integration snapshots and vendor onboarding templates. Expected findings and
 * unknowns are written by hand from each template (quoted in the comments), not copied from output.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { readInput, StackReport } from '../../src/report/files';
import { renderMarkdown } from '../../src/report/markdown';
import { AccessReport } from '../../src/report/model';

// ../shared beside the clone, as CI and the developers' checkouts have it.
const ROOT = join(__dirname, '..', '..', '..', 'shared', 'foreign-templates');

const all = (r: AccessReport): AccessReport[] => [r, ...r.sections.flatMap(all)];
const findings = (s: StackReport) => all(s.report).flatMap((r) => r.findings.map((f) => `${f.rule} ${f.resource}`)).sort();
const unknowns = (s: StackReport) => all(s.report).flatMap((r) => r.unknowns.map((f) => f.resource));

/** The flagged findings of every stack (rule and resource), written from the templates. */
const FINDINGS: [string, string[]][] = [
  // {"AWS": "*"} with StringLike aws:username / aws:PrincipalTag/owner and Bool aws:MultiFactorAuthPresent: nothing pins the caller.
  ['iam-principal-with-conditions', ['principal-not-pinned TestRole6C9272DF']],
  // A bucket policy: {"AWS": "*"} may s3:GetObject on Bucket/* with no condition.
  ['cloudfront-custom-s3', ['principal-not-pinned BucketPolicyE9A3008A']],
  // SAML trust with StringEquals SAML:aud = https://signin.aws.amazon.com/saml: pinned.
  ['iam-saml-provider', []],
  // The role is trusted by the account root ({"Fn::Join": [arn, Partition, AccountId, root]}); the condition comes from a CfnJson.
  ['iam-condition-with-ref', []],
  // The GitHub role: sub is Fn::Sub of three parameters, no aud condition, AdministratorAccess attached.
  ['vendor-gha-oidc-federation-and-role', ['broad-managed-policy RoleGithubActions', 'web-identity-not-pinned RoleGithubActions', 'web-identity-not-pinned RoleGithubActions']],
  // Service principal sqs.amazonaws.com; permissions boundary by ARN: nothing flagged.
  ['iam-permissions-boundary', []],
  // HelloPolicy allows ec2:* on *.
  ['iam-role', ['wildcard-action HelloPolicyD59007DF']],
  // Org-level: the custom role and the managed roles (count over a variable) on the whole organization.
  ['prisma-gcp-organization', ['broad-role google_organization_iam_member.bind_custom_role_to_org_iam_policy', 'broad-role google_organization_iam_member.bind_managed_roles_to_org_iam_policy']],
  // Both assignments at data.azurerm_management_group.tenant_root_group.id.
  ['prisma-azure-tenant', ['broad-role azurerm_role_assignment.assign_builtin_roles', 'broad-role azurerm_role_assignment.assign_custom_prisma_role']],
  // scope "/subscriptions/${var.subscription_id}".
  ['prisma-azure-subscription', ['broad-role azurerm_role_assignment.assign_builtin_roles', 'broad-role azurerm_role_assignment.assign_custom_prisma_role']],
  // Allow * on * in the deploy role's policy; the bucket policy's "*" is a Deny (aws:SecureTransport), the key's kms:* is the default key policy.
  ['codepipeline-cfn-template-from-repo', ['wildcard-action PipelineDeployPrepareChangesRoleDefaultPolicy8CDCCD73']],
  // CompositePrincipal(AnyPrincipal, ...): {"AWS": "*"} with no condition.
  ['iam-composite-principal', ['principal-not-pinned RoleWithCompositePrincipal17538C7F']],
  // Same trust as iam-principal-with-conditions, with tags.
  ['iam-principal-with-conditions-and-tags', ['principal-not-pinned TestRole25D98AB21']],
  // TwoManagedPolicy allows iam:*.
  ['iam-managed-policy', ['wildcard-action TwoManagedPolicy7E701864']],
  // GoodbyePolicy allows iam:*.
  ['iam-policy', ['wildcard-action GoodbyePolicy739B8974']],
  // MyPolicy allows iam:*.
  ['iam-users-and-groups', ['wildcard-action MyPolicy39D66CF6']],
  // kms:* for the root of account 12345678, a literal account the reader cannot tell from another one.
  ['kms-cross-account-grant-KeyResourceStack', ['wildcard-action Key961B73FD']],
  // The boundary policy PB allows * but is attached to no principal (a permissions boundary).
  ['iam-permissions-boundary-support', []],
  // Key policies: kms:* for ${AWS::AccountId}:root only (AWS's default key policy).
  ['kms-key', []],
  ['s3-bucket', []],
  ['s3-server-access-logs-sse-kms', []],
  // The bucket policy's "*" is a Deny; the key's kms:* is the default; the deploy role gets named actions.
  ['pipelines-cross-account-keys', []],
  // Custom role on the project (count over a variable) and the custom role: both project-wide.
  ['prisma-gcp-project', ['broad-role google_project_iam_member.bind_custom_role_to_project_iam_policy', 'broad-role google_project_iam_member.bind_managed_roles_to_project_iam_policy']],
  // No "*" principal, no wildcard action, no NotPrincipal/NotAction, no broad managed policy in these
  // templates (checked by reading each trust and policy document).
  ...[
    'codepipeline-stacksets', 'cognito-user-pool-explicit-props', 'eks-alb-controller', 'eks-oidc-provider', 'eks-pod-identities', 'eks-service-account-sdk-call',
    'iam-access-key', 'iam-custom-permissions-boundary-aspect', 'iam-imported-role-1', 'iam-imported-role-role-stack', 'iam-oidc-provider', 'iam-oidc-provider-native',
    'iam-user', 'lambda-permissions', 's3-bucket-auto-delete-objects', 's3-bucket-sharing-ConsumerStack', 's3-bucket-sharing-ProducerStack',
    's3-cross-account-grant-BucketResourceStack', 's3-server-access-logs', 'sfn-emr-add-step-runtime-role', 'vendor-prisma-aws-account', 'vendor-prisma-aws-org-stackset',
  ].map((name): [string, string[]] => [name, []]),
];
const EXPECTED = new Set(FINDINGS.map(([name]) => name));

describe('foreign templates', () => {
  // Missing ../shared fails here: these tests never pass by being skipped.
  if (!existsSync(ROOT)) throw new Error(`${ROOT} is missing: these tests read the public templates in ../shared/foreign-templates, beside the checkout`);
  const stacks = [...readInput(join(ROOT, 'cdk.out')), ...readInput(join(ROOT, 'cdktf.out'))];
  const stack = (name: string) => {
    const found = stacks.find((s) => s.name === name);
    if (!found) throw new Error(`no stack ${name}`);
    return found;
  };

  test('every one of the 45 stacks (41 CloudFormation with 2 nested stacks, 4 Terraform) has its findings written in FINDINGS', () => {
    expect(stacks.map((x) => x.name).filter((n) => !EXPECTED.has(n))).toEqual([]);
  });

  test('all 45 are read and rendered without a crash', () => {
    expect(stacks).toHaveLength(45);
    for (const s of stacks) expect(renderMarkdown(s.report)).toContain('# Access report:');
  });

  test.each(FINDINGS)('%s: findings', (name, expected) => {
    expect(findings(stack(name))).toEqual([...expected].sort());
  });

  test.each([
    // Roles: [{"Fn::ImportValue": "integ-iam-imported-role-role-stack:ExportsOutputRef..."}] (twice, one role).
    ['iam-imported-role-1', ['${ImportValue(integ-iam-imported-role-role-stack:ExportsOutputRefTestRole6C9272DF9DD89F08)}']],
    // Resource: Fn::ImportValue of ProducerStack's bucket ARN.
    ['s3-bucket-sharing-ConsumerStack', ['MyUserDefaultPolicy7B897426']],
    // Principal Federated is Fn::If [CreateProvider, Ref IdpGitHubOidc, Fn::Sub ...].
    ['vendor-gha-oidc-federation-and-role', ['AWS::IAM::Role RoleGithubActions trust policy · statement 1']],
  ])('%s: unknown, never safe', (name, expected) => {
    expect(unknowns(stack(name))).toEqual(expected);
  });

  test('nested stacks are followed: eks-service-account-sdk-call has its two provider stacks as sections', () => {
    const s = stack('eks-service-account-sdk-call');
    expect(s.report.sections.map((x) => x.title).sort()).toEqual([
      'Nested stack awscdkawseksClusterResourceProviderNestedStackawscdkawseksClusterResourceProviderNestedStackResource9827C454',
      'Nested stack awscdkawseksKubectlProviderNestedStackawscdkawseksKubectlProviderNestedStackResourceA7AEBA6B',
    ]);
  });

  test('a StackSet\'s TemplateBody is its own section (vendor-prisma-aws-org-stackset)', () => {
    expect(stack('vendor-prisma-aws-org-stackset').report.sections).toHaveLength(1);
  });

  test('the SAML role is drawn from the provider\'s users to the role', () => {
    const r = stack('iam-saml-provider').report;
    const from = [...r.nodes.values()].find((n) => n.kind === 'SAML identity provider');
    expect(from?.lines).toEqual(['Users of SAML provider', '${Provider2281708E}']);
    expect(r.edges.filter((e) => e.from === from?.id).map((e) => r.nodes.get(e.to)?.lines[1])).toEqual(['Role1ABCC5F0']);
  });

  test('a permissions boundary is named', () => {
    expect(stack('iam-permissions-boundary').report.notes.join('\n')).toContain('has the permissions boundary arn:${AWS::Partition}:iam::12345678:policy/cdk-hnb659fds-PermissionsBoundary-12345678-test-region');
  });
});
