import { Construct } from 'constructs';
import { recordTenant } from '../../../src/constructs/private/bucket-tenants';
import { PALETTE_VELERO_TENANT, rudderStackTenant } from '../../../src/policies/bucket-sharing';

type Tenant = [string, ReturnType<typeof rudderStackTenant>];

/** Records two tenants of one bucket in a tree of its own and returns the warnings, as [owner, id]. */
function warningsOf(first: Tenant, second: Tenant, names: [string?, string?] = []) {
  const root = new Construct(undefined as unknown as Construct, '');
  const warnings: Array<[string, string]> = [];
  const warn = (owner: { node: { path: string } }, id: string) => warnings.push([owner.node.path, id]);
  recordTenant(new Construct(root, first[0]), names[0] ?? 'shared-bucket', 'Bucket', first[1], warn);
  recordTenant(new Construct(root, second[0]), names[1] ?? 'shared-bucket', 'Bucket', second[1], warn);
  return { warnings, ledgers: root.node.children.filter((c) => c.node.id === 'SaasBackupConstructsBucketTenants').length };
}

describe('recordTenant: the app\'s one ledger of who uses which bucket', () => {
  test.each([
    ['Palette first, then a RudderStack replay without a prefix', [['Palette', PALETTE_VELERO_TENANT], ['RudderStack', rudderStackTenant(undefined, true)]]],
    ['a RudderStack replay first, then Palette', [['RudderStack', rudderStackTenant(undefined, true)], ['Palette', PALETTE_VELERO_TENANT]]],
  ] as const)('%s: the replay that reads Velero\'s backups is warned, whichever came first', (_what, [a, b]) => {
    const { warnings, ledgers } = warningsOf([a[0], a[1]], [b[0], b[1]]);
    expect(warnings).toContainEqual(['RudderStack', 'SharedBucketReadsSecrets']);
    expect(ledgers).toBe(1);
  });

  test('write-only RudderStack beside Palette reads nothing of Velero\'s', () => {
    expect(warningsOf(['Palette', PALETTE_VELERO_TENANT], ['RudderStack', rudderStackTenant('rudderstack/', false)]).warnings
      .filter(([owner]) => owner === 'RudderStack')).toEqual([]);
  });

  test('two buckets of different literal names never meet', () => {
    expect(warningsOf(['Palette', PALETTE_VELERO_TENANT], ['RudderStack', rudderStackTenant(undefined, true)], ['velero-backups', 'rudderstack-events']).warnings).toEqual([]);
  });
});
