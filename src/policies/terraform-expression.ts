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
  return scan(value).found.map(classify);
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

/** One scan of a Terraform value: the references of its expressions, and its text without comments. */
interface Scan {
  readonly found: string[];
  out: string;
}

function scan(value: string): Scan {
  const result: Scan = { found: [], out: '' };
  scanTemplate(value, 0, false, result);
  return result;
}

/**
 * Scans a template from `start`: literal text and `${...}` parts. Inside a quoted string
 * (`inString`) it stops at the closing quote and returns its index; otherwise at the end.
 */
function scanTemplate(s: string, start: number, inString: boolean, sc: Scan): number {
  let i = start;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) { sc.out += s.slice(i, i + 3); i += 3; continue; }
    if (s.startsWith('${', i) || s.startsWith('%{', i)) { sc.out += s.slice(i, i + 2); i = scanExpression(s, i + 2, sc) + 1; continue; }
    if (inString && s[i] === '\\') { sc.out += s.slice(i, i + 2); i += 2; continue; }
    if (inString && s[i] === '"') return i;
    sc.out += s[i];
    i += 1;
  }
  return i;
}

/**
 * Scans an expression from `start` to its closing `}` (returns its index), collecting references.
 * A comment (`#` or `//` to the end of the line, `/* ... *\/`) is a space in the text and in the code.
 */
function scanExpression(s: string, start: number, sc: Scan): number {
  let depth = 0;
  let code = '';
  let i = start;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      sc.out += c;
      i = scanTemplate(s, i + 1, true, sc);
      if (i < s.length) sc.out += s[i];
      code += ' ';
      continue;
    }
    const lineComment = c === '#' || s.startsWith('//', i);
    if (lineComment || s.startsWith('/*', i)) {
      const end = lineComment ? s.indexOf('\n', i) : s.indexOf('*/', i + 2);
      // The next character read is the line end (kept), or the one after the block comment's "*/".
      const next = end < 0 ? s.length : lineComment ? end : end + 2;
      sc.out += ' ';
      code += ' ';
      i = next - 1;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth += 1;
    if (c === '}' && depth === 0) { sc.out += c; break; }
    if (c === '}' || c === ')' || c === ']') depth -= 1;
    code += c;
    sc.out += c;
  }
  for (const m of code.matchAll(/(?<![\w.\]])([A-Za-z_][\w-]*)((?:\s*(?:\.[A-Za-z_*][\w-]*|\[[^\]]*\]))+)(?!\s*\()/g)) {
    if (KEYWORDS.has(m[1])) continue;
    sc.found.push(`${m[1]}${m[2].replace(/\s+/g, '')}`);
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// The secret rule: one for every entry point that writes a secret into Terraform (the Azure
// location's client secret, the arguments of spectrocloud_backup_storage_location). The back end
// resolves the token; this judges the resolved text and the declarations its references name.
// ---------------------------------------------------------------------------------------------

/** What the secret rule reads of a variable's declaration. */
export interface TerraformVariableDeclaration {
  /** Whether it has a `default` (written in clear text into the configuration). */
  readonly hasDefault: boolean;
  /** Whether it is declared `sensitive`. */
  readonly sensitive: boolean;
}

/** The variables and locals of a stack, as the secret rule follows references to them. */
export interface TerraformDeclarations {
  /** The variable `var.NAME`, or undefined when the stack does not declare it. */
  variable(name: string): TerraformVariableDeclaration | undefined;
  /** The resolved expression assigned to `local.NAME`, or undefined when the stack does not declare it. */
  local(name: string): unknown;
}

/**
 * The declarations of a synthesized (resolved) Terraform JSON configuration: its `variable` and
 * `locals` blocks, as cdktf writes them into cdk.tf.json.
 */
export function declarationsOfTerraformJson(json: unknown): TerraformDeclarations {
  const section = (key: string): Record<string, unknown> => {
    const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[key] : undefined;
    return typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
  };
  const variables = section('variable');
  const locals = section('locals');
  return {
    variable: (name) => {
      const v = Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] as Record<string, unknown> | undefined : undefined;
      return v === undefined ? undefined : { hasDefault: v.default !== undefined, sensitive: v.sensitive === true };
    },
    local: (name) => (Object.prototype.hasOwnProperty.call(locals, name) ? locals[name] : undefined),
  };
}

/** How a secret may be given, for the fix of every message. */
export const SECRET_REFERENCE_FIX = 'Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
  + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.';

/** Why a secret must be exactly one reference, and its two accepted forms (never the secret's text). */
export const SECRET_ONE_REFERENCE = 'a secret must be exactly one reference, with nothing around it and no function that could add a '
  + 'literal fallback (coalesce, try, join, a conditional, a template with text): ${var.NAME}, a TerraformVariable declared with '
  + 'sensitive: true and no default, or ${data.TYPE.NAME.ATTRIBUTE} / ${TYPE.NAME.ATTRIBUTE}, a data source or resource '
  + 'attribute (optionally decoded with base64decode or jsondecode and a key taken with lookup(..., "KEY") or ["KEY"])';

/**
 * The problems of a secret's resolved Terraform value (empty when it is a safe reference): a
 * literal (plain text, a Lazy's value or a function of literals such as `join`), a variable with a
 * default, a variable that is not sensitive, a local whose expression is any of these, and anything
 * that is not exactly one reference (`coalesce(var.s, "x")`, `"x${var.s}"`, a conditional: a literal
 * fallback is a literal secret). Data source and resource attributes pass. `declarations` gives the
 * stack's variables and locals; without it, a variable reference passes (the back end checks it when
 * it can see the stack). The messages name `prop` and the references, never the value. Comments
 * (`#`, `//`, `/* *\/`) are removed before anything is matched.
 */
export function secretExpressionProblems(resolved: unknown, prop: string, declarations?: TerraformDeclarations): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, via: string, depth: number): void => {
    const text = withoutComments(typeof value === 'string' ? value : JSON.stringify(value) ?? '');
    // Each reference once: `var.s == "" ? "x" : var.s` names var.s twice, and its declaration has one verdict.
    const sources = terraformReferences(text).filter((r, i, all) => r.kind !== 'meta' && all.findIndex((o) => o.expression === r.expression) === i);
    const unwrapped = /\bnonsensitive\s*\(/.test(text);
    if (unwrapped) {
      problems.push(`${via} is wrapped in nonsensitive(): Terraform would show the secret in plans and logs. Pass the reference itself.`);
    }
    if (sources.length === 0 && /\b(file|filebase64|templatefile)\s*\(/.test(text)) {
      problems.push(`${via} reads a local file (Fn.file, Fn.filebase64 or Fn.templatefile): the secret must then sit on disk next to the `
        + `configuration (often in the repository), and Terraform copies it into plans and state. ${SECRET_REFERENCE_FIX}`);
      return;
    }
    if (sources.length === 0) {
      problems.push(`${via} resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): `
        + `it would be written in clear text into cdk.tf.json. ${SECRET_REFERENCE_FIX}`);
      return;
    }
    for (const reference of sources) {
      if (declarations === undefined || reference.name === undefined) continue;
      if (reference.kind === 'variable') {
        const variable = declarations.variable(reference.name);
        if (variable === undefined) continue;
        if (variable.hasDefault) {
          problems.push(`${via} is TerraformVariable "${reference.name}", which has a default: the default is written in clear text into `
            + `cdk.tf.json. Remove the default and set the value with TF_VAR_${reference.name} (or a .tfvars file kept out of the repository).`);
        }
        if (!variable.sensitive) {
          problems.push(`${via} is TerraformVariable "${reference.name}", which is not sensitive: Terraform shows its value in plans and logs. `
            + 'Declare it with sensitive: true.');
        }
      } else if (reference.kind === 'local' && depth < 5) {
        const local = declarations.local(reference.name);
        if (local !== undefined) visit(local, `${via} (through local "${reference.name}")`, depth + 1);
      }
    }
    if (!unwrapped && !isOneReference(text)) {
      const refs = sources.map((r) => r.expression).join(', ');
      problems.push(`${via} is not one reference (it refers to ${refs} inside a larger expression): ${SECRET_ONE_REFERENCE}.`);
    }
  };
  visit(resolved, prop, 0);
  return problems;
}

/**
 * A Terraform value without its comments: `#` and `//` to the end of the line and `/* ... *\/`,
 * inside `${...}` and `%{...}` only (template text and string literals keep their characters).
 */
export function withoutComments(value: string): string {
  return scan(value).out;
}

/** Functions that decode one reference without adding a value of their own. */
const DECODERS = new Set(['base64decode', 'jsondecode']);

/**
 * True when a value (without comments) is `${E}` and nothing else, where E is one reference
 * (`var.NAME`, `local.NAME`, `data.TYPE.NAME.ATTR...`, `TYPE.NAME.ATTR...`, with `.attr`, `[0]` and
 * `["key"]` steps), `base64decode(E)`, `jsondecode(E)`, or `lookup(E, "KEY")` (two arguments: a third is
 * a literal fallback), each with the same steps after it.
 */
export function isOneReference(value: string): boolean {
  const s = value;
  if (!s.startsWith('${') || s.startsWith('$${')) return false;
  let i = 2;
  const ws = () => { while (i < s.length && /\s/.test(s[i])) i += 1; };
  const ident = (): string | undefined => {
    const m = /^[A-Za-z_][\w-]*/.exec(s.slice(i));
    if (m === null) return undefined;
    i += m[0].length;
    return m[0];
  };
  const plainString = (): boolean => {
    const m = /^"(?:[^"\\$%]|\\.)*"/.exec(s.slice(i));
    if (m === null) return false;
    i += m[0].length;
    return true;
  };
  const steps = (): number => {
    let n = 0;
    for (;;) {
      ws();
      if (s[i] === '.') {
        i += 1; ws();
        if (ident() === undefined) return -1;
      } else if (s[i] === '[') {
        i += 1; ws();
        const m = /^\d+/.exec(s.slice(i));
        if (m !== null) i += m[0].length;
        else if (!plainString()) return -1;
        ws();
        if (s[i] !== ']') return -1;
        i += 1;
      } else {
        return n;
      }
      n += 1;
    }
  };
  const expr = (): boolean => {
    ws();
    const root = ident();
    if (root === undefined || KEYWORDS.has(root)) return false;
    ws();
    if (s[i] === '(') {
      i += 1;
      if (!DECODERS.has(root) && root !== 'lookup') return false;
      if (!expr()) return false;
      ws();
      if (root === 'lookup') {
        if (s[i] !== ',') return false;
        i += 1; ws();
        if (!plainString()) return false;
        ws();
      }
      if (s[i] !== ')') return false;
      i += 1;
      return steps() >= 0;
    }
    if (root === 'module' || META_ROOTS.has(root)) return false;
    const n = steps();
    // var.NAME and local.NAME need one step; data.TYPE.NAME.ATTR three; TYPE.NAME.ATTR two.
    return n >= (root === 'data' ? 3 : root === 'var' || root === 'local' ? 1 : 2);
  };
  if (!expr()) return false;
  ws();
  return s[i] === '}' && i === s.length - 1;
}

/** An aws-cdk-lib token's text (`${Token[TOKEN.123]}`, a list's `#{Token[...]}`): CloudFormation values. */
const AWS_CDK_TOKEN = /[$#]\{Token\[[^\]]*\]\}/;
/** A cdktf token's text (`${TfToken[TOKEN.123]}`, a list's `#{TfToken[...]}`), before resolution. */
const CDKTF_TOKEN = /[$#]\{TfToken\[[^\]]*\]\}/;

/** True when a value holds an aws-cdk-lib token, which no Terraform stack can resolve. */
export function hasAwsCdkToken(value: unknown): boolean {
  return typeof value === 'string' && AWS_CDK_TOKEN.test(value);
}

/** True when a value is (or holds) a cdktf token not resolved yet: a string token or an IResolvable object. */
export function hasCdktfToken(value: unknown): boolean {
  if (typeof value === 'string') return CDKTF_TOKEN.test(value);
  return typeof value === 'object' && value !== null && typeof (value as { resolve?: unknown }).resolve === 'function';
}

/**
 * The problem of a cdktf token (`${TfToken[...]}`) given to an aws-cdk-lib construct, with the fix:
 * aws-cdk-lib does not know cdktf's tokens, so the template would hold the placeholder text.
 */
export function cdktfTokenProblem(prop: string): string {
  return `${prop} is a cdktf token (a Terraform value such as a variable, a data source or a resource attribute): `
    + 'an aws-cdk-lib stack cannot resolve it and would write its placeholder text "${TfToken[...]}" into the CloudFormation template. '
    + 'Pass the value to the aws-cdk-lib stack instead: a literal, a CfnParameter (set from the Terraform output with cdk deploy --parameters) '
    + 'or an SSM parameter the Terraform stack writes';
}

/** The problem of an aws-cdk-lib token given to a Terraform argument, with the fix. */
export function awsCdkTokenProblem(prop: string): string {
  return `${prop} is an aws-cdk-lib token (a CloudFormation value such as a Ref, Fn::GetAtt or an attribute of an aws-cdk-lib construct): `
    + 'a Terraform stack cannot resolve it and would write its placeholder text "${Token[...]}". Read the value in Terraform instead '
    + '(the aws_cloudformation_stack data source\'s outputs of the deployed stack, created with createOutputs: true), or pass a literal';
}
