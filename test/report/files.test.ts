import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, symlinkSync } from 'fs';
import { join } from 'path';
import { parseFormats, readCloudAssembly, readInput, readTerraformOut, reportInputs, writeReports } from '../../src/report/files';
import { findingCount, unknownCount } from '../../src/report/model';
import { folderWith, writeFiles } from '../support/files';
import { ACCOUNT_TRUST, cdkOut, cdktfOut, OPEN_TRUST, role } from '../support/report-fixtures';

describe('reading synthesized output', () => {
  test('a cloud assembly: every stack, nested assemblies (stages) and nested stacks followed or named', () => {
    const stacks = readCloudAssembly(cdkOut());
    expect(stacks.map((s) => [s.name, s.report.title, findingCount(s.report), unknownCount(s.report)])).toEqual([
      ['Clean', 'Clean', 0, 0],
      ['Open', 'Open (Stage/Open)', 1, 0],
      // Inner: the child (beside it, by aws:asset:path) is followed and flagged; the other is named as unknown.
      ['Inner', 'Inner', 1, 1],
    ]);
    const inner = stacks[2].report;
    expect(inner.sections.map((s) => s.title)).toEqual(['Nested stack ChildNestedStackResource1']);
    expect(inner.unknowns.map((u) => u.resource)).toEqual(['GoneNestedStackResource2']);
    expect(inner.unknowns[0].message).toMatch(/^Nested stack GoneNestedStackResource2: its template \("https:\/\/example\/gone.json"\) is not beside this template/);
  });

  test('a cdktf output', () => {
    const [stack] = readTerraformOut(cdktfOut());
    expect(stack.name).toBe('public');
    expect(stack.report.findings.map((f) => [f.rule, f.resource])).toEqual([['public-member', 'google_storage_bucket_iam_member.all']]);
  });

  test('readInput tells the kinds apart: cdk.out, cdktf.out, a template, a Terraform JSON file', () => {
    expect(readInput(cdkOut()).map((s) => s.name)).toEqual(['Clean', 'Open', 'Inner']);
    expect(readInput(cdktfOut()).map((s) => s.name)).toEqual(['public']);
    const dir = folderWith('one-', {
      'x.template.json': JSON.stringify({ Resources: { R: role(OPEN_TRUST) } }),
      'y.tf.json': JSON.stringify({ resource: { google_project_iam_member: { m: { project: 'p', role: 'roles/owner', member: 'user:a@example.com' } } } }),
    });
    expect(readInput(join(dir, 'x.template.json')).map((s) => [s.name, s.report.findings.length])).toEqual([['x', 1]]);
    expect(readInput(join(dir, 'y.tf.json')).map((s) => [s.name, s.report.findings.map((f) => f.rule)])).toEqual([['y', ['broad-role']]]);
  });

  test.each([
    ['a folder without manifest.json', { 'a.txt': '' }, /no manifest.json \(expected a cdk.out or cdktf.out folder\)/],
    ['a manifest of neither kind', { 'manifest.json': '{}' }, /has neither "artifacts" \(cdk.out\) nor "stacks" \(cdktf.out\)/],
  ])('%s is refused', (_what, files, message) => {
    expect(() => readInput(folderWith('bad-', files))).toThrow(message);
  });
});

describe('writing', () => {
  test('every format into the folder, one Markdown file per stack, and the index', () => {
    const out = folderWith('out-', {});
    const written = reportInputs([cdkOut(), cdktfOut()], out, ['md', 'json', 'sarif'], { base: out, version: '1.2.3' });
    expect(readdirSync(out).sort()).toEqual(['ACCESS.md', 'Clean.access.md', 'Inner.access.md', 'Open.access.md', 'access-report.json', 'access-report.sarif', 'public.access.md']);
    expect(written).toMatchObject({ stacks: 4, flagged: 3, unknown: 1 });
    expect(readFileSync(join(out, 'ACCESS.md'), 'utf8')).toContain('| [Open](Open.access.md) | **1 flagged** | none |');
    expect(readFileSync(join(out, 'ACCESS.md'), 'utf8')).toContain('| [Inner](Inner.access.md) | **1 flagged** | 1 unknown |');
  });

  test('only the formats asked for', () => {
    const out = folderWith('out-', {});
    writeReports(readInput(cdktfOut()), out, ['sarif']);
    expect(readdirSync(out)).toEqual(['access-report.sarif']);
    expect(existsSync(join(out, 'ACCESS.md'))).toBe(false);
  });

  test.each([
    ['md,json,sarif', ['md', 'json', 'sarif']],
    [' sarif ', ['sarif']],
  ])('parseFormats(%j)', (text, formats) => {
    expect(parseFormats(text)).toEqual(formats);
  });

  test('an unknown format is refused with the ones there are', () => {
    expect(() => parseFormats('md,html')).toThrow('Unknown format "html": use md, json or sarif (comma-separated).');
  });
});

/**
 * A folder holding `secret/` (a template that must never be read: its role is "StolenSecretRole"; and
 * a passwd-like file) and `in/`, the input, made by `make(in, secret)`; returns the input folder.
 */
function besideSecret(make: (input: string, secret: string) => Record<string, string>, links: [string, string][] = []): string {
  const base = folderWith('hostile-', {
    'secret/tpl.json': JSON.stringify({ Resources: { StolenSecretRole: role(OPEN_TRUST) } }),
    'secret/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    'secret/manifest.json': JSON.stringify({ artifacts: { Stolen: { type: 'aws:cloudformation:stack', properties: { templateFile: 'tpl.json' } } } }),
  });
  const input = join(base, 'in');
  writeFiles(input, make(input, join(base, 'secret')));
  for (const [link, target] of links) symlinkSync(target.replace('<secret>', join(base, 'secret')), join(input, link));
  return input;
}

const assembly = (artifacts: object) => JSON.stringify({ version: '36.0.0', artifacts });
const stackAt = (templateFile: string) => ({ S: { type: 'aws:cloudformation:stack', properties: { templateFile } } });
const nestedAt = (assetPath?: string) => JSON.stringify({
  Resources: { ChildNestedStackResource1: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example/child.json' }, Metadata: assetPath ? { 'aws:asset:path': assetPath } : {} } },
});

describe('reading stays inside the folder given', () => {
  test.each<[string, () => string, RegExp]>([
    ['cdk.out templateFile "../secret/tpl.json"', () => besideSecret(() => ({ 'manifest.json': assembly(stackAt('../secret/tpl.json')) })),
      /manifest\.json: artifact "S" "templateFile" is "\.\.\/secret\/tpl\.json", which leads outside .*in \(the folder given\): refused, nothing is read from it\.$/],
    ['cdk.out templateFile, an absolute path', () => besideSecret((_in, secret) => ({ 'manifest.json': assembly(stackAt(join(secret, 'tpl.json'))) })),
      /manifest\.json: artifact "S" "templateFile" is ".*\/secret\/tpl\.json", which leads outside/],
    ['cdk.out templateFile, a symbolic link inside to a file outside', () => besideSecret(() => ({ 'manifest.json': assembly(stackAt('S.template.json')) }), [['S.template.json', '<secret>/tpl.json']]),
      /manifest\.json: artifact "S" "templateFile" is "S\.template\.json", which leads outside/],
    ['cdk.out templateFile "../secret/passwd" (not JSON either)', () => besideSecret(() => ({ 'manifest.json': assembly(stackAt('../secret/passwd')) })),
      /"templateFile" is "\.\.\/secret\/passwd", which leads outside/],
    ['cdk.out directoryName "../secret" (a nested assembly)', () => besideSecret(() => ({ 'manifest.json': assembly({ 'assembly-X': { type: 'cdk:cloud-assembly', properties: { directoryName: '../secret' } } }) })),
      /manifest\.json: artifact "assembly-X" "directoryName" is "\.\.\/secret", which leads outside/],
    ['cdk.out directoryName, a symbolic link to a folder outside', () => besideSecret(() => ({ 'manifest.json': assembly({ 'assembly-X': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-X' } } }) }), [['assembly-X', '<secret>']]),
      /"directoryName" is "assembly-X", which leads outside/],
    ['cdk.out manifest.json, a symbolic link to one outside', () => besideSecret(() => ({ 'S.template.json': '{}' }), [['manifest.json', '<secret>/manifest.json']]),
      /in: its manifest\.json is "manifest\.json", which leads outside/],
    ['a nested stack\'s aws:asset:path "../secret/tpl.json"', () => besideSecret(() => ({ 'manifest.json': assembly(stackAt('S.template.json')), 'S.template.json': nestedAt('../secret/tpl.json') })),
      /S\.template\.json: nested stack "ChildNestedStackResource1" "aws:asset:path" is "\.\.\/secret\/tpl\.json", which leads outside/],
    ['a nested stack\'s template beside it, a symbolic link to a file outside', () => besideSecret(() => ({ 'manifest.json': assembly(stackAt('S.template.json')), 'S.template.json': nestedAt() }), [['SChild.nested.template.json', '<secret>/tpl.json']]),
      /S\.template\.json: nested stack "ChildNestedStackResource1": the template beside it is "SChild\.nested\.template\.json", which leads outside/],
    ['cdktf synthesizedStackPath "../secret/tpl.json"', () => besideSecret(() => ({ 'manifest.json': JSON.stringify({ stacks: { s: { synthesizedStackPath: '../secret/tpl.json' } } }) })),
      /manifest\.json: stack "s" "synthesizedStackPath" is "\.\.\/secret\/tpl\.json", which leads outside/],
    ['cdktf synthesizedStackPath, not a string', () => besideSecret(() => ({ 'manifest.json': JSON.stringify({ stacks: { s: { synthesizedStackPath: { path: '../secret/tpl.json' } } } }) })),
      /manifest\.json: stack "s" "synthesizedStackPath" is \{"path":"\.\.\/secret\/tpl\.json"\}: not a relative path, so nothing is read\.$/],
    ['cdk.out templateFile, a folder', () => besideSecret(() => ({ 'manifest.json': assembly(stackAt('sub')), 'sub/a.json': '{}' })),
      /"templateFile" is "sub", which is not a file: refused\.$/],
  ])('%s is refused, naming the manifest and the value, never the content', (_what, input, message) => {
    const dir = input();
    let error: Error | undefined;
    try {
      readInput(dir);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/StolenSecretRole|root:x/);
  });

  test.each<[string, Record<string, string>, string]>([
    ['a cdk.out template', { 'manifest.json': assembly(stackAt('S.template.json')), 'S.template.json': 'root:x:0:0:root:/root:/bin/bash' }, 'S.template.json'],
    ['a cdktf.out stack', { 'manifest.json': JSON.stringify({ stacks: { s: { synthesizedStackPath: 'stacks/s/cdk.tf.json' } } }), 'stacks/s/cdk.tf.json': 'root:x:0:0:root:/root:/bin/bash' }, 'stacks/s/cdk.tf.json'],
    ['a manifest.json', { 'manifest.json': 'root:x:0:0:root:/root:/bin/bash' }, 'manifest.json'],
    ['a nested stack template', { 'manifest.json': assembly(stackAt('S.template.json')), 'S.template.json': nestedAt('C.nested.template.json'), 'C.nested.template.json': 'root:x:0:0' }, 'C.nested.template.json'],
  ])('%s that is not JSON: the file is named, none of its bytes quoted', (_what, files, bad) => {
    const dir = folderWith('not-json-', files);
    expect(() => readInput(dir)).toThrow(new RegExp(`/${bad.replace(/\./g, '\\.')} is not JSON \\(expected a CloudFormation template, a Terraform JSON file or a manifest\\.json\\)$`));
    expect(() => readInput(dir)).not.toThrow(/root/);
  });

  test('a template file given alone that is not JSON: named, not quoted', () => {
    const dir = folderWith('not-json-', { 'x.json': 'root:x:0:0:root:/root:/bin/bash' });
    expect(() => readInput(join(dir, 'x.json'))).toThrow(/\/x\.json is not JSON \(expected/);
    expect(() => readInput(join(dir, 'x.json'))).not.toThrow(/root/);
  });

  test.each<[string, Record<string, string>]>([
    ['directoryName "."', { 'manifest.json': assembly({ ...stackAt('S.template.json'), Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } }), 'S.template.json': JSON.stringify({ Resources: { R: role(OPEN_TRUST) } }) }],
    ['a cycle (a nested assembly whose directoryName is "..")', {
      'manifest.json': assembly({ ...stackAt('S.template.json'), Inner: { type: 'cdk:cloud-assembly', properties: { directoryName: 'inner' } } }),
      'S.template.json': JSON.stringify({ Resources: { R: role(OPEN_TRUST) } }),
      'inner/manifest.json': assembly({ Up: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } }, T: { type: 'aws:cloudformation:stack', properties: { templateFile: 'T.template.json' } } }),
      'inner/T.template.json': JSON.stringify({ Resources: { R: role(ACCOUNT_TRUST) } }),
    }],
  ])('%s: each assembly folder read once, no endless recursion', (_what, files) => {
    const stacks = readInput(folderWith('cycle-', files));
    expect(stacks.map((s) => s.name).sort()).toEqual(Object.keys(files).some((f) => f.startsWith('inner/')) ? ['S', 'T'] : ['S']);
  });

  test('symbolic links that stay inside the folder are followed as before', () => {
    const dir = besideSecret(() => ({ 'manifest.json': assembly(stackAt('S.template.json')), 'real/S.json': JSON.stringify({ Resources: { R: role(OPEN_TRUST) } }) }), [['S.template.json', 'real/S.json']]);
    expect(readInput(dir).map((s) => [s.name, s.report.findings.length])).toEqual([['S', 1]]);
  });
});

describe('writing never follows a link', () => {
  const outside = () => {
    const victim = join(folderWith('victim-', { 'victim.txt': 'keep' }), 'victim.txt');
    return victim;
  };

  test.each(['Open.access.md', 'ACCESS.md', 'access-report.json', 'access-report.sarif'])('%s, a symbolic link to a file outside the folder: refused before anything is written', (name) => {
    const victim = outside();
    const out = folderWith('out-', {});
    symlinkSync(victim, join(out, name));
    expect(() => writeReports(readInput(cdkOut()), out, ['md', 'json', 'sarif'])).toThrow(`${join(out, name)} is a symbolic link: refused, the report never writes through a link. Remove it, or write the report to another folder (--out).`);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(readdirSync(out)).toEqual([name]);
  });

  test('a dangling symbolic link (to a file not there yet) is refused, and nothing is created at its target', () => {
    const target = join(folderWith('victim-', {}), 'planted.md');
    const out = folderWith('out-', {});
    symlinkSync(target, join(out, 'ACCESS.md'));
    expect(() => writeReports(readInput(cdkOut()), out, ['md'])).toThrow(/ACCESS\.md is a symbolic link: refused/);
    expect(existsSync(target)).toBe(false);
  });

  test('a folder where a report goes is refused', () => {
    const out = folderWith('out-', { 'access-report.json/x': '' });
    expect(() => writeReports(readInput(cdkOut()), out, ['json'])).toThrow(/access-report\.json exists and is not a regular file: refused/);
  });

  test('a hard link to a file outside: replaced by a new file, the other name keeps its content', () => {
    const victim = outside();
    const out = folderWith('out-', {});
    linkSync(victim, join(out, 'access-report.json'));
    writeReports(readInput(cdkOut()), out, ['json']);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(JSON.parse(readFileSync(join(out, 'access-report.json'), 'utf8'))).toBeTruthy();
  });

  test('writing twice into the same folder replaces the reports (regular files, same content)', () => {
    const out = folderWith('out-', {});
    const input = cdkOut();
    const first = writeReports(readInput(input), out, ['md', 'json', 'sarif'], { base: out });
    const text = first.files.map((f) => readFileSync(f, 'utf8'));
    const second = writeReports(readInput(input), out, ['md', 'json', 'sarif'], { base: out });
    expect(second.files).toEqual(first.files);
    expect(second.files.every((f) => lstatSync(f).isFile())).toBe(true);
    expect(second.files.map((f) => readFileSync(f, 'utf8'))).toEqual(text);
  });

  test.each([
    ['[x](https://evil.example)', '| [\\[x\\](`https://evil.example`)](-x-https-evil.example-.access.md) | none | none |'],
    ['a|b', '| [a\\|b](a-b.access.md) | none | none |'],
    ['<img src=x>', '| [\\<img src=x>](-img-src-x-.access.md) | none | none |'],
  ])('a stack named %j: ACCESS.md links to its report, with the name as text only', (name, row) => {
    const out = folderWith('out-', {});
    const [stack] = readInput(folderWith('one-', { 'x.template.json': JSON.stringify({ Resources: {} }) }).concat('/x.template.json'));
    writeReports([{ ...stack, name }], out, ['md']);
    expect(readFileSync(join(out, 'ACCESS.md'), 'utf8')).toContain(`\n${row}\n`);
  });
});

test('a template named with an escape sequence that is not JSON: its name is JSON-quoted in the error, so no escape reaches a terminal', () => {
  const name = 'S\u001b[2J.template.json';
  const dir = folderWith('esc-', { 'manifest.json': assembly(stackAt(name)), [name]: 'root:x:0:0' });
  expect(() => readInput(dir)).toThrow(/\/S\\u001b\[2J\.template\.json" is not JSON/);
  expect(() => readInput(dir)).not.toThrow(/\u001b/);
});
