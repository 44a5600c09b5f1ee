// Types of scripts/access-report.js, for the tests (test/scripts/access-report.test.ts).

export interface DiagramNode {
  readonly id: string;
  readonly kind: string;
  readonly lines: string[];
  flag?: 'unsafe' | 'broad';
  readonly external: boolean;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly style: 'access' | 'assume' | 'link';
  /** One entry (its lines) per statement or binding that grants this edge. */
  readonly entries: string[][];
  flagged: boolean;
}

export interface PermissionRow {
  readonly principal: string;
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions: string[];
  readonly source: string;
  readonly flag?: string;
}

export interface AccessReport {
  readonly title: string;
  readonly source: string;
  readonly nodes: Map<string, DiagramNode>;
  readonly edges: DiagramEdge[];
  readonly rows: PermissionRow[];
  readonly findings: string[];
  readonly notes: string[];
  readonly sections: AccessReport[];
}

export interface WrittenReport {
  readonly stack: string;
  readonly file: string;
  readonly findings: number;
}

export function cfnAccessReport(template: unknown, options: { title: string; source?: string }): AccessReport;
export function terraformAccessReport(config: unknown, options: { title: string; source?: string }): AccessReport;
export function renderMarkdown(report: AccessReport): string;
export function renderMermaid(report: AccessReport): string;
export function mermaidText(text: string): string;
export function mermaidBlocks(markdown: string): string[];
export function renderCfnValue(value: unknown): unknown;
export function iamConditions(condition: unknown): Array<{ key: string; operator: string; values: string[]; text: string }>;
export function nodeId(key: string): string;
export function findingCount(report: AccessReport): number;
export function writeCloudAssemblyReports(dir: string): WrittenReport[];
export function writeTerraformReports(dir: string): WrittenReport[];
