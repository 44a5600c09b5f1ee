import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Testing } from 'cdktf';
import { PaletteSingleAccountStsStack, PaletteStaticCredentialsStack } from '../../examples/aws/palette';
import { PaletteAwsRegistrationMethod, PaletteAwsRegistrationStack } from '../../examples/terraform/palette-aws-registration';
import { PaletteAzureRegistrationStack } from '../../examples/terraform/palette-azure-registration';
import { PaletteGcpRegistrationStack } from '../../examples/terraform/palette-gcp-registration';

type Json = { [key: string]: any };

function synthTf(build: (app: App | any) => unknown): Json {
  const app = Testing.app();
  const stack = build(app);
  return JSON.parse(Testing.synth(stack as any));
}

const only = (tf: Json, section: 'resource' | 'data', type: string): Json => {
  const byName = tf[section]?.[type] ?? {};
  expect(Object.keys(byName)).toHaveLength(1);
  return Object.values(byName)[0] as Json;
};

/** Every leaf value of a JSON document, with its path. */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

/** A literal, or one Terraform expression over the given data sources: never a CloudFormation token or reference. */
function isTerraformReferenceOrLiteral(value: unknown, dataSources: string[]): boolean {
  if (typeof value === 'boolean' || typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  if (/\{\{resolve:|Fn::|"Ref"|\$\{Token\[|AWS::/.test(value)) return false;
  if (!value.includes('${')) return true;
  const refs = [...value.matchAll(/data\.([a-z_]+)\./g)].map((m) => m[1]);
  return /^\$\{.*\}$/s.test(value) && refs.length > 0 && refs.every((r) => dataSources.includes(r));
}

test.each([
  ['{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:x:SecretString:accessKeyId::}}', false],
  ['${Token[TOKEN.123]}', false],
  [JSON.stringify({ 'Fn::GetAtt': ['Role', 'Arn'] }), false],
  ['${aws_iam_role.x.arn}', false],
  ['prefix-${data.aws_cloudformation_stack.s.outputs.X}', false],
  ['${data.aws_cloudformation_stack.s.outputs.X}', true],
  ['aws', true],
  [false, true],
])('the check itself: %j is a Terraform reference or literal: %s', (value, expected) => {
  expect(isTerraformReferenceOrLiteral(value, ['aws_cloudformation_stack'])).toBe(expected);
});

describe('registering an AWS location with Terraform (examples/terraform/palette-aws-registration.ts)', () => {
  const sts = synthTf((app) => new PaletteAwsRegistrationStack(app, 'palette-aws-registration-sts', {
    cloudFormationStackName: 'PaletteSingleAccountSts', region: 'us-east-1', method: PaletteAwsRegistrationMethod.STS,
  }));
  const credentials = synthTf((app) => new PaletteAwsRegistrationStack(app, 'palette-aws-registration-credentials', {
    cloudFormationStackName: 'PaletteStaticCredentials', region: 'us-east-1', method: PaletteAwsRegistrationMethod.CREDENTIALS,
  }));

  test('STS: every argument is a literal or a reference to the deployed stack\'s outputs, never a CloudFormation token', () => {
    const bsl = only(sts, 'resource', 'spectrocloud_backup_storage_location');
    const values = leaves(bsl);
    expect(values.length).toBeGreaterThan(5);
    for (const [path, value] of values) expect([path, isTerraformReferenceOrLiteral(value, ['aws_cloudformation_stack'])]).toEqual([path, true]);
    const outputs = (key: string) => `\${data.aws_cloudformation_stack.PaletteStack.outputs.${key}}`;
    expect(bsl).toEqual({
      name: outputs('PaletteLocationName'),
      storage_provider: 'aws',
      context: 'project',
      is_default: false,
      bucket_name: outputs('PaletteBucketName'),
      region: outputs('PaletteRegion'),
      s3: { credential_type: 'sts', arn: outputs('PaletteRoleArn'), external_id: outputs('PaletteExternalId'), s3_force_path_style: false },
    });
    expect(only(sts, 'data', 'aws_cloudformation_stack')).toEqual({ name: 'PaletteSingleAccountSts' });
    expect(sts.data.aws_secretsmanager_secret_version).toBeUndefined();
  });

  test('Credentials: the access key comes from Secrets Manager through Terraform, never a {{resolve:secretsmanager}} reference', () => {
    const bsl = only(credentials, 'resource', 'spectrocloud_backup_storage_location');
    for (const [path, value] of leaves(bsl)) {
      expect([path, isTerraformReferenceOrLiteral(value, ['aws_cloudformation_stack', 'aws_secretsmanager_secret_version'])]).toEqual([path, true]);
    }
    expect(bsl.s3).toEqual({
      credential_type: 'secret',
      access_key: '${jsondecode(data.aws_secretsmanager_secret_version.AccessKey.secret_string).accessKeyId}',
      secret_key: '${jsondecode(data.aws_secretsmanager_secret_version.AccessKey.secret_string).secretAccessKey}',
      s3_force_path_style: false,
    });
    expect(only(credentials, 'data', 'aws_secretsmanager_secret_version')).toEqual({
      secret_id: '${data.aws_cloudformation_stack.PaletteStack.outputs.PaletteAccessKeySecretArn}',
    });
  });

  test('the outputs it reads are the ones the CDK examples create (stable names)', () => {
    const cdk = new App();
    const stsStack = new PaletteSingleAccountStsStack(cdk, 'PaletteSingleAccountSts', { paletteAccountId: '000000000000', externalId: 'example-external-id' });
    const credentialsStack = new PaletteStaticCredentialsStack(cdk, 'PaletteStaticCredentials');
    const outputKeys = (stack: Stack) => Object.keys(cdk.synth().getStackByName(stack.stackName).template.Outputs);
    const read = (tf: Json) => [...JSON.stringify(tf).matchAll(/aws_cloudformation_stack\.PaletteStack\.outputs\.(\w+)/g)].map((m) => m[1]);
    expect(outputKeys(stsStack)).toEqual(expect.arrayContaining(read(sts)));
    expect(outputKeys(credentialsStack)).toEqual(expect.arrayContaining(read(credentials)));
    expect(read(credentials)).toContain('PaletteAccessKeySecretArn');
  });

  test('providers from the registry, the API key from the environment; the state (it holds the key) in an encrypted S3 backend', () => {
    expect(credentials.terraform.required_providers).toEqual({
      aws: { source: 'hashicorp/aws', version: '~> 6.0' },
      spectrocloud: { source: 'spectrocloud/spectrocloud', version: '~> 0.29' },
    });
    expect(credentials.provider.spectrocloud).toEqual([{}]);
    expect(credentials.terraform.backend.s3).toMatchObject({ encrypt: true, key: 'saas-backup-constructs/palette-aws-registration-credentials.tfstate' });
  });
});

describe('registering GCP and Azure locations: created after the bindings Palette validates', () => {
  test('GCP: spectrocloud_backup_storage_location depends on every IAM binding of the location', () => {
    const tf = synthTf((app) => new PaletteGcpRegistrationStack(app, 'palette-gcp-registration', { projectId: 'acme-backups-prod', region: 'us-central1' }));
    const bsl = only(tf, 'resource', 'spectrocloud_backup_storage_location');
    const bindings = Object.keys(tf.resource.google_storage_bucket_iam_member).map((name) => `google_storage_bucket_iam_member.${name}`);
    expect(bindings.length).toBeGreaterThan(0);
    expect(bsl.depends_on).toEqual(bindings);
    expect(bsl.storage_provider).toBe('gcp');
    expect(bsl.gcp_storage_config.gcp_json_credentials).toMatch(/^\$\{base64decode\(google_service_account_key\./);
  });

  test('Azure: spectrocloud_backup_storage_location depends on every role assignment of the location', () => {
    const tf = synthTf((app) => new PaletteAzureRegistrationStack(app, 'palette-azure-registration'));
    const bsl = only(tf, 'resource', 'spectrocloud_backup_storage_location');
    const assignments = Object.keys(tf.resource.azurerm_role_assignment).map((name) => `azurerm_role_assignment.${name}`);
    expect(assignments.length).toBeGreaterThan(1);
    expect(bsl.depends_on).toEqual(assignments);
    // Nothing the provider refuses for azure (bucket_name, region, ca_cert, s3).
    expect(Object.keys(bsl).sort()).toEqual(['azure_storage_config', 'context', 'depends_on', 'is_default', 'name', 'storage_provider']);
  });

  test('main.ts synthesizes the four registration stacks (and the StackSet example\'s)', () => {
    const main = readFileSync(join(__dirname, '..', '..', 'examples', 'terraform', 'main.ts'), 'utf8');
    expect([...main.matchAll(/new (Palette\w*RegistrationStack)\(app, '([^']+)'/g)].map((m) => m[2])).toEqual([
      'palette-aws-stackset-registration',
      'palette-aws-registration-sts', 'palette-aws-registration-credentials', 'palette-gcp-registration', 'palette-azure-registration',
    ]);
  });
});
