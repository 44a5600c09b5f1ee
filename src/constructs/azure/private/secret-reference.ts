// Internal (not exported from the submodule): the synth-time check that a secret input is a
// reference Terraform keeps out of cdk.tf.json, whatever token it is given as. The rule itself is
// pure and shared with registration (policies/terraform-expression.ts, secretExpressionProblems);
// this resolves cdktf tokens and reads the stack's variables and locals for it.
import { DefaultTokenResolver, StringConcat, TerraformLocal, TerraformStack, TerraformVariable, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { isTerraformLiteral, secretExpressionProblems, TerraformDeclarations } from '../../../policies/terraform-expression';
import { problemsAt, ValidationProblems, ValueRule } from '../../../policies/validation';

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
 * Checks a value given as a token once it resolves, at synth time: when it resolves to a literal
 * (a `Lazy`, a Terraform function of literals) the rule applies as it would have to the literal
 * (literals themselves are checked eagerly by the caller). References (resource or data source
 * attributes, variables) stay unchecked: their value is known only to Terraform.
 */
export function checkWhenResolvedToLiteral(owner: IConstruct, value: string, rule: ValueRule, prop: string): void {
  if (!Token.isUnresolved(value)) return;
  owner.node.addValidation({
    validate: () => {
      const resolved = resolveIn(owner, value);
      if (typeof resolved !== 'string' || !isTerraformLiteral(resolved) || resolved.includes('${')) return [];
      return [...problemsAt(owner, () => false).check(rule, resolved, prop).problems];
    },
  });
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
