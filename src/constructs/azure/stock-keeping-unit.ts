/**
 * A storage account's SKU, which Palette's Azure wizard calls the "Stock-Keeping Unit"
 * (Spectro Cloud's `stock_keeping_unit`, e.g. `Standard_LRS`).
 *
 * The name is `<tier>_<replication>`; the constructs turn it into azurerm's `account_tier`,
 * `account_replication_type` and `account_kind` (Premium is only LRS or ZRS, on a
 * BlockBlobStorage account).
 */
export class StockKeepingUnit {
  /** Standard, locally redundant (three copies in one datacenter). */
  public static readonly STANDARD_LRS = new StockKeepingUnit('Standard_LRS');
  /** Standard, zone-redundant (three availability zones of the region). */
  public static readonly STANDARD_ZRS = new StockKeepingUnit('Standard_ZRS');
  /** Standard, geo-redundant (LRS plus an asynchronous copy in the paired region). */
  public static readonly STANDARD_GRS = new StockKeepingUnit('Standard_GRS');
  /** Standard, geo-zone-redundant (ZRS plus an asynchronous copy in the paired region). */
  public static readonly STANDARD_GZRS = new StockKeepingUnit('Standard_GZRS');
  /** Standard, GRS with read access to the secondary region. */
  public static readonly STANDARD_RAGRS = new StockKeepingUnit('Standard_RAGRS');
  /** Standard, GZRS with read access to the secondary region. */
  public static readonly STANDARD_RAGZRS = new StockKeepingUnit('Standard_RAGZRS');
  /** Premium (SSD) block blobs, locally redundant. */
  public static readonly PREMIUM_LRS = new StockKeepingUnit('Premium_LRS');
  /** Premium (SSD) block blobs, zone-redundant. */
  public static readonly PREMIUM_ZRS = new StockKeepingUnit('Premium_ZRS');

  /**
   * A SKU by name, e.g. read from configuration. The name is validated by the construct that
   * uses it; it must be a literal, since the tier and replication are derived from it at synth time.
   */
  public static of(name: string): StockKeepingUnit {
    return new StockKeepingUnit(name);
  }

  /** The SKU name as Azure and Palette write it, e.g. `Standard_GRS`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
