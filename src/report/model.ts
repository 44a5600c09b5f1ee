/**
 * The access report's model: who may do what, under which condition, on which resource, derived
 * from synthesized JSON only (CloudFormation, Terraform), never from construct props. Pure: JSON in,
 * this model out; the writers (markdown.ts, json.ts, sarif.ts) all read this one model.
 */

/**
 * Parsed template JSON of any shape. The readers never trust its shape: every read goes through
 * `list()`, `String()` or a `typeof` check, and a value they cannot resolve is reported as unknown.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A box of the diagram. */
export interface DiagramNode {
  readonly id: string;
  readonly kind: string;
  readonly lines: string[];
  flag?: 'unsafe' | 'broad' | 'unknown';
  readonly external: boolean;
}

/** An arrow of the diagram: one entry (its lines) per statement or binding that grants it. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly style: 'access' | 'assume' | 'link';
  readonly entries: string[][];
  flagged: boolean;
}

/** A row of the permissions table. */
export interface PermissionRow {
  readonly principal: string;
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions: string[];
  /** The resource and statement that grant it. */
  readonly source: string;
  /** Why the row is flagged. */
  readonly flag?: string;
  /** What the reader could not resolve in this row (shown as unknown, never as safe). */
  readonly unknown?: string;
}

/** The rule ids of findings (stable: SARIF and the JSON carry them). */
export type RuleId =
  | 'principal-not-pinned'
  | 'not-principal'
  | 'not-action'
  | 'not-resource'
  | 'web-identity-not-pinned'
  | 'saml-audience-missing'
  | 'wildcard-action'
  | 'broad-managed-policy'
  | 'broad-role'
  | 'public-member'
  | 'unreadable'
  | 'unknown';

/** A flagged finding, or something the reader could not resolve (rule `unknown`). */
export interface Finding {
  readonly rule: RuleId;
  /** The resource (logical id or Terraform address) the finding is about. */
  readonly resource: string;
  readonly message: string;
}

/** The report of one stack (and of the stacks it deploys: StackSets, nested stacks). */
export interface AccessReport {
  readonly title: string;
  readonly source: string;
  /** The file the report was read from, relative to the folder given (for SARIF locations). */
  file?: string;
  readonly nodes: Map<string, DiagramNode>;
  readonly edges: DiagramEdge[];
  readonly rows: PermissionRow[];
  readonly findings: Finding[];
  /** What the reader could not resolve: never counted as safe. */
  readonly unknowns: Finding[];
  readonly notes: string[];
  readonly sections: AccessReport[];
  /** Edges by `from to style`, and the keys of findings and unknowns: lookups in constant time (linear reports at scale). */
  readonly index: { readonly edges: Map<string, DiagramEdge>; readonly findings: Set<string>; readonly unknowns: Set<string> };
}

/** What a node is before it gets its id. */
export interface NodeSpec {
  readonly key: string;
  readonly kind: string;
  readonly lines: string[];
  readonly flag?: 'unsafe' | 'broad' | 'unknown';
  readonly external?: boolean;
}

/** A condition of an IAM statement, as read. */
export interface ConditionText {
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
  readonly text: string;
}

/** More principals than this in one statement are drawn as one node (the table lists them all). */
export const MAX_NODES_PER_STATEMENT = 6;

// ---------------------------------------------------------------------------------------------
// Shared model helpers
// ---------------------------------------------------------------------------------------------

/** @param {string} title @param {string} source @returns {AccessReport} */
export function newReport(title: string, source: string): AccessReport {
  return {
    title,
    source,
    nodes: new Map(),
    edges: [],
    rows: [],
    findings: [],
    unknowns: [],
    notes: [],
    sections: [],
    index: { edges: new Map(), findings: new Set(), unknowns: new Set() },
  };
}

/**
 * FNV-1a, 32 bit, as 8 hex digits: a stable suffix for node ids. The same function as the report
 * always used, so node ids (and the diagrams in reviews and in README) do not change.
 */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    /* eslint-disable no-bitwise -- FNV-1a is defined on 32-bit XOR and multiplication */
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
    /* eslint-enable no-bitwise */
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A Mermaid node id derived from the node's key only (not from its position), so ids stay the same
 * when other principals are added: letters, digits and underscores, with a hash when the key had to
 * be changed to get there (so two keys never share an id).
 * @param {string} key
 */
export function nodeId(key: string) {
  const clean = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').slice(0, 60);
  return clean === key ? `N_${clean}` : `N_${clean}_${hash(key).slice(0, 6)}`;
}

/** @param {AccessReport} report @param {NodeSpec} spec @returns {string} the node id */
export function addNode(report: AccessReport, spec: NodeSpec): string {
  const id = nodeId(spec.key);
  const existing = report.nodes.get(id);
  if (existing) {
    if (spec.flag === 'unsafe' || (spec.flag === 'broad' && !existing.flag)) existing.flag = spec.flag;
    return id;
  }
  report.nodes.set(id, { id, kind: spec.kind, lines: spec.lines, flag: spec.flag, external: spec.external ?? false });
  return id;
}

/**
 * @param {AccessReport} report @param {string} from @param {string} to
 * @param {'access' | 'assume' | 'link'} style @param {string[]} lines @param {boolean} [flagged]
 */
export function addEdge(report: AccessReport, from: string, to: string, style: 'access' | 'assume' | 'link', lines: string[], flagged: boolean = false) {
  const key = `${from} ${to} ${style}`;
  const existing = report.index.edges.get(key);
  if (existing) {
    if (!existing.entries.some((e) => JSON.stringify(e) === JSON.stringify(lines))) existing.entries.push([...lines]);
    existing.flagged = existing.flagged || flagged;
    return;
  }
  const edge: DiagramEdge = { from, to, style, entries: [[...lines]], flagged };
  report.index.edges.set(key, edge);
  report.edges.push(edge);
}

/** @param {unknown} v @returns {unknown[]} */
export function list(v: unknown): Json[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** @param {string[]} items @param {string} [more] */
export function joinShort(items: string[], more: string = 'more') {
  return items.length <= MAX_NODES_PER_STATEMENT
    ? items.join(', ')
    : `${items.slice(0, 3).join(', ')} and ${items.length - 3} ${more}`;
}

export const CONDITION_OPERATORS: Record<string, string> = ({
  StringEquals: '=',
  StringNotEquals: '≠',
  StringEqualsIgnoreCase: '= (any case)',
  StringNotEqualsIgnoreCase: '≠ (any case)',
  StringLike: 'like',
  StringNotLike: 'not like',
  ArnEquals: '=',
  ArnLike: 'like',
  ArnNotEquals: '≠',
  ArnNotLike: 'not like',
  NumericEquals: '=',
  NumericNotEquals: '≠',
  NumericLessThan: '<',
  NumericLessThanEquals: '≤',
  NumericGreaterThan: '>',
  NumericGreaterThanEquals: '≥',
  DateEquals: '=',
  DateLessThan: 'before',
  DateGreaterThan: 'after',
  Bool: 'is',
  IpAddress: 'in',
  NotIpAddress: 'not in',
  Null: 'is null:',
});

/**
 * IAM condition block -> one readable string per key: `sts:ExternalId = abc`,
 * `token.actions.githubusercontent.com:sub in [a, b]`, `any of aws:PrincipalOrgPaths like [...]`.
 * @param {unknown} condition already rendered (strings, not intrinsics)
 * @returns {{ key: string, operator: string, values: string[], text: string }[]}
 */
export function iamConditions(condition: unknown): { key: string; operator: string; values: string[]; text: string }[] {
  if (!condition || typeof condition !== 'object') return [];
  /** @type {{ key: string, operator: string, values: string[], text: string }[]} */
  const out = [];
  for (const [rawOperator, block] of Object.entries(condition)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const [quantifier, bare] = rawOperator.includes(':') ? rawOperator.split(':', 2) : ['', rawOperator];
    const base = ifExists ? bare.slice(0, -'IfExists'.length) : bare;
    const symbol = CONDITION_OPERATORS[base] ?? base;
    for (const [key, value] of Object.entries(block ?? {})) {
      const values = list(value).map(String);
      const shown = values.length === 1 ? values[0] : `[${values.join(', ')}]`;
      const op = values.length === 1 || !['=', 'like'].includes(symbol) ? symbol : symbol === '=' ? 'in' : 'like any of';
      const prefix = quantifier === 'ForAnyValue' ? 'any of ' : quantifier === 'ForAllValues' ? 'all of ' : '';
      const suffix = ifExists ? ' (if present)' : '';
      out.push({ key, operator: rawOperator, values, text: `${prefix}${key} ${op} ${shown}${suffix}` });
    }
  }
  return out;
}

/** Adds a flagged finding (once). */
export function flag(report: AccessReport, rule: RuleId, resource: string, message: string): void {
  const key = `${rule} ${message}`;
  if (report.index.findings.has(key)) return;
  report.index.findings.add(key);
  report.findings.push({ rule, resource, message });
}

/** Adds something the reader could not resolve (once). */
export function unknown(report: AccessReport, resource: string, message: string): void {
  if (report.index.unknowns.has(message)) return;
  report.index.unknowns.add(message);
  report.unknowns.push({ rule: 'unknown', resource, message });
}

/** Flagged findings of a report and its sections. */
export function findingCount(report: AccessReport): number {
  return report.findings.length + report.sections.reduce((n, s) => n + findingCount(s), 0);
}

/** Unknowns of a report and its sections. */
export function unknownCount(report: AccessReport): number {
  return report.unknowns.length + report.sections.reduce((n, s) => n + unknownCount(s), 0);
}
