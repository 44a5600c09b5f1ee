import { cfnAccessReport } from '../../src/report/cloudformation';
import { MAX_DIAGRAM_NODES, diagramOf, mermaidBlocks, mermaidText, renderMarkdown, renderMermaid } from '../../src/report/markdown';

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
