import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ExternalIdRole, TrustedPrincipal, TrustedPrincipalKind } from '../../../src';
import { measurePolicy } from '../../../src/policies/aws/iam-json';
import { newStack, synth, warningsOf } from '../../support/stack';

describe('ExternalIdRole', () => {
  test('a vendor role ARN as the vendor principal, and role settings', () => {
    const stack = newStack();
    const policy = new iam.ManagedPolicy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::b/*'] })] });
    const role = new ExternalIdRole(stack, 'Role', {
      vendor: TrustedPrincipal.role('arn:aws:iam::111111111111:role/vendor-service'),
      externalId: 'ext-1',
      roleName: 'vendor-access',
      description: 'Vendor access',
      maxSessionDuration: Duration.hours(2),
      managedPolicies: [policy],
    });
    const { resolver } = synth(stack);
    const props = resolver.only('AWS::IAM::Role').resource.Properties;
    expect(props.RoleName).toBe('vendor-access');
    expect(props.MaxSessionDuration).toBe(7200);
    expect(props.Description).toBe('Vendor access');
    expect(props.ManagedPolicyArns).toEqual([{ Ref: resolver.only('AWS::IAM::ManagedPolicy').id }]);
    expect(resolver.resolve(props.AssumeRolePolicyDocument).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:role/vendor-service' });
    expect(role.externalId).toBe('ext-1');
    expect(role.trustPolicy.statementCount).toBe(1);
    expect(role.trustPolicy).toBe(role.role.assumeRolePolicy);
  });

  test('statements added later count against the quota too (checked at synth)', () => {
    const stack = newStack();
    const role = new ExternalIdRole(stack, 'Role', { vendor: TrustedPrincipal.account('111111111111'), externalId: 'ext-1', maxTrustPolicySize: 600 });
    expect(() => synth(stack)).not.toThrow();
    const stack2 = newStack();
    const role2 = new ExternalIdRole(stack2, 'Role', { vendor: TrustedPrincipal.account('111111111111'), externalId: 'ext-1', maxTrustPolicySize: 600 });
    for (let i = 0; i < 4; i++) role2.role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal(`22222222222${i}`)], actions: ['sts:AssumeRole'] }));
    expect(() => synth(stack2)).toThrow(/\[Stack\/Role\] The role trust policy is \d+-\d+ characters .* over the quota of 600/);
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': [synth(stack).resolver.only('AWS::IAM::Role').id, 'Arn'] });
  });

  test('near the quota, depending on the partition, is a warning', () => {
    const props = { vendor: TrustedPrincipal.account('111111111111'), externalId: 'ext-1' };
    const probe = newStack();
    const size = measurePolicy(probe.resolve(new ExternalIdRole(probe, 'Role', props).role.assumeRolePolicy));
    expect(size.characters - size.minimumCharacters).toBe('aws-us-gov'.length - 'aws'.length);
    const stack = newStack();
    new ExternalIdRole(stack, 'Role', { ...props, maxTrustPolicySize: size.minimumCharacters + 1 });
    expect(() => synth(stack)).not.toThrow();
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/may exceed the quota of \d+\./)]);
  });

  test('TrustedPrincipal factories', () => {
    expect(TrustedPrincipal.account('111111111111').kind).toBe(TrustedPrincipalKind.ACCOUNT);
    const role = TrustedPrincipal.role('arn:aws:iam::111111111111:role/x');
    expect(role.kind).toBe(TrustedPrincipalKind.ROLE);
    expect(role.principalArn(newStack())).toBe('arn:aws:iam::111111111111:role/x');
  });
});
