import { readFileSync } from 'fs';
import { join } from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PaletteMinioBackupLocation, PaletteMinioBackupLocationProps } from '../../../../src';
import { s3CompatibleUserPolicy } from '../../../../src/policies/aws/palette';
import { InputValidationError } from '../../../../src/policies/validation';
import { newStack, synth, warningsOf } from '../../../support/stack';

const CA = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'pem', 'ca.pem'), 'utf8');

function minio(props: Partial<PaletteMinioBackupLocationProps> = {}) {
  const stack = newStack();
  const loc = new PaletteMinioBackupLocation(stack, 'Minio', {
    locationName: 'on-prem-minio',
    bucketName: 'velero',
    s3Url: 'https://minio.example.com:9000',
    caCertificatePem: CA,
    ...props,
  });
  return { stack, loc, ...synth(stack) };
}

describe('PaletteMinioBackupLocation', () => {
  test('creates only a secret for the MinIO user\'s keys, and exposes the wizard\'s MinIO fields with MinIO defaults', () => {
    const { loc, json, resolver } = minio();
    expect(Object.values(json.Resources).map((r: any) => r.Type)).toEqual(['AWS::SecretsManager::Secret']);
    expect(resolver.only('AWS::SecretsManager::Secret').resource.Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: '{"accessKeyId":"palette-backup"}',
      GenerateStringKey: 'secretAccessKey',
      PasswordLength: 40,
      ExcludePunctuation: true,
    });
    expect(loc.locationProvider).toBe('MinIO');
    expect(loc.region).toBe('us-east-1');
    expect(loc.forcePathStyle).toBe(true);
    expect(loc.caCertificatePem).toBe(CA);
    expect(loc.s3Url).toBe('https://minio.example.com:9000');
  });

  test('the MinIO user policy is the pages\' S3 statements only', () => {
    const { loc, stack } = minio();
    const pure = s3CompatibleUserPolicy('velero', false);
    expect(stack.resolve(loc.minioUserPolicy.toJSON())).toEqual(stack.resolve(iam.PolicyDocument.fromJson(pure).toJSON()));
    expect(pure.Statement.map((st) => st.Resource)).toEqual([['arn:aws:s3:::velero/*'], ['arn:aws:s3:::velero']]);
    expect(JSON.stringify(pure)).not.toContain('ec2:');
    const tagged = minio({ objectTagging: true });
    expect(tagged.stack.resolve(tagged.loc.minioUserPolicy.toJSON()).Statement[0].Action).toContain('s3:PutObjectTagging');
  });


  test('outputs (opt-in) have stable names from the wizard model and carry the user policy; the keys are referenced by secret', () => {
    const { json, resolver } = minio({ createOutputs: true });
    expect(Object.fromEntries(Object.entries(json.Outputs).map(([id, o]: [string, any]) => [id, o.Description]))).toEqual({
      PaletteLocationName: 'Palette "Location Name" / spectrocloud_backup_storage_location.name',
      PaletteLocationProvider: 'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "minio"',
      PaletteBucketName: 'Palette "S3 Bucket" / spectrocloud_backup_storage_location.bucket_name',
      PaletteRegion: 'Palette "Region" / spectrocloud_backup_storage_location.region',
      PaletteS3Url: 'Palette "S3 URL" / spectrocloud_backup_storage_location.s3.s3_url',
      PaletteForcePathStyle: 'Palette "Force S3 path style" / spectrocloud_backup_storage_location.s3.s3_force_path_style',
      PaletteAccessKeySecretArn: 'Palette "Access Key" and "Secret Key": read them from this Secrets Manager secret (accessKeyId, secretAccessKey) / '
        + 'spectrocloud_backup_storage_location.s3.access_key, spectrocloud_backup_storage_location.s3.secret_key',
      PaletteMinioUserPolicy: 'MinIO user policy: mc admin policy create ALIAS palette-backup policy.json',
    });
    expect(json.Outputs.PaletteLocationProvider.Value).toBe('MinIO');
    expect(json.Outputs.PaletteAccessKeySecretArn.Value).toEqual({ Ref: resolver.only('AWS::SecretsManager::Secret').id });
    expect(JSON.parse(json.Outputs.PaletteMinioUserPolicy.Value)).toEqual(s3CompatibleUserPolicy('velero', false));
  });

  test('a custom output prefix', () => {
    const { json } = minio({ createOutputs: true, outputPrefix: 'OnPrem' });
    expect(Object.keys(json.Outputs)).toContain('OnPremBucketName');
  });

  test('locationName defaults to the bucket name', () => {
    expect(minio({ locationName: undefined }).loc.locationName).toBe('velero');
  });

  test('an existing secret is used as is, and then the access key name is not accepted', () => {
    const stack = newStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Keys', 'minio/palette');
    const loc = new PaletteMinioBackupLocation(stack, 'Minio', { locationName: 'm', bucketName: 'velero', s3Url: 'https://minio.example.com', accessKeySecret: secret });
    expect(loc.accessKeySecret).toBe(secret);
    expect(() => new PaletteMinioBackupLocation(stack, 'Minio2', {
      locationName: 'm', bucketName: 'velero', s3Url: 'https://minio.example.com', accessKeySecret: secret, minioAccessKey: 'palette',
    })).toThrow(/minioAccessKey names the user in a new secret/);
  });

  test('plain http is accepted with a warning', () => {
    const { stack } = minio({ s3Url: 'http://10.0.0.5:9000', caCertificatePem: undefined });
    expect(warningsOf(stack)).toEqual([expect.stringContaining('uses plain http')]);
  });

  test.each([
    ['https://localhost:9000', ['saas-backup-constructs:LoopbackEndpoint']],
    ['http://127.0.0.1:9000', ['saas-backup-constructs:PlainHttpEndpoint', 'saas-backup-constructs:LoopbackEndpoint']],
    ['https://minio.example.com:9000', []],
  ])('the S3 URL %s gives the warnings %j', (s3Url, ids) => {
    const { stack } = minio({ s3Url });
    expect(warningsOf(stack).map((w) => /\[ack: (.*)\]$/.exec(w)?.[1])).toEqual(ids);
  });

  test.each([
    ['https:/minio.example.com', 'Invalid S3 URL "https:/minio.example.com" at Stack/Minio (s3Url): it must start with "http://" or "https://"'],
    ['https:minio.example.com', 'Invalid S3 URL "https:minio.example.com" at Stack/Minio (s3Url): it must start with "http://" or "https://"'],
    ['https:\\\\minio.example.com', 'Invalid S3 URL "https:\\\\\\\\minio.example.com" at Stack/Minio (s3Url): backslashes are not allowed'],
  ])('refuses the S3 URL %s as Velero\'s Go net/url would', (s3Url, message) => {
    expect(() => minio({ s3Url })).toThrow(message);
  });

  test('never echoes the password of an S3 URL\'s userinfo', () => {
    expect(() => minio({ s3Url: 'https://velero:Sup3rS3cret@minio.example.com' })).toThrow(
      'Invalid S3 URL "https://***@minio.example.com" at Stack/Minio (s3Url): it must not contain credentials (give access keys separately).',
    );
    try {
      minio({ s3Url: 'https://velero:Sup3rS3cret@minio.example.com' });
    } catch (e) {
      expect(String(e)).not.toContain('Sup3rS3cret');
    }
  });

  test.each([
    ['bucket name', { bucketName: 'Velero_Backups' }, 'Invalid S3 bucket name "Velero_Backups" at Stack/Minio (bucketName)'],
    ['URL', { s3Url: 'https://minio.example.com:9000/velero' }, 'Invalid S3 URL "https://minio.example.com:9000/velero" at Stack/Minio (s3Url): it must not have a path'],
    ['region', { region: 'us east' }, 'Invalid MinIO region "us east" at Stack/Minio (region)'],
    ['certificate', { caCertificatePem: CA.replace('-----END CERTIFICATE-----', '') }, 'Invalid CA certificate (PEM text'],
    ['location name', { locationName: '' }, 'Invalid Palette location name "" at Stack/Minio (locationName): it is blank.'],
    ['MinIO access key', { minioAccessKey: 'a b' }, 'Invalid MinIO access key "a b" at Stack/Minio (minioAccessKey)'],
    ['output prefix', { outputPrefix: '1st' }, 'Invalid output prefix "1st" at Stack/Minio (outputPrefix)'],
  ])('refuses a bad %s', (_what, props, message) => {
    expect(() => minio(props)).toThrow(message);
  });

  test('five bad values come in ONE error, under the names the user wrote', () => {
    expect(() => minio({ locationName: ' ', bucketName: 'Velero_Backups', s3Url: 'minio:9000', region: 'us east', minioAccessKey: 'a b' })).toThrow(
      /^5 problems:\n- Invalid Palette location name " " at Stack\/Minio \(locationName\)[^\n]*\n- Invalid S3 bucket name "Velero_Backups" at Stack\/Minio \(bucketName\)[^\n]*\n- Invalid S3 URL "minio:9000" at Stack\/Minio \(s3Url\)[^\n]*\n- Invalid MinIO region "us east" at Stack\/Minio \(region\)[^\n]*\n- Invalid MinIO access key "a b" at Stack\/Minio \(minioAccessKey\)/,
    );
  });
});

describe('class 9: forcePathStyle false with an S3 URL warns (the page says to select it)', () => {
  test.each<[boolean | undefined, string[]]>([
    [false, ['saas-backup-constructs:PathStyleOff']],
    [true, []],
    [undefined, []],
  ])('forcePathStyle %s', (forcePathStyle, ids) => {
    const { stack } = minio({ forcePathStyle });
    expect(warningsOf(stack).map((w) => /\[ack: (.*)\]$/.exec(w)?.[1])).toEqual(ids);
    if (ids.length > 0) expect(warningsOf(stack)[0]).toContain('forcePathStyle is false with an S3 URL: Palette\'s wizard says to select "Force S3 path style"');
  });
});

describe('class 7: JavaScript callers get an error naming the prop, never a TypeError', () => {
  test.each<[string, object, string]>([
    ['a missing bucketName', { bucketName: undefined },
      'bucketName is required; give the bucket pre-created on the MinIO server (the wizard\'s "S3 Bucket") (at Stack/Minio)'],
    ['a missing s3Url', { s3Url: undefined },
      's3Url is required; give the MinIO server\'s S3 endpoint, e.g. "https://minio.example.com:9000" (the wizard\'s "S3 URL") (at Stack/Minio)'],
    ['a string for accessKeySecret', { accessKeySecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:minio' },
      'accessKeySecret must be a Secrets Manager ISecret (e.g. secretsmanager.Secret.fromSecretNameV2(...)), not a string (at Stack/Minio)'],
    ['"true" for forcePathStyle', { forcePathStyle: 'true' }, 'forcePathStyle must be a boolean (true or false), not a string (a string such as "false" would read as true) (at Stack/Minio)'],
    ['a number for region', { region: 1 }, 'region must be a string, not a number (at Stack/Minio)'],
  ])('%s', (_name, props, message) => {
    expect(() => minio(props as any)).toThrow(new InputValidationError([message]));
  });
});
