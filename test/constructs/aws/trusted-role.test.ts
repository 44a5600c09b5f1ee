import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { createTrustedRole, unknownLengthIn } from '../../../src/constructs/aws/trusted-role';
import { policyDocument } from '../../../src/policies/aws/iam-json';
import { externalIdTrustStatement } from '../../../src/policies/aws/trust';
import { newStack, synth, warningsOf } from '../../support/stack';

const VENDOR = 'arn:aws:iam::111111111111:root';

function role(stack: Stack, maxTrustPolicySize?: number) {
  const scope = new Construct(stack, 'Trusted');
  return createTrustedRole(scope, {
    trustPolicy: policyDocument([externalIdTrustStatement(VENDOR, 'ext-1')]),
    assumedBy: new iam.ArnPrincipal(VENDOR),
    maxTrustPolicySize,
  });
}

describe('createTrustedRole', () => {
  test('the role is the scope\'s Resource and its trust policy is exactly the document', () => {
    const stack = newStack();
    const { role: r, trustPolicy } = role(stack);
    expect(r.node.id).toBe('Resource');
    expect(trustPolicy).toBe(r.assumeRolePolicy);
    const { resolver } = synth(stack);
    expect(resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'TrustVendorWithExternalId',
        Effect: 'Allow',
        Principal: { AWS: VENDOR },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } },
      }],
    });
  });

  test('the template renders the trust policy the synth-time check resolved: the document is resolved once for both', () => {
    const stack = newStack();
    const { role: r, trustPolicy } = role(stack);
    // Before synthesis, the property still resolves to the document's value (a test may read it).
    const cfn = r.node.defaultChild as iam.CfnRole;
    const before = stack.resolve(cfn.assumeRolePolicyDocument);
    expect(before).toEqual(stack.resolve(trustPolicy));
    const resolve = jest.spyOn(trustPolicy, 'resolve');
    const { resolver } = synth(stack);
    const rendered = resolve.mock.calls.filter(([context]) => !context.preparing);
    expect(rendered).toHaveLength(1);
    expect(resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument)).toEqual(resolver.resolve(before));
  });

  test('a trust policy replaced through the escape hatch is rendered as given, and the role\'s document is still checked', () => {
    const stack = newStack();
    const { role: r } = role(stack);
    const replaced = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' }] };
    (r.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = replaced;
    const { resolver } = synth(stack);
    expect(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument).toEqual(replaced);

    const checked = newStack();
    const { role: other } = role(checked);
    (other.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = replaced;
    other.assumeRolePolicy?.addStatements(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sts:AssumeRole'] }));
    expect(() => synth(checked)).toThrow(/Principal \{"AWS": "\*"\} without an organization, OU or account condition/);
  });

  test('statements added through the escape hatch are measured at synth', () => {
    const stack = newStack();
    const { trustPolicy } = role(stack, 400);
    trustPolicy.addStatements(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('222222222222')], actions: ['sts:AssumeRole'] }));
    trustPolicy.addStatements(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('333333333333')], actions: ['sts:AssumeRole'] }));
    expect(() => synth(stack)).toThrow(/\[Stack\/Trusted\] The role trust policy is \d+-\d+ characters .* over the quota of 400\./);
  });

  test('a parameter without MaxLength makes the size unbounded: a warning, never counted as empty', () => {
    const stack = newStack();
    const { trustPolicy } = role(stack);
    const p = new CfnParameter(stack, 'ClusterRole', { type: 'String' });
    trustPolicy.addStatements(new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(p.valueAsString)], actions: ['sts:AssumeRole'] }));
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(/^The role trust policy is at least \d+ characters \(IAM counts it without white space\) depending on 1 value\(s\) known only at deploy time, and may exceed the quota of 2048\./),
      // An escape-hatch statement the guard cannot check is named.
      expect.stringMatching(/^Trust policy statement 2 names a principal known only at deploy time, so the trust guard could not check it\./),
    ]);
  });
});

describe('unknownLengthIn', () => {
  test('parameters by MaxLength or a 12-digit pattern, OIDC providers and roles by their ARNs, others unbounded', () => {
    const stack = newStack();
    new CfnParameter(stack, 'Account', { type: 'String', allowedPattern: '^\\d{12}$' });
    new CfnParameter(stack, 'Short', { type: 'String', minLength: 3, maxLength: 40 });
    new CfnParameter(stack, 'Free', { type: 'String' });
    new iam.CfnOIDCProvider(stack, 'Provider', { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC', clientIdList: ['sts.amazonaws.com'] });
    new iam.CfnRole(stack, 'Named', { assumeRolePolicyDocument: {}, roleName: 'velero' });
    new iam.CfnRole(stack, 'Unnamed', { assumeRolePolicyDocument: {} });
    const bounds = unknownLengthIn(stack);
    expect(bounds({ Ref: 'Account' })).toEqual([12, 12]);
    expect(bounds({ Ref: 'Short' })).toEqual([3, 40]);
    expect(bounds({ Ref: 'Free' })).toBeUndefined();
    const provider = 'oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
    expect(bounds({ Ref: 'Provider' })).toEqual([`arn:aws:iam::123456789012:${provider}`.length, `arn:aws-us-gov:iam::123456789012:${provider}`.length]);
    expect(bounds({ 'Fn::GetAtt': ['Named', 'Arn'] })).toEqual(['arn:aws:iam::123456789012:role/velero'.length, 'arn:aws-us-gov:iam::123456789012:role/velero'.length]);
    expect(bounds({ 'Fn::GetAtt': ['Unnamed', 'Arn'] })).toEqual(['arn:aws:iam::123456789012:role/x'.length, `arn:aws-us-gov:iam::123456789012:role/${'x'.repeat(64)}`.length]);
    expect(bounds({ 'Fn::ImportValue': 'Other' })).toBeUndefined();
    expect(bounds({ Ref: 'NotHere' })).toBeUndefined();
  });
});
