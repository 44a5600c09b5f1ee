import {
  accountOfIamArn,
  AWS_ORG_PATH,
  contradictoryOrganizationConditions,
  knownPartition,
  otherPartitionPrincipals,
  ownAccountTrustWarning,
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
    [`https://${ISSUER}/`, ['it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"', 'it must not end with "/" (the issuer is compared exactly, and EKS issuers end with the cluster ID)']],
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

describe('issuer URLs keep IAM\'s limits (CreateOpenIDConnectProvider "Url": 1-255 characters, https, no query, no port)', () => {
  const FORM = 'it must be "https://oidc.eks.REGION.amazonaws.com/id/ID"';
  const long = `https://oidc.eks.us-east-1.amazonaws.com/id/${'A'.repeat(212)}`;
  test.each([
    // 255 characters exactly is IAM's maximum.
    `https://oidc.eks.us-east-1.amazonaws.com/id/${'A'.repeat(211)}`,
    'https://oidc.eks.us-gov-west-1.amazonaws.com/id/ABC123',
    'https://oidc.eks.cn-northwest-1.amazonaws.com.cn/id/ABC123',
    'https://oidc.eks.eu-central-2.amazonaws.com/id/ABC123',
  ])('accepts %s', (v) => expect(EKS_OIDC_ISSUER_URL.check(v)).toEqual([]));
  test.each([
    [long, ['it is 256 characters; IAM allows an OIDC provider URL of at most 255']],
    [`https://${ISSUER}?x=1`, [FORM, 'a query ("?") or fragment ("#") is not allowed (IAM: path components are allowed, query parameters are not)', 'wildcards are not allowed']],
    [`https://${ISSUER}#frag`, [FORM, 'a query ("?") or fragment ("#") is not allowed (IAM: path components are allowed, query parameters are not)']],
    ['https://oidc.eks.us-east-1.amazonaws.com:443/id/ABC', [FORM, 'a port is not allowed (IAM: the URL should not contain a port number)']],
    ['https://OIDC.EKS.us-east-1.amazonaws.com/id/ABC', [FORM, 'the host must be lower case, as EKS prints it']],
    ['https://oidc.eks.moon-base-1.amazonaws.com/id/ABC', ['"moon-base-1" is not a region code']],
    ['https://oidc.eks.us-east-1.amazonaws.com.cn/id/ABC', ['".amazonaws.com.cn" is the domain of the China regions, not of us-east-1']],
    ['https://oidc.eks.cn-north-1.amazonaws.com/id/ABC', ['the region cn-north-1 is in China, whose issuers end with ".amazonaws.com.cn"']],
    ['http://oidc.eks.us-east-1.amazonaws.com/id/ABC', ['it must start with "https://"']],
  ])('refuses %s', (v, problems) => expect(EKS_OIDC_ISSUER_URL.check(v)).toEqual(problems));

  test.each([
    [`arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/${'A'.repeat(212)}`,
      ['it is 256 characters; IAM allows an OIDC provider URL of at most 255']],
    ['arn:aws:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC',
      ['the issuer\'s region cn-north-1 is in the partition aws-cn, but the ARN is of aws']],
    ['arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC',
      ['the issuer\'s region us-east-1 is in the partition aws, but the ARN is of aws-cn']],
    ['arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/ABC',
      ['the issuer\'s region us-gov-west-1 is in the partition aws-us-gov, but the ARN is of aws']],
    ['arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com:443/id/ABC',
      ['the provider must be an EKS issuer ("oidc-provider/oidc.eks.REGION.amazonaws.com/id/ID")', 'a port is not allowed (IAM: the URL should not contain a port number)']],
  ])('provider ARN refuses %s', (v, problems) => expect(EKS_OIDC_PROVIDER_ARN.check(v)).toEqual(problems));
  test.each([
    'arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC',
    'arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-east-1.amazonaws.com/id/ABC',
  ])('provider ARN accepts %s', (v) => expect(EKS_OIDC_PROVIDER_ARN.check(v)).toEqual([]));
});

describe('partitions', () => {
  // partitionOfRegion and partitionOfArn: test/policies/aws/rules.test.ts.
  test('the known partition of a stack', () => {
    expect(knownPartition('aws-us-gov', 'us-east-1')).toBe('aws-us-gov');
    expect(knownPartition(undefined, 'cn-north-1')).toBe('aws-cn');
    expect(knownPartition(undefined, undefined)).toBeUndefined();
    expect(knownPartition(undefined, 'not-a-region')).toBeUndefined();
  });

  const doc = (principal: unknown) => ({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
  const error = (arn: string, p: string, role: string) => `Trust policy statement 1 (S) names "${arn}", a principal of the partition ${p}, but the role is in ${role}: `
    + 'IAM never lets a principal of one partition assume a role of another. Name the principal of the role\'s partition, or deploy the role to a region of that partition.';
  test.each([
    [{ AWS: 'arn:aws-cn:iam::111122223333:role/x' }, 'aws', [error('arn:aws-cn:iam::111122223333:role/x', 'aws-cn', 'aws')]],
    [{ AWS: ['arn:aws:iam::111122223333:user/u', 'arn:aws-us-gov:iam::111122223333:user/u'] }, 'aws-us-gov', [error('arn:aws:iam::111122223333:user/u', 'aws', 'aws-us-gov')]],
    [{ Federated: 'arn:aws:iam::111122223333:oidc-provider/x' }, 'aws-cn', [error('arn:aws:iam::111122223333:oidc-provider/x', 'aws', 'aws-cn')]],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, 'aws', []],
    [{ AWS: '111122223333' }, 'aws-cn', []],
    [{ AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] } }, 'aws-cn', []],
    ['*', 'aws', []],
    [{ Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC']] } }, 'aws',
      ['Trust policy statement 1 (S) trusts the EKS issuer of cn-north-1, a region of the partition aws-cn, but the role is in aws: '
        + 'IAM never lets a principal of one partition assume a role of another. Deploy the role to a region of the cluster\'s partition.']],
    [{ Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC']] } }, 'aws', []],
  ])('%j in %s', (principal, partition, problems) => expect(otherPartitionPrincipals(doc(principal), partition)).toEqual(problems));
});

describe('organization conditions that contradict each other', () => {
  const st = (condition: unknown) => ({ Statement: [{ Sid: 'S', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition }] });
  test.each([
    [{ 'StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*' } },
      ['Trust policy statement 1 (S) requires aws:PrincipalOrgID o-a1b2c3d4e5 but aws:PrincipalOrgPaths under another organization ("o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*"): '
        + 'no principal is in both, so the OU restriction trusts nobody it names. Trust the OUs of the organization you mean, with its ID.']],
    [{ 'StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/*', 'o-zzzzzzzzzz/r-ab12/*'] } },
      ['Trust policy statement 1 (S) requires aws:PrincipalOrgID o-a1b2c3d4e5 but aws:PrincipalOrgPaths under another organization ("o-zzzzzzzzzz/r-ab12/*"): '
        + 'no principal is in both, so the OU restriction trusts nobody it names. Trust the OUs of the organization you mean, with its ID.']],
    [{ 'StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } }, []],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zzzzzzzzzz/r-ab12/*' } }, []],
    [undefined, []],
  ])('%j', (condition, problems) => expect(contradictoryOrganizationConditions(st(condition))).toEqual(problems));
});

describe('messages shared by the constructs', () => {
  // describeInput: test/policies/validation.test.ts.
  test('the own-account warning, for the root and for a list', () => {
    expect(ownAccountTrustWarning('p[0]', '123456789012', false)).toMatch(/^p\[0\] is 123456789012, the account of the role and its bucket: .* Trusting this account's root lets/);
    expect(ownAccountTrustWarning('p[0]', '123456789012', true)).toMatch(/^p\[0\] lists 123456789012, the account of the role and its bucket: .* Trusting this account through aws:PrincipalAccount lets/);
  });
});
