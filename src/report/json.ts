/**
 * The JSON writer: the model as plain data for other tools (format version 1). Nodes and edges are
 * the diagram's; rows are the table's (every one); findings are flagged; unknowns are what the
 * reader could not resolve (never safe).
 */
import { AccessReport, Finding, PermissionRow } from './model';

/** One stack in the JSON report. */
export interface AccessReportJsonStack {
  readonly title: string;
  readonly source: string;
  readonly file?: string;
  readonly findings: Finding[];
  readonly unknowns: Finding[];
  readonly notes: string[];
  readonly rows: PermissionRow[];
  readonly nodes: { id: string; kind: string; lines: string[]; flag?: string; external: boolean }[];
  readonly edges: { from: string; to: string; style: string; entries: string[][]; flagged: boolean }[];
  readonly sections: AccessReportJsonStack[];
}

function stack(report: AccessReport): AccessReportJsonStack {
  const used = new Set(report.edges.flatMap((e) => [e.from, e.to]));
  return {
    title: report.title,
    source: report.source,
    ...(report.file ? { file: report.file } : {}),
    findings: report.findings,
    unknowns: report.unknowns,
    notes: [...new Set(report.notes)],
    rows: report.rows,
    nodes: [...report.nodes.values()]
      .filter((n) => used.has(n.id))
      .map((n) => ({ id: n.id, kind: n.kind, lines: n.lines, ...(n.flag ? { flag: n.flag } : {}), external: n.external })),
    edges: report.edges.map((e) => ({ from: e.from, to: e.to, style: e.style, entries: e.entries, flagged: e.flagged })),
    sections: report.sections.map(stack),
  };
}

/** The JSON document of reports (one per stack). */
export function renderJson(reports: AccessReport[]): string {
  const stacks = reports.map(stack);
  const count = (s: AccessReportJsonStack, f: (x: AccessReportJsonStack) => number): number => f(s) + s.sections.reduce((n, x) => n + count(x, f), 0);
  return `${JSON.stringify({
    version: 1,
    flagged: stacks.reduce((n, s) => n + count(s, (x) => x.findings.length), 0),
    unknown: stacks.reduce((n, s) => n + count(s, (x) => x.unknowns.length), 0),
    stacks,
  }, undefined, 2)}\n`;
}
