/**
 * One answer per security question: the synth-time trust guard and the access report, run over one
 * table of trust statements, flag the same statements (both call src/policies/aws/trust-predicates.ts).
 */
import { guardTrustPolicy } from '../../src/policies/aws/trust-guard';
import { cfnAccessReport } from '../../src/report/cloudformation';

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const EKS = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const SAML = 'arn:aws:iam::111122223333:saml-provider/okta';
const star = (Condition?: object) => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) });

// [what, statement, flagged?] — written from IAM's rules, not from either implementation's output.
const TABLE: [string, object, boolean][] = [
  ['"*" alone', star(), true],
  ['"*" as the whole principal', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }, true],
  ['{"Federated": "*"}', { Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRole' }, true],
  ['"*" pinned by aws:PrincipalOrgID', star({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), false],
  ['"*" pinned by aws:PrincipalOrgPaths', star({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } }), false],
  ['"*" pinned by aws:PrincipalAccount', star({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }), false],
  ['"*" pinned by aws:PrincipalArn', star({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/velero-*' } }), false],
  ['"*" with aws:SourceAccount only (a service key: pins no caller)', star({ StringEquals: { 'aws:SourceAccount': '111122223333' } }), true],
  ['"*" with aws:SourceArn only', star({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' } }), true],
  ['"*" with aws:SourceOrgID only', star({ StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } }), true],
  ['"*" with aws:PrincipalTag and MFA only', star({ StringEquals: { 'aws:PrincipalTag/team': 'backup' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), true],
  ['"*" with aws:SourceIp only', star({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), true],
  ['"*" "pinned" with IfExists', star({ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), true],
  ['"*" "pinned" by a wildcard organization', star({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } }), true],
  ['an account root', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }, false],
  ['a service', { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }, false],
  ['NotPrincipal in an Allow', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }, true],
  ['NotAction in an Allow', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, NotAction: 'sts:TagSession' }, true],
  ['a Deny with "*"', { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }, false],
  ['GitHub pinned', {
    Effect: 'Allow',
    Principal: { Federated: GITHUB },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } },
  }, false],
  ['GitHub without sub', {
    Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
  }, true],
  ['GitHub with sub "repo:acme/*"', {
    Effect: 'Allow',
    Principal: { Federated: GITHUB },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
  }, true],
  ['GitHub without aud', {
    Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } },
  }, true],
  ['EKS service account pinned', {
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${EKS}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:velero:velero-server', [`${EKS}:aud`]: 'sts.amazonaws.com' } },
  }, false],
  ['EKS any namespace', {
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${EKS}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:*:velero-server' }, StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' } },
  }, true],
  ['SAML with SAML:aud', { Effect: 'Allow', Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }, false],
  ['SAML without SAML:aud', { Effect: 'Allow', Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML' }, true],
];

function reportFlags(statement: object): boolean {
  const report = cfnAccessReport({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] } } } } }, { title: 't' });
  return report.findings.length > 0;
}

describe('the trust guard and the access report agree', () => {
  test.each(TABLE)('%s', (_what, statement, flagged) => {
    expect(guardTrustPolicy({ Version: '2012-10-17', Statement: [statement] }).errors.length > 0).toBe(flagged);
    expect(reportFlags(statement)).toBe(flagged);
  });

  test('the table has both answers (it could fail)', () => {
    expect(TABLE.filter(([, , f]) => f).length).toBeGreaterThan(5);
    expect(TABLE.filter(([, , f]) => !f).length).toBeGreaterThan(5);
  });
});
