import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import * as cdk from 'aws-cdk-lib';
import { App, Stack } from 'aws-cdk-lib';
import { AccountPrincipal, AnyPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { AccessReportPlugin } from '../../../src/constructs/aws/access-report-plugin';
import { folderWith } from '../../support/files';

function app(reports: string, plugin = new AccessReportPlugin({ outdir: reports })): App {
  return new App({ outdir: folderWith('cdk-out-', {}), policyValidationBeta1: [plugin] });
}

/**
 * What a synth that validation fails reports: aws-cdk-lib throws with the report (2.252 and later), or,
 * before (the peer floor), prints it and sets process.exitCode to 1, which fails `cdk synth` just the same.
 * Empty when the synth passed.
 */
function failedSynth(a: App): string {
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  const exitCode = process.exitCode;
  try {
    a.synth();
    return process.exitCode === 1 ? printed.join('\n') : '';
  } catch (e) {
    return (e as Error).message;
  } finally {
    process.exitCode = exitCode;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('AccessReportPlugin (aws-cdk-lib policy validation, opt-in)', () => {
  test('a clean app synthesizes, and the reports are written', () => {
    const reports = folderWith('reports-', {});
    const a = app(reports);
    new Role(new Stack(a, 'Clean'), 'Reader', { assumedBy: new AccountPrincipal('111122223333') });
    a.synth();
    expect(readFileSync(join(reports, 'ACCESS.md'), 'utf8')).toContain('| [Clean](Clean.access.md) | none | none |');
    expect(existsSync(join(reports, 'access-report.sarif'))).toBe(true);
    expect(existsSync(join(reports, 'access-report.json'))).toBe(true);
  });

  test('an unpinned "*" trust is a violation: synth fails and names the rule and the resource', () => {
    const reports = folderWith('reports-', {});
    const a = app(reports);
    // aws-cdk-lib's own Role (not the library's guarded constructs) lets AnyPrincipal through.
    new Role(new Stack(a, 'Open'), 'Anyone', { assumedBy: new AnyPrincipal() });
    // The report's layout is aws-cdk-lib's and differs between releases: what it must name is the plugin,
    // the rule and the resource.
    const report = failedSynth(a);
    for (const part of ['saas-backup-constructs-access-report', 'principal-not-pinned', 'Open/Anyone/Resource']) expect(report).toContain(part);
    expect(readFileSync(join(reports, 'Open.access.md'), 'utf8')).toContain('**FLAGGED** `principal-not-pinned`');
  });

  // aws-cdk-lib has Validations from 2.252 on: at the peer floor (2.200) this case does not apply.
  const withValidations = (cdk as { Validations?: typeof cdk.Validations }).Validations ? test : test.skip;
  withValidations('Validations.of(app).addPlugins takes it too (aws-cdk-lib 2.252+, no deprecation notice): the same violation', () => {
    const reports = folderWith('reports-', {});
    const a = new App({ outdir: folderWith('cdk-out-', {}) });
    cdk.Validations.of(a).addPlugins(new AccessReportPlugin({ outdir: reports }));
    new Role(new Stack(a, 'Open'), 'Anyone', { assumedBy: new AnyPrincipal() });
    expect(() => a.synth()).toThrow(/Open\/Anyone\/Resource \(Anyone2DCC80AB\)[\s\S]*principal-not-pinned/);
    expect(readFileSync(join(reports, 'Open.access.md'), 'utf8')).toContain('**FLAGGED** `principal-not-pinned`');
  });

  test('the violation it reports', () => {
    const reports = folderWith('reports-', {});
    const plugin = new AccessReportPlugin({ outdir: reports, formats: ['md'] });
    const dir = folderWith('t-', {
      'Open.template.json': JSON.stringify({
        Resources: { Anyone: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } } },
      }),
    });
    const result = plugin.validate({ templatePaths: [join(dir, 'Open.template.json')] } as never);
    expect(result.success).toBe(false);
    expect(result.violations).toEqual([{
      ruleName: 'principal-not-pinned',
      description: 'A "*" principal (or a parameter that defaults to "*") is not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.',
      violatingResources: [{
        resourceLogicalId: 'Anyone',
        templatePath: join(dir, 'Open.template.json'),
        locations: ['AWS::IAM::Role Anyone trust policy · statement 1: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.'],
      }],
      fix: `See the access report in ${reports} (docs/access-report.md explains each rule).`,
      severity: 'error',
    }]);
    expect(result.metadata).toEqual({ reports, stacks: '1', flagged: '1', unknown: '0' });
  });

  test('unknowns are violations only when asked', () => {
    const dir = folderWith('t-', {
      'U.template.json': JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { 'Fn::If': ['C', {}, {}] } } } } }),
    });
    const context = { templatePaths: [join(dir, 'U.template.json')] } as never;
    expect(new AccessReportPlugin({ outdir: folderWith('r-', {}) }).validate(context).success).toBe(true);
    expect(new AccessReportPlugin({ outdir: folderWith('r-', {}), failOnUnknown: true }).validate(context).violations.map((v) => v.ruleName)).toEqual(['unknown']);
  });

  test('by default the reports go beside the cloud assembly', () => {
    const root = folderWith('default-', {});
    const a = new App({ outdir: join(root, 'cdk.out'), policyValidationBeta1: [new AccessReportPlugin()] });
    new Role(new Stack(a, 'Clean'), 'Reader', { assumedBy: new AccountPrincipal('111122223333') });
    a.synth();
    expect(existsSync(join(root, 'access-report', 'ACCESS.md'))).toBe(true);
  });
});
