import { readFileSync } from 'fs';
import { join } from 'path';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PaletteMinioBackupLocation, PaletteMinioBackupLocationProps } from '../../../../src';
import { s3CompatibleUserPolicy } from '../../../../src/policies/aws/palette';
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
    expect(loc.forceS3PathStyle).toBe(true);
    expect(loc.certificate).toBe(CA);
    expect(loc.s3Url).toBe('https://minio.example.com:9000');
  });

  test('the MinIO user policy is the pages\' S3 statements only', () => {
    const { loc } = minio();
    expect(loc.minioUserPolicy).toEqual(s3CompatibleUserPolicy('velero', false));
    expect(JSON.stringify(loc.minioUserPolicy)).not.toContain('ec2:');
    expect(minio({ objectTagging: true }).loc.minioUserPolicy.Statement[0].Action).toContain('s3:PutObjectTagging');
  });

  test('toSpectroCloudTerraform: storage_provider minio with static credentials from the secret', () => {
    const { loc, stack } = minio();
    const tf = stack.resolve(loc.toSpectroCloudTerraform());
    expect({ ...tf, s3: { ...tf.s3, access_key: undefined, secret_key: undefined } }).toEqual({
      name: 'on-prem-minio',
      storage_provider: 'minio',
      bucket_name: 'velero',
      region: 'us-east-1',
      ca_cert: CA,
      s3: { credential_type: 'secret', s3_url: 'https://minio.example.com:9000', s3_force_path_style: true },
    });
    expect(JSON.stringify(tf.s3.access_key)).toContain(':SecretString:accessKeyId::}}');
    expect(JSON.stringify(tf.s3.secret_key)).toContain(':SecretString:secretAccessKey::}}');
  });

  test('outputs (opt-in) name the wizard fields and carry the user policy; the keys are referenced by secret', () => {
    const { json, resolver } = minio({ createOutputs: true });
    const outputs = Object.values(json.Outputs) as any[];
    expect(outputs.map((o) => o.Description)).toEqual([
      'Palette "Location Name" / spectrocloud_backup_storage_location name',
      'Palette "Location Provider" / spectrocloud_backup_storage_location storage_provider (minio)',
      'Palette "S3 Bucket" / spectrocloud_backup_storage_location bucket_name',
      'Palette "Region" / spectrocloud_backup_storage_location region',
      'Palette "S3 URL" / spectrocloud_backup_storage_location s3.s3_url',
      'Palette "Force S3 path style" / spectrocloud_backup_storage_location s3.s3_force_path_style',
      'Palette "Access Key and Secret Key: read from this secret" / spectrocloud_backup_storage_location s3.access_key + s3.secret_key',
      'MinIO user policy: mc admin policy create ALIAS palette-backup policy.json',
    ]);
    expect(outputs[6].Value).toEqual({ Ref: resolver.only('AWS::SecretsManager::Secret').id });
    expect(JSON.parse(outputs[7].Value)).toEqual(s3CompatibleUserPolicy('velero', false));
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
    ['location name', { locationName: '' }, 'locationName is empty'],
    ['MinIO access key', { minioAccessKey: 'a b' }, 'Invalid MinIO access key "a b" at Stack/Minio (minioAccessKey)'],
  ])('refuses a bad %s', (_what, props, message) => {
    expect(() => minio(props)).toThrow(message);
  });
});
