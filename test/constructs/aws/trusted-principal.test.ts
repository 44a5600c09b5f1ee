import { App, Aws, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EksNamespace, ExternalIdRole, ExternalIdRoleProps, TrustedPrincipal, TrustedPrincipalKind } from '../../../src';
import { measurePolicy } from '../../../src/policies/aws/iam-json';
import { InputValidationError } from '../../../src/policies/validation';
import { ACCOUNT } from '../../support/cfn';
import { allow, decide, decideUnvalidated } from '../../support/iam';
import { envAgnosticStack, newStack, synth, warningsOf } from '../../support/stack';

const VENDOR = '000000000000';
const ORG = 'o-a1b2c3d4e5';
const OU = `${ORG}/r-ab12/ou-ab12-11111111/`;
const EKS_ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EKS_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_ISSUER}`;

function role(additional: TrustedPrincipal[], extra: Partial<ExternalIdRoleProps> = {}, stack: Stack = newStack()) {
  const r = new ExternalIdRole(stack, 'Role', { vendor: TrustedPrincipal.account(VENDOR), externalId: 'ext-1', additionalTrustedPrincipals: additional, ...extra });
  const { resolver, json } = synth(stack);
  const roleId = resolver.only('AWS::IAM::Role').id;
  return {
    role: r,
    stack,
    json,
    resolver,
    roleArn: resolver.getAtt(roleId, 'Arn') as string,
    trust: resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument),
  };
}

/** sts:AssumeRole by `principal` under the role's trust policy, with the caller's own permission. */
const assumer = (trust: unknown, roleArn: string) => (principal: string, context: Record<string, string | string[]> = {}) => decide({
  principal, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: ACCOUNT, context, identityPolicies: [allow('sts:AssumeRole')], resourcePolicy: trust,
});

describe('TrustedPrincipal factories', () => {
  test.each([
    [TrustedPrincipal.account('111122223333'), TrustedPrincipalKind.ACCOUNT],
    [TrustedPrincipal.role('arn:aws:iam::111122223333:role/x'), TrustedPrincipalKind.ROLE],
    [TrustedPrincipal.user('arn:aws:iam::111122223333:user/deployer'), TrustedPrincipalKind.USER],
    [TrustedPrincipal.accounts(['111122223333']), TrustedPrincipalKind.ACCOUNTS],
    [TrustedPrincipal.organization(ORG), TrustedPrincipalKind.ORGANIZATION],
    [TrustedPrincipal.organizationalUnits([OU]), TrustedPrincipalKind.ORGANIZATIONAL_UNITS],
    [
      TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.paletteClusters() }),
      TrustedPrincipalKind.EKS_SERVICE_ACCOUNT,
    ],
  ])('%#: kind', (p, kind) => expect(p.kind).toBe(kind));

  test('principalArn is for single principals only', () => {
    expect(TrustedPrincipal.role('arn:aws:iam::111122223333:role/x').principalArn(newStack())).toBe('arn:aws:iam::111122223333:role/x');
    const stack = newStack();
    expect(stack.resolve(TrustedPrincipal.account('111122223333').principalArn(stack))).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] });
    expect(() => TrustedPrincipal.organization(ORG).principalArn(newStack())).toThrow('principalArn: a ORGANIZATION principal has no single ARN');
  });
});

describe('the statements of each form (Palette\'s external-ID statement stays separate and first)', () => {
  test('a user (Palette page step 8: the deploying principal with static credentials)', async () => {
    const user = 'arn:aws:iam::111122223333:user/palette-deployer';
    const { trust, roleArn } = role([TrustedPrincipal.user(user)]);
    expect(trust.Statement[1]).toEqual({ Sid: 'TrustOwnPrincipal', Effect: 'Allow', Principal: { AWS: user }, Action: 'sts:AssumeRole' });
    const assume = assumer(trust, roleArn);
    expect(await assume(user)).toBe('Allowed');
    expect(await assume('arn:aws:iam::111122223333:user/someone-else')).toBe('ImplicitlyDenied');
  });

  test('an organization: one statement of constant size; its principals allowed, another organization\'s denied, Palette only with the external ID', async () => {
    const { trust, roleArn } = role([TrustedPrincipal.organization(ORG)]);
    expect(trust.Statement[0].Sid).toBe('TrustVendorWithExternalId');
    expect(trust.Statement[1]).toEqual({
      Sid: 'TrustOrganization', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    });
    const assume = assumer(trust, roleArn);
    expect(await assume('arn:aws:iam::444455556666:role/cluster-nodes', { 'aws:PrincipalOrgID': ORG })).toBe('Allowed');
    expect(await assume('arn:aws:iam::444455556666:role/cluster-nodes', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe('ImplicitlyDenied');
    expect(await assume('arn:aws:iam::444455556666:role/cluster-nodes')).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${VENDOR}:role/palette`)).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${VENDOR}:role/palette`, { 'sts:ExternalId': 'ext-1' })).toBe('Allowed');
  });

  test('organizational units: child OUs included, another OU denied', async () => {
    const { trust, roleArn } = role([TrustedPrincipal.organizationalUnits([OU, `${ORG}/r-ab12/ou-ab12-22222222/`])]);
    expect(trust.Statement[1]).toEqual({
      Sid: 'TrustOrganizationalUnits',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: {
        'StringEquals': { 'aws:PrincipalOrgID': ORG },
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': [`${OU}*`, `${ORG}/r-ab12/ou-ab12-22222222/*`] },
      },
    });
    const assume = assumer(trust, roleArn);
    const principal = 'arn:aws:iam::444455556666:role/cluster-nodes';
    expect(await assume(principal, { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalOrgPaths': [`${OU}`] })).toBe('Allowed');
    expect(await assume(principal, { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalOrgPaths': [`${OU}ou-ab12-33333333/`] })).toBe('Allowed');
    expect(await assume(principal, { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalOrgPaths': [`${ORG}/r-ab12/ou-ab12-99999999/`] })).toBe('ImplicitlyDenied');
    expect(await assume(principal, { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalOrgPaths': ['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/'] })).toBe('ImplicitlyDenied');
  });

  test('an account list: one statement; listed accounts allowed, an unlisted one denied', async () => {
    const { trust, roleArn } = role([TrustedPrincipal.accounts(['111122223333', '444455556666'])]);
    expect(trust.Statement[1]).toEqual({
      Sid: 'TrustAccounts',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } },
    });
    const assume = assumer(trust, roleArn);
    expect(await assume('arn:aws:iam::444455556666:role/cluster-nodes', { 'aws:PrincipalAccount': '444455556666' })).toBe('Allowed');
    expect(await assume('arn:aws:iam::777788889999:role/cluster-nodes', { 'aws:PrincipalAccount': '777788889999' })).toBe('ImplicitlyDenied');
  });

  test('the per-statement form is unchanged for small lists', () => {
    const { trust } = role([TrustedPrincipal.account('111122223333'), TrustedPrincipal.role('arn:aws:iam::444455556666:role/SpectroCloudRole')]);
    expect(trust.Statement.map((s: any) => [s.Sid, s.Principal])).toEqual([
      ['TrustVendorWithExternalId', { AWS: `arn:aws:iam::${VENDOR}:root` }],
      ['TrustOwnPrincipal1', { AWS: 'arn:aws:iam::111122223333:root' }],
      ['TrustOwnPrincipal2', { AWS: 'arn:aws:iam::444455556666:role/SpectroCloudRole' }],
    ]);
  });

  const accountIds = (n: number) => Array.from({ length: n }, (_, i) => String(200000000000 + i));

  test('100 accounts in the compact form fit the default quota; 300 need 8,192 and the error says which forms fit', () => {
    expect(() => role([TrustedPrincipal.accounts(accountIds(100))])).not.toThrow();
    const probe = newStack();
    const size = measurePolicy(probe.resolve(new ExternalIdRole(probe, 'Role', {
      vendor: TrustedPrincipal.account(VENDOR), externalId: 'ext-1', additionalTrustedPrincipals: [TrustedPrincipal.accounts(accountIds(300))],
    }).role.assumeRolePolicy));
    expect(size.minimumCharacters).toBeGreaterThan(4096);
    expect(size.characters).toBeLessThan(8192);
    expect(() => role([TrustedPrincipal.accounts(accountIds(300))])).toThrow(
      /over the quota of 2048\. Trust fewer statements: TrustedPrincipal\.organization\(\) or organizationalUnits\(\) \(one statement of constant size\), .* or request an increase of the IAM quota "Role trust policy length" \(at least \d{4}; more than 4096 needs a quota request that AWS reviews\)/,
    );
    expect(() => role([TrustedPrincipal.accounts(accountIds(300))], { maxTrustPolicySize: 8192 })).not.toThrow();
    // The per-statement form of the same 300 accounts does not fit even the largest quota.
    expect(() => role(accountIds(300).map((a) => TrustedPrincipal.account(a)), { maxTrustPolicySize: 8192 })).toThrow(/over the quota of 8192/);
  });

  test('a statement per account over the quota: the error says what the compact form would take and whether it fits', () => {
    const roots = (n: number) => accountIds(n).map((a) => TrustedPrincipal.account(a));
    expect(() => role(roots(20))).toThrow(
      /over the quota of 2048\. Trust fewer statements: .* \(the 20 accounts as one TrustedPrincipal\.accounts\(\) statement: \d{3} characters in all, which fits the quota of 2048\)/,
    );
    expect(() => role(roots(300))).toThrow(
      /\(the 300 accounts as one TrustedPrincipal\.accounts\(\) statement: 4\d{3} characters in all, which needs maxTrustPolicySize of at least 4\d{3} after a quota increase\)/,
    );
    expect(() => role(roots(600), { maxTrustPolicySize: 8192 })).toThrow(
      /\(the 600 accounts as one TrustedPrincipal\.accounts\(\) statement: 9\d{3} characters in all, which is still over IAM's maximum of 8192: use organization\(\) or organizationalUnits\(\)\)\.$/,
    );
  });

  test('an organization trust is the same size for any number of accounts', () => {
    const { trust } = role([TrustedPrincipal.organization(ORG)]);
    expect(measurePolicy(trust).characters).toBeLessThan(400);
  });
});

test('snapshot: the trust policy of every form, Palette\'s statement first', () => {
  const { trust } = role([
    TrustedPrincipal.account('111122223333'),
    TrustedPrincipal.role('arn:aws:iam::111122223333:role/SpectroCloudRole'),
    TrustedPrincipal.user('arn:aws:iam::111122223333:user/palette-deployer'),
    TrustedPrincipal.accounts(['444455556666', '777788889999']),
    TrustedPrincipal.organization(ORG),
    TrustedPrincipal.organizationalUnits([OU]),
    TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.paletteClusters() }),
  ], { maxTrustPolicySize: 4096 });
  expect(trust).toMatchSnapshot();
});

describe('EKS service accounts (IAM roles for service accounts, Palette\'s "EKS workload clusters")', () => {
  const eks = (namespace: EksNamespace, extra: object = {}) =>
    TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace, ...extra });
  const token = (trust: unknown, roleArn: string) => (claims: { sub?: string; aud?: string }, provider = EKS_PROVIDER) => decideUnvalidated({
    principal: provider,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: roleArn,
    resourceAccount: ACCOUNT,
    context: {
      ...(claims.sub !== undefined ? { [`${EKS_ISSUER}:sub`]: claims.sub } : {}),
      ...(claims.aud !== undefined ? { [`${EKS_ISSUER}:aud`]: claims.aud } : {}),
    },
    resourcePolicy: trust,
  });

  test('the page\'s statement, with the exact namespace (StringEquals)', () => {
    const { trust, roleArn } = role([eks(EksNamespace.exact('cluster-6a02ef3b8cd2144fbadd2eff'))]);
    expect(trust.Statement[1]).toEqual({
      Sid: 'TrustEksServiceAccount',
      Effect: 'Allow',
      Principal: { Federated: EKS_PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com', [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:cluster-6a02ef3b8cd2144fbadd2eff:velero-server' } },
    });
    const assume = token(trust, roleArn);
    const sa = 'system:serviceaccount:cluster-6a02ef3b8cd2144fbadd2eff:velero-server';
    expect(assume({ sub: sa, aud: 'sts.amazonaws.com' })).toBe('Allowed');
    expect(assume({ sub: 'system:serviceaccount:cluster-6a02ef3b8cd2144fbadd2eff:default', aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'system:serviceaccount:cluster-other:velero-server', aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(assume({ sub: sa, aud: 'sts.amazonaws.com' }, `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/OTHERCLUSTER`)).toBe('ImplicitlyDenied');
    expect(assume({ sub: sa, aud: 'https://kubernetes.default.svc' })).toBe('ImplicitlyDenied');
    expect(assume({ aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
  });

  test('Palette\'s namespaces (cluster-*, StringLike): the named service account in any Palette namespace, nothing else', () => {
    const { trust, roleArn } = role([eks(EksNamespace.paletteClusters())]);
    expect(trust.Statement[1].Condition).toEqual({
      StringEquals: { [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:cluster-*:velero-server' },
    });
    const assume = token(trust, roleArn);
    expect(assume({ sub: 'system:serviceaccount:cluster-abc:velero-server', aud: 'sts.amazonaws.com' })).toBe('Allowed');
    expect(assume({ sub: 'system:serviceaccount:kube-system:velero-server', aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(assume({ sub: 'system:serviceaccount:cluster-abc:other', aud: 'sts.amazonaws.com' })).toBe('ImplicitlyDenied');
  });

  test('any namespace only when asked for, with a warning; the service-account name is configurable and exact', () => {
    const stack = newStack();
    const { trust } = role([eks(EksNamespace.any(), { serviceAccountName: 'velero' })], {}, stack);
    expect(trust.Statement[1].Condition.StringLike).toEqual({ [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:*:velero' });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^additionalTrustedPrincipals\[0\] trusts the service account "velero" in EVERY namespace of the cluster \(EksNamespace\.any\(\)\)/)]);
  });

  test('from the issuer URL and the account; several clusters within the size budget', () => {
    const issuer2 = 'oidc.eks.eu-west-1.amazonaws.com/id/SECONDCLUSTER0000000000000000000';
    const { trust } = role([
      TrustedPrincipal.eksServiceAccount({ issuerUrl: `https://${EKS_ISSUER}`, providerAccountId: ACCOUNT, namespace: EksNamespace.exact('cluster-a') }),
      TrustedPrincipal.eksServiceAccount({ issuerUrl: `https://${issuer2}`, namespace: EksNamespace.exact('cluster-b') }),
    ]);
    expect(trust.Statement.map((s: any) => [s.Sid, s.Principal.Federated ?? s.Principal.AWS])).toEqual([
      ['TrustVendorWithExternalId', `arn:aws:iam::${VENDOR}:root`],
      ['TrustEksServiceAccount1', EKS_PROVIDER],
      ['TrustEksServiceAccount2', `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer2}`],
    ]);
    // About 480 characters per cluster: three fit IAM's default quota, five need a quota of 4,096.
    const clusters = (n: number) => Array.from({ length: n }, (_, i) => TrustedPrincipal.eksServiceAccount({
      issuerUrl: `https://oidc.eks.us-east-1.amazonaws.com/id/CLUSTER${i}0000000000000000000000000`, namespace: EksNamespace.exact(`cluster-${i}`),
    }));
    expect(() => role(clusters(3))).not.toThrow();
    expect(() => role(clusters(5))).toThrow(/over the quota of 2048/);
    expect(() => role(clusters(5), { maxTrustPolicySize: 4096 })).not.toThrow();
  });

  test('a provider of another account is a warning: IAM checks web identities against the role account\'s providers', () => {
    const stack = newStack();
    role([TrustedPrincipal.eksServiceAccount({ oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${EKS_ISSUER}`, namespace: EksNamespace.exact('a') })], {}, stack);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(
      new RegExp(`^additionalTrustedPrincipals\\[0\\] names the OIDC provider of account 111122223333, but the role is in ${ACCOUNT}\\. IAM checks web identities`),
    )]);
  });

  test.each([
    ['neither provider nor issuer', { namespace: EksNamespace.exact('a') }, 'additionalTrustedPrincipals[0]: give the cluster\'s oidcProviderArn or its issuerUrl'],
    ['a provider that is not EKS', { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', namespace: EksNamespace.exact('a') },
      'Invalid EKS OIDC provider ARN "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" at Stack/Role (additionalTrustedPrincipals[0].oidcProviderArn): '
      + 'the provider must be an EKS issuer ("oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID").'],
    ['an http issuer', { issuerUrl: `http://${EKS_ISSUER}`, namespace: EksNamespace.exact('a') },
      `Invalid EKS OIDC issuer URL "http://${EKS_ISSUER}" at Stack/Role (additionalTrustedPrincipals[0].issuerUrl): it must start with "https://".`],
    ['a namespace with a wildcard', { oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.exact('cluster-*') },
      'Invalid Kubernetes namespace "cluster-*" at Stack/Role (additionalTrustedPrincipals[0].namespace): wildcards are not allowed: use EksNamespace.paletteClusters() or EksNamespace.any().'],
    ['a namespace pattern with a wildcard inside', { oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.matching('c*-x') },
      'Invalid Kubernetes namespace pattern "c*-x" at Stack/Role (additionalTrustedPrincipals[0].namespace): it must be lowercase letters, digits and hyphens followed by one "*" at the end.'],
    ['a service account pattern', { oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.exact('a'), serviceAccountName: 'velero-*' },
      'Invalid Kubernetes service account name "velero-*" at Stack/Role (additionalTrustedPrincipals[0].serviceAccountName): wildcards are not allowed: the service account is always named exactly.'],
    ['provider and issuer that differ', { oidcProviderArn: EKS_PROVIDER, issuerUrl: 'https://oidc.eks.us-east-1.amazonaws.com/id/OTHER', namespace: EksNamespace.exact('a') },
      'additionalTrustedPrincipals[0]: oidcProviderArn and issuerUrl name different issuers'],
  ])('refuses %s', (_what, options, message) => {
    expect(() => role([TrustedPrincipal.eksServiceAccount(options)])).toThrow(message);
  });

  test('a provider ARN known only at deploy time needs the issuer; a parameter gets an AllowedPattern', () => {
    const stack = newStack();
    const p = new CfnParameter(stack, 'Provider', { type: 'String' });
    expect(() => new ExternalIdRole(stack, 'Role', {
      vendor: TrustedPrincipal.account(VENDOR),
      externalId: 'ext-1',
      additionalTrustedPrincipals: [TrustedPrincipal.eksServiceAccount({ oidcProviderArn: p.valueAsString, namespace: EksNamespace.exact('a') })],
    })).toThrow('additionalTrustedPrincipals[0]: the issuer must be known at synth time');
    new ExternalIdRole(stack, 'Role2', {
      vendor: TrustedPrincipal.account(VENDOR),
      externalId: 'ext-1',
      additionalTrustedPrincipals: [TrustedPrincipal.eksServiceAccount({ oidcProviderArn: p.valueAsString, issuerUrl: `https://${EKS_ISSUER}`, namespace: EksNamespace.exact('a') })],
    });
    const { json } = synth(stack);
    expect(json.Parameters.Provider.AllowedPattern).toMatch(/^\^arn:aws\[a-z-\]\*:iam::\\d\{12\}:oidc-provider\/oidc\\\.eks/);
  });
});

describe('validation of the many-account forms', () => {
  test.each([
    ['an empty account list', TrustedPrincipal.accounts([]), 'additionalTrustedPrincipals[0]: TrustedPrincipal.accounts() needs at least one account ID'],
    ['a bad account in the list', TrustedPrincipal.accounts(['111122223333', '12345']),
      'Invalid AWS account ID "12345" at Stack/Role (additionalTrustedPrincipals[0][1]): it must be exactly 12 digits.'],
    ['an account twice', TrustedPrincipal.accounts(['111122223333', '111122223333']), 'additionalTrustedPrincipals[0] lists "111122223333" more than once; list each once'],
    ['a bad organization', TrustedPrincipal.organization('o-*'), 'Invalid AWS Organizations ID "o-*" at Stack/Role (additionalTrustedPrincipals[0])'],
    ['an OU path without the root', TrustedPrincipal.organizationalUnits([`${ORG}/ou-ab12-11111111/`]),
      `Invalid AWS Organizations entity path "${ORG}/ou-ab12-11111111/" at Stack/Role (additionalTrustedPrincipals[0][0]): the root ("r-ab12/") must follow the organization.`],
    ['an OU path with a wildcard', TrustedPrincipal.organizationalUnits([`${ORG}/r-ab12/*`]),
      `Invalid AWS Organizations entity path "${ORG}/r-ab12/*" at Stack/Role (additionalTrustedPrincipals[0][0]): it must end with "/" (child OUs are matched by the "*" that is appended); `
      + 'wildcards are not allowed: "*" is appended to match the OU and its children.'],
    ['OUs of two organizations', TrustedPrincipal.organizationalUnits([OU, 'o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/']),
      'additionalTrustedPrincipals[0]: the OU paths belong to 2 organizations (o-a1b2c3d4e5, o-zzzzzzzzzz); trust the OUs of one organization per principal'],
    ['a user ARN that is a role', TrustedPrincipal.user('arn:aws:iam::111122223333:role/x'),
      'Invalid IAM user ARN "arn:aws:iam::111122223333:role/x" at Stack/Role (additionalTrustedPrincipals[0]): it must name a user ("...:user/NAME"); for a role use TrustedPrincipal.role().'],
    ['a role ARN with a policy variable in its path', TrustedPrincipal.role('arn:aws:iam::111122223333:role/${aws:username}/x'),
      'Invalid IAM role ARN "arn:aws:iam::111122223333:role/${aws:username}/x" at Stack/Role (additionalTrustedPrincipals[0]): '
      + 'it must not contain "${" (IAM would read it as a policy variable and trust whoever it resolves to).'],
  ])('refuses %s', (_what, principal, message) => {
    expect(() => role([principal])).toThrow(message);
  });

  test('an organization form of another organization than additionalPrincipalsOrganizationId', () => {
    expect(() => role([TrustedPrincipal.organization('o-zzzzzzzzzz')], { additionalPrincipalsOrganizationId: ORG })).toThrow(
      'additionalTrustedPrincipals[0] trusts the organization o-zzzzzzzzzz, but additionalPrincipalsOrganizationId is o-a1b2c3d4e5; trust principals of one organization',
    );
  });
});

describe('values known only at deploy time', () => {
  test('a CfnParameter account gets an AllowedPattern; a role parameter too; a parameter with its own pattern and a Lazy are warnings naming the prop', () => {
    const stack = newStack();
    const account = new CfnParameter(stack, 'ClusterAccount', { type: 'String' });
    const roleArn = new CfnParameter(stack, 'ClusterRole', { type: 'String' });
    const loose = new CfnParameter(stack, 'Loose', { type: 'String', allowedPattern: '.*' });
    new ExternalIdRole(stack, 'Role', {
      vendor: TrustedPrincipal.account(VENDOR),
      externalId: 'ext-1',
      additionalTrustedPrincipals: [
        TrustedPrincipal.account(account.valueAsString),
        TrustedPrincipal.role(roleArn.valueAsString),
        TrustedPrincipal.account(loose.valueAsString),
        TrustedPrincipal.account(Lazy.string({ produce: () => '444455556666' })),
      ],
      maxTrustPolicySize: 4096,
    });
    const { json } = synth(stack);
    expect(json.Parameters.ClusterAccount).toEqual({ Type: 'String', AllowedPattern: '^\\d{12}$', ConstraintDescription: 'must be a 12-digit AWS account ID', MaxLength: 12 });
    expect(json.Parameters.ClusterRole.AllowedPattern).toBe('^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$');
    expect(json.Parameters.Loose.AllowedPattern).toBe('.*');
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(/^additionalTrustedPrincipals\[2\] is the parameter Loose, which has its own AllowedPattern "\.\*", so it was not checked at synth time: make sure it is a 12-digit AWS account ID/),
      expect.stringMatching(/^additionalTrustedPrincipals\[3\] is known only at deploy time and is not a parameter the library can constrain, so it was not checked at synth time/),
      // The Loose parameter has no MaxLength: the size has no upper bound (ClusterRole got MaxLength with its pattern).
      expect.stringMatching(/^The role trust policy is at least \d+ characters .* depending on 3 value\(s\) known only at deploy time, and may exceed the quota of 4096\./),
    ]);
    expect(json.Parameters.ClusterRole.MaxLength).toBe(614);
  });

  test('a Lazy that resolves to "*" is refused by the guard at synth', () => {
    const stack = newStack();
    new ExternalIdRole(stack, 'Role', {
      vendor: TrustedPrincipal.account(VENDOR), externalId: 'ext-1', additionalTrustedPrincipals: [TrustedPrincipal.role(Lazy.string({ produce: () => '*' }))],
    });
    expect(() => synth(stack)).toThrow(/\[Stack\/Role\] Trust policy statement 2 \(TrustOwnPrincipal\): Principal \{"AWS": "\*"\} without an organization, OU or account condition trusts every AWS principal\./);
  });

  test('an environment-agnostic stack synthesizes with tokens for partition and account', () => {
    const stack = envAgnosticStack();
    const { trust } = role([TrustedPrincipal.eksServiceAccount({ issuerUrl: `https://${EKS_ISSUER}`, namespace: EksNamespace.exact('a') })], {}, stack);
    // The template resolver stands in for the deploy-time partition and account.
    expect(trust.Statement[1].Principal.Federated).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_ISSUER}`);
    expect(warningsOf(stack)).toEqual([]);
  });
});

/** The warnings of a stack as [id, message without the ack suffix]. */
const warningEntries = (stack: Stack) => warningsOf(stack).map((w) => {
  const m = /^([\s\S]*) \[ack: (.*)\]$/.exec(w);
  return m ? [m[2], m[1]] : [undefined, w];
});

describe('issue 19, class 4: trust combinations', () => {
  describe('an organization restriction a statement would silently ignore is an error', () => {
    test.each([
      ['OU paths of another organization', [TrustedPrincipal.organizationalUnits(['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/'])],
        'additionalTrustedPrincipals[0] trusts the organization o-zzzzzzzzzz, but additionalPrincipalsOrganizationId is o-a1b2c3d4e5; trust principals of one organization'],
      ['an organization of another ID (as before)', [TrustedPrincipal.organization('o-zzzzzzzzzz')],
        'additionalTrustedPrincipals[0] trusts the organization o-zzzzzzzzzz, but additionalPrincipalsOrganizationId is o-a1b2c3d4e5; trust principals of one organization'],
      ['the second of two principals', [TrustedPrincipal.account('111122223333'), TrustedPrincipal.organizationalUnits(['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/'])],
        'additionalTrustedPrincipals[1] trusts the organization o-zzzzzzzzzz, but additionalPrincipalsOrganizationId is o-a1b2c3d4e5'],
    ])('%s', (_what, principals, message) => {
      expect(() => role(principals, { additionalPrincipalsOrganizationId: ORG })).toThrow(message);
    });

    test('OU paths of the same organization are accepted, and IAM admits only principals of those OUs', async () => {
      const { trust, roleArn } = role([TrustedPrincipal.organizationalUnits([OU])], { additionalPrincipalsOrganizationId: ORG });
      const assume = assumer(trust, roleArn);
      const ctx = (org: string, path: string) => ({ 'aws:PrincipalOrgID': org, 'aws:PrincipalOrgPaths': [path], 'aws:PrincipalAccount': '111122223333' });
      expect(await assume('arn:aws:iam::111122223333:role/x', ctx(ORG, `${OU}ou-ab12-22222222/`))).toBe('Allowed');
      expect(await assume('arn:aws:iam::111122223333:role/x', ctx(ORG, `${ORG}/r-ab12/ou-ab12-33333333/`))).toBe('ImplicitlyDenied');
    });

    test('a statement added through the escape hatch with aws:PrincipalOrgID of one organization and OU paths of another fails synthesis', () => {
      const stack = newStack();
      const r = new ExternalIdRole(stack, 'Role', { vendor: TrustedPrincipal.account(VENDOR), externalId: 'ext-1' });
      r.trustPolicy.addStatements(iam.PolicyStatement.fromJson({
        Sid: 'Added',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { 'StringEquals': { 'aws:PrincipalOrgID': ORG }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zzzzzzzzzz/r-ab12/*' } },
      }));
      expect(() => synth(stack)).toThrow('Trust policy statement 2 (Added) requires aws:PrincipalOrgID o-a1b2c3d4e5 but aws:PrincipalOrgPaths under another organization');
    });
  });

  describe('trusting the stack\'s own account through an account list warns as account() does (TrustsOwnAccount)', () => {
    test.each([
      ['account()', TrustedPrincipal.account(ACCOUNT), `additionalTrustedPrincipals[0] is ${ACCOUNT}, the account of the role and its bucket`],
      ['accounts() alone', TrustedPrincipal.accounts([ACCOUNT]), `additionalTrustedPrincipals[0] lists ${ACCOUNT}, the account of the role and its bucket`],
      ['accounts() among others', TrustedPrincipal.accounts(['111122223333', ACCOUNT]), `additionalTrustedPrincipals[0] lists ${ACCOUNT}, the account of the role and its bucket`],
      ['accounts() with Aws.ACCOUNT_ID', TrustedPrincipal.accounts(['111122223333', Aws.ACCOUNT_ID]),
        'additionalTrustedPrincipals[0] lists AWS::AccountId (the stack\'s own account), the account of the role and its bucket'],
      ['accounts() with Aws.ACCOUNT_ID in an environment-agnostic stack', TrustedPrincipal.accounts([Aws.ACCOUNT_ID]),
        'additionalTrustedPrincipals[0] lists AWS::AccountId (the stack\'s own account), the account of the role and its bucket', envAgnosticStack()],
    ])('%s', (_what, principal, start, stack: Stack = newStack()) => {
      role([principal], {}, stack);
      const entries = warningEntries(stack);
      expect(entries).toHaveLength(1);
      expect(entries[0][0]).toBe('saas-backup-constructs:TrustsOwnAccount');
      expect(entries[0][1]).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*assume the role; remove it, or trust the one role the clusters use \\(TrustedPrincipal\\.role\\(\\)\\)\\.$`));
    });
    test.each([
      ['another account', TrustedPrincipal.accounts(['111122223333'])],
      ['an environment-agnostic stack', TrustedPrincipal.accounts([ACCOUNT]), envAgnosticStack()],
    ])('no warning for %s', (_what, principal, stack: Stack = newStack()) => {
      role([principal], {}, stack);
      expect(warningEntries(stack).filter(([id]) => id === 'saas-backup-constructs:TrustsOwnAccount')).toEqual([]);
    });
  });

  describe('EKS: the "default" service account (every pod that names none runs as it)', () => {
    const RISK = 'every pod there that names no service account runs as it, so every such pod could assume the role. '
      + 'Name the service account the workload runs as (Palette\'s Velero: "velero-server")';
    const eks = (namespace: EksNamespace, serviceAccountName?: string) =>
      TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace, serviceAccountName });
    test('with EksNamespace.any() it is an error', () => {
      expect(() => role([eks(EksNamespace.any(), 'default')])).toThrow(
        `additionalTrustedPrincipals[0] trusts the service account "default" in EVERY namespace of the cluster (EksNamespace.any()): ${RISK} (at Stack/Role)`,
      );
    });
    test.each([
      ['exact', EksNamespace.exact('cluster-a'), `additionalTrustedPrincipals[0] trusts the service account "default" of the namespace "cluster-a": ${RISK}.`],
      ['paletteClusters', EksNamespace.paletteClusters(), `additionalTrustedPrincipals[0] trusts the service account "default" in the namespaces matching "cluster-*": ${RISK}.`],
      ['matching', EksNamespace.matching('backup-*'), `additionalTrustedPrincipals[0] trusts the service account "default" in the namespaces matching "backup-*": ${RISK}.`],
    ])('with EksNamespace.%s() it is a warning (EksDefaultServiceAccount)', (_what, namespace, message) => {
      const stack = newStack();
      role([eks(namespace, 'default')], {}, stack);
      expect(warningEntries(stack)).toEqual([['saas-backup-constructs:EksDefaultServiceAccount', message]]);
    });
    test('IAM evaluation: what the warning says, any pod of the namespace that names no service account gets in', () => {
      const stack = newStack();
      const { trust, roleArn } = role([eks(EksNamespace.exact('cluster-a'), 'default')], {}, stack);
      const assume = (sub: string) => decideUnvalidated({
        principal: EKS_PROVIDER,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: roleArn,
        resourceAccount: ACCOUNT,
        context: { [`${EKS_ISSUER}:sub`]: sub, [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com' },
        resourcePolicy: trust,
      });
      // A pod spec without serviceAccountName runs as "default": its projected token's sub is this.
      expect(assume('system:serviceaccount:cluster-a:default')).toBe('Allowed');
      expect(assume('system:serviceaccount:cluster-b:default')).toBe('ImplicitlyDenied');
    });
    test.each([['velero-server'], ['default-sa'], [undefined]])('no warning for %p', (name) => {
      const stack = newStack();
      role([eks(EksNamespace.exact('cluster-a'), name)], {}, stack);
      expect(warningEntries(stack)).toEqual([]);
    });
  });

  describe('principals of another partition than the stack\'s are errors when both are known', () => {
    const regionStack = (region: string) => new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region } });
    const msg = (n: number, sid: string, arn: string, p: string, rolePartition: string) => `Trust policy statement ${n} (${sid}) names "${arn}", a principal of the partition ${p}, `
      + `but the role is in ${rolePartition}: IAM never lets a principal of one partition assume a role of another.`;
    test.each([
      ['a role of aws in cn-north-1', 'cn-north-1', TrustedPrincipal.role('arn:aws:iam::111122223333:role/x'), msg(2, 'TrustOwnPrincipal', 'arn:aws:iam::111122223333:role/x', 'aws', 'aws-cn')],
      ['a user of aws-cn in us-east-1', 'us-east-1', TrustedPrincipal.user('arn:aws-cn:iam::111122223333:user/u'), msg(2, 'TrustOwnPrincipal', 'arn:aws-cn:iam::111122223333:user/u', 'aws-cn', 'aws')],
      ['a role of aws in us-gov-west-1', 'us-gov-west-1', TrustedPrincipal.role('arn:aws:iam::111122223333:role/x'), msg(2, 'TrustOwnPrincipal', 'arn:aws:iam::111122223333:role/x', 'aws', 'aws-us-gov')],
      ['an EKS provider of aws in cn-north-1', 'cn-north-1', TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.exact('a') }),
        msg(2, 'TrustEksServiceAccount', EKS_PROVIDER, 'aws', 'aws-cn')],
    ])('%s', (_what, region, principal, message) => {
      expect(() => role([principal], {}, regionStack(region))).toThrow(message);
    });
    test('an EKS issuer of another partition, given as issuerUrl (its provider ARN takes the stack\'s partition)', () => {
      const principal = TrustedPrincipal.eksServiceAccount({ issuerUrl: 'https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC', namespace: EksNamespace.exact('a') });
      expect(() => role([principal], {}, regionStack('eu-west-1'))).toThrow(
        'Trust policy statement 2 (TrustEksServiceAccount) trusts the EKS issuer of cn-north-1, a region of the partition aws-cn, but the role is in aws',
      );
      expect(() => role([principal], {}, regionStack('cn-north-1'))).not.toThrow();
    });
    test.each([
      ['the same partition', TrustedPrincipal.role('arn:aws-cn:iam::111122223333:role/x'), () => regionStack('cn-north-1')],
      ['an environment-agnostic stack', TrustedPrincipal.role('arn:aws-cn:iam::111122223333:role/x'), () => envAgnosticStack()],
      ['an account (its ARN takes the stack\'s partition)', TrustedPrincipal.account('111122223333'), () => regionStack('cn-north-1')],
    ])('accepts %s', (_what, principal, stack) => {
      expect(() => role([principal], {}, stack())).not.toThrow();
    });
    test('a vendor role of another partition too', () => {
      const stack = regionStack('us-gov-west-1');
      new ExternalIdRole(stack, 'Role', { vendor: TrustedPrincipal.role('arn:aws:iam::000000000000:role/SpectroCloudRole'), externalId: 'ext-1' });
      expect(() => synth(stack)).toThrow(msg(1, 'TrustVendorWithExternalId', 'arn:aws:iam::000000000000:role/SpectroCloudRole', 'aws', 'aws-us-gov'));
    });
  });

  describe('a pattern given as a token cannot silently become an exact match', () => {
    test('EksNamespace.matching() of a parameter is an error (it used to render under StringEquals)', () => {
      const stack = newStack();
      const p = new CfnParameter(stack, 'Pattern', { type: 'String' });
      const principal = TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.matching(p.valueAsString) });
      expect(() => role([principal], {}, stack)).toThrow(
        'additionalTrustedPrincipals[0].namespace: EksNamespace.matching() needs the pattern as a literal: a value known only at deploy time could not be checked, '
        + 'and its "*" would decide at deploy time whether the trust is an exact match or a pattern. Use EksNamespace.exact() for a namespace given as a parameter',
      );
    });
    test('EksNamespace.exact() of a parameter stays an exact match, with an AllowedPattern', () => {
      const stack = newStack();
      const p = new CfnParameter(stack, 'Namespace', { type: 'String' });
      new ExternalIdRole(stack, 'Role', {
        vendor: TrustedPrincipal.account(VENDOR),
        externalId: 'ext-1',
        additionalTrustedPrincipals: [
          TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.exact(p.valueAsString) }),
        ],
      });
      const { json } = synth(stack);
      const trust = Object.values<any>(json.Resources).find((r) => r.Type === 'AWS::IAM::Role').Properties.AssumeRolePolicyDocument;
      expect(Object.keys(trust.Statement[1].Condition)).toEqual(['StringEquals']);
      expect(json.Parameters.Namespace.AllowedPattern).toBe('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
    });
  });
});

describe('issue 19, class 7: JavaScript callers get an error naming the prop, never a TypeError or "undefined" in a policy', () => {
  const js = (f: () => TrustedPrincipal) => f;
  const P = 'additionalTrustedPrincipals[0]';
  test.each([
    ['account(undefined)', js(() => TrustedPrincipal.account(undefined as any)), `${P}: TrustedPrincipal.account() needs the account ID, a string of 12 digits; got undefined`],
    ['account(a number)', js(() => TrustedPrincipal.account(111122223333 as any)), `${P}: TrustedPrincipal.account() needs the account ID, a string of 12 digits; got a number (111122223333)`],
    ['role(null)', js(() => TrustedPrincipal.role(null as any)), `${P}: TrustedPrincipal.role() needs the role's ARN as a string; got null`],
    ['user({})', js(() => TrustedPrincipal.user({} as any)), `${P}: TrustedPrincipal.user() needs the user's ARN as a string; got an object`],
    ['organization(undefined)', js(() => TrustedPrincipal.organization(undefined as any)), `${P}: TrustedPrincipal.organization() needs the organization ID as a string ("o-..."); got undefined`],
    ['accounts(undefined)', js(() => TrustedPrincipal.accounts(undefined as any)), `${P}: TrustedPrincipal.accounts() needs a list of account IDs, strings of 12 digits; got undefined`],
    ['accounts(a string)', js(() => TrustedPrincipal.accounts('111122223333' as any)), `${P}: TrustedPrincipal.accounts() needs a list of account IDs, strings of 12 digits; got a string`],
    ['accounts with null', js(() => TrustedPrincipal.accounts(['111122223333', null as any])), `${P}[1] must be one of the account IDs, strings of 12 digits; got null`],
    ['accounts with undefined', js(() => TrustedPrincipal.accounts([undefined as any])), `${P}[0] must be one of the account IDs, strings of 12 digits; got undefined`],
    ['organizationalUnits(null)', js(() => TrustedPrincipal.organizationalUnits(null as any)), `${P}: TrustedPrincipal.organizationalUnits() needs a list of OU paths`],
    ['organizationalUnits with a number', js(() => TrustedPrincipal.organizationalUnits([OU, 5 as any])), `${P}[1] must be one of the OU paths, strings such as "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"; got a number (5)`],
    ['eksServiceAccount(undefined)', js(() => TrustedPrincipal.eksServiceAccount(undefined as any)), `${P}: TrustedPrincipal.eksServiceAccount() needs its options; got undefined`],
    ['eksServiceAccount without namespace', js(() => TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER } as any)),
      `${P}: namespace must be EksNamespace.exact(NAME), paletteClusters(), matching(PATTERN) or any(); got undefined`],
    ['eksServiceAccount with a string namespace', js(() => TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: 'cluster-a' as any })),
      `${P}: namespace must be EksNamespace.exact(NAME), paletteClusters(), matching(PATTERN) or any(); got a string`],
    ['EksNamespace.exact(undefined)', js(() => TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.exact(undefined as any) })),
      `${P}: namespace: EksNamespace.exact() and matching() need the namespace as a string; got undefined`],
    ['a numeric serviceAccountName', js(() => TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, namespace: EksNamespace.exact('a'), serviceAccountName: 7 as any })),
      `${P}: serviceAccountName must be a string, not a number (7)`],
    ['a numeric provider ARN', js(() => TrustedPrincipal.eksServiceAccount({ oidcProviderArn: 7 as any, namespace: EksNamespace.exact('a') })),
      `${P}: oidcProviderArn must be a string, not a number (7)`],
  ])('%s', (_what, make, message) => {
    let error: unknown;
    try {
      role([make()]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toContain(message);
  });

  test('null options fields are absent, as jsii passes them: the defaults apply and no "undefined" or "null" reaches the policy', () => {
    const { json } = role([TrustedPrincipal.eksServiceAccount({ oidcProviderArn: EKS_PROVIDER, issuerUrl: null as any, serviceAccountName: null as any, namespace: EksNamespace.exact('a') })]);
    const text = JSON.stringify(json);
    expect(text).toContain('system:serviceaccount:a:velero-server');
    expect(text).not.toMatch(/undefined|null/);
  });
});

describe('TrustedPrincipal._shapeProblems: a prop that must be a TrustedPrincipal (or a list), for JavaScript callers', () => {
  const EXPECTED = 'a TrustedPrincipal (TrustedPrincipal.account("123456789012"), role(ARN), user(ARN), accounts([...]), organization(ID), '
    + 'organizationalUnits([...]) or eksServiceAccount({...}))';
  test.each([
    ['a principal', TrustedPrincipal.account('111122223333'), false, []],
    ['a plain account ID', '123456789012', false, [`vendor is a string, not ${EXPECTED}`]],
    ['an account ID as a number', 123456789012, false, [`vendor is a number (123456789012), not ${EXPECTED}`]],
    ['undefined', undefined, false, [`vendor is required; ${EXPECTED}`]],
    ['null', null, false, [`vendor is required; ${EXPECTED}`]],
    ['a list left out', undefined, true, []],
    ['a list of principals', [TrustedPrincipal.account('111122223333')], true, []],
    ['a list with a plain account ID and null', [TrustedPrincipal.account('111122223333'), '123456789012', null], true,
      [`vendor[1] is a string, not ${EXPECTED}`, `vendor[2] is required; ${EXPECTED}`]],
    ['a principal where a list is expected', TrustedPrincipal.account('111122223333'), true, ['vendor must be a list of TrustedPrincipal, not an object (TrustedPrincipal)']],
    ['a plain account ID where a list is expected', '123456789012', true, ['vendor must be a list of TrustedPrincipal, not a string']],
  ])('%s', (_what, value, list, problems) => expect(TrustedPrincipal._shapeProblems(value, 'vendor', list)).toEqual(problems));
});
