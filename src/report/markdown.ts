/**
 * The Markdown writer: a GitHub-flavoured Mermaid diagram (`flowchart LR`) and the table of the
 * exact permissions, per stack.
 */
import { AccessReport, DiagramEdge, DiagramNode, PermissionRow, joinShort, nodeId } from './model';

/**
 * Escapes text for a quoted Mermaid label: every character Mermaid or the HTML it renders could
 * read as syntax (quotes, brackets, braces, `*`, `:`, `;`, `|`, `#`, `%`, `<`, `>`, `&`, backticks,
 * backslashes) becomes an entity code (`#quot;`, `#58;`), which Mermaid turns back into the character.
 * @param {string} text
 */
export function mermaidText(text: string) {
  return text.replace(/["#&<>*:;|[\]{}()`\\%]/g, (c) => (c === '"' ? '#quot;' : `#${c.charCodeAt(0)};`));
}

/** @param {string[]} lines */
export function mermaidLabel(lines: string[]) {
  return `"${lines.map(mermaidText).join('<br>')}"`;
}

export const SHAPES = ({
  bucket: ['[(', ')]'],
  principal: ['([', '])'],
  resource: ['[', ']'],
});

/** @param {DiagramNode} node */
export function shapeOf(node: DiagramNode) {
  if (/bucket|container|storage account/i.test(node.kind)) return SHAPES.bucket;
  if (node.external) return SHAPES.principal;
  return SHAPES.resource;
}

/** Past this many boxes, a diagram draws its unflagged boxes in groups (the table keeps every row). */
export const MAX_DIAGRAM_NODES = 40;

/** Past this many entries, an arrow's label names the first ones and counts the rest. */
const MAX_EDGE_ENTRIES = 4;

/** What a diagram draws: the report's nodes and edges, or groups of them when there are too many. */
export interface Diagram {
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
  /** How many boxes were drawn as groups (0 when none). */
  readonly grouped: number;
}

/**
 * The diagram of a report. Up to MAX_DIAGRAM_NODES boxes, every box is drawn; past that, boxes of
 * one kind (IAM roles, AWS accounts, buckets...) that are not flagged become one box per kind
 * ("312 IAM roles: a, b, c and 309 more"), and their arrows merge. Flagged and unknown boxes are
 * always drawn on their own, so a reviewer sees each one.
 */
export function diagramOf(report: AccessReport, max = MAX_DIAGRAM_NODES): Diagram {
  const used = new Set(report.edges.flatMap((e) => [e.from, e.to]));
  const nodes = [...report.nodes.values()].filter((n) => used.has(n.id));
  if (nodes.length <= max) return { nodes, edges: report.edges, grouped: 0 };
  const byKind = new Map<string, DiagramNode[]>();
  for (const n of nodes) {
    if (n.flag === 'unsafe' || n.flag === 'unknown') continue;
    const key = `${n.kind}|${n.external}|${n.flag ?? ''}`;
    byKind.set(key, [...(byKind.get(key) ?? []), n]);
  }
  const groupOf = new Map<string, string>();
  const out: DiagramNode[] = nodes.filter((n) => n.flag === 'unsafe' || n.flag === 'unknown');
  let grouped = 0;
  for (const [key, members] of byKind) {
    if (members.length === 1) {
      out.push(members[0]);
      continue;
    }
    const id = nodeId(`group:${key}`);
    // Each member by its name: the line after the kind (a logical id), or its first line ("AWS account 1111...").
    const names = members.map((m) => (m.lines[0] === m.kind && m.lines[1] ? m.lines[1] : m.lines[0]));
    out.push({
      id,
      kind: members[0].kind,
      lines: [`${members.length} × ${members[0].kind}`, joinShort(names), '(each one in the table)'],
      flag: members[0].flag,
      external: members[0].external,
    });
    members.forEach((m) => groupOf.set(m.id, id));
    grouped += members.length;
  }
  const edges = new Map<string, DiagramEdge>();
  for (const e of report.edges) {
    const from = groupOf.get(e.from) ?? e.from;
    const to = groupOf.get(e.to) ?? e.to;
    const key = `${from} ${to} ${e.style}`;
    const existing = edges.get(key);
    if (!existing) {
      edges.set(key, { from, to, style: e.style, entries: [...e.entries], flagged: e.flagged });
      continue;
    }
    for (const entry of e.entries) if (!existing.entries.some((x) => x.join('\n') === entry.join('\n'))) existing.entries.push(entry);
    existing.flagged = existing.flagged || e.flagged;
  }
  return { nodes: out, edges: [...edges.values()], grouped };
}

/** An arrow's label: its entries, the first MAX_EDGE_ENTRIES of them when there are more. */
function edgeLabel(e: DiagramEdge): string[] {
  if (e.entries.length <= MAX_EDGE_ENTRIES) return e.entries.flat();
  return [...e.entries.slice(0, MAX_EDGE_ENTRIES - 1).flat(), `and ${e.entries.length - MAX_EDGE_ENTRIES + 1} more grants (in the table)`];
}

/** The Mermaid source (`flowchart LR`) of a report's diagram. */
export function renderMermaid(report: AccessReport, max = MAX_DIAGRAM_NODES): string {
  const diagram = diagramOf(report, max);
  const lines = ['flowchart LR'];
  for (const node of diagram.nodes) {
    const [open, close] = shapeOf(node);
    lines.push(`  ${node.id}${open}${mermaidLabel(node.lines)}${close}`);
  }
  for (const e of diagram.edges) {
    const arrow = e.style === 'link' ? '-.->' : e.flagged ? '==>' : '-->';
    lines.push(`  ${e.from} ${arrow}|${mermaidLabel(edgeLabel(e))}| ${e.to}`);
  }
  const ids = (f: (n: DiagramNode) => boolean) => diagram.nodes.filter(f).map((n) => n.id);
  const unsafe = ids((n) => n.flag === 'unsafe');
  const broad = ids((n) => n.flag === 'broad');
  const unknown = ids((n) => n.flag === 'unknown');
  const external = ids((n) => n.external && !n.flag);
  lines.push('  classDef external fill:#eef4ff,stroke:#3461c1');
  lines.push('  classDef unsafe fill:#ffe0e0,stroke:#c00000,stroke-width:3px');
  lines.push('  classDef broad fill:#fff4d6,stroke:#b7791f,stroke-width:2px');
  // Only when there is one: diagrams without unknowns stay as they were (README shows one).
  if (unknown.length > 0) lines.push('  classDef unknown fill:#eeeeee,stroke:#555555,stroke-width:2px,stroke-dasharray:5 3');
  if (external.length > 0) lines.push(`  class ${external.join(',')} external`);
  if (unsafe.length > 0) lines.push(`  class ${unsafe.join(',')} unsafe`);
  if (broad.length > 0) lines.push(`  class ${broad.join(',')} broad`);
  if (unknown.length > 0) lines.push(`  class ${unknown.join(',')} unknown`);
  return lines.join('\n');
}

/** Text in a Markdown table cell, as code. @param {string} text */
export function cell(text: string) {
  if (text === '') return '';
  const escaped = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const ticks = escaped.includes('`') ? '``' : '`';
  return `${ticks}${escaped}${ticks}`;
}

/** @param {AccessReport} report @param {number} level */
export function renderSection(report: AccessReport, level: number) {
  const h = '#'.repeat(level);
  const out = [`${h} ${report.title}`, '', `Derived from ${report.source}: what will be deployed, whatever created it.`, ''];
  if (report.edges.length === 0 && report.rows.length === 0) {
    out.push(report.sections.length > 0
      ? 'No IAM principal, role, policy or role assignment in this stack itself; what it deploys elsewhere follows.'
      : 'No IAM principal, role, policy or role assignment in this stack: it grants no access.', '');
  } else {
    const grouped = diagramOf(report).grouped;
    out.push('```mermaid', renderMermaid(report), '```', '');
    out.push('Solid arrows: may assume / may access (label: actions, then conditions). Dotted: holds the credential of, or is a member of. '
      + 'Thick: flagged. Rounded: outside this stack; cylinders: storage; dashed grey: unknown (known only at deploy time).', '');
    if (grouped > 0) out.push(`This stack has more than ${MAX_DIAGRAM_NODES} boxes: ${grouped} unflagged ones are drawn in groups of their kind. The table lists every one.`, '');
  }
  out.push(`${h}# Findings`, '');
  if (report.findings.length === 0) out.push('None: no principal `*` without a pinning condition, no web identity without `sub`, no wildcard action.', '');
  else out.push(...report.findings.map((f) => `- **FLAGGED** \`${f.rule}\` ${f.message}`), '');
  if (report.unknowns.length > 0) {
    out.push(`${h}# Unknown (not counted as safe)`, '', ...report.unknowns.map((u) => `- **UNKNOWN** ${u.message}`), '');
  }
  if (report.notes.length > 0) out.push(`${h}# Denies and notes`, '', ...[...new Set(report.notes)].map((n) => `- ${n}`), '');
  if (report.rows.length > 0) {
    out.push(`${h}# Permissions`, '', '| Principal | Effect | Actions | Resources | Conditions | Granted by |', '|---|---|---|---|---|---|');
    const rank = (r: PermissionRow) => (r.effect === 'Deny' ? 4 : r.source.includes('trust policy') || r.resources.some((x) => x.startsWith('IAM role')) && r.actions.some((a) => a.startsWith('sts:')) ? 0 : r.effect === 'Authenticate' ? 1 : 2);
    const rows = report.rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
    for (const r of rows) {
      const effect = `${r.flag ? `**${r.effect}** (flagged: ${r.flag.replace(/\|/g, '\\|')})` : r.effect}${r.unknown ? ` (UNKNOWN: ${r.unknown.replace(/\|/g, '\\|')})` : ''}`;
      out.push(`| ${cell(r.principal)} | ${effect} | ${r.actions.map(cell).join('<br>')} | ${r.resources.map(cell).join('<br>')} | ${r.conditions.map(cell).join('<br>')} | ${cell(r.source)} |`);
    }
    out.push('');
  }
  for (const s of report.sections) out.push(...renderSection(s, level + 1));
  return out;
}

/** The Markdown document of a report. @param {AccessReport} report */
export function renderMarkdown(report: AccessReport) {
  return `${renderSection({ ...report, title: `Access report: ${report.title}` }, 1).join('\n').trimEnd()}\n`;
}

/** Every Mermaid diagram of a Markdown document. @param {string} markdown */
export function mermaidBlocks(markdown: string) {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

