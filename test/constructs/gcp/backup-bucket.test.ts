import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { TerraformVariable } from 'cdktf';
import { IConstruct } from 'constructs';
import 'cdktf/lib/testing/adapters/jest';
import { BackupBucket, BackupBucketProps, IBackupBucket } from '../../../src/constructs/gcp';
import { only, ref, resolveAttributes, synth } from '../../support/gcp';

const REQUIRED = { bucketName: 'acme-palette-backups', location: 'US' };

const warningsOf = (c: IConstruct) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);

describe('BackupBucket security defaults', () => {
  const { json, tf } = synth((scope) => new BackupBucket(scope, 'Bucket', REQUIRED));
  const bucket = only(tf, 'google_storage_bucket');

  test('uniform bucket-level access is on', () => {
    expect(bucket.uniform_bucket_level_access).toBe(true);
  });

  test('public access prevention is enforced', () => {
    expect(bucket.public_access_prevention).toBe('enforced');
  });

  test('force_destroy is off', () => {
    expect(bucket.force_destroy).toBe(false);
  });

  test('prevent_destroy is on: no plan may destroy or replace the bucket', () => {
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('no warning', () => {
    let made: BackupBucket | undefined;
    synth((scope) => { made = new BackupBucket(scope, 'Bucket', REQUIRED); });
    expect(warningsOf(made!)).toEqual([]);
  });

  test('versioning is on, noncurrent versions are deleted after 30 days', () => {
    expect(bucket.versioning).toEqual({ enabled: true });
    expect(bucket.lifecycle_rule).toEqual([
      { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' } },
    ]);
    expect(BackupBucket.DEFAULT_NONCURRENT_VERSION_RETENTION_DAYS).toBe(30);
  });

  test('name and location as given; no CMEK, labels or project unless given', () => {
    expect(bucket).toMatchObject({ name: 'acme-palette-backups', location: 'US' });
    expect(bucket).not.toHaveProperty('encryption');
    expect(bucket).not.toHaveProperty('labels');
    expect(bucket).not.toHaveProperty('project');
  });

  test('the cdktf matcher sees the same', () => {
    expect(json).toHaveResourceWithProperties(StorageBucket, {
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
    });
  });

  test('creates no provider', () => {
    expect(tf.provider).toBeUndefined();
  });

  test('snapshot of the bucket', () => {
    expect(bucket).toMatchSnapshot();
  });
});

describe('BackupBucket deletion: warnings a user may accept, each with an ID', () => {
  test.each<[string, Partial<BackupBucketProps>, string[], unknown]>([
    ['forceDestroy: true', { forceDestroy: true }, [
      '[saas-backup-constructs:ForceDestroy] forceDestroy: true lets Terraform delete this bucket with every backup in it when the bucket '
      + 'is destroyed or replaced. Leave it off for buckets that hold backups.',
    ], { prevent_destroy: true }],
    ['preventDestroy: false', { preventDestroy: false }, [
      '[saas-backup-constructs:PreventDestroyOff] preventDestroy: false lets terraform destroy (or a change that replaces the bucket) '
      + 'delete this backup bucket. Leave it on (the default) for buckets that hold backups.',
    ], undefined],
    ['versioned: false', { versioned: false }, [
      '[saas-backup-constructs:Unversioned] versioned: false keeps no noncurrent versions: a backup that is overwritten or deleted '
      + '(by Velero, by a leaked key, by mistake) cannot be recovered. Leave versioning on (the default).',
    ], { prevent_destroy: true }],
  ])('%s', (_name, props, warnings, lifecycle) => {
    let made: BackupBucket | undefined;
    const { tf } = synth((scope) => { made = new BackupBucket(scope, 'Bucket', { ...REQUIRED, ...props }); });
    expect(warningsOf(made!)).toEqual(warnings);
    expect(only(tf, 'google_storage_bucket').lifecycle).toEqual(lifecycle);
  });

  test('forceDestroy with preventDestroy off warns twice: both are on purpose', () => {
    let made: BackupBucket | undefined;
    synth((scope) => { made = new BackupBucket(scope, 'Bucket', { ...REQUIRED, forceDestroy: true, preventDestroy: false }); });
    expect(warningsOf(made!).map((w) => /^\[([^\]]+)\]/.exec(w)![1])).toEqual([
      'saas-backup-constructs:ForceDestroy', 'saas-backup-constructs:PreventDestroyOff',
    ]);
  });
});

describe('BackupBucket options', () => {
  test('CMEK, labels, project, retention days, force destroy', () => {
    const { tf } = synth((scope) => new BackupBucket(scope, 'Bucket', {
      ...REQUIRED,
      kmsKeyName: 'projects/acme-kms/locations/us/keyRings/backups/cryptoKeys/velero',
      labels: { team: 'platform', purpose: 'backups' },
      project: 'acme-backups-prod',
      noncurrentVersionRetentionDays: 90,
      forceDestroy: true,
    }));
    const bucket = only(tf, 'google_storage_bucket');
    expect(bucket.encryption).toEqual({ default_kms_key_name: 'projects/acme-kms/locations/us/keyRings/backups/cryptoKeys/velero' });
    expect(bucket.labels).toEqual({ team: 'platform', purpose: 'backups' });
    expect(bucket.project).toBe('acme-backups-prod');
    expect(bucket.lifecycle_rule[0].condition.days_since_noncurrent_time).toBe(90);
    expect(bucket.force_destroy).toBe(true);
    // the security defaults stay
    expect(bucket).toMatchObject({ uniform_bucket_level_access: true, public_access_prevention: 'enforced' });
  });

  test('unversioned: versioning off and no lifecycle rule', () => {
    const { tf } = synth((scope) => new BackupBucket(scope, 'Bucket', { ...REQUIRED, versioned: false }));
    const bucket = only(tf, 'google_storage_bucket');
    expect(bucket.versioning).toEqual({ enabled: false });
    expect(bucket).not.toHaveProperty('lifecycle_rule');
  });

  test('does not keep a reference to the caller\'s labels', () => {
    const labels: Record<string, string> = { team: 'platform' };
    const { tf } = synth((scope) => {
      new BackupBucket(scope, 'Bucket', { ...REQUIRED, labels });
      labels.added = 'later';
    });
    expect(only(tf, 'google_storage_bucket').labels).toEqual({ team: 'platform' });
  });

  test('the provider prop is used', () => {
    const { tf } = synth((scope) => {
      const provider = new GoogleProvider(scope, 'google', { alias: 'backups' });
      new BackupBucket(scope, 'Bucket', { ...REQUIRED, provider });
    });
    expect(only(tf, 'google_storage_bucket').provider).toBe('google.backups');
  });

  test('bucketName is a reference to the bucket resource\'s name', () => {
    const { tf, values } = resolveAttributes((scope) => ({ bucketName: new BackupBucket(scope, 'Bucket', REQUIRED).bucketName }));
    expect(values.bucketName).toBe(ref(tf, 'google_storage_bucket', 'name'));
  });
});

describe('BackupBucket.fromBucketName', () => {
  test('imports without creating anything', () => {
    let imported: IBackupBucket | undefined;
    const { tf } = synth((scope) => {
      imported = BackupBucket.fromBucketName(scope, 'Existing', 'acme-existing-backups');
    });
    expect(imported!.bucketName).toBe('acme-existing-backups');
    expect(tf.resource).toBeUndefined();
  });

  test('validates the name', () => {
    expect(() => synth((scope) => BackupBucket.fromBucketName(scope, 'Existing', 'Acme_Backups')))
      .toThrow('Invalid GCS bucket name "Acme_Backups" at stack/Existing (bucketName): uppercase letters are not allowed. Use 3-63');
  });

  test('does not validate a token', () => {
    expect(() => synth((scope) => {
      const name = new TerraformVariable(scope, 'name', { type: 'string' });
      BackupBucket.fromBucketName(scope, 'Existing', name.stringValue);
    })).not.toThrow();
  });
});
