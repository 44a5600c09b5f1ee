import { readFileSync } from 'fs';
import { join } from 'path';
import {
  claimOutputPrefix,
  PALETTE_LOCATION_NAME,
  PALETTE_OUTPUT_PREFIX,
  PALETTE_WIZARD,
  PaletteLocationContext,
  SpectroCloudArguments,
  spectroCloudTerraformJson,
  wizardField,
  wizardFieldDescription,
  wizardOutputName,
} from '../../src/policies/palette-wizard';

const S3 = { locationName: 'aws-backups', bucketName: 'palette-backups', region: 'eu-west-1', forcePathStyle: false };
const CA = readFileSync(join(__dirname, '..', 'fixtures', 'pem', 'ca.pem'), 'utf8');
const ROLE = 'arn:aws:iam::123456789012:role/palette';
const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '22222222-3333-4444-5555-666666666666';
const SUBSCRIPTION = '33333333-4444-5555-6666-777777777777';
const AZURE = {
  locationName: 'a', containerName: 'velero', storageName: 'palettebackups', stockKeepingUnit: 'Standard_GRS', resourceGroupName: 'rg',
  tenantId: TENANT, clientId: CLIENT, subscriptionId: SUBSCRIPTION, clientSecret: '${var.client_secret}',
};

describe('PALETTE_WIZARD: one model for every provider', () => {
  test.each([
    ['aws', ['Location Name', 'Location Provider', 'Certificate', 'S3 Bucket', 'Region', 'Endpoint URL', 'Force S3 path style', 'STS', 'ARN', 'External ID', 'Access Key']],
    ['minio', ['Location Name', 'Location Provider', 'Certificate', 'S3 Bucket', 'Region', 'S3 URL', 'Force S3 path style', 'Access Key']],
    ['gcp', ['Location Name', 'Location Provider', 'Bucket', 'JSON Credentials']],
    ['azure', ['Location Name', 'Location Provider', 'Container Name', 'Storage Name', 'Stock-Keeping Unit', 'Resource Group', 'Tenant ID', 'Client ID', 'Subscription ID', 'Client Secret']],
  ] as const)('%s: the wizard\'s fields in its order (newest label first)', (provider, labels) => {
    expect(PALETTE_WIZARD[provider].flatMap((f) => f.labels.slice(0, 1))).toEqual(labels);
  });

  test('the AWS endpoint keeps both labels: "Endpoint URL" (current dynamic page) and "S3 URL" (seed, static page)', () => {
    expect(wizardField('aws', 's3Url').labels).toEqual(['Endpoint URL', 'S3 URL']);
    expect(wizardField('minio', 's3Url').labels).toEqual(['S3 URL']);
  });

  test('every provider has the provider\'s context and is_default arguments (Terraform only)', () => {
    for (const fields of Object.values(PALETTE_WIZARD)) {
      expect(fields.filter((f) => f.labels.length === 0 && f.output === undefined).map((f) => f.arguments).flat())
        .toEqual(expect.arrayContaining(['context', 'is_default']));
    }
  });

  test('the same attribute and output names on every cloud; only the secrets are sensitive', () => {
    const outputs = Object.fromEntries(Object.entries(PALETTE_WIZARD).map(([p, fs]) => [p, fs.filter((f) => f.output).map((f) => `${f.attribute}:${f.output}`)]));
    for (const list of Object.values(outputs)) expect(list.slice(0, 2)).toEqual(['locationName:LocationName', 'locationProvider:LocationProvider']);
    expect(outputs.aws).toContain('bucketName:BucketName');
    expect(outputs.gcp).toContain('bucketName:BucketName');
    expect(Object.values(PALETTE_WIZARD).flat().filter((f) => f.sensitive).map((f) => f.attribute)).toEqual(['jsonCredentials', 'clientSecret']);
  });

  test('every argument of the model is one that SpectroCloudArguments writes, and the other way round', () => {
    const paths = (value: object, prefix = ''): string[] => Object.entries(value).flatMap(([k, v]) =>
      (typeof v === 'object' ? paths(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const model = (p: keyof typeof PALETTE_WIZARD, skip: string[]) =>
      PALETTE_WIZARD[p].flatMap((f) => f.arguments).filter((a) => !skip.includes(a)).sort();
    const stsAws = spectroCloudTerraformJson(SpectroCloudArguments.aws({ ...S3, s3Url: 'https://x.example.com', forcePathStyle: true, caCertificatePem: CA, roleArn: ROLE, externalId: 'palette-ext' }));
    expect(paths(stsAws).sort()).toEqual(model('aws', ['s3.access_key', 's3.secret_key']));
    const gcp = spectroCloudTerraformJson(SpectroCloudArguments.gcp({ locationName: 'g', bucketName: 'gcs-backups', projectId: 'acme-prod', jsonCredentials: '${var.key}' }));
    expect(paths(gcp).sort()).toEqual(model('gcp', []));
    const azure = spectroCloudTerraformJson(SpectroCloudArguments.azure({
      ...AZURE,
    }));
    expect(paths(azure).sort()).toEqual(model('azure', []));
  });

  test.each([
    ['aws', 's3Url', 'Palette "Endpoint URL" (older pages: "S3 URL") / spectrocloud_backup_storage_location.s3.s3_url'],
    ['aws', 'locationProvider', 'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "aws"'],
    ['aws', 'roleArn', 'Palette "ARN" / spectrocloud_backup_storage_location.s3.arn'],
    ['aws', 'accessKeySecret', 'Palette "Access Key" and "Secret Key": read them from this Secrets Manager secret (accessKeyId, secretAccessKey) / '
      + 'spectrocloud_backup_storage_location.s3.access_key, spectrocloud_backup_storage_location.s3.secret_key'],
    ['gcp', 'projectId', 'spectrocloud_backup_storage_location.gcp_storage_config.project_id'],
    ['gcp', 'locationProvider', 'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "gcp"'],
    ['azure', 'stockKeepingUnit', 'Palette "Stock-Keeping Unit" / spectrocloud_backup_storage_location.azure_storage_config.stock_keeping_unit'],
  ] as const)('%s %s description', (provider, attribute, description) => {
    expect(wizardFieldDescription(wizardField(provider, attribute))).toBe(description);
  });

  test('output names: prefix and field; a field without an output has none', () => {
    expect(wizardOutputName('Palette', wizardField('aws', 'bucketName'))).toBe('PaletteBucketName');
    expect(() => wizardOutputName('Palette', wizardField('aws', 'caCertificatePem'))).toThrow('Palette field "caCertificatePem" has no output');
    expect(() => wizardField('gcp', 'roleArn')).toThrow('No Palette wizard field "roleArn" for gcp');
  });

  test('an output prefix is claimed once per stack', () => {
    const stackA = {};
    const stackB = {};
    expect(claimOutputPrefix(stackA, 'Palette')).toBe(true);
    expect(claimOutputPrefix(stackA, 'Palette')).toBe(false);
    expect(claimOutputPrefix(stackA, 'PaletteDr')).toBe(true);
    expect(claimOutputPrefix(stackB, 'Palette')).toBe(true);
  });
});

describe('the README\'s wizard maps match the model', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => line.startsWith('| '));
  test.each(Object.keys(PALETTE_WIZARD) as Array<keyof typeof PALETTE_WIZARD>)('%s: every output and argument is in a table row', (provider) => {
    for (const f of PALETTE_WIZARD[provider]) {
      const row = rows.find((r) => f.arguments.every((a) => r.includes(`\`${a}\``)) && (f.output === undefined || r.includes(`\`Palette${f.output}\``)));
      expect([f.attribute, row !== undefined]).toEqual([f.attribute, true]);
      for (const label of f.labels.filter((l) => !['STS', 'Credentials'].includes(l))) expect(readme).toContain(label);
    }
  });
});

describe('rules', () => {
  test.each([['prod-backups'], ['Prod backups 1'], ['${var.name}']])('location name %j is valid', (v) => expect(PALETTE_LOCATION_NAME.check(v)).toEqual([]));
  test.each([
    ['', ['it is blank']],
    ['  ', ['it is blank', 'it has leading or trailing white space']],
    [' prod', ['it has leading or trailing white space']],
  ])('location name %j', (v, problems) => expect(PALETTE_LOCATION_NAME.check(v)).toEqual(problems));
  test.each([['Palette'], ['PaletteProd2']])('output prefix %j is valid', (v) => expect(PALETTE_OUTPUT_PREFIX.check(v)).toEqual([]));
  test.each([[''], ['palette-prod'], ['1Palette'], ['Palette_Prod']])('output prefix %j is refused', (v) =>
    expect(PALETTE_OUTPUT_PREFIX.check(v)).toEqual(['it must be letters and digits, starting with a letter']));
});

describe('SpectroCloudArguments', () => {
  test('aws STS: exact snake_case JSON, context and is_default defaults', () => {
    expect(spectroCloudTerraformJson(SpectroCloudArguments.aws({ ...S3, roleArn: 'arn:aws:iam::123456789012:role/palette', externalId: 'palette-ext' }))).toEqual({
      name: 'aws-backups',
      storage_provider: 'aws',
      context: 'project',
      is_default: false,
      bucket_name: 'palette-backups',
      region: 'eu-west-1',
      s3: { credential_type: 'sts', arn: 'arn:aws:iam::123456789012:role/palette', external_id: 'palette-ext', s3_force_path_style: false },
    });
  });

  test('aws Credentials, tenant context, default location, endpoint and certificate', () => {
    expect(SpectroCloudArguments.aws({
      ...S3,
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      secretKey: '${var.secret_key}',
      s3Url: 'https://s3.example.com',
      forcePathStyle: true,
      caCertificatePem: CA,
      context: PaletteLocationContext.TENANT,
      isDefault: true,
    })).toEqual({
      name: 'aws-backups',
      storageProvider: 'aws',
      context: 'tenant',
      isDefault: true,
      bucketName: 'palette-backups',
      region: 'eu-west-1',
      caCert: CA,
      s3: { credentialType: 'secret', accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: '${var.secret_key}', s3Url: 'https://s3.example.com', s3ForcePathStyle: true },
    });
  });

  test.each([
    ['neither method', {}],
    ['both methods', { roleArn: 'r', externalId: 'e', accessKey: 'a', secretKey: 's' }],
    ['half of STS', { roleArn: 'r' }],
    ['half of Credentials', { secretKey: 's' }],
  ])('aws refuses %s', (_what, extra) => {
    expect(() => SpectroCloudArguments.aws({ ...S3, ...extra })).toThrow(
      'A Palette aws location needs either roleArn and externalId (STS) or accessKey and secretKey (Credentials), not both and not half of one.',
    );
  });

  test('minio: Credentials only', () => {
    expect(SpectroCloudArguments.minio({ ...S3, accessKey: 'palette', secretKey: '${var.minio_secret}', forcePathStyle: true }).storageProvider).toBe('minio');
    expect(() => SpectroCloudArguments.minio({ ...S3, roleArn: 'r', externalId: 'e' })).toThrow('A MinIO location authenticates with an access key and secret key');
  });

  test('gcp and azure write nothing the provider refuses for them (region, ca_cert, s3; azure also bucket_name)', () => {
    const gcp = spectroCloudTerraformJson(SpectroCloudArguments.gcp({ locationName: 'g', bucketName: 'gcs-backups', projectId: 'acme-prod', jsonCredentials: '${var.key}' }));
    expect(gcp).toEqual({ name: 'g', storage_provider: 'gcp', context: 'project', is_default: false, bucket_name: 'gcs-backups', gcp_storage_config: { project_id: 'acme-prod', gcp_json_credentials: '${var.key}' } });
    const azure = spectroCloudTerraformJson(SpectroCloudArguments.azure({
      ...AZURE,
    }));
    expect(Object.keys(azure)).toEqual(['name', 'storage_provider', 'context', 'is_default', 'azure_storage_config']);
    expect(azure.azure_storage_config).toEqual({
      container_name: 'velero',
      storage_name: 'palettebackups',
      stock_keeping_unit: 'Standard_GRS',
      resource_group: 'rg',
      azure_tenant_id: TENANT,
      azure_client_id: CLIENT,
      subscription_id: SUBSCRIPTION,
      azure_client_secret: '${var.client_secret}',
    });
  });
});
