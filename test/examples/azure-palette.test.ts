import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { PaletteAzureStack } from '../../examples/terraform/azure-palette';
import { PaletteAzureExistingStack } from '../../examples/terraform/azure-palette-existing';

const countByType = (json: any, block: 'resource' | 'data') =>
  Object.fromEntries(Object.entries(json[block] ?? {}).map(([type, byName]) => [type, Object.keys(byName as object).length]));

const outputsByField = (json: any) => Object.fromEntries(Object.values(json.output as Record<string, any>)
  .map((o) => [/^Palette "([^"]+)"/.exec(o.description)![1], o]));

describe('examples/terraform/azure-palette', () => {
  const json = JSON.parse(Testing.synth(new PaletteAzureStack(Testing.app(), 'palette-azure')));

  test('keeps its state (which holds the client secret) in a remote azurerm backend with Entra ID auth, not in a local file', () => {
    expect(json.terraform.backend).toEqual({
      azurerm: {
        resource_group_name: 'terraform-state',
        storage_account_name: 'acmeterraformstate',
        container_name: 'tfstate',
        key: 'saas-backup-constructs/palette-azure.tfstate',
        use_azuread_auth: true,
      },
    });
  });

  test('configures the azurerm provider for a Shared-Key-less account, and the azuread provider', () => {
    expect(json.provider.azurerm).toEqual([{ features: [{ storage: [{ data_plane_available: false }] }], storage_use_azuread: true }]);
    expect(json.provider.azuread).toEqual([{}]);
    expect(Object.keys(json.terraform.required_providers).sort()).toEqual(['azuread', 'azurerm']);
  });

  test('creates the location and its service principal', () => {
    expect(countByType(json, 'resource')).toEqual({
      azurerm_resource_group: 1,
      azurerm_storage_account: 1,
      azurerm_storage_container: 1,
      azuread_application: 1,
      azuread_service_principal: 1,
      azuread_application_password: 1,
      azurerm_role_definition: 1,
      azurerm_role_assignment: 2,
    });
    expect(countByType(json, 'data')).toEqual({ azurerm_client_config: 1 });
  });

  test('Palette\'s Velero may use the account keys: Shared Key on, the list-keys role assigned at the account', () => {
    const sa = Object.values(json.resource.azurerm_storage_account)[0] as any;
    expect(sa.shared_access_key_enabled).toBe(true);
    const role = Object.values(json.resource.azurerm_role_definition)[0] as any;
    expect(role.permissions).toEqual([{ actions: ['Microsoft.Storage/storageAccounts/listkeys/action'] }]);
  });

  test('outputs every wizard field, the Client Secret sensitive', () => {
    const outputs = outputsByField(json);
    expect(Object.keys(outputs).sort()).toEqual([
      'Client ID', 'Client Secret', 'Container Name', 'Location Name', 'Location Provider', 'Resource Group',
      'Stock-Keeping Unit', 'Storage Name', 'Subscription ID', 'Tenant ID',
    ]);
    expect(outputs['Client Secret'].sensitive).toBe(true);
    expect(outputs['Stock-Keeping Unit'].value).toBe('Standard_GRS');
  });
});

describe('examples/terraform/azure-palette-existing', () => {
  const json = JSON.parse(Testing.synth(new PaletteAzureExistingStack(Testing.app(), 'palette-azure-existing')));

  test('creates nothing in Entra ID and reads the existing resource groups', () => {
    expect(countByType(json, 'resource')).toEqual({
      azurerm_storage_account: 1,
      azurerm_storage_container: 1,
      azurerm_role_definition: 2,
      azurerm_role_assignment: 3,
    });
    expect(countByType(json, 'data')).toEqual({ azurerm_resource_group: 2, azurerm_client_config: 1 });
    expect(json.provider.azuread).toBeUndefined();
  });

  test('the secret is a sensitive variable, never a literal', () => {
    expect(json.variable.palette_client_secret.sensitive).toBe(true);
    const secret = outputsByField(json)['Client Secret'];
    expect(secret).toMatchObject({ sensitive: true, value: '${var.palette_client_secret}' });
  });

  test('the volume snapshot role is scoped to the disks\' resource group, and the firewall is on', () => {
    const role = Object.values(json.resource.azurerm_role_definition).find((r: any) => r.name.startsWith('Palette Velero volume snapshots')) as any;
    expect(role.assignable_scopes).toEqual([expect.stringMatching(/^\$\{data\.azurerm_resource_group\.Disks_Lookup_\w+\.id\}$/)]);
    const sa = Object.values(json.resource.azurerm_storage_account)[0] as any;
    expect(sa.network_rules).toMatchObject({ default_action: 'Deny', ip_rules: ['198.51.100.0/24', '203.0.113.10'] });
    expect(sa.account_replication_type).toBe('ZRS');
  });
});

describe('Terraform state stays out of the repository', () => {
  test('.gitignore covers the local backend\'s terraform.<stack>.tfstate (and its backups) and .terraform/', () => {
    const ignored = readFileSync(join(__dirname, '..', '..', '.gitignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['*.tfstate', '*.tfstate.*', '.terraform/']));
  });

  test('the existing-principal example uses its own state key in the same remote backend', () => {
    const json = JSON.parse(Testing.synth(new PaletteAzureExistingStack(Testing.app(), 'palette-azure-existing')));
    expect(Object.keys(json.terraform.backend)).toEqual(['azurerm']);
    expect(json.terraform.backend.azurerm.key).toBe('saas-backup-constructs/palette-azure-existing.tfstate');
  });
});

describe('examples/terraform/main.ts', () => {
  test('names every stack as its class: <product>-<cloud> for Palette<Cloud>Stack, rudderstack-gcs[-variant] for RudderStackGcsStack, rudderstack-azure[-variant] for RudderStackAzureStack, palette-<cloud>-registration[-method] for Palette<Cloud>RegistrationStack', () => {
    const main = readFileSync(join(__dirname, '..', '..', 'examples', 'terraform', 'main.ts'), 'utf8');
    const stacks = [...main.matchAll(/new (\w+Stack)\(app, '([^']+)'/g)].map((m) => [m[1], m[2]]);
    expect(stacks).toEqual([
      ['PaletteGcpStack', 'palette-gcp'],
      ['RudderStackGcsStack', 'rudderstack-gcs'],
      ['RudderStackGcsStack', 'rudderstack-gcs-replay'],
      ['PaletteAzureStack', 'palette-azure'],
      ['RudderStackAzureStack', 'rudderstack-azure'],
      ['RudderStackAzureStack', 'rudderstack-azure-replay'],
      ['PaletteAzureExistingStack', 'palette-azure-existing'],
      ['PaletteAwsStackSetRegistrationStack', 'palette-aws-stackset-registration'],
      ['PaletteAwsRegistrationStack', 'palette-aws-registration-sts'],
      ['PaletteAwsRegistrationStack', 'palette-aws-registration-credentials'],
      ['PaletteGcpRegistrationStack', 'palette-gcp-registration'],
      ['PaletteAzureRegistrationStack', 'palette-azure-registration'],
    ]);
  });
});
