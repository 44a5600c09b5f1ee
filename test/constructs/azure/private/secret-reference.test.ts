import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { Fn, Lazy, TerraformLocal, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { checkSecretReference, checkWhenResolvedToLiteral, isSecretChecked, secretReferenceProblems } from '../../../../src/constructs/azure/private/secret-reference';
import { AZURE_RESOURCE_GROUP_SCOPE } from '../../../../src/policies/azure/names';

const FIX = 'Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
  + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.';
const LITERAL = (via: string) => `${via} resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): `
  + `it would be written in clear text into cdk.tf.json. ${FIX}`;
const HAS_DEFAULT = (name: string) => `clientSecret is TerraformVariable "${name}", which has a default: the default is written in clear text into `
  + `cdk.tf.json. Remove the default and set the value with TF_VAR_${name} (or a .tfvars file kept out of the repository).`;
const NOT_SENSITIVE = (name: string) => `clientSecret is TerraformVariable "${name}", which is not sensitive: Terraform shows its value in plans and logs. `
  + 'Declare it with sensitive: true.';

const ONE = (refs: string) => `clientSecret is not one reference (it refers to ${refs} inside a larger expression): a secret must be exactly `
  + 'one reference, with nothing around it and no function that could add a literal fallback (coalesce, try, join, a conditional, a template '
  + 'with text): ${var.NAME}, a TerraformVariable declared with sensitive: true and no default, or ${data.TYPE.NAME.ATTRIBUTE} / '
  + '${TYPE.NAME.ATTRIBUTE}, a data source or resource attribute (optionally decoded with base64decode or jsondecode and a key taken with '
  + 'lookup(..., "KEY") or ["KEY"]).';

const variable = (scope: Construct, id: string, props: { sensitive?: boolean; default?: string }) =>
  new TerraformVariable(scope, id, { type: 'string', ...props }).stringValue;

describe('secretReferenceProblems', () => {
  test.each<[string, (scope: Construct) => string, string[]]>([
    ['a sensitive variable without a default', (s) => variable(s, 'secret', { sensitive: true }), []],
    ['a variable with a default', (s) => variable(s, 'secret', { sensitive: true, default: 'hunter2' }), [HAS_DEFAULT('secret')]],
    ['a variable that is not sensitive', (s) => variable(s, 'secret', {}), [NOT_SENSITIVE('secret')]],
    ['a variable with a default that is not sensitive', (s) => variable(s, 'secret', { default: 'hunter2' }),
      [HAS_DEFAULT('secret'), NOT_SENSITIVE('secret')]],
    ['Fn.join of literals', () => Fn.join('', ['hun', 'ter2']), [LITERAL('clientSecret')]],
    ['a Lazy literal', () => Lazy.stringValue({ produce: () => 'hunter2' }), [LITERAL('clientSecret')]],
    ['a Lazy of a sensitive variable', (s) => { const v = variable(s, 'secret', { sensitive: true }); return Lazy.stringValue({ produce: () => v }); }, []],
    ['Fn.join of a literal and a variable with a default', (s) => Fn.join('', ['x', variable(s, 'secret', { sensitive: true, default: 'y' })]),
      [HAS_DEFAULT('secret'), ONE('var.secret')]],
    ['Fn.coalesce of a sensitive variable and a literal fallback', (s) => Fn.coalesce([variable(s, 'secret', { sensitive: true }), 'hunter2']),
      [ONE('var.secret')]],
    ['Fn.join of a literal and a sensitive variable', (s) => Fn.join('', ['hunter2', variable(s, 'secret', { sensitive: true })]), [ONE('var.secret')]],
    ['a conditional with a literal branch', (s) => {
      const v = variable(s, 'secret', { sensitive: true });
      return Fn.conditional(`${v} == ""`, 'hunter2', v) as string;
    }, [ONE('var.secret')]],
    ['a local of Fn.try with a literal fallback', (s) => new TerraformLocal(s, 'secret', Fn.try([variable(s, 'v', { sensitive: true }), 'hunter2'])).asString,
      [ONE('var.v').replace('clientSecret', 'clientSecret (through local "secret")')]],
    ['Fn.base64decode of a resource attribute (the GCP JSON key)',
      (s) => Fn.base64decode(new TerraformResource(s, 'k', { terraformResourceType: 'google_service_account_key' }).getStringAttribute('private_key')), []],
    ['a Key Vault secret (data source)', (s) => new DataAzurermKeyVaultSecret(s, 'kv', { name: 'palette', keyVaultId: 'id' }).value, []],
    ['a resource attribute', (s) => new TerraformResource(s, 'pw', { terraformResourceType: 'random_password' }).getStringAttribute('result'), []],
    ['a local of a literal', (s) => new TerraformLocal(s, 'secret', 'hunter2').asString, [LITERAL('clientSecret (through local "secret")')]],
    ['a local of Fn.join of literals', (s) => new TerraformLocal(s, 'secret', Fn.join('', ['a', 'b'])).asString,
      [LITERAL('clientSecret (through local "secret")')]],
    ['a local of a sensitive variable', (s) => new TerraformLocal(s, 'secret', variable(s, 'v', { sensitive: true })).asString, []],
    ['Fn.base64decode of a literal', () => Fn.base64decode('aHVudGVyMg=='), [LITERAL('clientSecret')]],
  ])('%s', (_name, make, expected) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const value = make(stack);
    const problems = secretReferenceProblems(stack, value, 'clientSecret');
    expect(problems).toEqual(expected);
    for (const p of problems) expect(p).not.toContain('hunter2');
  });
});

describe('checkSecretReference', () => {
  test('registers a synth-time validation for tokens, which reports the problems at the owner', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const owner = new Construct(stack, 'Owner');
    checkSecretReference(owner, Lazy.stringValue({ produce: () => 'hunter2' }), 'clientSecret');
    expect(isSecretChecked(owner)).toBe(true);
    expect(owner.node.validate()).toEqual([LITERAL('clientSecret')]);
  });

  test('a Lazy is judged by what it produces at synth time, not when it is passed', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const owner = new Construct(stack, 'Owner');
    let produced = 'hunter2';
    checkSecretReference(owner, Lazy.stringValue({ produce: () => produced }), 'clientSecret');
    produced = variable(stack, 'secret', { sensitive: true });
    expect(owner.node.validate()).toEqual([]);
  });

  test('nothing to check without a value; plain strings are left to the eager check', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const owner = new Construct(stack, 'Owner');
    checkSecretReference(owner, undefined, 'clientSecret');
    checkSecretReference(owner, 'plain', 'clientSecret');
    expect(owner.node.validate()).toEqual([]);
    expect(isSecretChecked(new Construct(stack, 'Other'))).toBe(false);
  });
});

describe('checkWhenResolvedToLiteral', () => {
  const SUB = '/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa';
  const SUBSCRIPTION = (scope: string) => `Invalid Azure role scope "${scope}" at stack/Owner (scope): it is a whole subscription, not a resource group: `
    + 'every resource group in it. Use a resource group ID, /subscriptions/<subscription GUID>/resourceGroups/<name> (az group show -n <name> '
    + '--query id -o tsv), or a resource in it.';
  const UNVERIFIABLE = 'scope (Azure role scope) is a Terraform function or template of literals only (such as Fn.join or Fn.dirname): its value '
    + 'cannot be checked before Terraform computes it, and a scope built this way may name a whole subscription. Give the literal ID, or a '
    + 'reference to the resource or data source (at stack/Owner)';
  test.each<[string, (stack: TerraformStack) => string, string[]]>([
    ['a Lazy subscription', () => Lazy.stringValue({ produce: () => SUB }), [
      `Invalid Azure role scope "${SUB}" at stack/Owner (scope): it is a whole subscription, not a resource group: every resource group in it. `
      + 'Use a resource group ID, /subscriptions/<subscription GUID>/resourceGroups/<name> (az group show -n <name> --query id -o tsv), or a resource in it.',
    ]],
    ['a Lazy resource group', () => Lazy.stringValue({ produce: () => `${SUB}/resourceGroups/rg` }), []],
    ['a resource attribute', (s) => new TerraformResource(s, 'rg', { terraformResourceType: 'azurerm_resource_group' }).getStringAttribute('id'), []],
    ['a variable', (s) => new TerraformVariable(s, 'scope', { type: 'string' }).stringValue, []],
    ['a local of a subscription', (s) => new TerraformLocal(s, 'rgid', SUB).asString, [SUBSCRIPTION(SUB)]],
    ['a local of a local of a subscription', (s) => new TerraformLocal(s, 'outer', new TerraformLocal(s, 'inner', SUB).asString).asString,
      [SUBSCRIPTION(SUB)]],
    ['a Lazy of a local of a subscription', (s) => { const l = new TerraformLocal(s, 'rgid', SUB).asString; return Lazy.stringValue({ produce: () => l }); },
      [SUBSCRIPTION(SUB)]],
    ['a local of a resource group', (s) => new TerraformLocal(s, 'rgid', `${SUB}/resourceGroups/rg`).asString, []],
    ['a local of a variable without a default', (s) => new TerraformLocal(s, 'rgid', new TerraformVariable(s, 'v', { type: 'string' }).stringValue).asString, []],
    ['a variable whose default is a subscription', (s) => new TerraformVariable(s, 'scope', { type: 'string', default: SUB }).stringValue,
      [SUBSCRIPTION(SUB)]],
    ['a variable whose default is a resource group', (s) => new TerraformVariable(s, 'scope', { type: 'string', default: `${SUB}/resourceGroups/rg` }).stringValue,
      []],
    ['Fn.join of literals', () => Fn.join('', ['/subscriptions/', SUB.slice('/subscriptions/'.length)]), [UNVERIFIABLE]],
    ['Fn.dirname of literals', () => Fn.dirname(`${SUB}/resourceGroups`), [UNVERIFIABLE]],
    ['a Lazy of a local of a subscription, with a comment', (s) => {
      new TerraformLocal(s, 'rgid', SUB);
      return Lazy.stringValue({ produce: () => '${ local.rgid /* the platform group */ }' });
    }, [SUBSCRIPTION(SUB)]],
    ['a local of Fn.join of literals', (s) => new TerraformLocal(s, 'rgid', Fn.join('', ['/subscriptions/', 'x'])).asString, [UNVERIFIABLE]],
    ['Fn.join of a literal and a resource attribute (computed by Terraform)', (s) => Fn.join('/', [
      new TerraformResource(s, 'sub', { terraformResourceType: 'azurerm_subscription' }).getStringAttribute('id'), 'resourceGroups/rg',
    ]), []],
  ])('%s', (_name, make, expected) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const owner = new Construct(stack, 'Owner');
    checkWhenResolvedToLiteral(owner, make(stack), AZURE_RESOURCE_GROUP_SCOPE, 'scope');
    expect(owner.node.validate()).toEqual(expected);
  });

  test('a literal is left to the eager check', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const owner = new Construct(stack, 'Owner');
    checkWhenResolvedToLiteral(owner, SUB, AZURE_RESOURCE_GROUP_SCOPE, 'scope');
    expect(owner.node.validate()).toEqual([]);
  });
});
