import { App, Testing } from 'cdktf';
import { addPaletteAzureSubscriptions, AZURE_SUBSCRIPTIONS, AzureSubscriptionLocation } from '../../examples/terraform/azure-many-subscriptions';

const SUBSCRIPTIONS: AzureSubscriptionLocation[] = [
  { stackName: 'palette-azure-a', subscriptionId: '11111111-1111-4111-8111-111111111111', location: 'westeurope', storageAccountName: 'acmeabackups' },
  { stackName: 'palette-azure-b', subscriptionId: '22222222-2222-4222-8222-222222222222', location: 'eastus2', storageAccountName: 'acmebbackups' },
];

function referencesOf(json: string): string[] {
  return [...json.matchAll(/\$\{(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\./g)].map((m) => `${m[1] ?? ''}${m[2]}.${m[3]}`);
}

describe('examples/terraform/azure-many-subscriptions: one self-contained stack per subscription', () => {
  const stacks = addPaletteAzureSubscriptions(Testing.app(), SUBSCRIPTIONS);
  const synthesized = stacks.map((stack) => Testing.synth(stack));
  const tfs = synthesized.map((json) => JSON.parse(json));

  test('each its own azurerm provider, pinned to its subscription', () => {
    expect(tfs.map((tf) => tf.provider.azurerm)).toEqual(SUBSCRIPTIONS.map((s) => [{
      subscription_id: s.subscriptionId,
      features: [{ storage: [{ data_plane_available: false }] }],
      storage_use_azuread: true,
    }]));
  });

  test('each its own state blob', () => {
    expect(tfs.map((tf) => tf.terraform.backend.azurerm.key)).toEqual([
      'saas-backup-constructs/palette-azure-a.tfstate', 'saas-backup-constructs/palette-azure-b.tfstate',
    ]);
  });

  test('every role assignment names a built-in role of its own subscription, every scope is inside the stack', () => {
    tfs.forEach((tf, i) => {
      for (const assignment of Object.values(tf.resource.azurerm_role_assignment) as any[]) {
        expect(assignment.role_definition_id).toMatch(/^\$\{azurerm_role_definition\.|^\/subscriptions\//);
        if (assignment.role_definition_id.startsWith('/subscriptions/')) {
          expect(assignment.role_definition_id.startsWith(`/subscriptions/${SUBSCRIPTIONS[i].subscriptionId}/`)).toBe(true);
        }
        expect(assignment.scope).toMatch(/^\$\{azurerm_storage_(container|account)\./);
      }
    });
  });

  test('one azurerm_client_config per stack (for the tenant), and custom role names unique across the tenant', () => {
    expect(tfs.map((tf) => Object.keys(tf.data.azurerm_client_config))).toEqual([
      ['SaasBackupConstructsAzurermClientConfig'], ['SaasBackupConstructsAzurermClientConfig'],
    ]);
    const roleNames = tfs.flatMap((tf) => (Object.values(tf.resource.azurerm_role_definition) as any[]).map((r) => r.name));
    expect(new Set(roleNames).size).toBe(roleNames.length);
  });

  test('self-contained: every reference is to a resource or data source of the same stack', () => {
    synthesized.forEach((json, i) => {
      const tf = tfs[i];
      const own = new Set([
        ...Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`)),
        ...Object.entries(tf.data ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `data.${type}.${name}`)),
      ]);
      const refs = referencesOf(json);
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.filter((r) => !own.has(r))).toEqual([]);
      expect(tf.data.terraform_remote_state).toBeUndefined();
    });
  });

  test('the examples app\'s own list is valid and distinct', () => {
    expect(() => addPaletteAzureSubscriptions(new App({ outdir: '/tmp/unused' }), AZURE_SUBSCRIPTIONS)).not.toThrow();
  });

  test('two subscriptions with one storage account name are refused', () => {
    expect(() => addPaletteAzureSubscriptions(Testing.app(), [SUBSCRIPTIONS[0], { ...SUBSCRIPTIONS[1], storageAccountName: 'acmeabackups' }]))
      .toThrow('storageAccountName "acmeabackups" is given for both subscriptions 11111111-1111-4111-8111-111111111111 and '
        + '22222222-2222-4222-8222-222222222222: each subscription needs its own');
  });
});
