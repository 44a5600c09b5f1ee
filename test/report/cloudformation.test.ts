/**
 * The CloudFormation reader on hand-made templates: each row names the input and the exact findings
 * and unknowns (rule and resource), written from IAM's rules.
 */
import { cfnAccessReport, renderCfnValue } from '../../src/report/cloudformation';
import { AccessReport } from '../../src/report/model';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const trust = (statement: object, parameters: object = {}) => ({
  Parameters: parameters,
  Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc(statement) } } },
});
const all = (r: AccessReport): AccessReport[] => [r, ...r.sections.flatMap(all)];
const found = (template: object) => {
  const r = cfnAccessReport(template, { title: 't' });
  return {
    findings: all(r).flatMap((x) => x.findings.map((f) => `${f.rule} ${f.resource}`)),
    unknowns: all(r).flatMap((x) => x.unknowns.map((f) => f.resource)),
  };
};

describe('trust policies of any template', () => {
  test.each([
    ['Principal {"Fn::If"}: unknown, never safe',
      trust({ Effect: 'Allow', Principal: { 'Fn::If': ['C', { AWS: '*' }, { AWS: 'arn:aws:iam::1:root' }] }, Action: 'sts:AssumeRole' }),
      [], ['AWS::IAM::Role R trust policy · statement 1']],
    ['Principal {"AWS": Fn::ImportValue}: unknown',
      trust({ Effect: 'Allow', Principal: { AWS: { 'Fn::ImportValue': 'Other:RoleArn' } }, Action: 'sts:AssumeRole' }),
      [], ['AWS::IAM::Role R trust policy · statement 1']],
    ['a parameter whose default is "*": flagged',
      trust({ Effect: 'Allow', Principal: { AWS: { Ref: 'Trusted' } }, Action: 'sts:AssumeRole' }, { Trusted: { Type: 'String', Default: '*' } }),
      ['principal-not-pinned R'], []],
    ['a parameter with another default: unknown',
      trust({ Effect: 'Allow', Principal: { AWS: { Ref: 'Trusted' } }, Action: 'sts:AssumeRole' }, { Trusted: { Type: 'String', Default: '111122223333' } }),
      [], ['AWS::IAM::Role R trust policy · statement 1']],
    ['Fn::Sub of this account\'s root: known',
      trust({ Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'sts:AssumeRole' }),
      [], []],
    ['the whole statement is Fn::If: unknown',
      { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ 'Fn::If': ['C', {}, {}] }] } } } } },
      [], ['R']],
    ['the whole document is Fn::If: unknown',
      { Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { 'Fn::If': ['C', {}, {}] } } } } },
      [], ['R']],
    ['"*" whose condition is Fn::If: flagged (nothing known pins it)',
      trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { 'Fn::If': ['C', {}, {}] } }),
      ['principal-not-pinned R'], ['R']],
    ['NotPrincipal: flagged',
      trust({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sts:AssumeRole' }),
      ['not-principal R'], []],
    ['a service principal: not flagged',
      trust({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' }),
      [], []],
    ['"*" with aws:SourceAccount only: flagged (it pins no caller)',
      trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }),
      ['principal-not-pinned R'], []],
    ['SAML trust without SAML:aud: flagged',
      trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::1:saml-provider/okta' }, Action: 'sts:AssumeRoleWithSAML' }),
      ['saml-audience-missing R'], []],
  ])('%s', (_what, template, findings, unknowns) => {
    expect(found(template)).toEqual({ findings, unknowns });
  });

  test('conditions on aws:PrincipalTag, aws:SourceIp and aws:MultiFactorAuthPresent are shown on the arrow, pinned by aws:PrincipalAccount', () => {
    const r = cfnAccessReport(trust({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:PrincipalTag/team': 'backup' },
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      },
    }), { title: 't' });
    expect(r.findings).toEqual([]);
    expect([...r.nodes.values()].map((n) => n.lines)).toEqual([['IAM role', 'R'], ['Any principal in AWS account', '111122223333']]);
    expect(r.edges[0].entries).toEqual([['sts:AssumeRole', 'aws:PrincipalTag/team = backup', 'aws:SourceIp in 203.0.113.0/24', 'aws:MultiFactorAuthPresent is true']]);
  });

  test('composite principals: one arrow per principal', () => {
    const r = cfnAccessReport(trust({
      Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/a', Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole',
    }), { title: 't' });
    expect(r.edges.map((e) => r.nodes.get(e.from)?.lines[0])).toEqual(['IAM role a', 'AWS service']);
  });
});

describe('identity policies, managed policies and boundaries', () => {
  const withPolicy = (arns: unknown[]) => ({
    Resources: {
      R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), ManagedPolicyArns: arns } },
      P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'backup-writer', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) } },
    },
  });

  test.each([
    ['by Ref', { Ref: 'P' }],
    ['by an ARN joined from its name', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/backup-writer']] }],
    ['by an ARN substituted from its name', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/backup-writer' }],
  ])('a managed policy of the same template attached %s: its statements are the role\'s', (_what, arn) => {
    const r = cfnAccessReport(withPolicy([arn]), { title: 't' });
    expect(r.rows.filter((x) => x.source.startsWith('AWS::IAM::ManagedPolicy P')).map((x) => [x.principal, x.actions])).toEqual([['IAM role R', ['s3:*']]]);
    expect(r.findings.map((f) => f.rule)).toEqual(['wildcard-action']);
  });

  test('an AWS managed policy by ARN: named, and flagged when it is administrator access', () => {
    const r = cfnAccessReport(withPolicy(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess']), { title: 't' });
    expect(r.findings.map((f) => [f.rule, f.resource])).toEqual([['broad-managed-policy', 'R']]);
    expect(r.notes).toContain('AWS::IAM::Role R attaches managed policy arn:aws:iam::aws:policy/ReadOnlyAccess: its statements are not in this template.');
  });

  test('a policy naming a role of another stack (Fn::ImportValue) is attached to an unknown role', () => {
    const r = cfnAccessReport({ Resources: { P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ 'Fn::ImportValue': 'Other:Role' }], PolicyDocument: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:q' }) } } } }, { title: 't' });
    expect(r.unknowns.map((u) => u.message)).toEqual(['A policy is attached to the IAM role ${ImportValue(Other:Role)}, known only at deploy time (another stack\'s, or a parameter).']);
    expect([...r.nodes.values()].find((n) => n.flag === 'unknown')?.lines).toEqual(['UNKNOWN IAM role', '${ImportValue(Other:Role)}']);
  });
});

describe('StackSets', () => {
  test('a TemplateBody that is not JSON is flagged as unreadable, never silently dropped', () => {
    const r = cfnAccessReport({ Resources: { S: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: 'Resources: {yaml' } } } }, { title: 't' });
    expect(r.findings.map((f) => [f.rule, f.resource])).toEqual([['unreadable', 'S']]);
  });

  test('a TemplateBody string of JSON is its own section', () => {
    const body = JSON.stringify(trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }));
    const r = cfnAccessReport({ Resources: { S: { Type: 'AWS::CloudFormation::StackSet', Properties: { StackSetName: 'x', TemplateBody: body } } } }, { title: 't' });
    expect(r.sections.map((s) => [s.title, s.findings.map((f) => f.rule)])).toEqual([['StackSet S (x): the stack every target account gets', ['principal-not-pinned']]]);
  });
});

test.each([
  [{ Ref: 'X' }, '${X}'],
  [{ 'Fn::GetAtt': ['X', 'Arn'] }, '${X.Arn}'],
  [{ 'Fn::Sub': ['a-${v}-${!lit}', { v: { Ref: 'P' } }] }, 'a-${P}-${lit}'],
  [{ 'Fn::ImportValue': 'e' }, '${ImportValue(e)}'],
])('renderCfnValue(%j)', (value, shown) => {
  expect(renderCfnValue(value)).toBe(shown);
});
