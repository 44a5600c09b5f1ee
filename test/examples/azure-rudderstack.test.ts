import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { RudderStackAzureStack } from '../../examples/terraform/azure-rudderstack';
import { RudderStackPermissions } from '../../src/constructs/azure';

const outputsByField = (json: any) => Object.fromEntries(Object.values(json.output as Record<string, any>)
  .map((o) => [/^RudderStack "([^"]+)"/.exec(o.description)![1], o]));

describe('examples/terraform/azure-rudderstack', () => {
  const app = Testing.app();
  const stack = new RudderStackAzureStack(app, 'rudderstack-azure');
  const json = JSON.parse(Testing.synth(stack));

  test('keeps its state (which holds the SAS token and the account key) in a remote azurerm backend', () => {
    expect(json.terraform.backend.azurerm).toMatchObject({ key: 'saas-backup-constructs/rudderstack-azure.tfstate', use_azuread_auth: true });
  });

  test('creates a resource group, a storage account and a container, and signs a container SAS with exactly Write', () => {
    expect(Object.keys(json.resource).sort()).toEqual(['azurerm_resource_group', 'azurerm_storage_account', 'azurerm_storage_container']);
    expect(Object.values(json.data.azurerm_storage_account_blob_container_sas)).toEqual([expect.objectContaining({
      https_only: true,
      expiry: '2027-06-01T00:00:00Z',
      permissions: { read: false, add: false, create: false, write: true, delete: false, list: false },
    })]);
  });

  test('one output per dashboard field; only the token is sensitive', () => {
    const outputs = outputsByField(json);
    expect(Object.keys(outputs).sort()).toEqual([
      'Azure Blob Storage Account Name',
      'Azure Blob Storage Container Name',
      'Azure Blob Storage SAS Token',
      'Prefix',
      'Use shared access signature (SAS) Tokens',
    ]);
    expect(Object.entries(outputs).filter(([, o]) => o.sensitive).map(([label]) => label)).toEqual(['Azure Blob Storage SAS Token']);
  });

  test('the written cdk.tf.json holds no secret: the token and the key are Terraform references', () => {
    const outdir = Testing.fullSynth(stack);
    const written = fs.readFileSync(path.join(outdir, 'stacks', 'rudderstack-azure', 'cdk.tf.json'), 'utf8');
    expect(written).not.toMatch(/sig=|AccountKey=|sv=20/);
    expect(written).toContain('primary_connection_string}');
  });
});

describe('examples/terraform/azure-rudderstack with backupAndReplay() (rudderstack-azure-replay)', () => {
  const json = JSON.parse(Testing.synth(new RudderStackAzureStack(Testing.app(), 'rudderstack-azure-replay', {
    permissions: RudderStackPermissions.backupAndReplay(),
  })));

  test('the SAS adds Read and List, and still no Delete', () => {
    expect(Object.values(json.data.azurerm_storage_account_blob_container_sas).map((d: any) => d.permissions))
      .toEqual([{ read: true, add: false, create: false, write: true, delete: false, list: true }]);
  });
});
