import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { main } from '../../src/report/cli';
import { folderWith } from '../support/files';
import { ACCOUNT_TRUST, cdkOut, cdktfOut, role } from '../support/report-fixtures';

/** A stderr that records what is written; a terminal or not. */
function stderr(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (s: string) => chunks.push(s) > 0, text: () => chunks.join('') } as unknown as NodeJS.WriteStream & { text: () => string };
}

const clean = () => folderWith('clean-', {
  'manifest.json': JSON.stringify({ artifacts: { Clean: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Clean.template.json' } } } }),
  'Clean.template.json': JSON.stringify({ Resources: { Reader: role(ACCOUNT_TRUST) } }),
});

describe('saas-backup-constructs report', () => {
  test('exit 1 on a flagged finding (a cdk.out and a cdktf.out), reports written, one summary line when piped', () => {
    const out = join(folderWith('cli-', {}), 'r');
    const err = stderr(false);
    expect(main(['report', cdkOut(), cdktfOut(), '--out', out], err)).toBe(1);
    expect(readdirSync(out)).toHaveLength(7);
    expect(err.text()).toMatch(/^access report: 4 stacks, 3 flagged, 1 unknown -> .*\n$/);
  });

  test('exit 0 when nothing is flagged; one stack is "1 stack"', () => {
    const err = stderr(false);
    expect(main([clean(), '--out', folderWith('cli-', {}), '--format', 'json'], err)).toBe(0);
    expect(err.text()).toMatch(/^access report: 1 stack, 0 flagged, 0 unknown -> .*\n$/);
  });

  test('--fail-on-unknown also fails on unknowns', () => {
    const unknownOnly = folderWith('unknown-', {
      't.template.json': JSON.stringify({ Resources: { R: role({ 'Fn::If': ['C', { Statement: [] }, { Statement: [] }] }) } }),
    });
    expect(main([join(unknownOnly, 't.template.json'), '--out', folderWith('cli-', {})], stderr(false))).toBe(0);
    expect(main([join(unknownOnly, 't.template.json'), '--out', folderWith('cli-', {}), '--fail-on-unknown'], stderr(false))).toBe(1);
  });

  test('progress on a terminal only, once the input is large', () => {
    const many = folderWith('many-', {
      'manifest.json': JSON.stringify({ artifacts: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`S${i}`, { type: 'aws:cloudformation:stack', properties: { templateFile: 't.json' } }])) }),
      't.json': JSON.stringify({ Resources: { Reader: role(ACCOUNT_TRUST) } }),
    });
    const tty = stderr(true);
    main([many, '--out', folderWith('cli-', {})], tty);
    expect(tty.text()).toContain(`\rread 25 stacks (${many})`);
    expect(tty.text()).not.toContain('read 20 stacks');
    const small = stderr(true);
    main([clean(), '--out', folderWith('cli-', {})], small);
    expect(small.text()).not.toContain('read ');
    const piped = stderr(false);
    main([many, '--out', folderWith('cli-', {})], piped);
    expect(piped.text()).not.toContain('read ');
  });

  test.each([
    [[], /no input/],
    [['x', '--format', 'html'], /Unknown format "html"/],
    [['x', '--bogus'], /unknown option --bogus/],
    [['x', '--out'], /--out needs a value/],
    [['/nonexistent/cdk.out'], /ENOENT/],
  ])('exit 2 on %j', (args, message) => {
    const err = stderr(false);
    expect(main(args, err)).toBe(2);
    expect(err.text()).toMatch(message);
  });

  test.each([
    ['a template outside the input', { 'secret/t.json': JSON.stringify({ Resources: { StolenRole: role(ACCOUNT_TRUST) } }), 'in/manifest.json': JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: '../secret/t.json' } } } }) },
      /^saas-backup-constructs report: .*\/in\/manifest\.json: artifact "S" "templateFile" is "\.\.\/secret\/t\.json", which leads outside .*\/in \(the folder given\): refused, nothing is read from it\.\n$/],
    ['a template that is not JSON', { 'in/manifest.json': JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 't.json' } } } }), 'in/t.json': 'root:x:0:0:root:/root:/bin/bash' },
      /^saas-backup-constructs report: .*\/in\/t\.json is not JSON \(expected a CloudFormation template, a Terraform JSON file or a manifest\.json\)\n$/],
  ])('exit 2 on %s: the manifest and the value named, no content, nothing written', (_what, files, message) => {
    const base = folderWith('cli-hostile-', files);
    const out = join(folderWith('cli-', {}), 'r');
    const err = stderr(false);
    expect(main([join(base, 'in'), '--out', out], err)).toBe(2);
    expect(err.text()).toMatch(message);
    expect(err.text()).not.toMatch(/StolenRole|root:x/);
    expect(existsSync(out)).toBe(false);
  });

  test('--help', () => {
    const err = stderr(false);
    expect(main(['--help'], err)).toBe(0);
    expect(err.text()).toContain('Exit code: 0 nothing flagged, 1 flagged findings, 2 usage or read error.');
  });
});
