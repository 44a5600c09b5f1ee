import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  EXAMPLE_CLUSTER_ACCOUNT_IDS,
  PaletteAccountListStack,
  PaletteDeployingUserStack,
  PaletteEksServiceAccountStack,
  PaletteNonAwsClustersStack,
  PaletteOrganizationTrustStack,
} from '../../examples/aws/palette-trust';
import { PaletteAccess, PaletteBackupLocation } from '../../src';
import { measurePolicy } from '../../src/policies/aws/iam-json';
import { ACCOUNT, TemplateResolver } from '../support/cfn';
import { allow, decide, decideUnvalidated } from '../support/iam';
import { exampleApp, expectAwsSolutionsClean } from '../support/nag';

const palette = { paletteAccountId: '000000000000', externalId: 'example-external-id-from-palette', clusterAccountId: '111122223333' };
const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ORG = 'o-a1b2c3d4e5';
const USER = 'arn:aws:iam::111122223333:user/palette-deployer';

const examples: Array<[string, (app: App) => Stack]> = [
  ['PaletteEksServiceAccount', (app) => new PaletteEksServiceAccountStack(app, 'PaletteEksServiceAccount', { ...palette, eksIssuerUrl: `https://${ISSUER}` })],
  ['PaletteNonAwsClusters', (app) => new PaletteNonAwsClustersStack(app, 'PaletteNonAwsClusters', palette)],
  ['PaletteDeployingUser', (app) => new PaletteDeployingUserStack(app, 'PaletteDeployingUser', { ...palette, deployingUserArn: USER })],
  ['PaletteOrganizationTrust', (app) => new PaletteOrganizationTrustStack(app, 'PaletteOrganizationTrust', { ...palette, organizationId: ORG })],
  ['PaletteAccountList', (app) => new PaletteAccountListStack(app, 'PaletteAccountList', { ...palette, clusterAccountIds: EXAMPLE_CLUSTER_ACCOUNT_IDS })],
];

describe.each(examples)('example stack %s', (_name, build) => {
  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const app = exampleApp();
    expectAwsSolutionsClean(app, build(app));
  });

  test('no warnings', () => {
    const stack = build(exampleApp());
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

/** The role's trust policy, its ARN, and an sts:AssumeRole evaluator over it. */
function trustOf(stack: Stack) {
  const resolver = new TemplateResolver(Template.fromStack(stack).toJSON());
  const role = resolver.only('AWS::IAM::Role');
  const trust = resolver.resolve(role.resource.Properties.AssumeRolePolicyDocument);
  const roleArn: string = resolver.getAtt(role.id, 'Arn');
  const assume = (principal: string, context: Record<string, string | string[]> = {}) => decide({
    principal, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: ACCOUNT, context, identityPolicies: [allow('sts:AssumeRole')], resourcePolicy: trust,
  });
  return { trust, roleArn, assume, properties: role.resource.Properties };
}

describe('what each example shows (IAM evaluation of the synthesized trust policy)', () => {
  const PALETTE = `arn:aws:iam::${palette.paletteAccountId}:role/palette-backup-service`;

  test('EKS: the velero-server service account of the named cluster in a Palette namespace; nothing else', () => {
    const { trust, roleArn } = trustOf(examples[0][1](exampleApp()));
    expect(trust.Statement.map((s: any) => s.Sid)).toEqual(['TrustVendorWithExternalId', 'TrustEksServiceAccount']);
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
    const token = (claims: { sub?: string; aud?: string }, principal = provider) => decideUnvalidated({
      principal,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: roleArn,
      resourceAccount: ACCOUNT,
      context: {
        ...(claims.sub !== undefined ? { [`${ISSUER}:sub`]: claims.sub } : {}),
        ...(claims.aud !== undefined ? { [`${ISSUER}:aud`]: claims.aud } : {}),
      },
      resourcePolicy: trust,
    });
    expect(token({ sub: 'system:serviceaccount:cluster-6a02ef3b8cd2144fbadd2eff:velero-server', aud: 'sts.amazonaws.com' })).toBe('Allowed');
    expect(token({ sub: 'system:serviceaccount:cluster-6a02ef3b8cd2144fbadd2eff:default', aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(token({ sub: 'system:serviceaccount:kube-system:velero-server', aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(token({ sub: 'system:serviceaccount:cluster-a:velero-server', aud: 'sts.amazonaws.com' },
      `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ANOTHERCLUSTER`)).toBe('ImplicitlyDenied');
    expect(token({ sub: 'system:serviceaccount:cluster-a:velero-server', aud: 'sts.amazonaws.com' },
      `arn:aws:iam::999999999999:oidc-provider/${ISSUER}`)).toBe('ImplicitlyDenied');
    expect(token({ sub: 'system:serviceaccount:cluster-a:velero-server', aud: 'https://kubernetes.default.svc' })).toBe('ImplicitlyDenied');
    expect(token({ aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
  });

  test('EKS with the namespace known: StringEquals on the exact namespace', () => {
    const stack = new PaletteEksServiceAccountStack(exampleApp(), 'Eks', { ...palette, eksIssuerUrl: `https://${ISSUER}`, veleroNamespace: 'cluster-6a02ef' });
    const { trust } = trustOf(stack);
    expect(trust.Statement[1].Condition).toEqual({
      StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:cluster-6a02ef:velero-server' },
    });
  });

  test('clusters outside AWS: only Palette with the external ID, a 12-hour session', async () => {
    const { trust, assume, properties } = trustOf(examples[1][1](exampleApp()));
    expect(trust.Statement).toHaveLength(1);
    expect(properties.MaxSessionDuration).toBe(12 * 3600);
    expect(await assume(PALETTE, { 'sts:ExternalId': palette.externalId })).toBe('Allowed');
    expect(await assume(PALETTE)).toBe('ImplicitlyDenied');
    expect(await assume('arn:aws:iam::111122223333:role/cluster-nodes', { 'sts:ExternalId': palette.externalId })).toBe('ImplicitlyDenied');
  });

  test('clusters outside AWS with the default session: a warning that names the page\'s 12 hours', () => {
    const stack = new Stack(exampleApp(), 'Edge');
    new PaletteBackupLocation(stack, 'BackupLocation', {
      locationName: 'edge',
      access: PaletteAccess.sts({ paletteAccountId: palette.paletteAccountId, externalId: palette.externalId, clustersOutsideAws: true }),
    });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringMatching(/^access\.clustersOutsideAws: Palette's page \("Non-AWS Cluster with AWS STS", step 9\) asks for a 12-hour maximum session/)]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: Match.absent() });
  });

  test('the deploying user with static credentials may assume the role; another user may not; Palette only with the external ID', async () => {
    const { trust, assume } = trustOf(examples[2][1](exampleApp()));
    expect(trust.Statement[1]).toEqual({ Sid: 'TrustOwnPrincipal', Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' });
    expect(await assume(USER)).toBe('Allowed');
    expect(await assume('arn:aws:iam::111122223333:user/someone-else')).toBe('ImplicitlyDenied');
    expect(await assume(PALETTE)).toBe('ImplicitlyDenied');
  });

  test('an organization: its principals allowed, another organization\'s denied, Palette without the external ID denied', async () => {
    const { trust, assume } = trustOf(examples[3][1](exampleApp()));
    expect(trust.Statement.map((s: any) => s.Sid)).toEqual(['TrustVendorWithExternalId', 'TrustOrganization']);
    expect(await assume('arn:aws:iam::444455556666:role/cluster-nodes', { 'aws:PrincipalOrgID': ORG })).toBe('Allowed');
    expect(await assume('arn:aws:iam::444455556666:role/cluster-nodes', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe('ImplicitlyDenied');
    expect(await assume(PALETTE)).toBe('ImplicitlyDenied');
    expect(await assume(PALETTE, { 'sts:ExternalId': palette.externalId })).toBe('Allowed');
  });

  test('100 cluster accounts in one statement, within the default quota: listed allowed, unlisted denied', async () => {
    expect(EXAMPLE_CLUSTER_ACCOUNT_IDS).toHaveLength(100);
    const { trust, assume } = trustOf(examples[4][1](exampleApp()));
    expect(trust.Statement).toHaveLength(2);
    expect(trust.Statement[1].Condition.StringEquals['aws:PrincipalAccount']).toEqual(EXAMPLE_CLUSTER_ACCOUNT_IDS);
    expect(measurePolicy(trust).characters).toBeLessThanOrEqual(2048);
    const listed = EXAMPLE_CLUSTER_ACCOUNT_IDS[57];
    expect(await assume(`arn:aws:iam::${listed}:role/cluster-nodes`, { 'aws:PrincipalAccount': listed })).toBe('Allowed');
    expect(await assume('arn:aws:iam::777788889999:role/cluster-nodes', { 'aws:PrincipalAccount': '777788889999' })).toBe('ImplicitlyDenied');
    expect(await assume(PALETTE)).toBe('ImplicitlyDenied');
  });
});
