import {
  declarationsOfTerraformJson,
  hasAwsCdkToken,
  hasCdktfToken,
  secretExpressionProblems,
  terraformReferences,
  withoutComments,
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
    ['a reference in a block comment (not one)', '${/* var.a */ var.b}', ['variable:var.b']],
    ['a reference in a line comment (not one)', '${var.b # var.a\n}', ['variable:var.b']],
  ])('%s', (_name, value, expected) => {
    expect(terraformReferences(value).map((r) => `${r.kind}:${r.expression}`)).toEqual(expected);
  });

  test.each([
    ['block comment', '${nonsensitive/**/(var.s)}', '${nonsensitive (var.s)}'],
    ['line comments', '${var.s # note\n// more\n}', '${var.s  \n \n}'],
    ['comment characters in a string and in template text', '# ${"a#b//c"} //', '# ${"a#b//c"} //'],
    ['an escaped template', '$${/* kept */}', '$${/* kept */}'],
  ])('withoutComments: %s', (_name, value, expected) => {
    expect(withoutComments(value)).toBe(expected);
  });

  test('names variables and locals', () => {
    expect(terraformReferences('${var.a}${local.b}')).toEqual([
      { expression: 'var.a', kind: 'variable', name: 'a' },
      { expression: 'local.b', kind: 'local', name: 'b' },
    ]);
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

  const ONE = (refs: string, via = 's') => `${via} is not one reference (it refers to ${refs} inside a larger expression): a secret must be exactly `
    + 'one reference, with nothing around it and no function that could add a literal fallback (coalesce, try, join, a conditional, a template '
    + 'with text): ${var.NAME}, a TerraformVariable declared with sensitive: true and no default, or ${data.TYPE.NAME.ATTRIBUTE} / '
    + '${TYPE.NAME.ATTRIBUTE}, a data source or resource attribute (optionally decoded with base64decode or jsondecode and a key taken with '
    + 'lookup(..., "KEY") or ["KEY"]).';
  const HAS_DEFAULT = 's is TerraformVariable "dflt", which has a default: the default is written in clear text into cdk.tf.json. '
    + 'Remove the default and set the value with TF_VAR_dflt (or a .tfvars file kept out of the repository).';
  test.each<[string, string, string[]]>([
    ['coalesce with a literal fallback', '${coalesce(var.ok, "hunter2")}', [ONE('var.ok')]],
    ['try with a literal fallback', '${try(var.ok, "hunter2")}', [ONE('var.ok')]],
    ['join of a literal and a variable', '${join("", ["hunter2", var.ok])}', [ONE('var.ok')]],
    ['text before a reference', 'hunter2${var.ok}', [ONE('var.ok')]],
    ['text after a reference', '${var.ok}hunter2', [ONE('var.ok')]],
    ['a space around a reference', ' ${var.ok}', [ONE('var.ok')]],
    ['two references', '${var.ok}${data.azurerm_key_vault_secret.s.value}', [ONE('var.ok, data.azurerm_key_vault_secret.s.value')]],
    ['a conditional with a literal branch', '${var.ok == "" ? "hunter2" : var.ok}', [ONE('var.ok')]],
    ['a conditional on a variable with a default, named once', '${var.dflt == "" ? "hunter2" : var.dflt}', [HAS_DEFAULT, ONE('var.dflt')]],
    ['lookup in a map of literals', '${lookup({a = "hunter2"}, var.ok)}', [ONE('var.ok')]],
    ['lookup with a literal default', '${lookup(jsondecode(data.aws_secretsmanager_secret_version.k.secret_string), "k", "hunter2")}',
      [ONE('data.aws_secretsmanager_secret_version.k.secret_string')]],
    ['a module output (not a variable, data source or resource)', '${module.vault.secret}', [ONE('module.vault.secret')]],
    ['a local of coalesce with a literal', '${local.fallback}', [ONE('var.ok', 's (through local "fallback")')]],
    ['nonsensitive() behind a block comment', '${nonsensitive/**/(var.ok)}',
      ['s is wrapped in nonsensitive(): Terraform would show the secret in plans and logs. Pass the reference itself.']],
    ['nonsensitive() behind a line comment', '${nonsensitive # x\n(var.ok)}',
      ['s is wrapped in nonsensitive(): Terraform would show the secret in plans and logs. Pass the reference itself.']],
    ['a reference only in a comment', '${"hunter2" /* var.ok */}', [LITERAL('s')]],
    ['a reference only in a line comment', '${"hunter2" // var.ok\n}', [LITERAL('s')]],
  ])('not one reference: %s', (_name, value, expected) => {
    const withFallback = declarationsOfTerraformJson({
      variable: { ok: { type: 'string', sensitive: true }, dflt: { sensitive: true, default: 'hunter2' } },
      locals: { fallback: '${coalesce(var.ok, "hunter2")}' },
    });
    expect(secretExpressionProblems(value, 's', withFallback)).toEqual(expected);
    for (const p of expected) expect(p).not.toContain('hunter2');
  });

  test.each([
    ['an index step', '${data.azurerm_key_vault_secret.s[0].value}'],
    ['a key step', '${data.external.vault.result["secret"]}'],
    ['a variable with an index', '${var.ok[0]}'],
    ['a resource attribute with a key', '${azuread_application_password.p["a"].value}'],
    ['base64decode of a resource attribute (the GCP JSON key)', '${base64decode(google_service_account_key.k.private_key)}'],
    ['lookup of jsondecode of a data source', '${lookup(jsondecode(data.aws_secretsmanager_secret_version.k.secret_string), "secretAccessKey")}'],
    ['a key of jsondecode of a data source', '${jsondecode(data.aws_secretsmanager_secret_version.k.secret_string)["secretAccessKey"]}'],
    ['spaces and a comment inside', '${ var.ok /* the secret */ }'],
  ])('one reference: %s', (_name, value) => {
    expect(secretExpressionProblems(value, 's', declarations)).toEqual([]);
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
