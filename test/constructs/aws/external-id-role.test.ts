import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ExternalIdRole, PaletteAccess, PaletteBackupLocation, TrustedPrincipal } from '../../../src';
import { problemsOf } from '../../../src/constructs/aws/private/common';
import { measurePolicy } from '../../../src/policies/aws/iam-json';
import { ownAccountTrustWarning } from '../../../src/policies/aws/trust-rules';
import { ACCOUNT } from '../../support/cfn';
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

  const VENDOR = '111111111111';
  const base = { vendor: TrustedPrincipal.account(VENDOR), externalId: 'ext-1' };

  test.each([
    ['the vendor\'s account root in the additional principals', [TrustedPrincipal.account(VENDOR)], 'additionalTrustedPrincipals[0] is in the vendor\'s account 111111111111 (vendor). '
      + 'Its statement has no external ID, so the vendor could assume the role without it, also when another of its customers asks it to: the confused-deputy problem '
      + 'the external ID exists to close. Remove it: the vendor\'s own statement already lets it in with the external ID'],
    ['a role of the vendor\'s account', [TrustedPrincipal.role(`arn:aws:iam::${VENDOR}:role/any`)], 'additionalTrustedPrincipals[0] is in the vendor\'s account 111111111111 (vendor).'],
    ['a user of the vendor\'s account', [TrustedPrincipal.user(`arn:aws:iam::${VENDOR}:user/any`)], 'additionalTrustedPrincipals[0] is in the vendor\'s account 111111111111 (vendor).'],
    ['the vendor\'s account in an account list', [TrustedPrincipal.accounts(['222222222222', VENDOR])], 'additionalTrustedPrincipals[0] is in the vendor\'s account 111111111111 (vendor).'],
    ['the same account twice', [TrustedPrincipal.account('222222222222'), TrustedPrincipal.account('222222222222')],
      'additionalTrustedPrincipals[1] trusts 222222222222 again (already additionalTrustedPrincipals[0]); list each principal once'],
    ['an account both alone and in a list', [TrustedPrincipal.account('222222222222'), TrustedPrincipal.accounts(['333333333333', '222222222222'])],
      'additionalTrustedPrincipals[1] trusts 222222222222 again (already additionalTrustedPrincipals[0]); list each principal once'],
    ['the same role twice', [TrustedPrincipal.role('arn:aws:iam::222222222222:role/r'), TrustedPrincipal.role('arn:aws:iam::222222222222:role/r')],
      'additionalTrustedPrincipals[1] trusts arn:aws:iam::222222222222:role/r again (already additionalTrustedPrincipals[0]); list each principal once'],
  ])('refuses %s', (_what, additional, message) => {
    expect(() => new ExternalIdRole(newStack(), 'Role', { ...base, additionalTrustedPrincipals: additional })).toThrow(message);
  });

  test('the vendor must be one principal', () => {
    expect(() => new ExternalIdRole(newStack(), 'Role', { vendor: TrustedPrincipal.organization('o-a1b2c3d4e5'), externalId: 'ext-1' })).toThrow(
      'vendor must be an account, a role or a user (TrustedPrincipal.account(), role() or user()): the vendor\'s statement names one principal and requires the external ID',
    );
  });

  test('prop names follow the vendor construct\'s names', () => {
    const problems = ExternalIdRole._checkProps(problemsOf(newStack()), { ...base, additionalTrustedPrincipals: [TrustedPrincipal.account(VENDOR)], externalId: 'a b' },
      { vendor: 'access.paletteAccountId', externalId: 'access.externalId', additionalTrustedPrincipals: 'access.additionalTrustedPrincipals' });
    expect(problems.problems).toEqual([
      expect.stringMatching(/^Invalid external ID "a b" at Stack \(access\.externalId\)/),
      expect.stringMatching(/^access\.additionalTrustedPrincipals\[0\] is in the vendor's account 111111111111 \(access\.paletteAccountId\)\./),
    ]);
  });

  test.each([
    ['AdministratorAccess', true],
    ['PowerUserAccess', true],
    ['AmazonS3FullAccess', true],
    ['AmazonS3ReadOnlyAccess', false],
  ])('a broad AWS managed policy (%s) for the vendor\'s role is a warning', (name, broad) => {
    const stack = newStack();
    new ExternalIdRole(stack, 'Role', { ...base, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(name)] });
    expect(warningsOf(stack)).toEqual(broad ? [`managedPolicies[0] is ${name}: the vendor that assumes this role with the external ID gets all of it, `
      + 'far more than its page asks for. Attach a policy of the actions and resources the vendor needs. [ack: saas-backup-constructs:BroadManagedPolicy]'] : []);
  });

  test('self-trust is a warning: the vendor in the stack\'s own account, "Account A" as the backup account itself', () => {
    const stack = newStack();
    new ExternalIdRole(stack, 'Role', { vendor: TrustedPrincipal.account(ACCOUNT), externalId: 'ext-1' });
    const stack2 = newStack();
    new ExternalIdRole(stack2, 'Role', { ...base, additionalTrustedPrincipals: [TrustedPrincipal.account(ACCOUNT)] });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(new RegExp(`^vendor is ${ACCOUNT}, this stack's own account: the vendor's account is normally another one`))]);
    expect(warningsOf(stack2)).toEqual([expect.stringMatching(new RegExp(`^additionalTrustedPrincipals\\[0\\] is ${ACCOUNT}, the account of the role and its bucket: "Account A" is the account where clusters run`))]);
    // One message for the account's root, whether an ExternalIdRole or TrustedPrincipal.accounts() (viaList) says it.
    expect(warningsOf(stack2)).toEqual([`${ownAccountTrustWarning('additionalTrustedPrincipals[0]', ACCOUNT, false)} [ack: saas-backup-constructs:TrustsOwnAccount]`]);
  });

  test('inside a vendor construct, warnings and errors name the props as the user wrote them', () => {
    const stack = newStack();
    new PaletteBackupLocation(stack, 'Palette', {
      locationName: 'backups',
      access: PaletteAccess.sts({ paletteAccountId: VENDOR, externalId: 'ext-1', clusterPrincipals: [TrustedPrincipal.account(ACCOUNT)] }),
    });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(new RegExp(`^access\\.clusterPrincipals\\[0\\] is ${ACCOUNT}, the account of the role and its bucket`))]);
    expect(() => new PaletteBackupLocation(newStack(), 'Palette', {
      locationName: 'backups',
      access: PaletteAccess.sts({ paletteAccountId: VENDOR, externalId: 'ext-1', clusterPrincipals: [TrustedPrincipal.role(`arn:aws:iam::${VENDOR}:role/x`)] }),
    })).toThrow(/access\.clusterPrincipals\[0\] is in the vendor's account 111111111111 \(access\.paletteAccountId\)\. Its statement has no external ID/);
  });

  test.each([
    ['"*" added through the escape hatch', new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sts:AssumeRole'] }),
      /\[Stack\/Role\] Trust policy statement 2: Principal \{"AWS": "\*"\} without an organization, OU or account condition trusts every AWS principal\./],
    ['the vendor without the external ID added through the escape hatch', new iam.PolicyStatement({ principals: [new iam.AccountPrincipal(VENDOR)], actions: ['sts:AssumeRole'] }),
      /\[Stack\/Role\] Trust policy statement 2 lets "arn:aws:iam::111111111111:root" of the vendor's account assume the role without the external ID/],
    ['an EKS web identity for every namespace added through the escape hatch', new iam.PolicyStatement({
      principals: [new iam.WebIdentityPrincipal(`arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`)],
      actions: ['sts:AssumeRoleWithWebIdentity'],
      conditions: { StringLike: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:*:velero-server' }, StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
    }), /Trust policy statement 2: the "oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/ABC:sub" condition does not pin the subject: "system:serviceaccount:\*:velero-server" matches every namespace/],
  ])('the guard refuses %s at synth', (_what, statement, message) => {
    const stack = newStack();
    const role = new ExternalIdRole(stack, 'Role', base);
    role.trustPolicy.addStatements(statement);
    expect(() => synth(stack)).toThrow(message);
  });

});

describe('ExternalIdRole: JavaScript callers (issue 19, class 7)', () => {
  const PRINCIPAL = 'a TrustedPrincipal (TrustedPrincipal.account("123456789012"), role(ARN), user(ARN), accounts([...]), organization(ID), '
    + 'organizationalUnits([...]) or eksServiceAccount({...}))';
  test.each<[string, any, string]>([
    ['no props', undefined, 'props are required: give vendor and externalId (at Stack/Role)'],
    ['no vendor', { externalId: 'palette-external-id' }, `vendor is required; ${PRINCIPAL} (at Stack/Role)`],
    ['the vendor\'s account as a string', { vendor: '111111111111', externalId: 'palette-external-id' }, `vendor is a string, not ${PRINCIPAL} (at Stack/Role)`],
    ['no externalId', { vendor: TrustedPrincipal.account('111111111111') }, 'externalId is required; the external ID the vendor generated (at Stack/Role)'],
    ['externalId as a number', { vendor: TrustedPrincipal.account('111111111111'), externalId: 1234 }, 'externalId must be a string, not a number (at Stack/Role)'],
    ['undefined in additionalTrustedPrincipals', { vendor: TrustedPrincipal.account('111111111111'), externalId: 'palette-external-id', additionalTrustedPrincipals: [undefined] },
      `additionalTrustedPrincipals[0] is required; ${PRINCIPAL} (at Stack/Role)`],
    ['a role ARN string in additionalTrustedPrincipals', {
      vendor: TrustedPrincipal.account('111111111111'), externalId: 'palette-external-id', additionalTrustedPrincipals: ['arn:aws:iam::222222222222:role/Nodes'],
    }, `additionalTrustedPrincipals[0] is a string, not ${PRINCIPAL} (at Stack/Role)`],
    ['an account ID string in additionalTrustedPrincipals (the TypeError of "p._validate is not a function" before)', {
      vendor: TrustedPrincipal.account('111111111111'), externalId: 'palette-external-id', additionalTrustedPrincipals: ['123456789012'],
    }, `additionalTrustedPrincipals[0] is a string, not ${PRINCIPAL} (at Stack/Role)`],
    ['additionalTrustedPrincipals as one account ID string', {
      vendor: TrustedPrincipal.account('111111111111'), externalId: 'palette-external-id', additionalTrustedPrincipals: '123456789012',
    }, 'additionalTrustedPrincipals must be a list of TrustedPrincipal, not a string (at Stack/Role)'],
    ['the vendor\'s account as a number', { vendor: 111111111111, externalId: 'palette-external-id' }, `vendor is a number (111111111111), not ${PRINCIPAL} (at Stack/Role)`],
    ['a string vendor and a string in additionalTrustedPrincipals: both named, in one error', {
      vendor: '111111111111', externalId: 'palette-external-id', additionalTrustedPrincipals: [TrustedPrincipal.account('222222222222'), '123456789012'],
    }, `2 problems:\n- vendor is a string, not ${PRINCIPAL} (at Stack/Role)\n- additionalTrustedPrincipals[1] is a string, not ${PRINCIPAL} (at Stack/Role)`],
    ['roleName as a number', { vendor: TrustedPrincipal.account('111111111111'), externalId: 'palette-external-id', roleName: 5 },
      'roleName must be a string, not a number (at Stack/Role)'],
  ])('%s: an error naming the prop, never a TypeError', (_what, props, message) => {
    let thrown: Error | undefined;
    try {
      new ExternalIdRole(new Stack(new App(), 'Stack'), 'Role', props);
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.name).toBe('InputValidationError');
    expect(thrown?.message).toBe(message);
  });
});
