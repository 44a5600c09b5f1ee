/**
 * The Markdown writer: a GitHub-flavoured Mermaid diagram (`flowchart LR`) and the table of the
 * exact permissions, per stack.
 */
import { AccessReport, DiagramEdge, DiagramNode, PermissionRow, joinShort, nodeId } from './model';

/**
 * Escapes text for a quoted Mermaid label: every character Mermaid or the HTML it renders could
 * read as syntax (quotes, brackets, braces, `*`, `:`, `;`, `|`, `#`, `%`, `<`, `>`, `&`, backticks,
 * backslashes) becomes an entity code (`#quot;`, `#58;`), which Mermaid turns back into the character;
 * a line ending becomes a space, so every statement of the diagram stays on its own line.
 * @param {string} text
 */
export function mermaidText(text: string) {
  return oneLine(text).replace(/["#&<>*:;|[\]{}()`\\%]/g, (c) => (c === '"' ? '#quot;' : `#${c.charCodeAt(0)};`));
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

/** Line endings (CommonMark's: \n, \r\n and a lone \r) become spaces: a value never starts a new block. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/**
 * Text as a CommonMark code span, shown literally whatever it holds: the fence is one backtick longer
 * than the text's longest run of backticks, so no run inside closes it, with a space each side when
 * the text has a backtick (CommonMark strips one space each side, so a leading or trailing backtick
 * cannot join the fence). Text without backticks is fenced as it always was (`text`).
 * @param {string} text
 */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const pad = longest > 0 || (/^ /.test(flat) && / $/.test(flat) && flat.trim() !== '') ? ' ' : '';
  const fence = '`'.repeat(longest + 1);
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text in a Markdown table cell, as code. @param {string} text */
export function cell(text: string) {
  if (text === '') return '';
  return codeSpan(text.replace(/\|/g, '\\|'));
}

/** A URL GitHub would turn into a link by itself (an extended autolink): `scheme://...` or `www....`, up to trailing punctuation. */
const AUTOLINK = /((?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|www\.)\S*?)(?=[)"'.,;:!?\]]*(?:\s|$))/;

/** What opens a code span, raw HTML or an autolink (`<` and a letter, `/`, `!`, `?`), or an entity: escaped wherever template text is prose. */
const OPENERS = /[\\`]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/;

/**
 * Text from a template in Markdown prose (headings, findings, notes, stack names), made inert: on
 * one line; a URL as a code span (never a live link); and the characters that would open a link,
 * an image, raw HTML, an autolink, a code span, an entity or a block escaped with a backslash
 * (`\](`, `\<img`, `\&#60;`, a leading `#`, `>`, `-`...), so GitHub shows the text as written and
 * nothing else. Text without those (every report of a normal template) is unchanged.
 * @param {string} text
 * @param {boolean} [brackets] escape every `[` and `]` too (a link's own text)
 */
export function inert(text: string, brackets = false): string {
  const special = new RegExp(`${OPENERS.source}|${brackets ? String.raw`[[\]]` : String.raw`\](?=[([])`}`, 'g');
  return oneLine(text).split(AUTOLINK).map((part, i) => {
    if (i % 2 === 1) return codeSpan(part);
    const out = part.replace(special, '\\$&');
    // A block marker at the start (a heading, quote, list item, thematic break, fence) is escaped too.
    return i === 0 ? out.replace(/^(?:[#>+*=~_|-]|\d+(?=[.)]))/, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`)) : out;
  }).join('');
}

/** Template text in a table cell outside a code span: inert, and its pipes escaped. @param {string} text */
export function inertCell(text: string): string {
  return inert(text).replace(/\|/g, '\\|');
}

/** A stack's name as a link's text (ACCESS.md): inert, brackets and pipes escaped. @param {string} text */
export function linkText(text: string): string {
  return inert(text, true).replace(/\|/g, '\\|');
}

/** @param {AccessReport} report @param {number} level */
export function renderSection(report: AccessReport, level: number) {
  const h = '#'.repeat(level);
  const out = [`${h} ${inert(report.title)}`, '', `Derived from ${inert(report.source)}: what will be deployed, whatever created it.`, ''];
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
  else out.push(...report.findings.map((f) => `- **FLAGGED** \`${f.rule}\` ${inert(f.message)}`), '');
  if (report.unknowns.length > 0) {
    out.push(`${h}# Unknown (not counted as safe)`, '', ...report.unknowns.map((u) => `- **UNKNOWN** ${inert(u.message)}`), '');
  }
  if (report.notes.length > 0) out.push(`${h}# Denies and notes`, '', ...[...new Set(report.notes)].map((n) => `- ${inert(n)}`), '');
  if (report.rows.length > 0) {
    out.push(`${h}# Permissions`, '', '| Principal | Effect | Actions | Resources | Conditions | Granted by |', '|---|---|---|---|---|---|');
    const rank = (r: PermissionRow) => (r.effect === 'Deny' ? 4 : r.source.includes('trust policy') || r.resources.some((x) => x.startsWith('IAM role')) && r.actions.some((a) => a.startsWith('sts:')) ? 0 : r.effect === 'Authenticate' ? 1 : 2);
    const rows = report.rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
    for (const r of rows) {
      const shown = inertCell(String(r.effect));
      const effect = `${r.flag ? `**${shown}** (flagged: ${inertCell(r.flag)})` : shown}${r.unknown ? ` (UNKNOWN: ${inertCell(r.unknown)})` : ''}`;
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

