/**
 * The access report as an aws-cdk-lib policy-validation plugin, opt-in like cdk-nag:
 *
 *   new App({ policyValidationBeta1: [new AccessReportPlugin({ outdir: 'access-report' })] });
 *
 * `cdk synth` then writes the reports (Markdown, JSON, SARIF) and reports every flagged finding as
 * a violation (the CLI prints them and fails the synth). It reads the synthesized templates only,
 * through the pure reader in src/report, so what it reports is what will be deployed.
 */
import * as path from 'path';
import { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1 } from 'aws-cdk-lib';
import { packageVersion, parseFormats, reportTemplateFile, writeReports } from '../../report/files';
import { AccessReport } from '../../report/model';
import { RULES } from '../../report/sarif';

/** Props of AccessReportPlugin. */
export interface AccessReportPluginProps {
  /**
   * The folder the reports are written to.
   * @default - `access-report` beside the cloud assembly (cdk.out/../access-report)
   */
  readonly outdir?: string;
  /**
   * The formats to write: `md`, `json`, `sarif`.
   * @default ['md', 'json', 'sarif']
   */
  readonly formats?: string[];
  /**
   * Whether values the report cannot resolve (known only at deploy time) are violations too.
   * @default false - they are written to the reports as unknown, never counted as safe
   */
  readonly failOnUnknown?: boolean;
}

/** Writes the access report at `cdk synth` and reports its flagged findings as violations. */
export class AccessReportPlugin implements IPolicyValidationPluginBeta1 {
  /** The plugin's name, in violations and in `Acknowledge with 'NAME::RULE'`. */
  public readonly name: string = 'saas-backup-constructs-access-report';
  /** This package's version. */
  public readonly version?: string;
  /** The rule ids of the findings (docs/access-report.md). */
  public readonly ruleIds?: string[];
  private readonly props: AccessReportPluginProps;

  constructor(props: AccessReportPluginProps = {}) {
    this.props = props;
    this.version = packageVersion();
    this.ruleIds = Object.keys(RULES);
  }

  /** Writes the reports of the app's templates and returns the flagged findings as violations. */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const stacks = context.templatePaths.map((file) => reportTemplateFile(file));
    const first = context.templatePaths[0];
    const outdir = path.resolve(this.props.outdir ?? (first ? path.join(path.dirname(first), '..', 'access-report') : 'access-report'));
    const written = writeReports(stacks, outdir, parseFormats((this.props.formats ?? ['md', 'json', 'sarif']).join(',')), { version: this.version });
    const violations: PolicyViolationBeta1[] = [];
    const byRule = new Map<string, { description: string; resources: { resourceLogicalId: string; templatePath: string; locations: string[] }[] }>();
    const collect = (report: AccessReport, templatePath: string) => {
      const findings = [...report.findings, ...(this.props.failOnUnknown ? report.unknowns : [])];
      for (const f of findings) {
        const entry = byRule.get(f.rule) ?? { description: RULES[f.rule], resources: [] };
        entry.resources.push({ resourceLogicalId: f.resource, templatePath: report.file ?? templatePath, locations: [f.message] });
        byRule.set(f.rule, entry);
      }
      report.sections.forEach((s) => collect(s, templatePath));
    };
    stacks.forEach((s) => collect(s.report, s.file));
    for (const [rule, entry] of byRule) {
      violations.push({
        ruleName: rule,
        description: entry.description,
        violatingResources: entry.resources,
        fix: `See the access report in ${outdir} (docs/access-report.md explains each rule).`,
        severity: 'error',
      });
    }
    return {
      success: violations.length === 0,
      violations,
      pluginVersion: this.version,
      metadata: { reports: outdir, stacks: String(written.stacks), flagged: String(written.flagged), unknown: String(written.unknown) },
    };
  }
}
