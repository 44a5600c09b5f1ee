import {
  PINNING_KEYS, broadManagedPolicyName, isWildcardAction, isWildcardResource, pinsPrincipal, principalValues, render, samlProblems,
  webIdentityProblems,
} from '../../../src/policies/aws/trust-predicates';

describe('pinsPrincipal: which conditions pin a "*" principal', () => {
  test('the pinning keys are exactly the four that describe the caller', () => {
    expect([...PINNING_KEYS].sort()).toEqual(['aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths']);
  });

  test.each([
    ['aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, true],
    ['aws:principalorgid (keys compare case-insensitively)', { StringEquals: { 'aws:principalorgid': 'o-a1b2c3d4e5' } }, true],
    ['aws:PrincipalOrgPaths with a literal org prefix', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } }, true],
    ['aws:PrincipalAccount', { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, true],
    ['aws:PrincipalArn ArnLike of one account', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/x-*' } }, true],
    ['a parameter compared literally (StringEquals)', { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'Org' } } }, true],
    ['aws:SourceAccount (a service acting for a resource)', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, false],
    ['aws:SourceArn', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::b' } }, false],
    ['aws:SourceOrgID', { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } }, false],
    ['aws:SourceOrgPaths', { 'ForAnyValue:StringLike': { 'aws:SourceOrgPaths': 'o-a1b2c3d4e5/*' } }, false],
    ['IfExists (absent key passes)', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, false],
    ['ForAllValues (absent key passes)', { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } }, false],
    ['a wildcard organization', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }, false],
    ['a wildcard account in an ARN', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } }, false],
    ['no condition', undefined, false],
    ['a condition that is an intrinsic (Fn::If)', { 'Fn::If': ['C', {}, {}] }, false],
  ])('%s', (_what, condition, pinned) => {
    expect(pinsPrincipal(condition)).toBe(pinned);
  });
});

describe('values', () => {
  test.each([
    ['a string', 'a', 'a'],
    ['the partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['a join of known parts', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::1:root']] }, 'arn:aws:iam::1:root'],
    ['a parameter (known at deploy time only)', { Ref: 'P' }, undefined],
    ['an import', { 'Fn::ImportValue': 'x' }, undefined],
  ])('render(%s)', (_what, value, rendered) => {
    expect(render(value)).toBe(rendered);
  });

  test('principalValues: "*" is an AWS principal; Federated lists its own', () => {
    expect(principalValues('*', 'AWS')).toEqual(['*']);
    expect(principalValues('*', 'Federated')).toEqual([]);
    expect(principalValues({ Federated: ['a', { Ref: 'P' }] }, 'Federated')).toEqual(['a', undefined]);
  });
});

describe('wildcards', () => {
  test.each([['*', true], ['s3:*', true], ['S3:*', true], ['s3:Get*', false], ['s3:GetObject', false], ['kms:*', true]])('isWildcardAction(%s)', (a, w) => {
    expect(isWildcardAction(a)).toBe(w);
  });
  test.each([['*', true], ['arn:aws:s3:::b/*', false], ['arn:aws:s3:::*', false]])('isWildcardResource(%s)', (r, w) => {
    expect(isWildcardResource(r)).toBe(w);
  });
});

describe('web identities and SAML', () => {
  const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
  test('a GitHub statement without sub: the missing sub is named (aud is checked once a sub is there)', () => {
    expect(webIdentityProblems({ Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity' }, 'S')).toEqual([
      'S: the web identity of "token.actions.githubusercontent.com" has no "token.actions.githubusercontent.com:sub" condition (StringEquals or StringLike), '
        + 'so every token of the provider may assume the role. Require the subject: the repository and ref (GitHubSubject).',
    ]);
  });

  test.each([
    ['no SAML:aud', undefined, 1],
    ['SAML:aud "*" with StringLike', { StringLike: { 'SAML:aud': '*' } }, 1],
    ['SAML:aud the sign-in endpoint', { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }, 0],
  ])('SAML: %s', (_what, Condition, problems) => {
    const statement = { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/okta' }, Action: 'sts:AssumeRoleWithSAML', Condition };
    expect(samlProblems(statement, 'S')).toHaveLength(problems);
  });

  test('a SAML provider given by reference is known by the action', () => {
    expect(samlProblems({ Effect: 'Allow', Principal: { Federated: { Ref: 'Provider' } }, Action: 'sts:AssumeRoleWithSAML' }, 'S')).toEqual([
      'S: the SAML provider "(a provider known at deploy time)" is trusted without a "SAML:aud" condition, so an assertion issued for another service provider is accepted. '
        + 'Require SAML:aud with StringEquals.',
    ]);
  });
});

describe('broadManagedPolicyName: the report\'s flag and the vendor role\'s warning', () => {
  test.each<[string, string | undefined]>([
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'AdministratorAccess'],
    ['arn:${Token[AWS.Partition.8]}:iam::aws:policy/PowerUserAccess', 'PowerUserAccess'],
    ['arn:aws:iam::aws:policy/AmazonS3FullAccess', 'AmazonS3FullAccess'],
    ['arn:aws:iam::aws:policy/job-function/SystemAdministrator', undefined],
    ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', undefined],
  ])('%s', (arn, name) => {
    expect(broadManagedPolicyName(arn)).toBe(name);
  });
});
