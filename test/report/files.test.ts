import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseFormats, readCloudAssembly, readInput, readTerraformOut, reportInputs, writeReports } from '../../src/report/files';
import { findingCount, unknownCount } from '../../src/report/model';
import { folderWith } from '../support/files';
import { cdkOut, cdktfOut, OPEN_TRUST, role } from '../support/report-fixtures';

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
