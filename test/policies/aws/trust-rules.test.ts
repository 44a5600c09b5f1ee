import {
  accountOfIamArn,
  AWS_ORG_PATH,
  EKS_OIDC_ISSUER_URL,
  EKS_OIDC_PROVIDER_ARN,
  eksIssuerOf,
  eksOidcProviderArn,
  IAM_USER_ARN,
  K8S_NAMESPACE,
  K8S_NAMESPACE_PATTERN,
  K8S_SERVICE_ACCOUNT,
  serviceAccountSubject,
  TRUSTED_ROLE_ARN,
} from '../../../src/policies/aws/trust-rules';

const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const POLICY_VARIABLE = 'it must not contain "${" (IAM would read it as a policy variable and trust whoever it resolves to)';

describe('TRUSTED_ROLE_ARN', () => {
  test.each(['arn:aws:iam::111122223333:role/SpectroCloudRole', 'arn:aws:iam::111122223333:role/team/a/velero', 'arn:aws-cn:iam::111122223333:role/x'])('accepts %s', (v) => {
    expect(TRUSTED_ROLE_ARN.check(v)).toEqual([]);
  });
  test.each([
    ['arn:aws:iam::111122223333:role/${aws:username}', ['the role name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)', POLICY_VARIABLE]],
    // In the path, "${...}" satisfies IAM's path characters: only this rule catches it.
    ['arn:aws:iam::111122223333:role/${aws:PrincipalTag/team}/velero', [POLICY_VARIABLE]],
    ['arn:aws:iam::111122223333:role/*', ['the role name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)', 'wildcards are not allowed in a principal ARN']],
  ])('refuses %s', (v, problems) => expect(TRUSTED_ROLE_ARN.check(v)).toEqual(problems));
});

describe('IAM_USER_ARN', () => {
  test.each(['arn:aws:iam::111122223333:user/palette-deployer', 'arn:aws:iam::111122223333:user/ci/deployer', 'arn:aws-us-gov:iam::111122223333:user/a.b@c'])('accepts %s', (v) => {
    expect(IAM_USER_ARN.check(v)).toEqual([]);
  });
  test.each([
    ['palette-deployer', ['it must start with "arn:PARTITION:iam::" (an IAM ARN with an empty region)']],
    ['arn:aws:iam::1111:user/a', ['its account must be 12 digits']],
    ['arn:aws:iam::111122223333:role/a', ['it must name a user ("...:user/NAME"); for a role use TrustedPrincipal.role()']],
    ['arn:aws:iam::111122223333:user/a b', ['the user name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)']],
    [`arn:aws:iam::111122223333:user/${'a'.repeat(65)}`, ['the user name must be at most 64 characters']],
    ['arn:aws:iam::111122223333:user/*', ['the user name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)', 'wildcards are not allowed in a principal ARN']],
    ['arn:aws:iam::111122223333:user/${aws:username}', ['the user name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)', POLICY_VARIABLE]],
  ])('refuses %s', (v, problems) => expect(IAM_USER_ARN.check(v)).toEqual(problems));

  test('accountOfIamArn', () => {
    expect(accountOfIamArn('arn:aws:iam::111122223333:user/a')).toBe('111122223333');
    expect(accountOfIamArn('111122223333')).toBeUndefined();
  });
});

describe('AWS_ORG_PATH', () => {
  test.each(['o-a1b2c3d4e5/r-ab12/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'])('accepts %s', (v) => {
    expect(AWS_ORG_PATH.check(v)).toEqual([]);
  });
  test.each([
    ['r-ab12/ou-ab12-11111111/', ['it must start with the organization ID and "/" ("o-a1b2c3d4e5/")']],
    ['o-a1b2c3d4e5/ou-ab12-11111111/', ['the root ("r-ab12/") must follow the organization']],
    ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111', ['it must end with "/" (child OUs are matched by the "*" that is appended)']],
    ['o-a1b2c3d4e5/r-ab12/ou-ab12-*/', ['wildcards are not allowed: "*" is appended to match the OU and its children', 'each part after the root must be an OU ID ("ou-ab12-11111111")']],
    ['o-a1b2c3d4e5/r-ab12/finance/', ['each part after the root must be an OU ID ("ou-ab12-11111111")']],
  ])('refuses %s', (v, problems) => expect(AWS_ORG_PATH.check(v)).toEqual(problems));
});

describe('EKS issuer, provider and names', () => {
  test.each([`https://${ISSUER}`, 'https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC123'])('issuer accepts %s', (v) => expect(EKS_OIDC_ISSUER_URL.check(v)).toEqual([]));
  test.each([
    [ISSUER, ['it must start with "https://"']],
    ['https://token.actions.githubusercontent.com', ['it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"']],
    [`https://${ISSUER}/`, ['it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"']],
    ['https://oidc.eks.us-east-1.amazonaws.com/id/*', ['it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"', 'wildcards are not allowed']],
  ])('issuer refuses %s', (v, problems) => expect(EKS_OIDC_ISSUER_URL.check(v)).toEqual(problems));

  test.each([`arn:aws:iam::111122223333:oidc-provider/${ISSUER}`])('provider accepts %s', (v) => expect(EKS_OIDC_PROVIDER_ARN.check(v)).toEqual([]));
  test.each([
    [`arn:aws:iam::1:oidc-provider/${ISSUER}`, ['its account must be 12 digits']],
    [`arn:aws:iam::111122223333:role/${ISSUER}`, ['it must name an OIDC provider ("...:oidc-provider/ISSUER")']],
    ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', ['the provider must be an EKS issuer ("oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID")']],
    ['arn:aws:iam::111122223333:oidc-provider/*', ['the provider must be an EKS issuer ("oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID")', 'wildcards are not allowed']],
  ])('provider refuses %s', (v, problems) => expect(EKS_OIDC_PROVIDER_ARN.check(v)).toEqual(problems));

  test('issuer of a provider ARN or URL, and the provider ARN of a URL', () => {
    expect(eksIssuerOf(`https://${ISSUER}`)).toBe(ISSUER);
    expect(eksIssuerOf(`arn:aws:iam::111122223333:oidc-provider/${ISSUER}`)).toBe(ISSUER);
    expect(eksOidcProviderArn('aws', '111122223333', `https://${ISSUER}`)).toBe(`arn:aws:iam::111122223333:oidc-provider/${ISSUER}`);
    expect(serviceAccountSubject('cluster-a', 'velero-server')).toBe('system:serviceaccount:cluster-a:velero-server');
  });

  test.each(['cluster-6a02ef3b8cd2144fbadd2eff', 'velero', 'a', 'a'.repeat(63)])('namespace accepts %s', (v) => expect(K8S_NAMESPACE.check(v)).toEqual([]));
  test.each([
    ['cluster-*', ['wildcards are not allowed: use EksNamespace.paletteClusters() or EksNamespace.any()']],
    ['Cluster', ['only lowercase letters, digits and hyphens, starting and ending with a letter or digit']],
    ['-a', ['only lowercase letters, digits and hyphens, starting and ending with a letter or digit']],
    ['', ['it must be 1-63 characters long', 'only lowercase letters, digits and hyphens, starting and ending with a letter or digit']],
    ['a'.repeat(64), ['it must be 1-63 characters long']],
  ])('namespace refuses %j', (v, problems) => expect(K8S_NAMESPACE.check(v)).toEqual(problems));

  test.each(['cluster-*', 'backup-*', 'a*'])('namespace pattern accepts %s', (v) => expect(K8S_NAMESPACE_PATTERN.check(v)).toEqual([]));
  test.each([
    ['*', ['it must be lowercase letters, digits and hyphens followed by one "*" at the end']],
    ['c*-x', ['it must be lowercase letters, digits and hyphens followed by one "*" at the end']],
    ['cluster-', ['it must be lowercase letters, digits and hyphens followed by one "*" at the end']],
  ])('namespace pattern refuses %j', (v, problems) => expect(K8S_NAMESPACE_PATTERN.check(v)).toEqual(problems));

  test.each(['velero-server', 'velero', 'a.b-c'])('service account accepts %s', (v) => expect(K8S_SERVICE_ACCOUNT.check(v)).toEqual([]));
  test.each([
    ['velero-*', ['wildcards are not allowed: the service account is always named exactly']],
    ['Velero', ['only lowercase letters, digits, "-" and ".", starting and ending with a letter or digit']],
    ['a'.repeat(254), ['it must be 1-253 characters long']],
  ])('service account refuses %j', (v, problems) => expect(K8S_SERVICE_ACCOUNT.check(v)).toEqual(problems));
});
