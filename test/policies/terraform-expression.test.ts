import { isTerraformLiteral, terraformReferences } from '../../src/policies/terraform-expression';

describe('terraformReferences', () => {
  test.each([
    ['plain text', 'my-secret', []],
    ['a variable', '${var.palette_client_secret}', ['variable:var.palette_client_secret']],
    ['Fn.join of literals', '${join("", ["pa", "ss"])}', []],
    ['Fn.join of a literal and a variable', '${join("-", ["pa", var.suffix])}', ['variable:var.suffix']],
    ['a data source attribute', '${data.azurerm_key_vault_secret.palette.value}', ['data:data.azurerm_key_vault_secret.palette.value']],
    ['a resource attribute in a function', '${base64decode(google_service_account_key.k.private_key)}', ['resource:google_service_account_key.k.private_key']],
    ['a local', '${local.secret}', ['local:local.secret']],
    ['a module output', '${module.vault.secret}', ['module:module.vault.secret']],
    ['text around a reference', 'prefix-${var.a}-suffix', ['variable:var.a']],
    ['a reference inside a nested string template', '${upper("x${var.inner}")}', ['variable:var.inner']],
    ['text that looks like a reference inside a string literal', '${lower("var.not_a_reference")}', []],
    ['an escaped template', '$${var.not_a_reference}', []],
    ['an index', '${var.list[0]}', ['variable:var.list[0]']],
    ['meta references', '${path.module}/${terraform.workspace}', ['meta:path.module', 'meta:terraform.workspace']],
    ['keywords and numbers', '${true ? 1.5 : null}', []],
  ])('%s', (_name, value, expected) => {
    expect(terraformReferences(value).map((r) => `${r.kind}:${r.expression}`)).toEqual(expected);
  });

  test('names variables and locals', () => {
    expect(terraformReferences('${var.a}${local.b}')).toEqual([
      { expression: 'var.a', kind: 'variable', name: 'a' },
      { expression: 'local.b', kind: 'local', name: 'b' },
    ]);
  });
});

describe('isTerraformLiteral', () => {
  test.each([
    ['plain text', 'abc', true],
    ['Fn.join of literals', '${join("", ["a", "b"])}', true],
    ['only meta references', '${path.module}', true],
    ['a variable', '${var.a}', false],
    ['a data source', '${data.x.y.z}', false],
  ])('%s: %s', (_name, value, expected) => {
    expect(isTerraformLiteral(value)).toBe(expected);
  });
});
