// Internal (not exported from the submodule): the synth-time check that a secret input is a
// reference Terraform keeps out of cdk.tf.json, whatever token it is given as.
import { DefaultTokenResolver, StringConcat, TerraformLocal, TerraformStack, TerraformVariable, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { isTerraformLiteral, terraformReferences } from '../../../policies/terraform-expression';
import { problemsAt, ValueRule } from '../../../policies/validation';

/** How a secret may be given, for the fix of every message. */
const SECRET_FIX = 'Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
  + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.';

/** The secret inputs whose check this module has registered (so a parent does not report them twice). */
const checked = new WeakSet<IConstruct>();

/** Whether `owner`'s secret input is already checked by `checkSecretReference`. */
export function isSecretChecked(owner: IConstruct): boolean {
  return checked.has(owner);
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
  checked.add(owner);
  if (value === undefined || !Token.isUnresolved(value)) return;
  owner.node.addValidation({ validate: () => secretReferenceProblems(owner, value, prop) });
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What a value synthesizes to in `scope`'s stack (cdktf's own resolution, as at synth). */
function resolveIn(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER });
}

/** The problems of a secret given as a token (empty when it is a safe reference). */
export function secretReferenceProblems(scope: IConstruct, value: string, prop: string): string[] {
  const stack = TerraformStack.of(scope);
  const problems: string[] = [];
  const visit = (resolvedValue: unknown, via: string, depth: number): void => {
    const text = typeof resolvedValue === 'string' ? resolvedValue : JSON.stringify(resolvedValue);
    const references = terraformReferences(text);
    const secretSources = references.filter((r) => r.kind !== 'meta');
    if (secretSources.length === 0) {
      problems.push(`${via} resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): `
        + `it would be written in clear text into cdk.tf.json. ${SECRET_FIX}`);
      return;
    }
    for (const reference of secretSources) {
      if (reference.kind === 'variable' && reference.name !== undefined) {
        const variable = findElement(stack, TerraformVariable, reference.name);
        if (variable === undefined) continue;
        if (variable.default !== undefined) {
          problems.push(`${via} is TerraformVariable "${reference.name}", which has a default: the default is written in clear text into `
            + `cdk.tf.json. Remove the default and set the value with TF_VAR_${reference.name} (or a .tfvars file kept out of the repository).`);
        }
        if (variable.sensitive !== true) {
          problems.push(`${via} is TerraformVariable "${reference.name}", which is not sensitive: Terraform shows its value in plans and logs. `
            + 'Declare it with sensitive: true.');
        }
      } else if (reference.kind === 'local' && reference.name !== undefined && depth < 5) {
        const local = findElement(stack, TerraformLocal, reference.name);
        // `expression` reads back as `${local.NAME}`; the synthesized block holds what was assigned.
        const block = local?.toTerraform() as { readonly locals?: Record<string, unknown> } | undefined;
        if (block?.locals !== undefined && reference.name in block.locals) {
          visit(resolveIn(stack, block.locals[reference.name]), `${via} (through local "${reference.name}")`, depth + 1);
        }
      }
    }
  };
  visit(resolveIn(stack, value), prop, 0);
  return problems;
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
