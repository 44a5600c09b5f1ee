import { githubActionsTrustStatement } from '../../../src/policies/aws/github-oidc';
import { policyDocument } from '../../../src/policies/aws/iam-json';
import {
  accountListTrustStatement,
  externalIdTrustStatement,
  organizationalUnitsTrustStatement,
  organizationTrustStatement,
  principalTrustStatement,
  webIdentityTrustStatement,
} from '../../../src/policies/aws/trust';
import { accountOfPrincipal, guardTrustPolicy } from '../../../src/policies/aws/trust-guard';

const VENDOR = '000000000000';
const VENDOR_ROOT = `arn:aws:iam::${VENDOR}:root`;
const EKS = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EKS_PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${EKS}`;
const GITHUB_PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const OPTIONS = { externalIdAccounts: [VENDOR] };
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const partitioned = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const eks = (sub: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: { Federated: EKS_PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringLike: { [`${EKS}:sub`]: sub }, StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' }, ...extra },
});

const ORG_FIX = 'Pin it with a condition on aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalAccount '
  + '(TrustedPrincipal.organization(), organizationalUnits() or accounts() build these), or name the principals.';
const STAR = (n: number, kind = 'AWS') => `Trust policy statement ${n}: Principal {"${kind}": "*"} without an organization, OU or account condition trusts every AWS principal. ${ORG_FIX}`;
const DEPUTY = (n: number, who: string, sid = '') => `Trust policy statement ${n}${sid} lets "${who}" of the vendor's account assume the role without the external ID: `
  + 'the vendor could then be made to assume it on behalf of another of its customers (the confused-deputy problem the external ID closes). '
  + 'Remove the statement, or require sts:ExternalId with StringEquals.';

describe('guardTrustPolicy: what the library builds passes', () => {
  test.each([
    ['the vendor with its external ID', doc(externalIdTrustStatement(VENDOR_ROOT, 'ext'))],
    ['Account A, a role, a user', doc(externalIdTrustStatement(VENDOR_ROOT, 'ext'), principalTrustStatement('arn:aws:iam::111122223333:root', 'A'),
      principalTrustStatement('arn:aws:iam::111122223333:role/SpectroCloudRole', 'B'), principalTrustStatement('arn:aws:iam::111122223333:user/deployer', 'C'))],
    ['an organization', doc(organizationTrustStatement('o-a1b2c3d4e5'))],
    ['organizational units', doc(organizationalUnitsTrustStatement('o-a1b2c3d4e5', ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/']))],
    ['an account list', doc(accountListTrustStatement(['111122223333', '444455556666']))],
    ['an account list limited to an organization', doc(accountListTrustStatement(['111122223333'], 'L', 'o-a1b2c3d4e5'))],
    ['GitHub', doc(githubActionsTrustStatement({ providerArn: GITHUB_PROVIDER, subjectClaims: ['repo:acme/app:ref:refs/heads/main', 'repo:acme/app:ref:refs/tags/v*'] }))],
    ['an EKS service account, exact namespace', doc(webIdentityTrustStatement({
      sid: 'E', providerArn: EKS_PROVIDER, issuer: EKS, audience: 'sts.amazonaws.com', subjects: ['system:serviceaccount:cluster-6a02ef:velero-server'],
    }))],
    ['an EKS service account, Palette\'s namespace pattern', doc(eks('system:serviceaccount:cluster-*:velero-server'))],
    ['a partition pseudo parameter', doc({ Effect: 'Allow', Principal: { AWS: partitioned(':iam::111122223333:root') }, Action: 'sts:AssumeRole' })],
    ['the vendor through a partition join, with its external ID', doc({
      Effect: 'Allow', Principal: { AWS: partitioned(`:iam::${VENDOR}:root`) }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } },
    })],
    ['a Deny statement with "*"', doc({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' })],
    ['"*" pinned by aws:PrincipalArn of one account', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/velero-*' } },
    })],
    ['"*" pinned by a parameter with StringEquals (literal comparison)', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } },
    })],
  ])('%s', (_what, policy) => {
    expect(guardTrustPolicy(policy, OPTIONS)).toEqual({ errors: [], warnings: [] });
  });
});

describe('guardTrustPolicy: hand-made unsafe trust policies are refused', () => {
  test.each([
    ['Principal "*"', doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }), [STAR(1)]],
    ['{"AWS": "*"}', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }), [STAR(1)]],
    ['"*" among other principals', doc({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' }), [STAR(1)]],
    ['{"Federated": "*"}', doc({ Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRole' }), [STAR(1, 'Federated')]],
    ['"*" "pinned" by an IfExists condition (absent key passes)', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    }), [STAR(1)]],
    ['"*" "pinned" by ForAllValues (absent key passes)', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } },
    }), [STAR(1)]],
    ['"*" "pinned" by a wildcard organization', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
    }), [STAR(1)]],
    ['"*" "pinned" by a wildcard OU path', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '*' } },
    }), [STAR(1)]],
    ['"*" "pinned" by a pattern known only at deploy time', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:PrincipalAccount': { Ref: 'Accounts' } } },
    }), [STAR(1)]],
    ['"*" with an unrelated condition', doc({
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ext' } },
    }), [STAR(1)]],
    ['the vendor\'s root without the external ID', doc(externalIdTrustStatement(VENDOR_ROOT, 'ext'), principalTrustStatement(VENDOR_ROOT, 'TrustOwnPrincipal')),
      [DEPUTY(2, VENDOR_ROOT, ' (TrustOwnPrincipal)')]],
    ['a role of the vendor\'s account without the external ID', doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:role/any` }, Action: 'sts:AssumeRole' }),
      [DEPUTY(1, `arn:aws:iam::${VENDOR}:role/any`)]],
    ['the vendor by its bare account ID', doc({ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' }), [DEPUTY(1, VENDOR)]],
    ['the vendor through a partition join', doc({ Effect: 'Allow', Principal: { AWS: partitioned(`:iam::${VENDOR}:root`) }, Action: 'sts:AssumeRole' }),
      [DEPUTY(1, `arn:aws:iam::${VENDOR}:root`)]],
    ['the vendor with a wildcard external ID', doc({
      Effect: 'Allow', Principal: { AWS: VENDOR_ROOT }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'sts:ExternalId': '*' } },
    }), [DEPUTY(1, VENDOR_ROOT)]],
    ['the vendor\'s account in an account list', doc(accountListTrustStatement(['111122223333', VENDOR], 'TrustAccounts')), [DEPUTY(1, VENDOR, ' (TrustAccounts)')]],
    ['NotPrincipal in an Allow', doc({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }),
      ['Trust policy statement 1: "NotPrincipal" in an Allow statement trusts everyone it does not list. Name the principals in "Principal".']],
    ['NotAction in an Allow', doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, NotAction: 'sts:TagSession' }),
      ['Trust policy statement 1: "NotAction" in an Allow statement allows every other STS action. Name the actions in "Action".']],
    ['an EKS sub for every namespace', doc(eks('system:serviceaccount:*:velero-server')), [
      `Trust policy statement 1: the "${EKS}:sub" condition does not pin the subject: "system:serviceaccount:*:velero-server" matches every namespace: `
      + 'any workload that can create a service account named "velero-server" in the cluster could assume the role (use the exact namespace, or Palette\'s '
      + 'pattern "cluster-*"; EksNamespace.any() accepts it when asked for explicitly).',
    ]],
    ['an EKS sub for every service account', doc(eks('system:serviceaccount:cluster-abc:*')), [
      `Trust policy statement 1: the "${EKS}:sub" condition does not pin the subject: "system:serviceaccount:cluster-abc:*" does not name the service account exactly `
      + '(a wildcard would trust other service accounts).',
    ]],
    ['an EKS sub that is only "*"', doc(eks('*')), [
      `Trust policy statement 1: the "${EKS}:sub" condition does not pin the subject: "*" is not "system:serviceaccount:NAMESPACE:NAME".`,
    ]],
    ['an EKS sub with a wildcard inside the namespace', doc(eks('system:serviceaccount:c*-x:velero-server')), [
      `Trust policy statement 1: the "${EKS}:sub" condition does not pin the subject: "system:serviceaccount:c*-x:velero-server": a namespace pattern may have one "*" only at its end ("cluster-*").`,
    ]],
    ['an EKS web identity without sub', doc({
      Effect: 'Allow', Principal: { Federated: EKS_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' } },
    }), [`Trust policy statement 1: the web identity of "${EKS}" has no "${EKS}:sub" condition (StringEquals or StringLike), so every token of the provider may assume the role. `
      + 'Require the subject: system:serviceaccount:NAMESPACE:NAME.']],
    ['an EKS web identity whose sub is only IfExists', doc({
      Effect: 'Allow',
      Principal: { Federated: EKS_PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' }, StringLikeIfExists: { [`${EKS}:sub`]: 'system:serviceaccount:cluster-a:velero-server' } },
    }), [`Trust policy statement 1: the web identity of "${EKS}" has no "${EKS}:sub" condition (StringEquals or StringLike), so every token of the provider may assume the role. `
      + 'Require the subject: system:serviceaccount:NAMESPACE:NAME.']],
    ['an EKS web identity without aud', doc({
      Effect: 'Allow', Principal: { Federated: EKS_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:a:b' } },
    }), [`Trust policy statement 1: the web identity of "${EKS}" does not require "${EKS}:aud" = "sts.amazonaws.com". Add it with StringEquals.`]],
    ['a GitHub sub for every repository', doc({
      Effect: 'Allow',
      Principal: { Federated: GITHUB_PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } },
    }), ['Trust policy statement 1: the "token.actions.githubusercontent.com:sub" condition does not pin the subject: "repo:*": a wildcard (* ?) in the owner or repository would '
      + 'trust repositories you did not name ("repo:*" trusts every repository on GitHub); it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request".']],
    ['a GitHub sub for every repository of an owner', doc({
      Effect: 'Allow',
      Principal: { Federated: GITHUB_PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
    }), ['Trust policy statement 1: the "token.actions.githubusercontent.com:sub" condition does not pin the subject: "repo:acme/*": a wildcard (* ?) in the owner or repository would '
      + 'trust repositories you did not name; it must go on after the repository, e.g. ":ref:refs/heads/main", ":environment:NAME" or ":pull_request".']],
    ['a GitHub web identity without sub, provider of this app', doc({
      Effect: 'Allow',
      Principal: { Federated: { Ref: 'GitHubProvider' } },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }), ['Trust policy statement 1: a web identity without a "sub" condition lets every token of the provider assume the role. Require ISSUER:sub.']],
    ['several problems, each named', doc(
      externalIdTrustStatement(VENDOR_ROOT, 'ext'),
      { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: VENDOR_ROOT }, Action: 'sts:AssumeRole' },
    ), [STAR(2).replace('statement 2', 'statement 2 (Everyone)'), DEPUTY(3, VENDOR_ROOT)]],
  ])('%s', (_what, policy, errors) => {
    expect(guardTrustPolicy(policy, OPTIONS).errors).toEqual(errors);
  });
});

describe('guardTrustPolicy: partitions and organizations (the trust rules, run by the guard on every role)', () => {
  const trust = (principal: string, condition?: object) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
  });
  test('a principal of another partition than the role\'s known partition is refused; with no partition known it is not checked', () => {
    const policy = trust('arn:aws-cn:iam::111122223333:role/cluster');
    expect(guardTrustPolicy(policy, { partition: 'aws' }).errors).toEqual([expect.stringMatching(/^Trust policy statement 1 names "arn:aws-cn:iam::111122223333:role\/cluster", a principal of the partition aws-cn, but the role is in aws: /)]);
    expect(guardTrustPolicy(policy).errors).toEqual([]);
  });
  test('aws:PrincipalOrgID of one organization with aws:PrincipalOrgPaths under another trusts nobody: refused', () => {
    const policy = trust('arn:aws:iam::111122223333:root', {
      'StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
      'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111/*'] },
    });
    expect(guardTrustPolicy(policy).errors).toEqual([expect.stringMatching(/^Trust policy statement 1 requires aws:PrincipalOrgID o-a1b2c3d4e5 but aws:PrincipalOrgPaths under another organization/)]);
  });
});

describe('guardTrustPolicy: what it cannot check', () => {
  test('a principal known only at deploy time is a warning, unless the construct checked it', () => {
    const policy = doc(externalIdTrustStatement(VENDOR_ROOT, 'ext'), { Effect: 'Allow', Principal: { AWS: { Ref: 'ClusterRole' } }, Action: 'sts:AssumeRole' });
    expect(guardTrustPolicy(policy, OPTIONS)).toEqual({
      errors: [],
      warnings: ['Trust policy statement 2 names a principal known only at deploy time, so the trust guard could not check it. Make sure it never resolves to "*" '
        + 'or to an account of the vendor without the external ID.'],
    });
    expect(guardTrustPolicy(policy, { ...OPTIONS, checkedStatements: 2 })).toEqual({ errors: [], warnings: [] });
  });

  test('an EKS "any namespace" subject asked for explicitly is accepted', () => {
    const sub = 'system:serviceaccount:*:velero-server';
    expect(guardTrustPolicy(doc(eks(sub)), { acceptedSubjects: [sub] }).errors).toEqual([]);
    expect(guardTrustPolicy(doc(eks('system:serviceaccount:*:other')), { acceptedSubjects: [sub] }).errors).toHaveLength(1);
  });

  test('the stack account resolves AWS::AccountId', () => {
    const policy = doc({ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] } }, Action: 'sts:AssumeRole' });
    expect(guardTrustPolicy(policy, { externalIdAccounts: [VENDOR], account: VENDOR }).errors).toEqual([DEPUTY(1, VENDOR_ROOT)]);
    expect(guardTrustPolicy(policy, { externalIdAccounts: [VENDOR] }).warnings).toHaveLength(1);
  });
});

describe('accountOfPrincipal', () => {
  test.each([
    ['111122223333', '111122223333'],
    ['arn:aws:iam::111122223333:root', '111122223333'],
    ['arn:aws-cn:iam::111122223333:role/a/b', '111122223333'],
    ['arn:aws:sts::111122223333:assumed-role/r/s', '111122223333'],
    ['*', undefined],
    ['ec2.amazonaws.com', undefined],
  ])('%s', (principal, account) => expect(accountOfPrincipal(principal)).toBe(account));
});

test('policyDocument wraps statements', () => {
  expect(guardTrustPolicy(policyDocument([]))).toEqual({ errors: [], warnings: [] });
});
