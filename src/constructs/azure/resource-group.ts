import type * as dataResourceGroupModule from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { ResourceGroup as AzurermResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformProvider, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AZURE_LOCATION, AZURE_RESOURCE_GROUP_NAME } from '../../policies/azure/names';
import { problemsAt } from '../../policies/validation';

/** An Azure resource group, created here or imported. */
export interface IResourceGroup extends IConstruct {
  /** The resource group's name (Palette's "Resource Group"). */
  readonly resourceGroupName: string;
  /** The resource group's ARM ID, `/subscriptions/<id>/resourceGroups/<name>`: a role assignment scope. */
  readonly resourceGroupId: string;
  /** The resource group's region; resources created in it default to this region. */
  readonly resourceGroupLocation: string;
}

/** Properties of a new resource group. */
export interface ResourceGroupProps {
  /** The name: 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period. */
  readonly resourceGroupName: string;
  /** The region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * The azurerm provider to create the resource group with.
   * @default - the stack's azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A new Azure resource group (azurerm_resource_group).
 *
 * @example
 * const group = new ResourceGroup(this, 'Backups', { resourceGroupName: 'palette-backups', location: 'westeurope' });
 */
export class ResourceGroup extends Construct implements IResourceGroup {
  /**
   * An existing resource group, read with the `azurerm_resource_group` data source.
   *
   * The data source (not a string-built ID) because the group's region is needed as the default
   * region of what is created in it, and only Azure knows it; it also gives the real ARM ID for
   * role assignment scopes, and a plan that fails early and clearly when the group does not exist.
   * Reading it needs `Microsoft.Resources/subscriptions/resourceGroups/read`, which deployers have.
   *
   * @param resourceGroupName the existing group's name
   * @param provider the azurerm provider to read it with (default: the stack's)
   */
  public static fromResourceGroupName(scope: Construct, id: string, resourceGroupName: string, provider?: TerraformProvider): IResourceGroup {
    return new ImportedResourceGroup(scope, id, resourceGroupName, provider);
  }

  public readonly resourceGroupName: string;
  public readonly resourceGroupId: string;
  public readonly resourceGroupLocation: string;
  /** The region as given (a literal unless a token was given), for checks made at synth time. @internal */
  public readonly _givenLocation: string;
  /** Which group this is, when its name is a literal: see `groupIdentity`. @internal */
  public readonly _identity?: string;

  constructor(scope: Construct, id: string, props: ResourceGroupProps) {
    super(scope, id);
    problemsAt(this, Token.isUnresolved)
      .check(AZURE_RESOURCE_GROUP_NAME, props.resourceGroupName, 'resourceGroupName')
      .check(AZURE_LOCATION, props.location, 'location')
      .throwIfAny();

    const resource = new AzurermResourceGroup(this, 'Resource', {
      name: props.resourceGroupName,
      location: props.location,
      provider: props.provider,
    });
    this.resourceGroupName = resource.name;
    this.resourceGroupId = resource.id;
    this.resourceGroupLocation = resource.location;
    this._givenLocation = props.location;
    this._identity = groupIdentity(props.resourceGroupName, props.provider);
  }
}

class ImportedResourceGroup extends Construct implements IResourceGroup {
  public readonly resourceGroupName: string;
  public readonly resourceGroupId: string;
  public readonly resourceGroupLocation: string;
  /** Which group this is, when its name is a literal: see `groupIdentity`. @internal */
  public readonly _identity?: string;

  constructor(scope: Construct, id: string, resourceGroupName: string, provider?: TerraformProvider) {
    super(scope, id);
    problemsAt(this, Token.isUnresolved)
      .check(AZURE_RESOURCE_GROUP_NAME, resourceGroupName, 'resourceGroupName')
      .throwIfAny();

    // Loaded on first use: only imported resource groups read the data source.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DataAzurermResourceGroup } = require('@cdktf/provider-azurerm/lib/data-azurerm-resource-group') as typeof dataResourceGroupModule;
    const lookup = new DataAzurermResourceGroup(this, 'Lookup', { name: resourceGroupName, provider });
    this.resourceGroupName = lookup.name;
    this.resourceGroupId = lookup.id;
    this.resourceGroupLocation = lookup.location;
    this._identity = groupIdentity(resourceGroupName, provider);
  }
}

/**
 * A key naming one resource group before apply, for groups given by a literal name: the provider
 * (its subscription; the stack's default when none) and the name, lower-cased (Azure's resource group
 * names are case-insensitive). Undefined for a name given as a token. Two groups with the same key
 * are the same group.
 */
function groupIdentity(name: string, provider: TerraformProvider | undefined): string | undefined {
  if (typeof name !== 'string' || Token.isUnresolved(name)) return undefined;
  return `${provider?.node.path ?? ''}|${name.toLowerCase()}`;
}
