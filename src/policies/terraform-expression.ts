/**
 * What a synthesized Terraform value refers to: the pure part of the checks that keep secrets out
 * of `cdk.tf.json`. A value is given as cdktf resolves it (`${var.secret}`,
 * `${join("", ["a", "b"])}`, `${data.azurerm_key_vault_secret.s.value}`, or plain text); this file
 * finds the references in it without evaluating anything. No back end is imported: the constructs
 * resolve the token and look up the variables and locals the references name.
 *
 * Source: Terraform's expression syntax (developer.hashicorp.com/terraform/language/expressions):
 * templates `${...}` with `$${` as an escape, string literals with `\` escapes and nested
 * templates, and references `var.<name>`, `local.<name>`, `data.<type>.<name>.<attr>`,
 * `<type>.<name>.<attr>`, plus `path.*`, `terraform.*`, `count.*`, `each.*` and `self.*`.
 */

/** The kind of thing a reference names. */
export type TerraformReferenceKind = 'variable' | 'local' | 'data' | 'resource' | 'module' | 'meta';

/** One reference found in a Terraform value. */
export interface TerraformReference {
  /** The reference as written, e.g. `var.palette_client_secret` or `data.azurerm_key_vault_secret.s.value`. */
  readonly expression: string;
  readonly kind: TerraformReferenceKind;
  /** The variable's or local's name (`var.NAME`, `local.NAME`); undefined for other kinds. */
  readonly name?: string;
}

const META_ROOTS = new Set(['path', 'terraform', 'count', 'each', 'self']);
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'endif', 'else', 'endfor']);

/** Every reference in a resolved Terraform value (a template: literal text with `${...}` parts). */
export function terraformReferences(value: string): TerraformReference[] {
  const found: string[] = [];
  scanTemplate(value, 0, false, found);
  return found.map(classify);
}

/** True when a resolved value refers to nothing: every byte of it is in the synthesized file. */
export function isTerraformLiteral(value: string): boolean {
  return terraformReferences(value).every((r) => r.kind === 'meta');
}

function classify(expression: string): TerraformReference {
  const [root, second] = expression.split('.');
  if (root === 'var') return { expression, kind: 'variable', name: second };
  if (root === 'local') return { expression, kind: 'local', name: second };
  if (root === 'data') return { expression, kind: 'data' };
  if (root === 'module') return { expression, kind: 'module' };
  if (META_ROOTS.has(root)) return { expression, kind: 'meta' };
  return { expression, kind: 'resource' };
}

/**
 * Scans a template from `start`: literal text and `${...}` parts. Inside a quoted string
 * (`inString`) it stops at the closing quote and returns its index; otherwise at the end.
 */
function scanTemplate(s: string, start: number, inString: boolean, found: string[]): number {
  let i = start;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) { i += 3; continue; }
    if (s.startsWith('${', i) || s.startsWith('%{', i)) { i = scanExpression(s, i + 2, found) + 1; continue; }
    if (inString && s[i] === '\\') { i += 2; continue; }
    if (inString && s[i] === '"') return i;
    i += 1;
  }
  return i;
}

/** Scans an expression from `start` to its closing `}` (returns its index), collecting references. */
function scanExpression(s: string, start: number, found: string[]): number {
  let depth = 0;
  let code = '';
  let i = start;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = scanTemplate(s, i + 1, true, found);
      code += ' ';
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth += 1;
    if (c === '}' && depth === 0) break;
    if (c === '}' || c === ')' || c === ']') depth -= 1;
    code += c;
  }
  for (const m of code.matchAll(/(?<![\w.\]])([A-Za-z_][\w-]*)((?:\s*(?:\.[A-Za-z_*][\w-]*|\[[^\]]*\]))+)(?!\s*\()/g)) {
    if (KEYWORDS.has(m[1])) continue;
    found.push(`${m[1]}${m[2].replace(/\s+/g, '')}`);
  }
  return i;
}
