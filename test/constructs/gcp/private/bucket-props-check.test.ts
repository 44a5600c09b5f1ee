import { TerraformVariable, Token } from 'cdktf';
import { BackupBucket, BackupBucketProps } from '../../../../src/constructs/gcp';
import { checkBucketProps } from '../../../../src/constructs/gcp/private/bucket-props-check';
import { InputValidationError, ValidationProblems } from '../../../../src/policies/validation';
import { synth } from '../../../support/gcp';

const REQUIRED = { bucketName: 'acme-palette-backups', location: 'US' };

describe('BackupBucket validation', () => {
  const build = (props: Record<string, unknown>) => () =>
    synth((scope) => new BackupBucket(scope, 'Bucket', { ...REQUIRED, ...props } as any));

  // Each: the prop, a bad value, and what the message must say (path, value, rule clause, fix).
  test.each([
    ['bucketName', { bucketName: 'my.google.bucket' },
      'Invalid GCS bucket name "my.google.bucket" at stack/Bucket (bucketName): it must not contain "google"',
      'Use 3-63 lowercase letters'],
    ['location', { location: 'us-central1-a' },
      'Invalid GCS bucket location "us-central1-a" at stack/Bucket (location): it is a zone',
      'Use a multi-region ("US", "EU", "ASIA")'],
    ['kmsKeyName', { kmsKeyName: 'projects/p/locations/us/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3' },
      'at stack/Bucket (kmsKeyName): it names a key version; give the key itself',
      'Use the key\'s full resource name'],
    ['project', { project: 'Acme' },
      'Invalid GCP project ID "Acme" at stack/Bucket (project): it is shorter than 6 characters; only lowercase letters',
      'Use 6-30 lowercase letters'],
    ['label key', { labels: { Team: 'platform' } },
      'Invalid GCP label key "Team" at stack/Bucket (labels): only lowercase letters',
      'Use 1-63 lowercase letters'],
    ['label value', { labels: { team: 'Platform Team' } },
      'Invalid GCP label value "Platform Team" at stack/Bucket (labels.team): only lowercase letters',
      'Use at most 63 lowercase letters'],
    ['too many labels', { labels: Object.fromEntries([...Array(65).keys()].map((i) => [`k${i}`, 'v'])) },
      'labels has 65 labels; GCP allows at most 64 per resource (at stack/Bucket)', ''],
    ['retention days not whole', { noncurrentVersionRetentionDays: 1.5 },
      'noncurrentVersionRetentionDays must be a whole number of days, at least 1 (got 1.5) (at stack/Bucket)', ''],
    ['retention days zero', { noncurrentVersionRetentionDays: 0 },
      'noncurrentVersionRetentionDays must be a whole number of days, at least 1 (got 0)', ''],
    ['retention without versioning', { versioned: false, noncurrentVersionRetentionDays: 7 },
      'noncurrentVersionRetentionDays applies only to a versioned bucket: remove it or set versioned to true (at stack/Bucket)', ''],
  ])('%s', (_name, props, message, fix) => {
    expect(build(props)).toThrow(InputValidationError);
    expect(build(props)).toThrow(message);
    expect(build(props)).toThrow(fix);
  });

  test('several bad values give one error listing all', () => {
    let error: InputValidationError | undefined;
    try {
      build({ bucketName: 'goog', location: 'moon base', kmsKeyName: 'k', labels: { A: 'b' }, noncurrentVersionRetentionDays: -1 })();
    } catch (e) {
      error = e as InputValidationError;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error!.problems).toHaveLength(5);
    expect(error!.message).toMatch(/^5 problems:\n- Invalid GCS bucket name "goog"[^]*\n- Invalid GCS bucket location "moon base"[^]*\n- Invalid Cloud KMS key name "k"[^]*\n- Invalid GCP label key "A"[^]*\n- noncurrentVersionRetentionDays/);
  });

  test('tokens are not validated', () => {
    expect(() => synth((scope) => {
      const v = (id: string) => new TerraformVariable(scope, id, { type: 'string' }).stringValue;
      new BackupBucket(scope, 'Bucket', {
        bucketName: `${v('prefix')}-backups`,
        location: v('location'),
        kmsKeyName: v('key'),
        project: v('project'),
        labels: { team: v('team') },
        noncurrentVersionRetentionDays: new TerraformVariable(scope, 'days', { type: 'number' }).numberValue,
      });
    })).not.toThrow();
  });
});

describe('checkBucketProps (no construct)', () => {
  const check = (props: Record<string, unknown>, prefix = '') => {
    const problems = new ValidationProblems('stack/Location', Token.isUnresolved);
    checkBucketProps(problems, { ...REQUIRED, ...props } as BackupBucketProps, prefix);
    return problems.problems;
  };

  test('valid props give no problem', () => {
    expect(check({ labels: { team: 'platform' }, noncurrentVersionRetentionDays: 30, project: 'acme-backups' })).toEqual([]);
  });

  // A parent's props name the bucket's under a prefix: every message names the prop as the user wrote it.
  test.each([
    ['bucketName', { bucketName: 'my.google.bucket' }, 'Invalid GCS bucket name "my.google.bucket" at stack/Location (bucketProps.bucketName)'],
    ['location', { location: 'us-central1-a' }, 'Invalid GCS bucket location "us-central1-a" at stack/Location (bucketProps.location)'],
    ['kmsKeyName', { kmsKeyName: 'k' }, 'Invalid Cloud KMS key name "k" at stack/Location (bucketProps.kmsKeyName)'],
    ['project', { project: 'Acme' }, 'Invalid GCP project ID "Acme" at stack/Location (bucketProps.project)'],
    ['label key', { labels: { Team: 'platform' } }, 'Invalid GCP label key "Team" at stack/Location (bucketProps.labels)'],
    ['label value', { labels: { team: 'Platform Team' } }, 'Invalid GCP label value "Platform Team" at stack/Location (bucketProps.labels.team)'],
    ['too many labels', { labels: Object.fromEntries([...Array(65).keys()].map((i) => [`k${i}`, 'v'])) },
      'bucketProps.labels has 65 labels; GCP allows at most 64 per resource (at stack/Location)'],
    ['retention days', { noncurrentVersionRetentionDays: 0 },
      'bucketProps.noncurrentVersionRetentionDays must be a whole number of days, at least 1 (got 0) (at stack/Location)'],
    ['retention without versioning', { versioned: false, noncurrentVersionRetentionDays: 7 },
      'bucketProps.noncurrentVersionRetentionDays applies only to a versioned bucket: remove it or set bucketProps.versioned to true (at stack/Location)'],
  ])('%s, under the prefix "bucketProps."', (_what, props, message) => {
    const problems = check(props, 'bucketProps.');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test('64 labels are allowed; every bad value is one problem, in the order of the props', () => {
    expect(check({ labels: Object.fromEntries([...Array(64).keys()].map((i) => [`k${i}`, 'v'])) })).toEqual([]);
    expect(check({ bucketName: 'goog', location: 'moon base', versioned: false, noncurrentVersionRetentionDays: 1.5 }, 'b.')).toEqual([
      expect.stringMatching(/^Invalid GCS bucket name "goog" at stack\/Location \(b\.bucketName\)/),
      expect.stringMatching(/^Invalid GCS bucket location "moon base" at stack\/Location \(b\.location\)/),
      'b.noncurrentVersionRetentionDays must be a whole number of days, at least 1 (got 1.5) (at stack/Location)',
      'b.noncurrentVersionRetentionDays applies only to a versioned bucket: remove it or set b.versioned to true (at stack/Location)',
    ]);
  });
});
