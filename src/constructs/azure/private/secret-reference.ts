// Internal (not exported from the submodule): the synth-time check that a secret input is a
// reference Terraform keeps out of cdk.tf.json, whatever token it is given as. The rule itself is
// pure and shared with registration (policies/terraform-expression.ts, secretExpressionProblems);
// this resolves cdktf tokens and reads the stack's variables and locals for it.
import { DefaultTokenResolver, StringConcat, TerraformLocal, TerraformStack, TerraformVariable, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { secretExpressionProblems, TerraformDeclarations, terraformReferences, withoutComments } from '../../../policies/terraform-expression';
import { ValidationProblems, ValueRule } from '../../../policies/validation';
import { checkWhenResolvedToLiteral as checkResolvedLiteral } from '../../private/resolved-literal';

/**
 * Marks a construct whose secret input `checkSecretReference` checks (so a parent does not report it
 * twice): a property of the construct itself, not module state.
 */
const SECRET_CHECKED = Symbol.for('saas-backup-constructs.secretChecked');

/** Whether `owner`'s secret input is already checked by `checkSecretReference`. */
export function isSecretChecked(owner: IConstruct): boolean {
  return (owner as { [SECRET_CHECKED]?: boolean })[SECRET_CHECKED] === true;
}

/**
 * Refuses, at synth time (`node.addValidation`, so a `Lazy` is resolved when its value is final),
 * a secret input whose resolved value puts the secret into cdk.tf.json or shows it in plans:
 * - a literal, including a `Lazy` that produces one and a Terraform function of literals (`Fn.join`);
 * - a `TerraformVariable` with a `default` (the default is written into cdk.tf.json);
 * - a `TerraformVariable` that is not `sensitive` (Terraform prints it in plans and logs);
 * - a `TerraformLocal` whose expression is any of these.
 * Data source and resource attributes pass: Terraform reads them at plan or apply time. A plain
 * string is refused eagerly by the caller; this handles tokens.
 */
export function checkSecretReference(owner: IConstruct, value: string | undefined, prop: string): void {
  if (!isSecretChecked(owner)) Object.defineProperty(owner, SECRET_CHECKED, { value: true, enumerable: false });
  if (value === undefined || !Token.isUnresolved(value)) return;
  owner.node.addValidation({ validate: () => secretReferenceProblems(owner, value, prop) });
}

/**
 * The eager half of the secret rule, for a value given as a plain string (or a JavaScript caller's
 * other type): the shared rule judges it as Terraform will read it (a literal, `${file(...)}`,
 * `${nonsensitive(...)}`); tokens wait for `checkSecretReference`. The value is never shown.
 */
export function checkSecretLiteral(problems: ValidationProblems, value: unknown, prop: string): ValidationProblems {
  if (value === undefined || Token.isUnresolved(value)) return problems;
  if (typeof value !== 'string') return problems.checkString(value, prop);
  secretExpressionProblems(value, prop).forEach((p) => problems.add(p));
  return problems;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What a value synthesizes to in `scope`'s stack (cdktf's own resolution, as at synth). */
function resolveIn(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER });
}

/** The problems of a secret given as a token (empty when it is a safe reference): the shared secret rule, on cdktf's resolution. */
export function secretReferenceProblems(scope: IConstruct, value: unknown, prop: string): string[] {
  const stack = TerraformStack.of(scope);
  return secretExpressionProblems(resolveIn(stack, value), prop, stackDeclarations(stack));
}

/** The stack's variables and locals, for the secret rule. */
export function stackDeclarations(stack: TerraformStack): TerraformDeclarations {
  return {
    variable: (name) => {
      const variable = findElement(stack, TerraformVariable, name);
      return variable === undefined ? undefined : { hasDefault: variable.default !== undefined, sensitive: variable.sensitive === true };
    },
    local: (name) => {
      // `expression` reads back as `${local.NAME}`; the synthesized block holds what was assigned.
      const block = findElement(stack, TerraformLocal, name)?.toTerraform() as { readonly locals?: Record<string, unknown> } | undefined;
      return block?.locals !== undefined && name in block.locals ? resolveIn(stack, block.locals[name]) : undefined;
    },
  };
}

/**
 * Checks a value given as a token once it resolves, at synth time (the shared skeleton,
 * `constructs/private/resolved-literal.ts`, with cdktf's resolution): the rule applies as it would
 * to a literal when the token stands for one Terraform would apply: a `Lazy`'s literal, a
 * `TerraformLocal` whose expression is a literal (followed through locals), or the literal `default`
 * of a `TerraformVariable` (what applies unless it is overridden). A Terraform function or template of
 * literals only (`Fn.join`, `Fn.dirname`, no variable, local, data source or resource in it) is
 * refused: its value cannot be checked here. References (resource or data source attributes,
 * variables without a default) stay unchecked: their value is known only to Terraform. Literals
 * themselves are checked eagerly by the caller.
 */
export function checkWhenResolvedToLiteral(owner: IConstruct, value: string, rule: ValueRule, prop: string): void {
  checkResolvedLiteral(owner, value, rule, prop, Token.isUnresolved, () => {
    const resolved = resolveToLiteral(owner, value);
    return resolved === UNVERIFIABLE ? { uncheckable: unverifiableProblem(rule, prop) } : resolved;
  });
}

/** The problem of a Terraform function or template of literals given where a checked ID is needed. */
function unverifiableProblem(rule: ValueRule, prop: string): string {
  return `${prop} (${rule.subject}) is a Terraform function or template of literals only (such as Fn.join or Fn.dirname): its value cannot `
    + 'be checked before Terraform computes it, and a scope built this way may name a whole subscription. Give the literal ID, or a '
    + 'reference to the resource or data source';
}

const UNVERIFIABLE = Symbol('unverifiable');

/**
 * The literal a token stands for in `owner`'s stack (its resolution, followed through `local.NAME`
 * and a variable's literal default), UNVERIFIABLE for a function or template of literals only, or
 * undefined for a value Terraform computes from a reference.
 */
function resolveToLiteral(owner: IConstruct, value: string): string | typeof UNVERIFIABLE | undefined {
  const stack = TerraformStack.of(owner);
  let current: unknown = resolveIn(owner, value);
  for (let depth = 0; depth < 5; depth++) {
    if (typeof current !== 'string') return undefined;
    const text = withoutComments(current);
    const references = terraformReferences(text).filter((r) => r.kind !== 'meta');
    if (references.length === 0) return /[$%]\{/.test(text.replace(/[$%]{2}\{/g, '')) ? UNVERIFIABLE : text;
    const [only] = references;
    if (references.length !== 1 || only.name === undefined || text.replace(/\s+/g, '') !== `\${${only.expression}}`) return undefined;
    if (only.kind === 'local') {
      current = stackDeclarations(stack).local(only.name);
    } else if (only.kind === 'variable') {
      const fallback = findElement(stack, TerraformVariable, only.name)?.default;
      current = fallback === undefined ? undefined : resolveIn(stack, fallback);
    } else {
      return undefined;
    }
  }
  return undefined;
}

function findElement<T extends TerraformVariable | TerraformLocal>(
  stack: TerraformStack,
  type: abstract new (...args: never[]) => T,
  name: string,
): T | undefined {
  for (const c of stack.node.findAll()) {
    if (c instanceof type && c.friendlyUniqueId === name) return c;
  }
  return undefined;
}
