import {
  declarationsOfTerraformJson,
  hasAwsCdkToken,
  hasCdktfToken,
  isTerraformLiteral,
  secretExpressionProblems,
  terraformReferences,
} from '../../src/policies/terraform-expression';

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

describe('the secret rule (secretExpressionProblems), shared by the Azure location and registration', () => {
  const FIX = 'Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
    + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.';
  const LITERAL = (via: string) => `${via} resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): `
    + `it would be written in clear text into cdk.tf.json. ${FIX}`;
  const declarations = declarationsOfTerraformJson({
    variable: { ok: { type: 'string', sensitive: true }, dflt: { sensitive: true, default: 'hunter2' }, open: { type: 'string' } },
    locals: { lit: 'hunter2', ref: '${var.ok}' },
  });
  test.each<[string, string, string[]]>([
    ['a literal', 'hunter2', [LITERAL('s')]],
    ['a function of literals', '${base64decode("aHVudGVyMg==")}', [LITERAL('s')]],
    ['a file', '${file("key.json")}', ['s reads a local file (Fn.file, Fn.filebase64 or Fn.templatefile): the secret must then sit on disk next to the '
      + `configuration (often in the repository), and Terraform copies it into plans and state. ${FIX}`]],
    ['nonsensitive()', '${nonsensitive(var.ok)}', ['s is wrapped in nonsensitive(): Terraform would show the secret in plans and logs. Pass the reference itself.']],
    ['a sensitive variable', '${var.ok}', []],
    ['a variable with a default', '${var.dflt}', ['s is TerraformVariable "dflt", which has a default: the default is written in clear text into cdk.tf.json. '
      + 'Remove the default and set the value with TF_VAR_dflt (or a .tfvars file kept out of the repository).']],
    ['a variable that is not sensitive', '${var.open}', ['s is TerraformVariable "open", which is not sensitive: Terraform shows its value in plans and logs. Declare it with sensitive: true.']],
    ['a local of a literal', '${local.lit}', [LITERAL('s (through local "lit")')]],
    ['a local of a sensitive variable', '${local.ref}', []],
    ['a data source', '${data.azurerm_key_vault_secret.s.value}', []],
    ['a resource attribute', '${azuread_application_password.p.value}', []],
  ])('%s', (_name, value, expected) => {
    expect(secretExpressionProblems(value, 's', declarations)).toEqual(expected);
    for (const p of expected) expect(p).not.toContain('hunter2');
  });

  test('without declarations a variable reference passes (the back end checks it where it sees the stack)', () => {
    expect(secretExpressionProblems('${var.dflt}', 's')).toEqual([]);
  });

  test.each([
    ['${Token[TOKEN.12]}', true, false],
    ['x-#{Token[TOKEN.3]}', true, false],
    ['${TfToken[TOKEN.12]}', false, true],
    ['${var.x}', false, false],
  ])('token kinds: %s', (value, awsCdk, cdktf) => {
    expect([hasAwsCdkToken(value), hasCdktfToken(value)]).toEqual([awsCdk, cdktf]);
  });

  test('an IResolvable object is a cdktf token', () => {
    expect(hasCdktfToken({ resolve: () => 'x' })).toBe(true);
    expect(hasCdktfToken({})).toBe(false);
  });
});
