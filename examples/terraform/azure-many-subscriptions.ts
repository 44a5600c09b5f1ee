// Many Azure subscriptions: one TerraformStack per subscription in one app, each a self-contained
// Palette backup location (seeds/000, Azure tab). Terraform has no StackSets; this is its equivalent:
// - each stack has its own azurerm provider, pinned to its subscription (`subscription_id`), and its
//   own state blob, so each is planned, applied, locked and destroyed on its own;
// - no stack refers to another: the resource group, storage account, container, service principal
//   and role assignments all belong to the one subscription, and every role scope is inside it;
// - the names that are global (storage account names) are given per subscription and checked for
//   clashes before anything is synthesized.
//
//   az login && terraform -chdir=cdktf.out/stacks/<stack> init && terraform -chdir=cdktf.out/stacks/<stack> apply
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation, ResourceGroup } from 'saas-backup-constructs/azure';
import { azurermStateBackend } from './state';

/** One subscription's backup location. */
export interface AzureSubscriptionLocation {
  /** The stack's name (its folder under cdktf.out/stacks and its state blob). */
  readonly stackName: string;
  /** The subscription the storage account is deployed into (Palette's "Subscription ID"). */
  readonly subscriptionId: string;
  /** The region of the resource group and the account. */
  readonly location: string;
  /** The storage account's name: account names are global, so one per subscription. */
  readonly storageAccountName: string;
}

/** One subscription: its providers, its state, its Palette backup location. */
export class PaletteAzureSubscriptionStack extends TerraformStack {
  /** The location, for its attributes (every wizard field). */
  public readonly location: PaletteBackupLocation;

  constructor(scope: Construct, id: string, props: AzureSubscriptionLocation) {
    super(scope, id);
    azurermStateBackend(this); // its own state blob: tfstate/saas-backup-constructs/<stack>.tfstate
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: props.subscriptionId,
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
      storageUseAzuread: true,
    });
    new AzureadProvider(this, 'azuread', {}); // the tenant is shared; the service principal is per subscription
    const resourceGroup = new ResourceGroup(this, 'Group', { resourceGroupName: 'palette-backups', location: props.location });
    this.location = new PaletteBackupLocation(this, 'Backups', {
      storageAccountProps: { resourceGroup, storageAccountName: props.storageAccountName },
      subscriptionId: props.subscriptionId,
      createOutputs: true,
    });
  }
}

/** The subscriptions the examples app synthesizes: replace with yours. */
export const AZURE_SUBSCRIPTIONS: readonly AzureSubscriptionLocation[] = [
  { stackName: 'palette-azure-team-a', subscriptionId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', location: 'westeurope', storageAccountName: 'acmeteamabackups' },
  { stackName: 'palette-azure-team-b', subscriptionId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', location: 'eastus2', storageAccountName: 'acmeteambbackups' },
];

/** A stack per subscription; refuses two subscriptions with one storage account name or one stack name. */
export function addPaletteAzureSubscriptions(app: App, subscriptions: readonly AzureSubscriptionLocation[]): PaletteAzureSubscriptionStack[] {
  for (const key of ['stackName', 'storageAccountName'] as const) {
    const seen = new Map<string, string>();
    for (const s of subscriptions) {
      const other = seen.get(s[key]);
      if (other !== undefined) {
        throw new Error(`${key} "${s[key]}" is given for both subscriptions ${other} and ${s.subscriptionId}: each subscription needs its own`);
      }
      seen.set(s[key], s.subscriptionId);
    }
  }
  return subscriptions.map((s) => new PaletteAzureSubscriptionStack(app, s.stackName, s));
}
