#!/usr/bin/env node
/**
 * `saas-backup-constructs report <inputs...> [--format md,json,sarif] [--out DIR] [--fail-on-unknown]`
 *
 * Exit codes: 0 nothing flagged; 1 flagged findings (or, with --fail-on-unknown, unknowns);
 * 2 usage or read error. Progress goes to stderr only when stderr is a terminal and the input is
 * large; the summary line goes to stderr, so stdout stays empty for pipes.
 */
import * as path from 'path';
import { Format, packageVersion, parseFormats, reportInputs } from './files';

/** Progress is shown past this many stacks (a small input needs none). */
const PROGRESS_AFTER = 20;

const USAGE = `Usage: saas-backup-constructs report <cdk.out | cdktf.out | template.json | cdk.tf.json>... [options]

Writes who may assume which role (or act as which identity), under which condition, and what it may
then do, for every stack, derived from the synthesized templates.

Options:
  --format LIST       md, json, sarif (comma-separated; default md,json,sarif)
  --out DIR           where to write (default ./access-report)
  --base DIR          SARIF file locations are relative to DIR (default: the current directory)
  --fail-on-unknown   also exit 1 when a value could not be resolved
  --help              this text

Exit code: 0 nothing flagged, 1 flagged findings, 2 usage or read error.`;

/** Runs the command; returns the exit code. */
export function main(argv: string[], stderr: NodeJS.WriteStream = process.stderr): number {
  const args = [...argv];
  if (args[0] === 'report') args.shift();
  const inputs: string[] = [];
  let formats: Format[] = ['md', 'json', 'sarif'];
  let out = 'access-report';
  let base: string | undefined;
  let failOnUnknown = false;
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const value = () => {
        const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
        if (v === undefined) throw new Error(`${a} needs a value`);
        return v;
      };
      if (a === '--help' || a === '-h') {
        stderr.write(`${USAGE}\n`);
        return 0;
      } else if (a.startsWith('--format')) {formats = parseFormats(value());} else if (a.startsWith('--out')) {out = value();} else if (a.startsWith('--base')) {base = value();} else if (a === '--fail-on-unknown') {failOnUnknown = true;} else if (a.startsWith('-')) {throw new Error(`unknown option ${a}`);} else {inputs.push(a);}
    }
    if (inputs.length === 0) throw new Error('no input: give a cdk.out or cdktf.out folder, or a template');
  } catch (e) {
    stderr.write(`saas-backup-constructs report: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const tty = Boolean(stderr.isTTY);
  try {
    const result = reportInputs(inputs, path.resolve(out), formats, {
      base,
      version: packageVersion(),
      // On a terminal, once the input is large (past 20 stacks): how many stacks so far.
      progress: (stacks, input) => {
        if (tty && stacks > PROGRESS_AFTER) stderr.write(`\rread ${stacks} stacks (${input})`);
      },
    });
    if (tty) stderr.write('\r');
    stderr.write(`access report: ${result.stacks} ${result.stacks === 1 ? 'stack' : 'stacks'}, ${result.flagged} flagged, ${result.unknown} unknown -> ${path.relative(process.cwd(), path.resolve(out)) || '.'}\n`);
    return result.flagged > 0 || (failOnUnknown && result.unknown > 0) ? 1 : 0;
  } catch (e) {
    stderr.write(`saas-backup-constructs report: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
