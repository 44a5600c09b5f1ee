import { cfnAccessReport } from '../../src/report/cloudformation';
import { MAX_DIAGRAM_NODES, cell, codeSpan, diagramOf, inert, mermaidBlocks, mermaidText, renderMarkdown, renderMermaid } from '../../src/report/markdown';

/** A template with n roles, each trusted by its own account with its own external ID, and one unpinned "*" role. */
function roles(n: number) {
  const resources: Record<string, object> = {
    Open: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } },
  };
  for (let i = 0; i < n; i++) {
    const account = String(100000000000 + i);
    resources[`Role${i}`] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `ext-${i}` } } }] } } };
  }
  return cfnAccessReport({ Resources: resources }, { title: 'Many' });
}

describe('Markdown and Mermaid', () => {
  test.each([
    ['a"b', 'a#quot;b'],
    ['arn:aws:s3:::b/*', 'arn#58;aws#58;s3#58;#58;#58;b/#42;'],
    ['<x>|[y]', '#60;x#62;#124;#91;y#93;'],
  ])('mermaidText(%j)', (text, escaped) => {
    expect(mermaidText(text)).toBe(escaped);
  });

  test('20 principals (10 roles and their accounts plus the open role): every box drawn', () => {
    const r = roles(10);
    expect(diagramOf(r).grouped).toBe(0);
    expect(diagramOf(r).nodes).toHaveLength(22);
  });

  test('hundreds of principals: unflagged boxes grouped by kind, flagged ones alone, every row in the table', () => {
    const r = roles(300);
    const d = diagramOf(r);
    expect(d.nodes.map((n) => n.lines.slice(0, 2))).toEqual([
      ['ANYONE', 'Principal * with nothing pinning it'],
      ['301 × IAM role', 'Open, Role0, Role1 and 298 more'],
      ['300 × AWS account', 'AWS account 100000000000, AWS account 100000000001, AWS account 100000000002 and 297 more'],
    ]);
    expect(d.grouped).toBe(601);
    expect(d.nodes.length).toBeLessThanOrEqual(MAX_DIAGRAM_NODES);
    const md = renderMarkdown(r);
    expect(md.split('\n').filter((l) => l.startsWith('| `AWS ')).length).toBe(301);
    expect(md).toContain('601 unflagged ones are drawn in groups of their kind. The table lists every one.');
  });

  test('a grouped arrow names its first grants and counts the rest', () => {
    const mermaid = renderMermaid(roles(300));
    expect(mermaid).toContain('and 297 more grants #40;in the table#41;');
  });

  test('the document: diagram, findings, unknowns, table', () => {
    const r = cfnAccessReport({
      Resources: {
        Open: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } },
        Later: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: { Ref: 'P' } }, Action: 'sts:AssumeRole' }] } } },
      },
    }, { title: 'S' });
    const md = renderMarkdown(r);
    expect(md.startsWith('# Access report: S\n')).toBe(true);
    expect(mermaidBlocks(md)).toHaveLength(1);
    expect(md).toContain('- **FLAGGED** `principal-not-pinned` AWS::IAM::Role Open trust policy · statement 1');
    expect(md).toContain('## Unknown (not counted as safe)\n\n- **UNKNOWN** AWS::IAM::Role Later trust policy · statement 1: the principal ${P} is known only at deploy time.');
    expect(md).toContain('| `AWS ${P}` | Allow (UNKNOWN: ${P}) |');
    expect(mermaidBlocks(md)[0]).toMatch(/\n {2}class N_principal_P_\w+ unknown$/);
  });

  test('no access: said so', () => {
    expect(renderMarkdown(cfnAccessReport({ Resources: {} }, { title: 'E' }))).toContain('No IAM principal, role, policy or role assignment in this stack: it grants no access.');
  });
});

// commonmark (a devDependency, without types): the CommonMark reference parser, to prove what a
// reviewer's renderer makes of the Markdown. GitHub's table extension is simulated below: a row is
// split at its unescaped pipes and each cell rendered on its own, as GitHub does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark');

function commonmarkHtml(md: string): string {
  return new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md));
}

/** The HTML of a report as GitHub renders it: table rows cell by cell (pipes escaped with `\|` stay in their cell), without the delimiter row. */
function html(md: string): string {
  const lines = md.split('\n').filter((line) => !/^\|(-+\|)+$/.test(line)).flatMap((line) => (/^\|.*\|$/.test(line)
    ? ['', ...line.slice(1, -1).split(/(?<!\\)\|/).flatMap((c) => [c.replace(/\\\|/g, '|').trim(), ''])]
    : [line]));
  return commonmarkHtml(lines.join('\n'));
}

/** The text a reader sees (tags dropped, entities decoded). */
function textOf(fragment: string): string {
  return fragment.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
}

/** What the report's HTML may hold: every tag the writer itself makes, nothing else (no a, img, script, hr, blockquote...). */
const OWN_TAGS = /^<\/?(p|h[1-6]|ul|li|strong|code|pre|br)( class="language-mermaid")?>$/;

/** What GitHub turns into a link by itself (its extended autolinks), outside code. */
const AUTOLINKED = /https?:\/\/|www\./i;

const HOSTILE: [string, string][] = [
  ['two backticks close the span early', '``x`` [link](https://evil.example) ``'],
  ['a trailing backtick never closes it', '<img src=x onerror=alert(1)>`'],
  ['a leading backtick', '`<img src=x>'],
  ['only backticks', '```'],
  ['a lone carriage return starts a new line', 'x\r<img src=x>'],
  ['a newline and a heading', 'x\n# evil\n<img src=x>'],
  ['an inline link', '[a](javascript:alert(1))'],
  ['an image', '![i](https://evil.example/p.png)'],
  ['raw HTML', '<a href="https://evil.example">x</a>'],
  ['an autolink', '<https://evil.example>'],
  ['bare URLs (GitHub autolinks them)', 'see https://evil.example/x and www.evil.example.'],
  ['an escaped bracket before a link', '[x\\](https://evil.example)'],
  ['a pipe then HTML', 'a|b<img src=x>'],
  ['a block marker first', '> <img src=x>'],
  ['entities (shown as themselves, not decoded)', 'a &#60;img src=x&#62; &amp; &lt;b&gt;'],
];

describe('hostile template values render as the text they are', () => {
  test.each(HOSTILE)('cell(): %s', (_what, value) => {
    const shown = value.replace(/\r\n|\r|\n/g, ' ');
    expect(html(`| ${cell(value)} |`).trim()).toBe(`<p><code>${shown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</code></p>`);
  });

  test.each(HOSTILE)('codeSpan(): %s', (_what, value) => {
    const md = codeSpan(value);
    expect(textOf(commonmarkHtml(md))).toBe(value.replace(/\r\n|\r|\n/g, ' '));
    expect(commonmarkHtml(md)).toMatch(/^<p><code>[^<]*<\/code><\/p>\n$/);
  });

  test.each(HOSTILE)('inert(): %s, shown exactly, no tag but code, nothing GitHub autolinks outside code', (_what, value) => {
    const rendered = commonmarkHtml(`- ${inert(value)}`);
    expect(textOf(rendered)).toBe(value.replace(/\r\n|\r|\n/g, ' '));
    expect(rendered.match(/<[^>]*>/g)?.filter((t) => !OWN_TAGS.test(t))).toEqual([]);
    expect(rendered.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(AUTOLINKED);
  });

  test.each(HOSTILE)('a whole report of a template holding it (title, logical id, principal, condition, findings, table): %s', (_what, value) => {
    const id = `Role${value}`;
    const report = cfnAccessReport({
      Resources: {
        [id]: role([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: value }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': value } } }]),
        Other: role([{ Effect: 'Allow', Principal: { AWS: { Ref: value } }, Action: 'sts:AssumeRole' }]),
      },
    }, { title: value, source: `the CloudFormation template ${value}.template.json` });
    const md = renderMarkdown(report);
    const rendered = html(md.replace(/```mermaid\n[\s\S]*?\n```/g, ''));
    expect(rendered.match(/<[^>]*>/g)?.filter((t) => !OWN_TAGS.test(t))).toEqual([]);
    expect(rendered.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(AUTOLINKED);
    // The Mermaid block is one block: nothing closes its fence early.
    expect(mermaidBlocks(md)).toHaveLength(1);
    expect(md.match(/^```/gm)).toHaveLength(2);
    // Every line of the diagram is one of the writer's statements: a value never starts a line of its own.
    expect(mermaidBlocks(md)[0].split(/\r\n|\r|\n/).filter((l) => !/^(flowchart LR|  (N_\w+[[(]|N_\w+ [-=.]+>|classDef |class ))/.test(l))).toEqual([]);
  });
});

describe('normal values keep their Markdown', () => {
  test.each([
    ['sts:AssumeRole', '`sts:AssumeRole`'],
    ['a`b', '`` a`b ``'],
    ['a|b', '`a\\|b`'],
    ['', ''],
  ])('cell(%j) is %j', (value, md) => {
    expect(cell(value)).toBe(md);
  });

  test.each([
    'AWS::IAM::Role Open trust policy · statement 1: Principal {"AWS": "*"}: Principal * not pinned',
    'Deny on S3 bucket B: s3:* for AWS * when aws:SecureTransport is false',
    'StackSet Set (palette-backups): the stack every target account gets',
    'the principal ${P} is known only at deploy time; sub in [a, b]; age < 3600',
  ])('inert(%j) is the text itself', (text) => {
    expect(inert(text)).toBe(text);
  });
});

function role(statements: object[]) {
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: statements } } };
}
