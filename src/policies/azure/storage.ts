/**
 * The storage account SKU model: Palette's "Stock-Keeping Unit" (Spectro Cloud's
 * `stock_keeping_unit`, e.g. `Standard_LRS`) is the ARM SKU name `<tier>_<replication>`;
 * azurerm takes it as `account_tier` + `account_replication_type`.
 *
 * Sources (notes/vendor-facts.md §6): Storage RP "SKU Types" lists Standard_LRS, Standard_ZRS,
 * Standard_GRS, Standard_GZRS, Standard_RAGRS, Standard_RAGZRS, Premium_LRS, Premium_ZRS; azurerm
 * `account_tier` "For BlockBlobStorage and FileStorage accounts only Premium is valid".
 */
import { ruleOf, ValueRule } from '../validation';

/** What azurerm_storage_account needs for one SKU. */
export interface StorageSkuSettings {
  readonly accountTier: 'Standard' | 'Premium';
  readonly accountReplicationType: string;
  /**
   * Standard: general-purpose v2. Premium: block blobs need the BlockBlobStorage kind (a Premium
   * StorageV2 account holds page blobs only, which Velero does not write).
   */
  readonly accountKind: 'StorageV2' | 'BlockBlobStorage';
}

export const STANDARD_REPLICATIONS = ['LRS', 'ZRS', 'GRS', 'GZRS', 'RAGRS', 'RAGZRS'] as const;
export const PREMIUM_REPLICATIONS = ['LRS', 'ZRS'] as const;

/** Every SKU name a storage account for blobs can have, in the order Azure lists them. */
export const AZURE_STORAGE_SKU_NAMES: readonly string[] = [
  ...STANDARD_REPLICATIONS.map((r) => `Standard_${r}`),
  ...PREMIUM_REPLICATIONS.map((r) => `Premium_${r}`),
];

const [tierOf, replicationOf] = [(v: string) => v.split('_')[0], (v: string) => v.split('_')[1]];

/** A storage SKU name (case-sensitive, as Palette's wizard and Azure print it). */
export const AZURE_STORAGE_SKU: ValueRule = ruleOf(
  'Azure storage Stock-Keeping Unit',
  `Use one of ${AZURE_STORAGE_SKU_NAMES.join(', ')}.`,
  [
    [(v) => !/^[A-Za-z]+_[A-Za-z]+$/.test(v), 'it is not written <tier>_<replication> (e.g. Standard_GRS)'],
    [(v) => /_/.test(v) && !['Standard', 'Premium'].includes(tierOf(v)), 'the tier must be Standard or Premium'],
    [
      (v) => /_/.test(v) && !(STANDARD_REPLICATIONS as readonly string[]).includes(replicationOf(v)),
      `the replication must be one of ${STANDARD_REPLICATIONS.join(', ')}`,
    ],
    [
      (v) => tierOf(v) === 'Premium' && (STANDARD_REPLICATIONS as readonly string[]).includes(replicationOf(v))
        && !(PREMIUM_REPLICATIONS as readonly string[]).includes(replicationOf(v)),
      'Premium is only available with LRS or ZRS',
    ],
  ],
);

/** The azurerm settings of a valid SKU name; throws for a name `AZURE_STORAGE_SKU` rejects. */
export function storageSkuSettings(skuName: string): StorageSkuSettings {
  const problems = AZURE_STORAGE_SKU.check(skuName);
  if (problems.length > 0) throw new Error(`Invalid storage SKU ${JSON.stringify(skuName)}: ${problems.join('; ')}`);
  const accountTier = tierOf(skuName) as 'Standard' | 'Premium';
  return {
    accountTier,
    accountReplicationType: replicationOf(skuName),
    accountKind: accountTier === 'Premium' ? 'BlockBlobStorage' : 'StorageV2',
  };
}

/** Blob and container soft delete: azurerm accepts 1-365 days. */
export const SOFT_DELETE_DAYS = { min: 1, max: 365 } as const;
