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
import { linkText, renderMarkdown } from './markdown';
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

/** A path for a message: as it is, or JSON-quoted when it holds a control character (an escape sequence never reaches a terminal). */
function shown(file: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(file) ? JSON.stringify(file) : file;
}

/**
 * A JSON file's content. When it is not JSON, the error names the file and never quotes it (a
 * template path may lead anywhere; its first bytes are not the report's to print).
 */
function readJson(file: string): Json {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${shown(file)} is not JSON (expected a CloudFormation template, a Terraform JSON file or a manifest.json)`);
  }
}

/** Where reading may go: the real path of the folder given (or of a file's folder), and the assembly folders read so far. */
interface Scope {
  readonly root: string;
  readonly visited: Set<string>;
}

/** The scope of an input folder (or of the folder of an input file). */
function scopeOf(dir: string): Scope {
  return { root: fs.realpathSync(dir), visited: new Set() };
}

/** A value quoted for an error message: JSON, at most 200 characters. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/**
 * The file or folder a value of `where` (a manifest or template, and the field) names, relative to
 * `dir`: refused when it is not a string, or when its real path (symbolic links followed) is not
 * inside the scope's root. Returned as it was always named (`dir` joined with the value), whether or
 * not it exists (the caller says when it is missing).
 */
function inside(scope: Scope, dir: string, value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${where} is ${quoted(value)}: not a relative path, so nothing is read.`);
  const refuse = () => new Error(`${where} is ${quoted(value)}, which leads outside ${scope.root} (the folder given): refused, nothing is read from it.`);
  const named = path.join(dir, value);
  const joined = path.resolve(fs.realpathSync(dir), value);
  const within = (p: string) => p === scope.root || p.startsWith(scope.root.endsWith(path.sep) ? scope.root : `${scope.root}${path.sep}`);
  if (!within(joined)) throw refuse();
  let real: string;
  try {
    real = fs.realpathSync(joined);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return named;
    throw e;
  }
  if (!within(real)) throw refuse();
  return named;
}

/** A file named by `where` inside the scope, read as JSON; a folder, a device or a pipe is refused. */
function readInside(scope: Scope, dir: string, value: unknown, where: string): { file: string; json: Json } {
  return readFileNamed(inside(scope, dir, value, where), value, where);
}

/** A file already found inside the scope (named `value` by `where`), read as JSON; a folder, a device or a pipe is refused. */
function readFileNamed(file: string, value: unknown, where: string): { file: string; json: Json } {
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) throw new Error(`${where} is ${quoted(value)}, which is not a file: refused.`);
  return { file, json: readJson(file) };
}

/** Nested stacks (`AWS::CloudFormation::Stack`) of a template: followed when their template is beside it, named otherwise. */
function followNestedStacks(report: AccessReport, template: Json, templateFile: string, seen: Set<string>, scope: Scope): void {
  const resources: Record<string, Json> = template?.Resources ?? {};
  const dir = path.dirname(templateFile);
  let nested: string[] | undefined;
  for (const [id, r] of Object.entries(resources)) {
    if (r?.Type !== 'AWS::CloudFormation::Stack') continue;
    const assetPath = r.Metadata?.['aws:asset:path'];
    const where = `${shown(templateFile)}: nested stack ${quoted(id)}`;
    let file = typeof assetPath === 'string' ? inside(scope, dir, assetPath, `${where} "aws:asset:path"`) : undefined;
    if (!file || !fs.existsSync(file)) {
      // aws-cdk names a nested stack's template after its construct path, as the logical id does.
      nested = nested ?? fs.readdirSync(dir).filter((f) => f.endsWith('.nested.template.json'));
      const stem = id.replace(/NestedStack.*$/, '');
      const match = stem.length >= 4 ? nested.filter((f) => f.includes(stem)) : [];
      file = match.length === 1 ? inside(scope, dir, match[0], `${where}: the template beside it`) : undefined;
    }
    const real = file && fs.existsSync(file) ? fs.realpathSync(file) : undefined;
    if (!file || !real || seen.has(real)) {
      unknown(report, id, `Nested stack ${id}: its template (${JSON.stringify(r.Properties?.TemplateURL ?? null).slice(0, 120)}) is not beside this template, so the access it grants is not reported here.`);
      continue;
    }
    seen.add(real);
    const inner = readFileNamed(file, path.relative(dir, file), where).json;
    const section = cfnAccessReport(inner, { title: `Nested stack ${id}`, source: `the nested stack template ${path.basename(file)}` });
    section.file = file;
    followNestedStacks(section, inner, file, seen, scope);
    report.sections.push(section);
  }
}

/** A CloudFormation template file as a report. */
export function reportTemplateFile(file: string, name = path.basename(file).replace(/\.template\.json$|\.json$/, ''), scope: Scope = scopeOf(path.dirname(file))): StackReport {
  const template = readJson(file);
  const report = cfnAccessReport(template, { title: name, source: `the CloudFormation template ${path.basename(file)}` });
  report.file = file;
  followNestedStacks(report, template, file, new Set([fs.existsSync(file) ? fs.realpathSync(file) : file]), scope);
  return { name, report, file };
}

/** A Terraform JSON file as a report. */
export function reportTerraformFile(file: string, name: string): StackReport {
  const report = terraformAccessReport(readJson(file), { title: name, source: `the Terraform configuration ${path.basename(path.dirname(file))}/${path.basename(file)}` });
  report.file = file;
  return { name, report, file };
}

/** Every stack of a cloud assembly (and of its nested assemblies). */
export function readCloudAssembly(dir: string, onStack: (s: StackReport) => void = () => {}, scope: Scope = scopeOf(dir)): StackReport[] {
  const real = fs.realpathSync(dir);
  // A nested assembly read before (directoryName ".", or a cycle) is not read again.
  if (scope.visited.has(real)) return [];
  scope.visited.add(real);
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = readInside(scope, dir, 'manifest.json', `${shown(dir)}: its manifest.json`).json;
  const out: StackReport[] = [];
  for (const [name, a] of Object.entries<Json>(manifest.artifacts ?? {})) {
    if (a?.type === 'cdk:cloud-assembly' && a.properties?.directoryName) {
      out.push(...readCloudAssembly(inside(scope, dir, a.properties.directoryName, `${shown(manifestFile)}: artifact ${quoted(name)} "directoryName"`), onStack, scope));
    } else if (a?.type === 'aws:cloudformation:stack' && a.properties?.templateFile) {
      const title = a.displayName && a.displayName !== name ? `${name} (${a.displayName})` : name;
      const where = `${shown(manifestFile)}: artifact ${quoted(name)} "templateFile"`;
      const stack = { ...reportTemplateFile(readInside(scope, dir, a.properties.templateFile, where).file, title, scope), name };
      onStack(stack);
      out.push(stack);
    }
  }
  return out;
}

/** Every stack of a cdktf output folder. */
export function readTerraformOut(dir: string, onStack: (s: StackReport) => void = () => {}, scope: Scope = scopeOf(dir)): StackReport[] {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = readInside(scope, dir, 'manifest.json', `${shown(dir)}: its manifest.json`).json;
  return Object.entries<Json>(manifest.stacks ?? {}).map(([name, s]) => {
    const where = `${shown(manifestFile)}: stack ${quoted(name)} "synthesizedStackPath"`;
    const stack = reportTerraformFile(readInside(scope, dir, s?.synthesizedStackPath, where).file, name);
    onStack(stack);
    return stack;
  });
}

/** What a path holds: a cdk.out, a cdktf.out, a template, or a Terraform JSON file. */
export function readInput(input: string, onStack: (s: StackReport) => void = () => {}): StackReport[] {
  if (fs.statSync(input).isDirectory()) {
    const manifestFile = path.join(input, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new Error(`${input}: no manifest.json (expected a cdk.out or cdktf.out folder)`);
    const scope = scopeOf(input);
    const manifest = readInside(scope, input, 'manifest.json', `${shown(input)}: its manifest.json`).json;
    if (manifest.artifacts) return readCloudAssembly(input, onStack, scope);
    if (manifest.stacks) return readTerraformOut(input, onStack, scope);
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

/**
 * Writes a report file (missing, or a regular file: checkTarget said so) without writing through it:
 * an old file is removed and a new one created with O_EXCL (`wx`), which fails rather than follow a
 * link made in between, and never writes into another name of a hard-linked file.
 */
function writeNew(file: string, text: string): void {
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, text, { flag: 'wx' });
}

/** Refuses a report's target that is a symbolic link or not a regular file (checked for every target before any is written). */
function checkTarget(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (stat.isSymbolicLink()) throw new Error(`${file} is a symbolic link: refused, the report never writes through a link. Remove it, or write the report to another folder (--out).`);
  if (!stat.isFile()) throw new Error(`${file} exists and is not a regular file: refused. Remove it, or write the report to another folder (--out).`);
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
  const texts: string[] = [];
  const write = (file: string, text: string) => {
    files.push(file);
    texts.push(text);
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
      rows.push(`| [${linkText(s.name)}](${path.basename(file)}) | ${flagged === 0 ? 'none' : `**${flagged} flagged**`} | ${unknowns === 0 ? 'none' : `${unknowns} unknown`} |`);
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
  files.forEach(checkTarget);
  files.forEach((file, i) => writeNew(file, texts[i]));
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
