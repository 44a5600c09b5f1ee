import { measurePolicy, policyDocument } from '../../../src/policies/aws/iam-json';
import {
  accountListTrustStatement,
  accountRootArn,
  checkTrustPolicySize,
  DEFAULT_TRUST_POLICY_QUOTA,
  externalIdTrustPolicy,
  organizationalUnitsTrustStatement,
  organizationTrustStatement,
  principalTrustStatement,
  webIdentityTrustStatement,
} from '../../../src/policies/aws/trust';

describe('externalIdTrustPolicy', () => {
  test('the vendor with its external ID, as the pages print it', () => {
    expect(externalIdTrustPolicy({ vendorPrincipalArn: accountRootArn('aws', '111111111111'), externalId: 'ext-123' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustVendorWithExternalId',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
        },
      ],
    });
  });

  test('Account A principals each get their own statement without external ID (seed 001 step 9)', () => {
    const doc = externalIdTrustPolicy({
      vendorPrincipalArn: accountRootArn('aws', '111111111111'),
      externalId: 'ext-123',
      additionalPrincipalArns: [accountRootArn('aws', '222222222222'), 'arn:aws:iam::333333333333:role/SpectroCloudRole'],
    });
    expect(doc.Statement.slice(1)).toEqual([
      { Sid: 'TrustOwnPrincipal1', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' },
      { Sid: 'TrustOwnPrincipal2', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:role/SpectroCloudRole' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('an organization ID limits only the customer\'s own principals', () => {
    const doc = externalIdTrustPolicy({
      vendorPrincipalArn: accountRootArn('aws', '111111111111'),
      externalId: 'ext-123',
      additionalPrincipalArns: [accountRootArn('aws', '222222222222')],
      organizationId: 'o-a1b2c3d4e5',
    });
    expect(doc.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'ext-123' } });
    expect(doc.Statement[1]).toEqual(principalTrustStatement('arn:aws:iam::222222222222:root', 'TrustOwnPrincipal', 'o-a1b2c3d4e5'));
    expect(doc.Statement[1].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
  });
});

describe('the forms for many accounts and web identities', () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(200000000000 + i));

  test('an organization, OUs and an account list are one statement each', () => {
    expect(organizationTrustStatement('o-a1b2c3d4e5')).toEqual({
      Sid: 'TrustOrganization', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    expect(organizationalUnitsTrustStatement('o-a1b2c3d4e5', ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'])).toEqual({
      Sid: 'TrustOrganizationalUnits',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { 'StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
    });
    expect(accountListTrustStatement(['111122223333', '444455556666'], 'TrustAccounts', 'o-a1b2c3d4e5')).toEqual({
      Sid: 'TrustAccounts',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'], 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
  });

  test('the compact list takes 15 characters per account; the per-statement form about 100', () => {
    const compact = (n: number) => measurePolicy(policyDocument([accountListTrustStatement(accounts(n))])).characters;
    const perStatement = (n: number) => measurePolicy(trustOfRoots(accounts(n))).characters;
    expect(compact(101) - compact(100)).toBe(15);
    expect(perStatement(101) - perStatement(100)).toBeGreaterThanOrEqual(95);
    expect(compact(100)).toBeLessThan(DEFAULT_TRUST_POLICY_QUOTA);
    expect(compact(300)).toBeGreaterThan(4096);
    expect(compact(300)).toBeLessThan(8192);
  });

  test('web identity: StringEquals for exact subjects, StringLike when one has a wildcard', () => {
    const input = { sid: 'W', providerArn: 'arn:aws:iam::1:oidc-provider/x', issuer: 'x', audience: 'sts.amazonaws.com' };
    expect(webIdentityTrustStatement({ ...input, subjects: ['a', 'a'] }).Condition).toEqual({ StringEquals: { 'x:aud': 'sts.amazonaws.com', 'x:sub': 'a' } });
    expect(webIdentityTrustStatement({ ...input, subjects: ['a', 'b*'] }).Condition).toEqual({ StringEquals: { 'x:aud': 'sts.amazonaws.com' }, StringLike: { 'x:sub': ['a', 'b*'] } });
    expect(() => webIdentityTrustStatement({ ...input, subjects: [] })).toThrow('at least one subject is required');
  });
});

const trustOfRoots = (ids: string[]) => externalIdTrustPolicy({
  vendorPrincipalArn: accountRootArn('aws', '111111111111'), externalId: 'ext', additionalPrincipalArns: ids.map((a) => accountRootArn('aws', a)),
});

describe('policy size budget', () => {
  const roles = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::222222222222:role/cluster-node-role-${i}`);
  const trustOf = (arns: string[], vendor = accountRootArn('aws', '111111111111')) =>
    externalIdTrustPolicy({ vendorPrincipalArn: vendor, externalId: 'ext', additionalPrincipalArns: arns });

  test('a trust policy within the quota passes', () => {
    expect(checkTrustPolicySize(trustOf([]))).toEqual({});
  });

  test('one over the quota is an error with its size and the remedies', () => {
    const big = trustOf(roles(20));
    const size = JSON.stringify(big).length;
    expect(size).toBeGreaterThan(DEFAULT_TRUST_POLICY_QUOTA);
    expect(checkTrustPolicySize(big)).toEqual({
      error: `The role trust policy is ${size} characters (IAM counts it without white space), over the quota of 2048. `
        + 'Trust fewer statements: TrustedPrincipal.organization() or organizationalUnits() (one statement of constant size), '
        + 'or TrustedPrincipal.accounts() (one statement, about 15 characters per account) instead of one statement per account or role, '
        + `or request an increase of the IAM quota "Role trust policy length" (at least ${size}; more than 4096 needs a quota request that AWS reviews) `
        + 'and set maxTrustPolicySize to the new quota.',
    });
    expect(checkTrustPolicySize(big, 4096)).toEqual({});
    expect(checkTrustPolicySize(big, 1000).error).toMatch(/over the quota of 1000/);
    expect(checkTrustPolicySize(trustOf(roles(40)), 4096).error).toMatch(/over the quota of 4096\. Trust fewer statements: .* or request an increase .* \(at least \d+; more than 4096/);
    expect(checkTrustPolicySize(trustOf(roles(80)), 4096).error).toMatch(/\(up to 8192; more than 4096 needs a quota request that AWS reviews\)/);
    expect(checkTrustPolicySize(trustOf(roles(120)), 8192).error).toMatch(/over the quota of 8192\. Trust fewer statements: .*TrustedPrincipal\.accounts\(\) .* account or role\.$/);
  });

  test('one that fits or not depending on the partition is a warning', () => {
    const partitioned = (n: number) => ({
      Statement: Array.from({ length: n }, () => ({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/node']] } } })),
    });
    const n = [...Array(200).keys()].find((k) => {
      const m = measurePolicy(partitioned(k));
      return m.minimumCharacters <= 2048 && m.characters > 2048;
    })!;
    expect(checkTrustPolicySize(partitioned(n)).warning).toMatch(/^The role trust policy is \d+-\d+ characters .* depending on the partition and region, and may exceed the quota of 2048\./);
    expect(checkTrustPolicySize(partitioned(n)).error).toBeUndefined();
    expect(checkTrustPolicySize(partitioned(n + 20)).error).toMatch(/^The role trust policy is \d+-\d+ characters/);
  });
});
