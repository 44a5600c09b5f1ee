import { readdirSync, readFileSync } from 'fs';
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
  locationName: 'a',
  containerName: 'velero',
  storageName: 'palettebackups',
  stockKeepingUnit: 'Standard_GRS',
  resourceGroupName: 'rg',
  tenantId: TENANT,
  clientId: CLIENT,
  subscriptionId: SUBSCRIPTION,
  clientSecret: '${var.client_secret}',
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

describe('the docs\' wizard maps match the model', () => {
  // The wizard's tables are on the Palette pages of docs/ (a page per cloud) and the registration page.
  const docs = join(__dirname, '..', '..', 'docs');
  const readme = readdirSync(docs).filter((f) => /^(palette-.*|registration)\.md$/.test(f)).map((f) => readFileSync(join(docs, f), 'utf8')).join('\n');
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
    ['prod\nbackups', ['it must not contain line breaks or control characters']],
    ['prod\u0000', ['it must not contain line breaks or control characters']],
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

  test('the credentials problem comes with every other problem of the call, in one message (an empty call names each missing argument)', () => {
    expect(() => SpectroCloudArguments.minio({} as unknown as typeof S3)).toThrow([
      '6 problems:',
      '- s3Url is required for MinIO (s3.s3_url of spectrocloud_backup_storage_location): give the MinIO server\'s S3 endpoint, e.g. "https://minio.example.com:9000" (at SpectroCloudArguments.minio)',
      '- A Palette minio location needs either roleArn and externalId (STS) or accessKey and secretKey (Credentials), not both and not half of one. (at SpectroCloudArguments.minio)',
      '- locationName is required (name of spectrocloud_backup_storage_location) (at SpectroCloudArguments.minio)',
      '- bucketName is required (bucket_name of spectrocloud_backup_storage_location) (at SpectroCloudArguments.minio)',
      '- region is required (region of spectrocloud_backup_storage_location) (at SpectroCloudArguments.minio)',
      '- forcePathStyle is required (s3.s3_force_path_style of spectrocloud_backup_storage_location) (at SpectroCloudArguments.minio)',
    ].join('\n'));
  });

  test('minio: Credentials only', () => {
    expect(SpectroCloudArguments.minio({ ...S3, s3Url: 'https://minio.example.com:9000', accessKey: 'palette', secretKey: '${var.minio_secret}', forcePathStyle: true })
      .storageProvider).toBe('minio');
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

/** The message of what `make` throws (fails the test when it does not throw). */
function errorOf(make: () => unknown): string {
  try {
    make();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

const STS = { ...S3, roleArn: ROLE, externalId: 'palette-ext' };
const CREDENTIALS = { ...S3, accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: '${var.secret_key}' };
const MINIO = { ...S3, region: 'us-east-1', accessKey: 'palette', secretKey: '${var.minio_secret}', s3Url: 'https://minio.example.com:9000', forcePathStyle: true };
const GCP = { locationName: 'g', bucketName: 'gcs-backups', projectId: 'acme-prod', jsonCredentials: '${var.key}' };
const at = (provider: string) => ` (at SpectroCloudArguments.${provider})`;
const USE_CONTEXT = 'Use one of project, tenant (the enum\'s value, exactly as written).';
const REGION_FIX = 'Use a region code such as "us-east-1" or "eu-central-1" (see "Service endpoints" for S3).';
const badRegion = (v: string) => `Invalid AWS region ${JSON.stringify(v)} at SpectroCloudArguments.aws (region): it is not a region code. ${REGION_FIX}`;
const EXTERNAL_ID_FIX = 'Use the external ID the vendor shows you: 2-1,224 characters of letters, digits and +=,.@:/-_ (AWS STS AssumeRole).';
const URL_FIX = 'Use the endpoint\'s base URL, e.g. "https://minio.example.com:9000" (no credentials, path, query or fragment).';
const badUrl = (provider: string, shown: string, clauses: string) => `Invalid S3 URL ${shown} at SpectroCloudArguments.${provider} (s3Url): ${clauses}. ${URL_FIX}`;
const BUCKET_FIX = 'Use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (see "Bucket naming rules" in the Amazon S3 User Guide).';
const CDK_TOKEN = (prop: string) => `${prop} is an aws-cdk-lib token (a CloudFormation value such as a Ref, Fn::GetAtt or an attribute of an aws-cdk-lib `
  + 'construct): a Terraform stack cannot resolve it and would write its placeholder text "${Token[...]}". Read the value in Terraform instead '
  + '(the aws_cloudformation_stack data source\'s outputs of the deployed stack, created with createOutputs: true), or pass a literal';
const PARTITION = (arnPartition: string, region: string, regionPartition: string) => `roleArn is a role of partition "${arnPartition}" but region `
  + `"${region}" is in partition "${regionPartition}": STS cannot assume a role of another partition. Give the role's ARN in the region's partition `
  + `("arn:${regionPartition}:iam::...") or the region of the role's partition`;
const PEM_FIX = 'Give the PEM text of the CA certificate(s) that signed the S3 endpoint\'s TLS certificate ("-----BEGIN CERTIFICATE-----" blocks only).';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n';

describe('class 2: registration arguments get the wizard fields\' rules (the constructs\')', () => {
  const aws = (extra: object) => () => SpectroCloudArguments.aws({ ...STS, ...extra } as any);
  const minio = (extra: object) => () => SpectroCloudArguments.minio({ ...MINIO, ...extra } as any);
  const gcp = (extra: object) => () => SpectroCloudArguments.gcp({ ...GCP, ...extra } as any);
  const azure = (extra: object) => () => SpectroCloudArguments.azure({ ...AZURE, ...extra } as any);
  test.each<[string, () => unknown, string]>([
    ['region with a trailing space', aws({ region: 'us-east-1 ' }), badRegion('us-east-1 ')],
    ['region with a leading space', aws({ region: ' us-east-1' }), badRegion(' us-east-1')],
    ['region in upper case', aws({ region: 'US-EAST-1' }), badRegion('US-EAST-1')],
    ['region with unicode hyphens (U+2010)', aws({ region: 'us\u2010east\u20101' }), badRegion('us\u2010east\u20101')],
    ['region with a Cyrillic "е"', aws({ region: 'us-\u0435ast-1' }), badRegion('us-\u0435ast-1')],
    ['an empty region', aws({ region: '' }), badRegion('')],
    ['an aws-cn role for an aws region', aws({ region: 'us-east-1', roleArn: 'arn:aws-cn:iam::123456789012:role/palette' }), PARTITION('aws-cn', 'us-east-1', 'aws') + at('aws')],
    ['an aws role for a China region', aws({ region: 'cn-north-1', roleArn: ROLE }), PARTITION('aws', 'cn-north-1', 'aws-cn') + at('aws')],
    ['an aws role for a GovCloud region', aws({ region: 'us-gov-west-1', roleArn: ROLE }), PARTITION('aws', 'us-gov-west-1', 'aws-us-gov') + at('aws')],
    ['a role ARN with a short account', aws({ roleArn: 'arn:aws:iam::12345:role/palette' }),
      'Invalid IAM role ARN "arn:aws:iam::12345:role/palette" at SpectroCloudArguments.aws (roleArn): its account must be 12 digits. '
      + 'Use the role\'s ARN as IAM shows it, e.g. "arn:aws:iam::111122223333:role/SpectroCloudRole".'],
    ['a role ARN of an unknown partition', aws({ roleArn: 'arn:aws-xx:iam::123456789012:role/palette' }),
      'Invalid IAM role ARN "arn:aws-xx:iam::123456789012:role/palette" at SpectroCloudArguments.aws (roleArn): its partition must be aws, aws-cn, '
      + 'aws-us-gov or an aws-iso partition. Use the role\'s ARN as IAM shows it, e.g. "arn:aws:iam::111122223333:role/SpectroCloudRole".'],
    ['a user ARN for the role', aws({ roleArn: 'arn:aws:iam::123456789012:user/palette' }),
      'Invalid IAM role ARN "arn:aws:iam::123456789012:user/palette" at SpectroCloudArguments.aws (roleArn): it must name a role ("...:role/NAME"); '
      + 'for a whole account use TrustedPrincipal.account(). Use the role\'s ARN as IAM shows it, e.g. "arn:aws:iam::111122223333:role/SpectroCloudRole".'],
    ['an external ID of 1 character', aws({ externalId: 'x' }),
      `Invalid external ID "x" at SpectroCloudArguments.aws (externalId): it must be 2-1,224 characters long (it is 1). ${EXTERNAL_ID_FIX}`],
    ['an external ID of 1,300 characters', aws({ externalId: 'a'.repeat(1300) }),
      `Invalid external ID "${'a'.repeat(80)}"... (1300 characters) at SpectroCloudArguments.aws (externalId): it must be 2-1,224 characters long (it is 1300). ${EXTERNAL_ID_FIX}`],
    ['an external ID with a space', aws({ externalId: 'palette ext' }),
      `Invalid external ID "palette ext" at SpectroCloudArguments.aws (externalId): only letters, digits, underscores and +=,.@:/- are allowed (no spaces). ${EXTERNAL_ID_FIX}`],
    ['is_default as the string "true"', aws({ isDefault: 'true' }), 'isDefault must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at('aws')],
    ['is_default as 1', gcp({ isDefault: 1 }), 'isDefault must be a boolean (true or false), not a number' + at('gcp')],
    ['context "Project"', aws({ context: 'Project' }), `Invalid context "Project" at SpectroCloudArguments.aws (context): it is not one of the values (did you mean project, exactly?). ${USE_CONTEXT}`],
    ['context "tenant " with a space', azure({ context: 'tenant ' }), `Invalid context "tenant " at SpectroCloudArguments.azure (context): it is not one of the values (did you mean tenant, exactly?). ${USE_CONTEXT}`],
    ['context "organization"', gcp({ context: 'organization' }), `Invalid context "organization" at SpectroCloudArguments.gcp (context): it is not one of the values. ${USE_CONTEXT}`],
    ['a PEM with a private key inside', aws({ caCertificatePem: CA + KEY_PEM }),
      `Invalid CA certificate (PEM text, ${(CA + KEY_PEM).length} characters, 2 blocks) at SpectroCloudArguments.aws (caCertificatePem): `
      + `it contains a PRIVATE KEY block: never give a private key here, only the CA certificate(s). ${PEM_FIX}`],
    ['a PEM that is not PEM', minio({ caCertificatePem: 'PEM' }),
      `Invalid CA certificate (PEM text, 3 characters, 0 blocks) at SpectroCloudArguments.minio (caCertificatePem): it has no "-----BEGIN CERTIFICATE-----" block. ${PEM_FIX}`],
    ['an S3 URL with credentials', minio({ s3Url: 'http://user:pass@minio.example.com' }),
      badUrl('minio', '"http://***@minio.example.com"', 'it must not contain credentials (give access keys separately)')],
    ['an s3:// URL', minio({ s3Url: 's3://bucket' }), badUrl('minio', '"s3://bucket"', 'its scheme must be http or https')],
    ['an S3 URL with a query', minio({ s3Url: 'https://minio.example.com/?x=1' }), badUrl('minio', '"https://minio.example.com/?x=1"', 'it must not have a query or fragment')],
    ['an S3 URL with a fragment', aws({ s3Url: 'https://s3.example.com#x', forcePathStyle: true }), badUrl('aws', '"https://s3.example.com#x"', 'it must not have a query or fragment')],
    ['an S3 URL without a scheme', minio({ s3Url: 'minio.example.com:9000' }), badUrl('minio', '"minio.example.com:9000"', 'its scheme must be http or https')],
    ['an S3 URL with a path', minio({ s3Url: 'https://minio.example.com/bucket' }), badUrl('minio', '"https://minio.example.com/bucket"', 'it must not have a path (the bucket is a separate field)')],
    ['a bucket with upper case and underscores', aws({ bucketName: 'Palette_Backups' }),
      `Invalid S3 bucket name "Palette_Backups" at SpectroCloudArguments.aws (bucketName): uppercase letters are not allowed; underscores are not allowed. ${BUCKET_FIX}`],
    ['a bucket with a trailing space', minio({ bucketName: 'palette-backups ' }),
      'Invalid S3 bucket name "palette-backups " at SpectroCloudArguments.minio (bucketName): only lowercase letters, digits, dots (.) and hyphens (-) are allowed; '
      + `it must begin and end with a letter or digit. ${BUCKET_FIX}`],
    ['a location name with padding', gcp({ locationName: ' prod' }),
      'Invalid Palette location name " prod" at SpectroCloudArguments.gcp (locationName): it has leading or trailing white space. '
      + 'Give the name the location should have in Palette, or leave locationName out to use the bucket\'s (storage account\'s) name.'],
    ['a MinIO region with a space', minio({ region: 'us east' }),
      'Invalid MinIO region "us east" at SpectroCloudArguments.minio (region): it must be 1-63 letters, digits, hyphens and underscores, starting with a letter or digit. '
      + 'Use the region the MinIO server is configured with (MINIO_SITE_REGION), e.g. "us-east-1".'],
    ['an AWS access key of the wrong form', aws({ roleArn: undefined, externalId: undefined, accessKey: 'akia', secretKey: '${var.s}' }),
      'Invalid AWS access key ID "akia" at SpectroCloudArguments.aws (accessKey): it must be "AKIA" or "ASIA" followed by 16 upper-case letters and digits. '
      + 'Use the access key ID IAM shows, e.g. "AKIAIOSFODNN7EXAMPLE" (20 characters).'],
    ['an aws-cdk-lib token as the bucket', aws({ bucketName: '${Token[TOKEN.123]}' }), CDK_TOKEN('bucketName') + at('aws')],
    ['an aws-cdk-lib token inside the region', aws({ region: 'x-${Token[AWS.Region.12]}' }), CDK_TOKEN('region') + at('aws')],
    ['an aws-cdk-lib token as the GCP project', gcp({ projectId: '${Token[TOKEN.7]}' }), CDK_TOKEN('projectId') + at('gcp')],
    ['a missing bucket', aws({ bucketName: undefined }), 'bucketName is required (bucket_name of spectrocloud_backup_storage_location)' + at('aws')],
    ['a missing region', minio({ region: undefined }), 'region is required (region of spectrocloud_backup_storage_location)' + at('minio')],
    ['a missing forcePathStyle', aws({ forcePathStyle: undefined }), 'forcePathStyle is required (s3.s3_force_path_style of spectrocloud_backup_storage_location)' + at('aws')],
    ['a missing GCP project', gcp({ projectId: undefined }), 'projectId is required (gcp_storage_config.project_id of spectrocloud_backup_storage_location)' + at('gcp')],
    ['a missing Azure client secret', azure({ clientSecret: undefined }),
      'clientSecret is required (azure_storage_config.azure_client_secret of spectrocloud_backup_storage_location)' + at('azure')],
  ])('%s', (_name, make, message) => {
    expect(errorOf(make)).toBe(message);
  });

  test('the GCP and Azure rules are the constructs\' (GCS_BUCKET_NAME, AZURE_TENANT_ID)', () => {
    expect(errorOf(gcp({ bucketName: 'goog-backups' }))).toMatch(/^Invalid GCS bucket name "goog-backups" at SpectroCloudArguments.gcp \(bucketName\): .*goog/);
    expect(errorOf(azure({ tenantId: 'contoso' }))).toMatch(/^Invalid Azure tenant ID "contoso" at SpectroCloudArguments.azure \(tenantId\): /);
    expect(errorOf(azure({ stockKeepingUnit: 'standard_grs' }))).toMatch(/^Invalid .*"standard_grs" at SpectroCloudArguments.azure \(stockKeepingUnit\)/);
    expect(errorOf(azure({ storageName: 'Palette-Backups' }))).toMatch(/^Invalid Azure storage account name "Palette-Backups" at SpectroCloudArguments.azure \(storageName\)/);
  });

  test('every problem of one call in one message', () => {
    const message = errorOf(aws({ region: 'us-east-1 ', externalId: 'x', context: 'Project', isDefault: 'yes' }));
    expect(message).toMatch(/^4 problems:/);
  });

  test.each<[string, object]>([
    ['Terraform references', { region: '${data.aws_cloudformation_stack.s.outputs["PaletteRegion"]}', bucketName: '${data.x.y.z}' }],
    ['cdktf tokens (checked when they resolve)', { region: '${TfToken[TOKEN.1]}', roleArn: '${TfToken[TOKEN.2]}', externalId: '${TfToken[TOKEN.3]}' }],
    ['a China region and role', { region: 'cn-north-1', roleArn: 'arn:aws-cn:iam::123456789012:role/palette' }],
    ['a GovCloud region and role', { region: 'us-gov-west-1', roleArn: 'arn:aws-us-gov:iam::123456789012:role/palette' }],
  ])('accepted: %s', (_name, extra) => {
    expect(() => SpectroCloudArguments.aws({ ...STS, ...extra })).not.toThrow();
  });
});

const LITERAL = (prop: string, provider: string) => `${prop} resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): `
  + 'it would be written in clear text into cdk.tf.json. Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
  + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.' + at(provider);

describe('class 1: a secret is a reference, never clear text in cdk.tf.json (eager part)', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const GCP_KEY = JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n' });
  test.each<[string, () => unknown, string]>([
    ['a literal AWS secret key', () => SpectroCloudArguments.aws({ ...CREDENTIALS, secretKey: SECRET }), LITERAL('secretKey', 'aws')],
    ['a literal MinIO secret key', () => SpectroCloudArguments.minio({ ...MINIO, secretKey: SECRET }), LITERAL('secretKey', 'minio')],
    ['a literal GCP JSON key', () => SpectroCloudArguments.gcp({ ...GCP, jsonCredentials: GCP_KEY }), LITERAL('jsonCredentials', 'gcp')],
    ['a literal Azure client secret', () => SpectroCloudArguments.azure({ ...AZURE, clientSecret: SECRET }), LITERAL('clientSecret', 'azure')],
    ['a join of literals (as cdktf writes Fn.join)', () => SpectroCloudArguments.aws({ ...CREDENTIALS, secretKey: '${join("", ["wJalrXUt", "nFEMI"])}' }), LITERAL('secretKey', 'aws')],
    ['base64decode of a literal', () => SpectroCloudArguments.azure({ ...AZURE, clientSecret: '${base64decode("aHVudGVyMg==")}' }), LITERAL('clientSecret', 'azure')],
    ['Fn.file of a key file', () => SpectroCloudArguments.gcp({ ...GCP, jsonCredentials: '${file("key.json")}' }),
      'jsonCredentials reads a local file (Fn.file, Fn.filebase64 or Fn.templatefile): the secret must then sit on disk next to the configuration (often in the '
      + 'repository), and Terraform copies it into plans and state. Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
      + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.' + at('gcp')],
    ['nonsensitive() of a variable', () => SpectroCloudArguments.azure({ ...AZURE, clientSecret: '${nonsensitive(var.client_secret)}' }),
      'clientSecret is wrapped in nonsensitive(): Terraform would show the secret in plans and logs. Pass the reference itself.' + at('azure')],
    ['an empty secret', () => SpectroCloudArguments.aws({ ...CREDENTIALS, secretKey: '' }), LITERAL('secretKey', 'aws')],
    ['an aws-cdk-lib token (a Secrets Manager value)', () => SpectroCloudArguments.minio({ ...MINIO, secretKey: '${Token[TOKEN.99]}' }), CDK_TOKEN('secretKey') + at('minio')],
    ['a number', () => SpectroCloudArguments.aws({ ...CREDENTIALS, secretKey: 12345 as any }), 'secretKey must be a string, not a number' + at('aws')],
  ])('%s is refused without showing it', (_name, make, message) => {
    const error = errorOf(make);
    expect(error).toBe(message);
    for (const secret of [SECRET, 'wJalrXUt', 'PRIVATE KEY', 'aHVudGVyMg', '12345']) expect(error).not.toContain(secret);
  });

  test.each<[string, () => unknown]>([
    ['a variable reference', () => SpectroCloudArguments.aws({ ...CREDENTIALS, secretKey: '${var.secret_key}' })],
    ['a Secrets Manager data source', () => SpectroCloudArguments.aws({
      ...CREDENTIALS, secretKey: '${lookup(jsondecode(data.aws_secretsmanager_secret_version.k.secret_string), "secretAccessKey")}',
    })],
    ['a resource attribute', () => SpectroCloudArguments.gcp({ ...GCP, jsonCredentials: '${base64decode(google_service_account_key.k.private_key)}' })],
    ['a Key Vault secret', () => SpectroCloudArguments.azure({ ...AZURE, clientSecret: '${data.azurerm_key_vault_secret.s.value}' })],
    ['a cdktf token (checked when it resolves)', () => SpectroCloudArguments.azure({ ...AZURE, clientSecret: '${TfToken[TOKEN.42]}' })],
  ])('%s is accepted', (_name, make) => {
    expect(make).not.toThrow();
  });

  test('synthesizedProblems: the resolved arguments and the stack\'s variables', () => {
    const args = SpectroCloudArguments.aws({ ...CREDENTIALS, secretKey: '${TfToken[TOKEN.1]}', region: '${TfToken[TOKEN.2]}' });
    const resolved = { ...args, region: 'eu-west-1 ', s3: { ...args.s3!, secretKey: '${var.secret_key}' } };
    expect(SpectroCloudArguments.synthesizedProblems(resolved, { variable: { secret_key: { type: 'string', default: SECRET } } }, 'stack/Location')).toEqual([
      'Invalid AWS region "eu-west-1 " at stack/Location (region): it is not a region code. ' + REGION_FIX,
      'secretKey is TerraformVariable "secret_key", which has a default: the default is written in clear text into cdk.tf.json. Remove the default and set '
      + 'the value with TF_VAR_secret_key (or a .tfvars file kept out of the repository). (at stack/Location)',
      'secretKey is TerraformVariable "secret_key", which is not sensitive: Terraform shows its value in plans and logs. Declare it with sensitive: true. (at stack/Location)',
    ]);
    const fine = { ...args, region: 'eu-west-1', s3: { ...args.s3!, secretKey: '${var.secret_key}' } };
    expect(SpectroCloudArguments.synthesizedProblems(fine, { variable: { secret_key: { type: 'string', sensitive: true } } }, 'stack/Location')).toEqual([]);
    const viaLocal = { ...fine, s3: { ...fine.s3!, secretKey: '${local.k}' } };
    expect(SpectroCloudArguments.synthesizedProblems(viaLocal, { locals: { k: SECRET } }, 'stack/Location')).toEqual([
      LITERAL('secretKey (through local "k")', 'aws').replace(at('aws'), ' (at stack/Location)'),
    ]);
  });
});

describe('class 7: JavaScript callers get an error naming the value, never a TypeError', () => {
  test.each<[string, () => unknown, string]>([
    ['no values', () => SpectroCloudArguments.aws(undefined as any),
      'the location\'s values are required: an object with locationName and the provider\'s fields, not undefined' + at('aws')],
    ['null values', () => SpectroCloudArguments.gcp(null as any),
      'the location\'s values are required: an object with locationName and the provider\'s fields, not null' + at('gcp')],
    ['a string for the values', () => SpectroCloudArguments.azure('azure' as any),
      'the location\'s values are required: an object with locationName and the provider\'s fields, not string' + at('azure')],
    ['a null location name', () => SpectroCloudArguments.aws({ ...STS, locationName: null as any }),
      'locationName is required (name of spectrocloud_backup_storage_location)' + at('aws')],
    ['a number for the bucket', () => SpectroCloudArguments.gcp({ ...GCP, bucketName: 42 as any }), 'bucketName must be a string, not a number' + at('gcp')],
    ['an object for the region', () => SpectroCloudArguments.aws({ ...STS, region: { name: 'us-east-1' } as any }), 'region must be a string, not an object' + at('aws')],
    ['a list for the tenant', () => SpectroCloudArguments.azure({ ...AZURE, tenantId: [TENANT] as any }), 'tenantId must be a string, not a list' + at('azure')],
    ['null for an optional value (never written as null)', () => SpectroCloudArguments.minio({ ...MINIO, caCertificatePem: null as any }),
      'caCertificatePem is null; leave it out or give a value' + at('minio')],
    ['"false" for forcePathStyle', () => SpectroCloudArguments.minio({ ...MINIO, forcePathStyle: 'false' as any }),
      'forcePathStyle must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at('minio')],
  ])('%s', (_name, make, message) => {
    expect(errorOf(make)).toBe(message);
  });
});

test('class 7: null for the other method\'s value counts as left out, and nothing null is written', () => {
  const args = SpectroCloudArguments.aws({ ...CREDENTIALS, roleArn: null as any, externalId: null as any });
  expect(spectroCloudTerraformJson(args).s3).toEqual({
    credential_type: 'secret', access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: '${var.secret_key}', s3_force_path_style: false,
  });
});

describe('class 9: forcePathStyle false with an S3 URL warns (the page says to select it)', () => {
  const PATH_STYLE = '[saas-backup-constructs:PathStyleOff] forcePathStyle is false with an S3 URL: Palette\'s wizard says to select "Force S3 path style" '
    + 'when an S3 URL is given, and virtual-hosted style needs a DNS name per bucket on the endpoint (a MinIO server without MINIO_DOMAIN, or a private '
    + 'endpoint, answers for the bucket name as a host only with path style). Set forcePathStyle: true unless the endpoint serves virtual-hosted style.';
  test.each<[string, object, string[]]>([
    ['aws, S3 URL, path style off', SpectroCloudArguments.aws({ ...STS, s3Url: 'https://s3.example.com', forcePathStyle: false }), [PATH_STYLE]],
    ['minio, S3 URL, path style off', SpectroCloudArguments.minio({ ...MINIO, forcePathStyle: false }), [PATH_STYLE]],
    ['minio, path style on', SpectroCloudArguments.minio(MINIO), []],
    ['aws, no S3 URL, path style off', SpectroCloudArguments.aws(STS), []],
    ['gcp', SpectroCloudArguments.gcp(GCP), []],
  ])('%s', (_name, args, warnings) => {
    expect(SpectroCloudArguments.warnings(args as any)).toEqual(warnings);
  });

  test('the S3 URL\'s own warnings too (plain http)', () => {
    expect(SpectroCloudArguments.warnings(SpectroCloudArguments.minio({ ...MINIO, s3Url: 'http://minio.example.com:9000' })).map((w) => w.split(']')[0]))
      .toEqual(['[saas-backup-constructs:PlainHttpEndpoint']);
  });
});

test('claimed output prefixes live on the stack object (no module state): another copy of the module sees them', () => {
  const stack = {};
  expect(claimOutputPrefix(stack, 'Palette')).toBe(true);
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const copy = require('../../src/policies/palette-wizard') as typeof import('../../src/policies/palette-wizard');
    expect(copy.claimOutputPrefix).not.toBe(claimOutputPrefix);
    expect(copy.claimOutputPrefix(stack, 'Palette')).toBe(false);
  });
  expect(Object.keys(stack)).toEqual([]);
});
