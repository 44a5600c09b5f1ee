/**
 * The access report's public API (jsii): one call that reads synthesized output and writes the
 * reports. For cdktf, call it after `app.synth()` with the app's outdir; for the CDK, see
 * AccessReportPlugin; for CI, the `saas-backup-constructs report` command.
 */
import * as path from 'path';
import { packageVersion, parseFormats, reportInputs } from './files';

/** Options of AccessReports.write. */
export interface AccessReportOptions {
  /**
   * The folder the reports are written to.
   * @default 'access-report' (in the current directory)
   */
  readonly outdir?: string;
  /**
   * The formats to write: `md` (Markdown with a Mermaid diagram per stack, and ACCESS.md),
   * `json` (access-report.json), `sarif` (access-report.sarif, SARIF 2.1.0).
   * @default ['md', 'json', 'sarif']
   */
  readonly formats?: string[];
  /**
   * The folder SARIF locations are relative to (the repository root, for GitHub code scanning).
   * @default - the current directory
   */
  readonly baseDir?: string;
}

/** What AccessReports.write wrote and found. */
export interface AccessReportSummary {
  /** The files written. */
  readonly files: string[];
  /** The stacks reported. */
  readonly stacks: number;
  /** Flagged findings (a CI gate fails on these). */
  readonly flagged: number;
  /** Values the report could not resolve (shown as unknown, never counted as safe). */
  readonly unknown: number;
}

/** The access report: who may assume which role, under which condition, and what it may then do. */
export class AccessReports {
  /**
   * Reads synthesized output (a cdk.out or cdktf.out folder, a CloudFormation template or a
   * Terraform JSON file, for each input) and writes the reports.
   *
   * @param inputs folders or files to read
   */
  public static write(inputs: string[], options: AccessReportOptions = {}): AccessReportSummary {
    const result = reportInputs(inputs, path.resolve(options.outdir ?? 'access-report'), parseFormats((options.formats ?? ['md', 'json', 'sarif']).join(',')), {
      base: options.baseDir,
      version: packageVersion(),
    });
    return { files: result.files, stacks: result.stacks, flagged: result.flagged, unknown: result.unknown };
  }

  private constructor() {}
}
