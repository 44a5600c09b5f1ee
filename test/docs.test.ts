/**
 * Docs that cannot drift (README.md, docs/, CHANGELOG.md, CONTRIBUTING.md):
 * - every TypeScript code block compiles against the package, each block as a module of its own in a
 *   project set up as the README's quick starts say (cdk init's strict compiler options, the package
 *   imported by its name and subpaths, resolved to the compiled declarations in lib/ that npm test's
 *   compile step builds: run `npx projen compile` before this file alone);
 * - every relative link names a file that exists, and every `#anchor` a heading of that file;
 * - every repository path the docs name in backticks exists;
 * - every docs pointer that a message of the library prints (`docs/<page>.md#<anchor>`) exists.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve, sep } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The Markdown files of the docs, relative to the repository. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md', ...docs.sort()];
}

interface CodeBlock { readonly file: string; readonly line: number; readonly lang: string; readonly code: string }

/** The fenced code blocks of a Markdown text. */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    blocks.push({ file, line: start + 1, lang: open[1], code: body.join('\n') });
  }
  return blocks;
}

/** Markdown without its fenced code blocks (links and paths in code are not links). */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading. */
export function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings (GitHub numbers repeated ones -1, -2, ...). */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of prose(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** The problem with a relative link target from `fromFile`, or undefined when it resolves. */
export function linkProblem(fromFile: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:
  const [pathPart, anchor] = target.split('#', 2);
  const file = pathPart === '' ? fromFile : relative(ROOT, resolve(ROOT, dirname(fromFile), pathPart)).split(sep).join('/');
  if (!existsSync(join(ROOT, file))) return `${fromFile}: link "${target}": ${file} does not exist`;
  if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(read(file)).has(anchor)) {
    return `${fromFile}: link "${target}": ${file} has no heading with the anchor #${anchor}`;
  }
  return undefined;
}

const files = markdownFiles();

describe('links and paths in the docs', () => {
  test.each([
    ['## The two commands', 'the-two-commands'],
    ['## Palette on AWS (STS)', 'palette-on-aws-sts'],
    ['### Encrypted EBS volumes (`volumeEncryptionKeys`)', 'encrypted-ebs-volumes-volumeencryptionkeys'],
  ])('the anchor of %s is #%s', (heading, anchor) => {
    expect(anchorsOf(heading).has(anchor)).toBe(true);
  });

  test('a missing file and a missing anchor are problems; an existing one is not', () => {
    expect(linkProblem('README.md', 'docs/no-such-page.md')).toMatch(/does not exist/);
    expect(linkProblem('README.md', 'docs/security.md#no-such-heading')).toMatch(/no heading with the anchor #no-such-heading/);
    expect(linkProblem('README.md', '#the-two-commands')).toBeUndefined();
    expect(linkProblem('docs/neon.md', '../examples/neon/postgres-backup.yml')).toBeUndefined();
    expect(linkProblem('docs/neon.md', 'https://neon.com/docs/manage/backups')).toBeUndefined();
  });

  test('the README has at most 400 lines and a table of contents', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(400);
    expect(readme).toMatch(/^## Contents$/m);
  });

  test.each(files)('every relative link of %s resolves', (file) => {
    const links = [...prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(links.map((l) => linkProblem(file, l)).filter((p) => p !== undefined)).toEqual([]);
  });

  test.each(files)('every repository path %s names in backticks exists', (file) => {
    const text = prose(read(file));
    // Paths of other repositories are cited after the repository's name (`spectrocloud/librarium`
    // `docs/...`); placeholders (`src/a/b.ts`) are not paths either.
    const upstream = /(rudderlabs|spectrocloud|velero-io|vmware-tanzu|neondatabase|librarium|aws-actions|hashicorp|PaloAltoNetworks|aws\/aws-cdk)\b[\s\S]*$/;
    const paths = [...text.matchAll(/`((?:src|test|examples|scripts|benchmarks|docs|\.ci)\/[\w./-]+?)`/g)]
      .filter((m) => !upstream.test(text.slice(Math.max(0, m.index - 200), m.index).split('\n\n').pop() ?? ''))
      .map((m) => m[1]);
    const missing = paths.filter((p) => !p.includes('*') && !/<|>|\/a\/b\b/.test(p) && !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  test('every docs pointer in the library\'s messages exists', () => {
    const pointers: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith('.ts')) pointers.push(...[...read(path).matchAll(/\bdocs\/[\w-]+\.md(?:#[\w-]+)?/g)].map((m) => `${path}: ${m[0]}`));
      }
    };
    walk('src');
    const problems = pointers.map((p) => {
      const [from, target] = p.split(': ');
      return linkProblem('README.md', target) && `${from} points to ${target}: ${linkProblem('README.md', target)}`;
    }).filter(Boolean);
    expect(problems).toEqual([]);
  });
});

describe('the TypeScript code blocks of the docs', () => {
  const blocks = files.flatMap((f) => codeBlocks(f, read(f))).filter((b) => b.lang === 'ts' || b.lang === 'typescript');

  test('the docs have code blocks to compile (the scan found them)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    expect(blocks.map((b) => b.file)).toEqual(expect.arrayContaining(['README.md']));
  });

  test('every block compiles against the package, as a module of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-blocks-'));
    try {
      // The registration pages say to copy examples/terraform/spectrocloud.ts next to the app.
      copyFileSync(join(ROOT, 'examples/terraform/spectrocloud.ts'), join(dir, 'spectrocloud.ts'));
      const names = blocks.map((b, i) => {
        const name = join(dir, `block-${i}.ts`);
        // Each block is a module of its own (its top-level names do not meet another block's).
        writeFileSync(name, `${b.code}\nexport {};\n`);
        return name;
      });
      // cdk init's compiler options (strict), the package by name as a user imports it.
      const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        noImplicitReturns: true,
        noUnusedLocals: false,
        noFallthroughCasesInSwitch: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        // The package by its name, as a user's project resolves it: the compiled declarations that
        // package.json's `exports` and `typesVersions` name (lib/, built by npm test's compile step).
        baseUrl: ROOT,
        paths: { 'saas-backup-constructs': ['lib/index.d.ts'], 'saas-backup-constructs/*': ['lib/constructs/*/index.d.ts'], '*': ['node_modules/*'] },
      };
      const program = ts.createProgram(names, options);
      const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && names.includes(resolve(d.file.fileName)));
      const messages = diagnostics.map((d) => {
        const block = blocks[names.indexOf(resolve(d.file!.fileName))];
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${block.file}:${block.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
      expect(messages).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
