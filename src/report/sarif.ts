/**
 * The SARIF 2.1.0 writer: one result per flagged finding (level `error`) and per unknown (level
 * `warning`), located at the resource in the template, so GitHub code scanning shows them on the
 * pull request (github/codeql-action/upload-sarif).
 */
import { AccessReport, Finding, RuleId } from './model';

/** What each rule means (SARIF `rules`). */
export const RULES: Record<RuleId, string> = {
  'principal-not-pinned': 'A "*" principal (or a parameter that defaults to "*") is not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.',
  'not-principal': 'NotPrincipal in an Allow statement grants everyone it does not list.',
  'not-action': 'NotAction in an Allow statement grants every other action.',
  'not-resource': 'NotResource in an Allow statement grants every other resource.',
  'web-identity-not-pinned': 'A web identity (OIDC) is trusted without a pinned sub or without aud.',
  'saml-audience-missing': 'A SAML provider is trusted without SAML:aud.',
  'wildcard-action': 'An Allow statement grants a wildcard action (* or service:*).',
  'broad-managed-policy': 'A broad managed policy (administrator, power user, full access) is attached.',
  'broad-role': 'A broad role, or a role on a whole project, organization, folder, subscription, management group or tenant.',
  'public-member': 'A GCP binding to allUsers or allAuthenticatedUsers.',
  'unreadable': 'Part of the template could not be read, so its access is not reported.',
  'unknown': 'A value known only at deploy (or plan) time: the access it grants is not known, and is not counted as safe.',
};

/** A report with the text of the file it was read from (to find the resource's line). */
export interface SarifInput {
  readonly report: AccessReport;
  /** The file's path as SARIF shows it (relative to the repository root, `/` separators). */
  readonly uri?: string;
  /** The file's text. */
  readonly text?: string;
}

/** The line (1-based) where a resource is declared: its logical id or its Terraform name as a key. */
export function lineOf(text: string | undefined, resource: string): number | undefined {
  if (!text) return undefined;
  const name = resource.includes('.') ? resource.split('.').pop() ?? resource : resource;
  const at = text.indexOf(`"${name}":`);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The SARIF 2.1.0 log of reports. */
export function renderSarif(inputs: SarifInput[], version: string): string {
  const ruleIds = Object.keys(RULES) as RuleId[];
  const results: object[] = [];
  const visit = (report: AccessReport, input: SarifInput) => {
    const add = (f: Finding, level: 'error' | 'warning') => {
      const line = lineOf(input.text, f.resource);
      results.push({
        ruleId: f.rule,
        ruleIndex: ruleIds.indexOf(f.rule),
        level,
        message: { text: f.message },
        locations: [{
          ...(input.uri ? { physicalLocation: { artifactLocation: { uri: input.uri }, ...(line ? { region: { startLine: line } } : {}) } } : {}),
          logicalLocations: [{ name: f.resource, fullyQualifiedName: `${report.title}/${f.resource}` }],
        }],
      });
    };
    report.findings.forEach((f) => add(f, 'error'));
    report.unknowns.forEach((f) => add(f, 'warning'));
    for (const s of report.sections) visit(s, input);
  };
  for (const input of inputs) visit(input.report, input);
  return `${JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'saas-backup-constructs access report',
          informationUri: 'https://github.com/saas-backup-constructs/saas-backup-constructs/blob/main/docs/access-report.md',
          version,
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULES[id] }, defaultConfiguration: { level: id === 'unknown' ? 'warning' : 'error' } })),
        },
      },
      results,
    }],
  }, undefined, 2)}\n`;
}
