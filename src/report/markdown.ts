/**
 * The Markdown writer: a GitHub-flavoured Mermaid diagram (`flowchart LR`) and the table of the
 * exact permissions, per stack.
 */
import { AccessReport, DiagramNode, PermissionRow } from './model';

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

/** The Mermaid source (`flowchart LR`) of a report's diagram. @param {AccessReport} report */
export function renderMermaid(report: AccessReport) {
  const lines = ['flowchart LR'];
  const used = new Set(report.edges.flatMap((e) => [e.from, e.to]));
  for (const node of report.nodes.values()) {
    if (!used.has(node.id)) continue;
    const [open, close] = shapeOf(node);
    lines.push(`  ${node.id}${open}${mermaidLabel(node.lines)}${close}`);
  }
  for (const e of report.edges) {
    const arrow = e.style === 'link' ? '-.->' : e.flagged ? '==>' : '-->';
    lines.push(`  ${e.from} ${arrow}|${mermaidLabel(e.entries.flat())}| ${e.to}`);
  }
  const unsafe = [...report.nodes.values()].filter((n) => used.has(n.id) && n.flag === 'unsafe').map((n) => n.id);
  const broad = [...report.nodes.values()].filter((n) => used.has(n.id) && n.flag === 'broad').map((n) => n.id);
  const external = [...report.nodes.values()].filter((n) => used.has(n.id) && n.external && !n.flag).map((n) => n.id);
  lines.push('  classDef external fill:#eef4ff,stroke:#3461c1');
  lines.push('  classDef unsafe fill:#ffe0e0,stroke:#c00000,stroke-width:3px');
  lines.push('  classDef broad fill:#fff4d6,stroke:#b7791f,stroke-width:2px');
  if (external.length > 0) lines.push(`  class ${external.join(',')} external`);
  if (unsafe.length > 0) lines.push(`  class ${unsafe.join(',')} unsafe`);
  if (broad.length > 0) lines.push(`  class ${broad.join(',')} broad`);
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
    out.push('```mermaid', renderMermaid(report), '```', '');
    out.push('Solid arrows: may assume / may access (label: actions, then conditions). Dotted: holds the credential of, or is a member of. Thick: flagged. Rounded: outside this stack; cylinders: storage.', '');
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

