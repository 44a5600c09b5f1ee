import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BackupBucket, PaletteAccess, PaletteBackupLocation, RudderStackEventBackup, RudderStackPermissions } from '../../../../src';
import { ACCOUNT, REGION } from '../../../support/cfn';
import { warningsOf } from '../../../support/stack';

const env = { account: ACCOUNT, region: REGION };
const SECRETS = /\[ack: saas-backup-constructs:SharedBucketReadsSecrets\]$/;
const OTHER = /\[ack: saas-backup-constructs:SharedBucketReadsOtherVendor\]$/;

/** A real Palette location (STS) on `bucket`: it records Velero as the bucket's tenant. */
function paletteOn(scope: Construct, id: string, bucket: s3.IBucket): Construct {
  return new PaletteBackupLocation(scope, id, {
    bucket,
    region: REGION,
    access: PaletteAccess.sts({ paletteAccountId: '111111111111', externalId: `palette-external-id-${id}` }),
  });
}

const warningsWith = (stack: Stack, pattern: RegExp) => warningsOf(stack).filter((w) => pattern.test(w));

describe('recordBucketTenant: one vendor reading another\'s data in a shared bucket (issue 19, class 6)', () => {
  test.each<[string, boolean, string | undefined, number]>([
    ['replay without a prefix: warned', true, undefined, 1],
    ['replay under Velero\'s backups/: warned', true, 'backups/rudder/', 1],
    ['replay under rudderstack/: separated', true, 'rudderstack/', 0],
    ['write-only: reads nothing', false, undefined, 0],
  ])('%s (Palette first, then RudderStack, then the other order)', (_what, replay, keyPrefix, count) => {
    for (const paletteFirst of [true, false]) {
      const stack = new Stack(new App(), 'Stack', { env });
      const shared = new BackupBucket(stack, 'Shared', { bucketName: 'acme-shared-backups' });
      const permissions = replay ? RudderStackPermissions.backupAndReplay() : RudderStackPermissions.writeOnly();
      if (paletteFirst) paletteOn(stack, 'Palette', shared.bucket);
      new RudderStackEventBackup(stack, 'Events', { bucket: shared.bucket, permissions, keyPrefix });
      if (!paletteFirst) paletteOn(stack, 'Palette', shared.bucket);
      const warned = warningsWith(stack, SECRETS);
      expect(warned).toHaveLength(count);
      if (count > 0) expect(warned[0]).toMatch(/^RudderStack \(Stack\/Events\) may read .* of bucket "acme-shared-backups", where Palette \(Velero\) \(Stack\/Palette\) keeps Velero backups/);
    }
  });

  test('Palette\'s grant reads RudderStack\'s events in the shared bucket: warned on Palette\'s construct', () => {
    const stack = new Stack(new App(), 'Stack', { env });
    const shared = new BackupBucket(stack, 'Shared', { bucketName: 'acme-shared-backups' });
    paletteOn(stack, 'Palette', shared.bucket);
    new RudderStackEventBackup(stack, 'Events', { bucket: shared.bucket, keyPrefix: 'rudderstack/' });
    expect(warningsWith(stack, OTHER)).toEqual([expect.stringMatching(/^Palette \(Velero\) \(Stack\/Palette\) may read the whole bucket/)]);
  });

  test('an imported bucket matches by name when both names are literal, across the stacks of one app', () => {
    const app = new App();
    const backups = new Stack(app, 'Backups', { env });
    paletteOn(backups, 'Palette', new BackupBucket(backups, 'Bucket', { bucketName: 'acme-velero' }).bucket);
    const events = new Stack(app, 'Events', { env });
    new RudderStackEventBackup(events, 'Events', {
      bucket: BackupBucket.fromBucketName(events, 'Imported', 'acme-velero'),
      permissions: RudderStackPermissions.backupAndReplay(),
    });
    expect(warningsWith(events, SECRETS)).toEqual([expect.stringMatching(/of bucket "acme-velero", where Palette \(Velero\) \(Backups\/Palette\)/)]);
  });

  test('two imports by the same literal name in one stack match too', () => {
    const stack = new Stack(new App(), 'Stack', { env });
    paletteOn(stack, 'Palette', s3.Bucket.fromBucketName(stack, 'A', 'acme-velero'));
    new RudderStackEventBackup(stack, 'Events', { bucket: s3.Bucket.fromBucketName(stack, 'B', 'acme-velero'), permissions: RudderStackPermissions.backupAndReplay() });
    expect(warningsWith(stack, SECRETS)).toHaveLength(1);
  });

  test('different names, a name given as a parameter, or another app: no match', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    paletteOn(stack, 'Palette', s3.Bucket.fromBucketName(stack, 'A', 'acme-velero'));
    new RudderStackEventBackup(stack, 'Other', { bucket: s3.Bucket.fromBucketName(stack, 'B', 'acme-events'), permissions: RudderStackPermissions.backupAndReplay() });
    const name = new CfnParameter(stack, 'Name').valueAsString;
    new RudderStackEventBackup(stack, 'Param', { bucket: s3.Bucket.fromBucketName(stack, 'C', name), permissions: RudderStackPermissions.backupAndReplay() });
    const otherApp = new Stack(new App(), 'Stack', { env });
    new RudderStackEventBackup(otherApp, 'Events', { bucket: s3.Bucket.fromBucketName(otherApp, 'B', 'acme-velero'), permissions: RudderStackPermissions.backupAndReplay() });
    expect(warningsWith(stack, SECRETS)).toEqual([]);
    expect(warningsWith(otherApp, SECRETS)).toEqual([]);
  });

  test('the same bucket object without a literal name matches by construct', () => {
    const stack = new Stack(new App(), 'Stack', { env });
    const bucket = new BackupBucket(stack, 'Unnamed');
    paletteOn(stack, 'Palette', bucket.bucket);
    new RudderStackEventBackup(stack, 'Events', { bucket: bucket.bucket, permissions: RudderStackPermissions.backupAndReplay() });
    expect(warningsWith(stack, SECRETS)).toEqual([expect.stringMatching(/of bucket Stack\/Unnamed/)]);
  });

  test('the registry is one construct on the app, however many stacks record', () => {
    const app = new App();
    for (const id of ['A', 'B']) {
      const stack = new Stack(app, id, { env });
      new RudderStackEventBackup(stack, 'Events', { bucketProps: { bucketName: `acme-${id.toLowerCase()}-events` } });
    }
    expect(app.node.children.map((c) => c.node.id)).toEqual(['A', 'SaasBackupConstructsBucketTenants', 'B']);
  });
});
