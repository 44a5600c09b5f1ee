import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { BackupBucket, IBackupBucket, PaletteBackupLocation, RudderStackEventBackup, RudderStackPermissions } from '../../../../src/constructs/gcp';

const warningsUnder = (scope: IConstruct) => scope.node.findAll()
  .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => `${c.node.path}: ${m.data as string}`));

/** A real Palette location on `bucket`: it records Velero as the bucket's tenant. */
function paletteOn(scope: Construct, bucket: IBackupBucket): Construct {
  return new PaletteBackupLocation(scope, 'Palette', { serviceAccountId: 'palette-velero', projectId: 'acme-backups-prod', bucket });
}

describe('recordBucketTenant (GCS): RudderStack and Palette in one bucket', () => {
  test.each<[string, boolean, RegExp[]]>([
    ['replay reads the Velero backups (the GCS construct has no prefix)', true, [
      /^stack\/Events: \[saas-backup-constructs:SharedBucketReadsSecrets\] RudderStack \(stack\/Events\) may read the whole bucket of bucket "acme-shared"/,
      /^stack\/Palette: \[saas-backup-constructs:SharedBucketReadsOtherVendor\] Palette \(Velero\) \(stack\/Palette\) may read the whole bucket/,
    ]],
    ['write-only reads nothing; Palette still reads the events', false, [
      /^stack\/Palette: \[saas-backup-constructs:SharedBucketReadsOtherVendor\]/,
    ]],
  ])('%s (Palette first, then RudderStack, then the other order)', (_what, replay, expected) => {
    for (const paletteFirst of [true, false]) {
      const stack = new TerraformStack(Testing.app(), 'stack');
      const shared = new BackupBucket(stack, 'Shared', { bucketName: 'acme-shared', location: 'EU' });
      if (paletteFirst) paletteOn(stack, shared);
      new RudderStackEventBackup(stack, 'Events', {
        serviceAccountId: 'rudderstack-events',
        bucket: shared,
        permissions: replay ? RudderStackPermissions.backupAndReplay() : RudderStackPermissions.writeOnly(),
      });
      if (!paletteFirst) paletteOn(stack, shared);
      expect(warningsUnder(stack).filter((w) => /SharedBucket/.test(w)).sort()).toEqual(expected.map((e) => expect.stringMatching(e)).sort());
    }
  });

  test('an imported bucket matches a new one by literal name; a variable name does not match', () => {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    paletteOn(a, new BackupBucket(a, 'Velero', { bucketName: 'acme-velero', location: 'EU' }));
    const b = new TerraformStack(app, 'b');
    new RudderStackEventBackup(b, 'Events', { serviceAccountId: 'rudderstack-events', bucket: BackupBucket.fromBucketName(b, 'Imported', 'acme-velero'), permissions: RudderStackPermissions.backupAndReplay() });
    const name = new TerraformVariable(b, 'name', { type: 'string' }).stringValue;
    new RudderStackEventBackup(b, 'Other', { serviceAccountId: 'rudderstack-other', bucket: BackupBucket.fromBucketName(b, 'ByVariable', name), permissions: RudderStackPermissions.backupAndReplay() });
    expect(warningsUnder(b).filter((w) => /SharedBucketReadsSecrets/.test(w))).toEqual([expect.stringMatching(/^b\/Events: .*of bucket "acme-velero"/)]);
  });

  test('a RudderStack bucket alone warns nothing', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new RudderStackEventBackup(stack, 'Events', { serviceAccountId: 'rudderstack-events', bucketProps: { bucketName: 'acme-events', location: 'EU' }, permissions: RudderStackPermissions.backupAndReplay() });
    expect(warningsUnder(stack)).toEqual([]);
  });
});
