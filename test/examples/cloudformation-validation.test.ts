import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CDK_JSON_CONTEXT } from '../support/nag';

// jest's setup turns aws-cdk-lib's CloudFormation validator off for speed (test/support/jest-setup.ts).
// This file turns it back on and runs the AWS examples app exactly as `npm run synth` does.
const FAIL_ON_ERRORS = '@aws-cdk/core:validateAgainstDefaultRules';

async function withValidator(fn: () => void | Promise<void>): Promise<void> {
  const saved = { ...process.env };
  process.env.CDK_VALIDATION = 'true';
  try {
    await fn();
  } finally {
    process.env = saved;
  }
}

describe("aws-cdk-lib's CloudFormation validator", () => {
  test('every AWS example passes it, with errors failing synthesis as in npm run synth', async () => {
    expect(CDK_JSON_CONTEXT[FAIL_ON_ERRORS]).toBe(true);
    const outdir = mkdtempSync(join(tmpdir(), 'cfn-validate-'));
    await withValidator(async () => {
      process.env.CDK_OUTDIR = outdir;
      process.env.CDK_CONTEXT_JSON = JSON.stringify(CDK_JSON_CONTEXT);
      // The examples app synthesizes itself when loaded, as `npm run synth` runs it. It is loaded in
      // this file's module registry, so the next test's App reuses the validator's engine (about 1 s
      // to start).
      jest.requireActual('../../examples/aws/app');
    });
    const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    expect(templates.length).toBeGreaterThanOrEqual(9);
    const report = join(outdir, 'validation-report.json');
    const violations = existsSync(report)
      ? JSON.parse(readFileSync(report, 'utf8')).pluginReports.flatMap((p: { violations: unknown[] }) => p.violations)
      : [];
    expect(violations).toEqual([]);
  }, 120_000);

  test('is really on in this file: a template CloudFormation would reject fails synthesis', async () => {
    await withValidator(() => {
      const app = new App({ context: { [FAIL_ON_ERRORS]: true }, outdir: mkdtempSync(join(tmpdir(), 'cfn-validate-bad-')) });
      const stack = new Stack(app, 'Broken');
      new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket', properties: { NoSuchProperty: 'x' } });
      expect(() => app.synth()).toThrow(/'NoSuchProperty' was unexpected/);
    });
  }, 120_000);
});
