/**
 * Azure's national (sovereign) clouds, told apart from the public cloud by what a stack can say
 * literally: the azurerm provider's `environment` ("public", "usgovernment", "china") and the
 * region names (US Government: `usgov*`, `usdod*`; China: `china*`).
 *
 * Why it matters here: Spectro Cloud's Terraform provider registers every Azure backup location in
 * the public cloud (spectrocloud/terraform-provider-spectrocloud, spectrocloud/common_backup_storage_location.go,
 * `toAzureBackupStorageLocation`: `ClientCloud: "public"`, `AzureEnvironment: "AzurePublicCloud"`).
 */

/** An Azure cloud other than the public one, with the name a message shows. */
export interface SovereignAzureCloud {
  /** azurerm's `environment` value. */
  readonly environment: 'usgovernment' | 'china';
  readonly name: string;
}

const US_GOVERNMENT: SovereignAzureCloud = { environment: 'usgovernment', name: 'Azure Government' };
const CHINA: SovereignAzureCloud = { environment: 'china', name: 'Azure China (21Vianet)' };

/** The sovereign cloud an azurerm provider `environment` names; undefined for the public cloud or an unknown value. */
export function sovereignCloudOfEnvironment(environment: string): SovereignAzureCloud | undefined {
  const e = environment.trim().toLowerCase();
  if (e === 'usgovernment') return US_GOVERNMENT;
  if (e === 'china') return CHINA;
  return undefined;
}

/** The sovereign cloud a region belongs to (programmatic or display name); undefined for a public region. */
export function sovereignCloudOfRegion(region: string): SovereignAzureCloud | undefined {
  const r = region.replace(/\s+/g, '').toLowerCase();
  if (/^us(gov|dod)/.test(r)) return US_GOVERNMENT;
  if (/^china/.test(r)) return CHINA;
  return undefined;
}

/** The warning for a Palette location in a sovereign cloud. */
export function sovereignCloudWarning(cloud: SovereignAzureCloud, why: string): string {
  return `This storage account is in ${cloud.name} (${why}), but Spectro Cloud's Terraform provider registers every Azure backup `
    + 'location in Azure\'s public cloud (AzureEnvironment "AzurePublicCloud" in spectrocloud/terraform-provider-spectrocloud, '
    + 'common_backup_storage_location.go), so spectrocloud_backup_storage_location (and toSpectroCloudTerraform()) would send Palette '
    + 'to the public cloud\'s endpoints, where this account does not exist. Use a storage account in Azure\'s public cloud, or '
    + 'register the location in a way that names its cloud.';
}
