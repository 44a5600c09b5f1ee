/**
 * Reading synthesized output from disk and writing the reports. Pure of back ends (Node's fs and
 * path only): a cloud assembly (`manifest.json` with `artifacts`, nested assemblies of stages,
 * nested stacks' templates), a cdktf output (`manifest.json` with `stacks`), or one template /
 * Terraform JSON file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cfnAccessReport } from './cloudformation';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { AccessReport, Json, findingCount, unknown, unknownCount } from './model';
import { renderSarif } from './sarif';
import { terraformAccessReport } from './terraform';

/** The report of one stack, with the file it was read from. */
export interface StackReport {
  readonly name: string;
  readonly report: AccessReport;
  /** The template or Terraform JSON, absolute. */
  readonly file: string;
}

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Nested stacks (`AWS::CloudFormation::Stack`) of a template: followed when their template is beside it, named otherwise. */
function followNestedStacks(report: AccessReport, template: Json, dir: string, seen: Set<string>): void {
  const resources: Record<string, Json> = template?.Resources ?? {};
  let nested: string[] | undefined;
  for (const [id, r] of Object.entries(resources)) {
    if (r?.Type !== 'AWS::CloudFormation::Stack') continue;
    const assetPath = r.Metadata?.['aws:asset:path'];
    let file = typeof assetPath === 'string' ? path.join(dir, assetPath) : undefined;
    if (!file || !fs.existsSync(file)) {
      // aws-cdk names a nested stack's template after its construct path, as the logical id does.
      nested = nested ?? fs.readdirSync(dir).filter((f) => f.endsWith('.nested.template.json'));
      const stem = id.replace(/NestedStack.*$/, '');
      const match = stem.length >= 4 ? nested.filter((f) => f.includes(stem)) : [];
      file = match.length === 1 ? path.join(dir, match[0]) : undefined;
    }
    if (!file || seen.has(file)) {
      unknown(report, id, `Nested stack ${id}: its template (${JSON.stringify(r.Properties?.TemplateURL ?? null).slice(0, 120)}) is not beside this template, so the access it grants is not reported here.`);
      continue;
    }
    seen.add(file);
    const inner = readJson(file);
    const section = cfnAccessReport(inner, { title: `Nested stack ${id}`, source: `the nested stack template ${path.basename(file)}` });
    section.file = file;
    followNestedStacks(section, inner, dir, seen);
    report.sections.push(section);
  }
}

/** A CloudFormation template file as a report. */
export function reportTemplateFile(file: string, name = path.basename(file).replace(/\.template\.json$|\.json$/, '')): StackReport {
  const template = readJson(file);
  const report = cfnAccessReport(template, { title: name, source: `the CloudFormation template ${path.basename(file)}` });
  report.file = file;
  followNestedStacks(report, template, path.dirname(file), new Set([file]));
  return { name, report, file };
}

/** A Terraform JSON file as a report. */
export function reportTerraformFile(file: string, name: string): StackReport {
  const report = terraformAccessReport(readJson(file), { title: name, source: `the Terraform configuration ${path.basename(path.dirname(file))}/${path.basename(file)}` });
  report.file = file;
  return { name, report, file };
}

/** Every stack of a cloud assembly (and of its nested assemblies). */
export function readCloudAssembly(dir: string, onStack: (s: StackReport) => void = () => {}): StackReport[] {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const out: StackReport[] = [];
  for (const [name, a] of Object.entries<Json>(manifest.artifacts ?? {})) {
    if (a?.type === 'cdk:cloud-assembly' && a.properties?.directoryName) {
      out.push(...readCloudAssembly(path.join(dir, a.properties.directoryName), onStack));
    } else if (a?.type === 'aws:cloudformation:stack' && a.properties?.templateFile) {
      const title = a.displayName && a.displayName !== name ? `${name} (${a.displayName})` : name;
      const stack = { ...reportTemplateFile(path.join(dir, a.properties.templateFile), title), name };
      onStack(stack);
      out.push(stack);
    }
  }
  return out;
}

/** Every stack of a cdktf output folder. */
export function readTerraformOut(dir: string, onStack: (s: StackReport) => void = () => {}): StackReport[] {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  return Object.entries<Json>(manifest.stacks ?? {}).map(([name, s]) => {
    const stack = reportTerraformFile(path.join(dir, String(s.synthesizedStackPath)), name);
    onStack(stack);
    return stack;
  });
}

/** What a path holds: a cdk.out, a cdktf.out, a template, or a Terraform JSON file. */
export function readInput(input: string, onStack: (s: StackReport) => void = () => {}): StackReport[] {
  if (fs.statSync(input).isDirectory()) {
    const manifestFile = path.join(input, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new Error(`${input}: no manifest.json (expected a cdk.out or cdktf.out folder)`);
    const manifest = readJson(manifestFile);
    if (manifest.artifacts) return readCloudAssembly(input, onStack);
    if (manifest.stacks) return readTerraformOut(input, onStack);
    throw new Error(`${input}/manifest.json has neither "artifacts" (cdk.out) nor "stacks" (cdktf.out)`);
  }
  const json = readJson(input);
  const stack = json && typeof json === 'object' && (json.resource || json.data || json.terraform || json.provider)
    ? reportTerraformFile(input, path.basename(input).replace(/\.tf\.json$|\.json$/, ''))
    : reportTemplateFile(input);
  onStack(stack);
  return [stack];
}

/** The output formats. */
export type Format = 'md' | 'json' | 'sarif';

/** What writeReports wrote. */
export interface Written {
  readonly files: string[];
  readonly stacks: number;
  readonly flagged: number;
  readonly unknown: number;
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * Writes the reports into `outdir`: `<stack>.access.md` per stack and `ACCESS.md` (md),
 * `access-report.json` (json), `access-report.sarif` (sarif). SARIF locations are relative to `base`.
 */
export function writeReports(stacks: StackReport[], outdir: string, formats: Format[], options: { base?: string; version?: string } = {}): Written {
  fs.mkdirSync(outdir, { recursive: true });
  const files: string[] = [];
  const write = (file: string, text: string) => {
    fs.writeFileSync(file, text);
    files.push(file);
  };
  if (formats.includes('md')) {
    const used = new Set<string>();
    const rows: string[] = [];
    for (const s of stacks) {
      let base = fileSafe(s.name);
      while (used.has(base)) base = `${base}-1`;
      used.add(base);
      const file = path.join(outdir, `${base}.access.md`);
      write(file, renderMarkdown(s.report));
      const flagged = findingCount(s.report);
      const unknowns = unknownCount(s.report);
      rows.push(`| [${s.name}](${path.basename(file)}) | ${flagged === 0 ? 'none' : `**${flagged} flagged**`} | ${unknowns === 0 ? 'none' : `${unknowns} unknown`} |`);
    }
    write(path.join(outdir, 'ACCESS.md'), ['# Access reports', '', 'One report per stack, derived from the synthesized templates by saas-backup-constructs.', '', '| Stack | Findings | Unknown |', '|---|---|---|', ...rows, ''].join('\n'));
  }
  if (formats.includes('json')) write(path.join(outdir, 'access-report.json'), renderJson(stacks.map((s) => s.report)));
  if (formats.includes('sarif')) {
    const base = options.base ?? process.cwd();
    write(path.join(outdir, 'access-report.sarif'), renderSarif(stacks.map((s) => ({
      report: s.report,
      uri: path.relative(base, s.file).split(path.sep).join('/'),
      text: fs.readFileSync(s.file, 'utf8'),
    })), options.version ?? '0.0.0'));
  }
  return {
    files,
    stacks: stacks.length,
    flagged: stacks.reduce((n, s) => n + findingCount(s.report), 0),
    unknown: stacks.reduce((n, s) => n + unknownCount(s.report), 0),
  };
}

export interface ReportInputsOptions {
  /** SARIF locations are relative to this folder. */
  readonly base?: string;
  /** The tool's version in SARIF. */
  readonly version?: string;
  /** Called after each stack is read: how many so far, and the input being read. */
  readonly progress?: (stacks: number, input: string) => void;
}

/** What reportInputs read and wrote. */
export interface ReportInputsResult extends Written {
  readonly reports: StackReport[];
}

/** Reads every input and writes the reports: the one function behind the bin, the CDK plugin and the cdktf call. */
export function reportInputs(inputs: string[], outdir: string, formats: Format[], options: ReportInputsOptions = {}): ReportInputsResult {
  const reports: StackReport[] = [];
  let read = 0;
  for (const input of inputs) reports.push(...readInput(input, () => options.progress?.(++read, input)));
  return { ...writeReports(reports, outdir, formats, options), reports };
}

/** Formats from a comma-separated list (`md,json,sarif`). */
export function parseFormats(text: string): Format[] {
  const out = text.split(',').map((f) => f.trim()).filter((f) => f.length > 0);
  const bad = out.filter((f) => !['md', 'json', 'sarif'].includes(f));
  if (bad.length > 0) throw new Error(`Unknown format ${bad.map((b) => `"${b}"`).join(', ')}: use md, json or sarif (comma-separated).`);
  return out as Format[];
}

/** This package's version (for SARIF's tool version). */
export function packageVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String(require(path.join(__dirname, '..', '..', 'package.json')).version);
  } catch {
    return '0.0.0';
  }
}
