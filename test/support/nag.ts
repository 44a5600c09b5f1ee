import { readFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ACKNOWLEDGED_RULES_METADATA_KEY } from '../../src/constructs/aws/private/nag';

/** The context of the examples app (cdk.json): the feature flags of a new CDK project. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;

/** An app like the examples app: cdk.json's context, output in a temporary directory. */
export function exampleApp(): App {
  return new App({ context: CDK_JSON_CONTEXT, outdir: mkdtempSync(join(tmpdir(), 'nag-')) });
}

/** A violation cdk-nag reported. */
export interface NagViolation {
  readonly rule: string;
  readonly path: string;
  readonly description: string;
}

/**
 * Synthesizes `app` with cdk-nag's AwsSolutions pack as a CDK policy-validation plugin and returns
 * every unacknowledged violation (empty when the app is clean).
 */
export function awsSolutionsViolations(app: App): NagViolation[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return [];
  } catch (e) {
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8'));
    const violations: NagViolation[] = report.pluginReports.flatMap((p: any) => p.violations.flatMap((v: any) =>
      v.violatingConstructs.map((c: any) => ({ rule: v.ruleName, path: c.constructPath, description: v.description }))));
    if (violations.length === 0) throw e;
    return violations;
  }
}

/**
 * The cdk-nag test of an example stack: synthesizing its app with AwsSolutions gives no
 * unacknowledged finding, and every acknowledgement in the stack states a reason.
 */
export function expectAwsSolutionsClean(app: App, stack: Stack): void {
  expect(awsSolutionsViolations(app)).toEqual([]);
  for (const ack of acknowledgements(stack)) {
    expect(ack.reason.length).toBeGreaterThan(40);
  }
}

/** Every acknowledgement recorded in the tree below `scope`: rule ID, path and reason. */
export function acknowledgements(scope: IConstruct): Array<{ id: string; path: string; reason: string }> {
  return scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, unknown>).map(([id, reason]) => ({
      id: id.replace(/^annotation::/i, ''),
      path: c.node.path,
      reason: typeof reason === 'string' ? reason : JSON.stringify(reason),
    }))));
}

/** The stacks of an app. */
export function stacksOf(app: App): Stack[] {
  return app.node.children.filter((c): c is Stack => Stack.isStack(c));
}
