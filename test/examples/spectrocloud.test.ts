// The registration resource of the Terraform examples checks SpectroCloudArguments as Terraform reads
// them: cdktf tokens resolved at synth. A refused secret fails the synth before cdk.tf.json is written;
// an accepted one is a reference, so the secret's text appears nowhere in cdk.tf.json.
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Fn, Lazy, TerraformDataSource, TerraformLocal, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteAwsRegistrationMethod, PaletteAwsRegistrationStack } from '../../examples/terraform/palette-aws-registration';
import { PaletteAzureRegistrationStack } from '../../examples/terraform/palette-azure-registration';
import { PaletteGcpRegistrationStack } from '../../examples/terraform/palette-gcp-registration';
import { SpectroCloudBackupStorageLocation, SpectroCloudProvider } from '../../examples/terraform/spectrocloud';
import { SpectroCloudArguments, SpectroCloudBackupStorageLocationArgs } from '../../src';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const FIX = 'Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
  + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.';
const LITERAL = (via: string) => `${via} resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): `
  + `it would be written in clear text into cdk.tf.json. ${FIX} (at registration/BackupLocation)`;
const HAS_DEFAULT = (prop: string, name: string) => `${prop} is TerraformVariable "${name}", which has a default: the default is written in clear text `
  + `into cdk.tf.json. Remove the default and set the value with TF_VAR_${name} (or a .tfvars file kept out of the repository). (at registration/BackupLocation)`;
const NOT_SENSITIVE = (prop: string, name: string) => `${prop} is TerraformVariable "${name}", which is not sensitive: Terraform shows its value in `
  + 'plans and logs. Declare it with sensitive: true. (at registration/BackupLocation)';
const TENANT = '11111111-2222-3333-4444-555555555555';

type Secret = (scope: Construct) => string;
const sensitiveVariable: Secret = (s) => new TerraformVariable(s, 'secret', { type: 'string', sensitive: true }).stringValue;

/** Registrations of each provider with `secret` as its secret. */
const PROVIDERS: Record<string, { prop: string; args: (secret: string) => SpectroCloudBackupStorageLocationArgs }> = {
  aws: {
    prop: 'secretKey',
    args: (secret) => SpectroCloudArguments.aws({
      locationName: 'aws-backups', bucketName: 'palette-backups', region: 'eu-west-1', forcePathStyle: false, accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: secret,
    }),
  },
  minio: {
    prop: 'secretKey',
    args: (secret) => SpectroCloudArguments.minio({
      locationName: 'minio', bucketName: 'palette-backups', region: 'us-east-1', s3Url: 'https://minio.example.com', forcePathStyle: true, accessKey: 'palette', secretKey: secret,
    }),
  },
  gcp: {
    prop: 'jsonCredentials',
    args: (secret) => SpectroCloudArguments.gcp({ locationName: 'gcp', bucketName: 'gcs-backups', projectId: 'acme-prod', jsonCredentials: secret }),
  },
  azure: {
    prop: 'clientSecret',
    args: (secret) => SpectroCloudArguments.azure({
      locationName: 'azure',
      containerName: 'velero',
      storageName: 'palettebackups',
      stockKeepingUnit: 'Standard_GRS',
      resourceGroupName: 'rg',
      tenantId: TENANT,
      clientId: TENANT,
      subscriptionId: TENANT,
      clientSecret: secret,
    }),
  },
};

/** Synthesizes a registration stack into a temporary folder: the error (if any) and the cdk.tf.json text (if written). */
function register(args: (scope: Construct) => SpectroCloudBackupStorageLocationArgs, skipValidation = false): { error?: string; json?: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'registration-'));
  const app = new App({ outdir, skipValidation });
  const stack = new TerraformStack(app, 'registration');
  new SpectroCloudProvider(stack, 'spectrocloud');
  new SpectroCloudBackupStorageLocation(stack, 'BackupLocation', { args: args(stack) });
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  const file = join(outdir, 'stacks', 'registration', 'cdk.tf.json');
  // cdktf ends the message with how to skip validations: not part of the problems.
  return { error: error?.split('\n\nIf you wish to ignore these validations')[0], json: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}

describe.each(Object.keys(PROVIDERS))('class 1 in cdk.tf.json: %s', (provider) => {
  const { prop, args } = PROVIDERS[provider];
  test.each<[string, Secret, string[]]>([
    ['a Lazy literal', () => Lazy.stringValue({ produce: () => SECRET }), [LITERAL(prop)]],
    ['Fn.join of literals', () => Fn.join('', [SECRET.slice(0, 10), SECRET.slice(10)]), [LITERAL(prop)]],
    ['a variable with the secret as default', (s) => new TerraformVariable(s, 'secret', { type: 'string', sensitive: true, default: SECRET }).stringValue,
      [HAS_DEFAULT(prop, 'secret')]],
    ['a variable that is not sensitive', (s) => new TerraformVariable(s, 'secret', { type: 'string' }).stringValue, [NOT_SENSITIVE(prop, 'secret')]],
    ['a local of the literal', (s) => new TerraformLocal(s, 'secret', SECRET).asString, [LITERAL(`${prop} (through local "secret")`)]],
    ['a Lazy of a variable with a default', (s) => {
      const v = new TerraformVariable(s, 'secret', { type: 'string', sensitive: true, default: SECRET }).stringValue;
      return Lazy.stringValue({ produce: () => v });
    }, [HAS_DEFAULT(prop, 'secret')]],
  ])('%s: the synth fails, names the problem, and the secret is written nowhere', (_name, secret, problems) => {
    const { error, json } = register((s) => args(secret(s)));
    expect(error).toBe(`Validation failed with the following errors:\n${problems.map((p) => `  [registration/BackupLocation] ${p}`).join('\n')}`);
    expect(error).not.toContain(SECRET.slice(0, 10));
    expect(json ?? '').not.toContain(SECRET.slice(0, 10));
  });

  test('the check is what keeps it out: with validations skipped, a Lazy literal is in cdk.tf.json', () => {
    expect(register(() => args(Lazy.stringValue({ produce: () => SECRET })), true).json).toContain(SECRET);
  });

  test('Fn.file of a key file is refused', () => {
    const { error } = register(() => args(Fn.file('key.json')));
    expect(error).toContain(`${prop} reads a local file (Fn.file, Fn.filebase64 or Fn.templatefile)`);
  });

  test.each<[string, Secret]>([
    ['a sensitive variable without a default', sensitiveVariable],
    ['a data source attribute', (s) => new TerraformDataSource(s, 'Secret', { terraformResourceType: 'aws_secretsmanager_secret_version' }).getStringAttribute('secret_string')],
    ['a Lazy of a sensitive variable', (s) => { const v = sensitiveVariable(s); return Lazy.stringValue({ produce: () => v }); }],
  ])('%s is accepted, and cdk.tf.json holds only the reference', (_name, secret) => {
    const { error, json } = register((s) => args(secret(s)));
    expect(error).toBeUndefined();
    expect(json).toBeDefined();
    expect(json).not.toContain(SECRET.slice(0, 10));
    const location = JSON.parse(json!).resource.spectrocloud_backup_storage_location;
    expect(JSON.stringify(location)).toMatch(/\$\{(var\.secret|data\.aws_secretsmanager_secret_version\.Secret\.secret_string)\}/);
  });
});

describe('class 2 at synth: a cdktf token that resolves to a value the wizard refuses', () => {
  test.each<[string, (scope: Construct) => SpectroCloudBackupStorageLocationArgs, string]>([
    ['a Lazy region with a trailing space', () => SpectroCloudArguments.aws({
      locationName: 'aws',
      bucketName: 'palette-backups',
      region: Lazy.stringValue({ produce: () => 'us-east-1 ' }),
      forcePathStyle: false,
      roleArn: 'arn:aws:iam::123456789012:role/palette',
      externalId: 'palette-ext',
    }), 'Invalid AWS region "us-east-1 " at registration/BackupLocation (region): it is not a region code. '
      + 'Use a region code such as "us-east-1" or "eu-central-1" (see "Service endpoints" for S3).'],
    ['a Lazy role of another partition', () => SpectroCloudArguments.aws({
      locationName: 'aws',
      bucketName: 'palette-backups',
      region: 'us-east-1',
      forcePathStyle: false,
      roleArn: Lazy.stringValue({ produce: () => 'arn:aws-cn:iam::123456789012:role/palette' }),
      externalId: 'palette-ext',
    }), 'roleArn is a role of partition "aws-cn" but region "us-east-1" is in partition "aws": STS cannot assume a role of another partition. '
      + 'Give the role\'s ARN in the region\'s partition ("arn:aws:iam::...") or the region of the role\'s partition (at registration/BackupLocation)'],
    ['a Lazy context', (s) => ({ ...PROVIDERS.gcp.args(sensitiveVariable(s)), context: Lazy.stringValue({ produce: () => 'Tenant' }) }),
      'Invalid context "Tenant" at registration/BackupLocation (context): it is not one of the values (did you mean tenant, exactly?). Use one of project, tenant (the enum\'s value, exactly as written).'],
  ])('%s', (_name, args, problem) => {
    expect(register(args).error).toBe(`Validation failed with the following errors:\n  [registration/BackupLocation] ${problem}`);
  });
});

test('the registration resource shows the arguments\' warnings (PathStyleOff)', () => {
  const stack = new TerraformStack(Testing.app(), 'registration');
  new SpectroCloudBackupStorageLocation(stack, 'BackupLocation', {
    args: SpectroCloudArguments.aws({
      locationName: 'aws',
      bucketName: 'palette-backups',
      region: 'us-east-1',
      forcePathStyle: false,
      s3Url: 'https://s3.example.com',
      roleArn: 'arn:aws:iam::123456789012:role/palette',
      externalId: 'palette-ext',
    }),
  });
  const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
  expect(warnings).toEqual([expect.stringMatching(/^\[saas-backup-constructs:PathStyleOff\] forcePathStyle is false with an S3 URL/)]);
});

describe('the examples\' registrations pass the synth-time checks, without warnings', () => {
  test.each<[string, (app: App) => TerraformStack]>([
    ['aws sts', (app) => new PaletteAwsRegistrationStack(app, 'reg', { cloudFormationStackName: 'S', region: 'us-east-1', method: PaletteAwsRegistrationMethod.STS })],
    ['aws credentials', (app) => new PaletteAwsRegistrationStack(app, 'reg', { cloudFormationStackName: 'S', region: 'us-east-1', method: PaletteAwsRegistrationMethod.CREDENTIALS })],
    ['gcp', (app) => new PaletteGcpRegistrationStack(app, 'reg', { projectId: 'acme-prod', region: 'europe-west1' })],
    ['azure', (app) => new PaletteAzureRegistrationStack(app, 'reg')],
  ])('%s', (_name, build) => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'registration-')) });
    const stack = build(app);
    expect(() => app.synth()).not.toThrow();
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
    expect(warnings.filter((w) => /PathStyleOff|PlainHttp|Loopback/.test(w))).toEqual([]);
  });
});
