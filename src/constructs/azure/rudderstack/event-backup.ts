import type * as dataStorageAccountModule from '@cdktf/provider-azurerm/lib/data-azurerm-storage-account';
import { DataAzurermStorageAccountBlobContainerSas } from '@cdktf/provider-azurerm/lib/data-azurerm-storage-account-blob-container-sas';
import type { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Annotations, Fn, TerraformOutput, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_STORAGE_CONTAINER_NAME } from '../../../policies/azure/names';
import {
  RUDDERSTACK_SAS_MAX_DAYS_WITHOUT_WARNING,
  RudderStackBlobAccess,
  rudderStackSasPermissions,
  SAS_TIME,
  sasLifetimeDays,
  sasPermissionLetters,
  sasWindowProblems,
} from '../../../policies/azure/rudderstack';
import { RUDDERSTACK_AZURE_FIELDS, RUDDERSTACK_PREFIX, RudderStackDashboardField, rudderStackFieldDescription } from '../../../policies/rudderstack';
import { problemsAt, warningWithId } from '../../../policies/validation';
import { warnIfInThePast } from '../private/end-time';
import {
  checkSharedKeyChoice,
  checkStorageAccountChoice,
  checkStorageAccountShapes,
  SharedKeyNeed,
  useOrCreateStorageAccount,
} from '../private/storage-account-choice';
import { IStorageAccount, StorageAccount, StorageAccountProps, StorageContainer } from '../storage-account';

/** RudderStack's credentials are signed with the account key: the account needs Shared Key on. */
const RUDDERSTACK_SHARED_KEY: SharedKeyNeed = {
  on: true,
  because: 'RudderStack\'s SAS token and account key are both signed with the account key, which needs Shared Key authorization',
  otherwise: '',
};

/**
 * What RudderStack may do in the container. Neither choice can delete blobs or change the
 * container; both can write (RudderStack's page asks for Write), which also overwrites a blob of a
 * known name.
 */
export class RudderStackPermissions {
  /** Back up only: the SAS has exactly Write (`sp=w`). RudderStack cannot list or read the backups, so Event Replay does not work. */
  public static writeOnly(): RudderStackPermissions {
    return new RudderStackPermissions('write-only');
  }

  /**
   * Back up and replay: the SAS has Read, Write and List (`sp=rwl`), so RudderStack can find and
   * read every backed-up event in the container. No Delete.
   */
  public static backupAndReplay(): RudderStackPermissions {
    return new RudderStackPermissions('backup-and-replay');
  }

  /** @internal */
  public readonly _access: RudderStackBlobAccess;

  private constructor(access: RudderStackBlobAccess) {
    this._access = access;
  }
}

/** The window of a SAS token: when it starts and when it expires. */
export interface RudderStackSasTokenOptions {
  /** When the token starts to work, UTC, e.g. `2026-12-01T00:00:00Z`. A literal: a computed time would change the token on every plan. */
  readonly start: string;
  /**
   * When the token stops working, UTC, e.g. `2027-06-01T00:00:00Z`. RudderStack's backups fail from
   * then: move it forward before, apply, and paste the new token into RudderStack. A SAS signed with
   * the account key cannot be revoked before it expires, short of rotating that key; a lifetime over
   * a year warns (`saas-backup-constructs:RudderStackSasLongLived`); an expiry already past at synth
   * warns (`saas-backup-constructs:RudderStackSasExpired`).
   */
  readonly expiry: string;
}

/** How RudderStack authenticates: the two forms its dashboard takes. */
export class RudderStackCredentials {
  /**
   * A SAS token scoped to the container (a service SAS, `sr=c`), HTTPS only, with only the
   * permissions of `permissions`, valid from `start` to `expiry` ("Use shared access signature (SAS)
   * Tokens" on, "Azure Blob Storage SAS Token"). The token is computed by Terraform from the
   * account key (the `azurerm_storage_account_blob_container_sas` data source): it is in the state,
   * never in cdk.tf.json.
   */
  public static sasToken(options: RudderStackSasTokenOptions): RudderStackCredentials {
    return new RudderStackCredentials(options);
  }

  /**
   * The storage account's primary access key ("Azure Blob Storage Account Key"). It is full control
   * of the whole account (every container, deletes included) whatever `permissions` says, and lasts
   * until rotated: synth warns (`saas-backup-constructs:RudderStackAccountKey`). Prefer `sasToken`.
   */
  public static accountKey(): RudderStackCredentials {
    return new RudderStackCredentials(undefined);
  }

  /** @internal */
  public readonly _sas?: RudderStackSasTokenOptions;

  private constructor(sas: RudderStackSasTokenOptions | undefined) {
    this._sas = sas;
  }
}

/** Properties of a `RudderStackEventBackup` on Azure Blob Storage. */
export interface RudderStackEventBackupProps {
  /**
   * An existing storage account (`StorageAccount.fromStorageAccountAttributes`) or one created
   * separately (a `StorageAccount` with `allowSharedKeyAccess: true`); its name is "Azure Blob
   * Storage Account Name". Its settings are not checked: synth warns
   * (`saas-backup-constructs:ImportedStorageAccount`) with what to ensure (Shared Key on, ...). Its
   * keys are read with the `azurerm_storage_account` data source. Keep the account for RudderStack
   * alone. Give this or `storageAccountProps`.
   * @default - a new `StorageAccount` made from `storageAccountProps`
   */
  readonly storageAccount?: IStorageAccount;

  /**
   * The storage account to create (its `storageAccountName` is "Azure Blob Storage Account Name").
   * Shared Key is turned on for it (RudderStack's credentials are signed with the account key):
   * leave `allowSharedKeyAccess` out; `false` is an error. Its `allowedIpRanges` can hold
   * RudderStack's published outbound IPs for your region and plan. Give this or `storageAccount`.
   * @default - none: `storageAccount` is used
   */
  readonly storageAccountProps?: StorageAccountProps;

  /** The credential RudderStack gets: `RudderStackCredentials.sasToken({ start, expiry })` (recommended) or `.accountKey()`. */
  readonly credentials: RudderStackCredentials;

  /**
   * What RudderStack may do in the container (with `sasToken`).
   * @default RudderStackPermissions.writeOnly()
   */
  readonly permissions?: RudderStackPermissions;

  /**
   * The container's name ("Azure Blob Storage Container Name").
   * @default 'rudderstack-event-backups'
   */
  readonly containerName?: string;

  /**
   * RudderStack's "Prefix": the folder under the container it writes to. Only shown as an output:
   * a container SAS cannot be limited to a folder.
   * @default - none: RudderStack writes at the container's root
   */
  readonly prefix?: string;

  /**
   * Create Terraform outputs named after RudderStack's dashboard fields (the SAS token or the key
   * as a sensitive output).
   * @default false
   */
  readonly createOutputs?: boolean;

  /**
   * The azurerm provider to create every resource with (the new storage account too, unless
   * `storageAccountProps.provider` names another).
   * @default - the stack's azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * RudderStack's event backups (and, as a choice, Event Replay) on Azure Blob Storage: a storage
 * account of its own made from `storageAccountProps` with `StorageAccount`'s secure defaults (HTTPS
 * only, TLS 1.2, no public blobs, soft delete, `prevent_destroy`), or the one you give
 * (`storageAccount`, warned about: its settings are yours); a private container; and the credential RudderStack's
 * dashboard takes: a SAS token scoped to that container with only Write (or Read, Write and List
 * for replay), HTTPS only, with an expiry; or, as an explicit and warned choice, the account key.
 *
 * RudderStack accepts only those two forms (no service principal), and both are signed with the
 * account key, so this account allows Shared Key authorization: keep it for RudderStack alone
 * (never put Palette's Velero backups in it).
 */
export class RudderStackEventBackup extends Construct {
  /** The storage account: the one given (`storageAccount`), or the new `StorageAccount`. */
  public readonly storageAccount: IStorageAccount;
  /** The container. */
  public readonly container: StorageContainer;
  /** "Azure Blob Storage Account Name". @attribute */
  public readonly storageAccountName: string;
  /** "Azure Blob Storage Container Name". @attribute */
  public readonly containerName: string;
  /** "Prefix", if any. */
  public readonly prefix?: string;
  /** "Use shared access signature (SAS) Tokens". */
  public readonly useSasTokens: boolean;
  /**
   * "Azure Blob Storage SAS Token" (without the leading "?"), with `sasToken`. Sensitive.
   * @attribute
   */
  public readonly sasToken?: string;
  /**
   * "Azure Blob Storage Account Key", with `accountKey()`. Sensitive.
   * @attribute
   */
  public readonly accountKey?: string;
  /** The SAS permissions, as Azure writes them (`w`, `rwl`), with `sasToken`. */
  public readonly sasPermissions?: string;

  constructor(scope: Construct, id: string, props: RudderStackEventBackupProps) {
    super(scope, id);
    // JavaScript callers can omit the props or a required one: name it, never a TypeError from inside.
    const given = problemsAt(this, Token.isUnresolved);
    given.addIf(props === undefined || props === null, 'props are required: storageAccount or storageAccountProps, and credentials').throwIfAny();
    checkStorageAccountShapes(given, props).throwIfAny();
    const sas = props.credentials?._sas;
    const access = (props.permissions ?? RudderStackPermissions.writeOnly())._access;
    const containerName = props.containerName ?? 'rudderstack-event-backups';

    // The account you bring, or the props of the one made here (their problems named storageAccountProps.*).
    const problems = checkStorageAccountChoice(problemsAt(this, Token.isUnresolved), props);
    checkSharedKeyChoice(problems, props, RUDDERSTACK_SHARED_KEY)
      .addIf(!(props.credentials instanceof RudderStackCredentials),
        'credentials is required: RudderStackCredentials.sasToken({ start, expiry }) (recommended) or RudderStackCredentials.accountKey()')
      .addIf(props.permissions !== undefined && !(props.permissions instanceof RudderStackPermissions),
        'permissions must be RudderStackPermissions.writeOnly() or RudderStackPermissions.backupAndReplay()')
      .check(AZURE_STORAGE_CONTAINER_NAME, props.containerName, 'containerName')
      .check(RUDDERSTACK_PREFIX, props.prefix, 'prefix');
    if (sas !== undefined) {
      for (const [prop, value] of [['credentials.start', sas.start], ['credentials.expiry', sas.expiry]] as const) {
        problems.addIf(typeof value !== 'string', `${prop} is required: a UTC time such as 2027-06-01T00:00:00Z, as a string`);
        problems.addIf(typeof value === 'string' && Token.isUnresolved(value),
          `${prop} is a token: give a literal UTC time (a computed time such as timestamp() changes the SAS token on every plan)`);
        if (typeof value === 'string') problems.check(SAS_TIME, value, prop);
      }
      if (typeof sas.start === 'string' && typeof sas.expiry === 'string') {
        for (const p of sasWindowProblems(sas.start, sas.expiry)) problems.add(`credentials: ${p}; move the expiry after the start`);
      }
    }
    problems.addIf(sas === undefined && props.permissions !== undefined && props.credentials instanceof RudderStackCredentials,
      'permissions limits a SAS token; the account key ignores it (full control of the account): remove permissions, or use RudderStackCredentials.sasToken');
    problems.throwIfAny();

    // RudderStack takes only the account key or a SAS signed with it: both need Shared Key.
    this.storageAccount = useOrCreateStorageAccount(this, props, RUDDERSTACK_SHARED_KEY, props.provider,
      sas !== undefined ? 'the container and the SAS token signed with its key' : 'the container and the key RudderStack gets');
    this.container = new StorageContainer(this, 'Container', {
      storageAccount: this.storageAccount,
      containerName,
      provider: props.provider,
    });
    this.storageAccountName = this.storageAccount.storageAccountName;
    this.containerName = this.container.containerName;
    this.prefix = props.prefix;
    this.useSasTokens = sas !== undefined;
    const account = accountKeysOf(this, this.storageAccount, props.provider);

    if (sas !== undefined) {
      const permissions = rudderStackSasPermissions(access);
      const token = new DataAzurermStorageAccountBlobContainerSas(this, 'SasToken', {
        connectionString: account.primaryConnectionString,
        containerName: this.containerName,
        httpsOnly: true,
        start: sas.start,
        expiry: sas.expiry,
        permissions: { ...permissions },
        provider: props.provider,
      });
      // azurerm returns the token with a leading "?"; the portal's "SAS token" has none (RudderStack trims it either way).
      this.sasToken = Fn.trimprefix(token.sas, '?');
      this.sasPermissions = sasPermissionLetters(permissions);
      const days = sasLifetimeDays(sas.start, sas.expiry);
      if (days > RUDDERSTACK_SAS_MAX_DAYS_WITHOUT_WARNING) {
        Annotations.of(this).addWarning(warningWithId('RudderStackSasLongLived', `the SAS token lives ${days} days (${sas.start} to `
          + `${sas.expiry}): a SAS signed with the account key cannot be revoked before it expires short of rotating the key, `
          + 'which also breaks every other user of the key. Keep it under a year and move the expiry forward on a schedule.'));
      }
      warnIfInThePast(this, 'RudderStackSasExpired', 'credentials.expiry', sas.expiry, 'the SAS token would be signed already expired: Azure '
        + 'Storage refuses every request made with it, so RudderStack\'s event backups fail. Move the window forward, apply, and paste the new '
        + 'token into RudderStack.');
    } else {
      this.accountKey = account.primaryAccessKey;
      Annotations.of(this).addWarning(warningWithId('RudderStackAccountKey', 'RudderStack gets the storage account key: full control '
        + 'of the whole account (read, overwrite and delete every blob, in every container) until the key is rotated, whatever '
        + 'RudderStack needs. Use RudderStackCredentials.sasToken({ start, expiry }): a token for this container only, with Write '
        + '(and Read and List for replay), that expires.'));
    }

    if (props.createOutputs) {
      const f = RUDDERSTACK_AZURE_FIELDS;
      this.output(f.accountName, this.storageAccountName);
      this.output(f.containerName, this.containerName);
      if (this.prefix !== undefined) this.output(f.prefix, this.prefix);
      this.output(f.useSasTokens, this.useSasTokens ? 'true' : 'false', this.useSasTokens ? 'turn it on' : 'leave it off');
      if (this.sasToken !== undefined) {
        this.output(f.sasToken, this.sasToken, `expires ${sas?.expiry}; read it with terraform output -raw`);
      }
      if (this.accountKey !== undefined) this.output(f.accountKey, this.accountKey, 'read it with terraform output -raw');
    }
  }

  private output(field: RudderStackDashboardField, value: string, note?: string): void {
    new TerraformOutput(this, field.output, {
      value,
      sensitive: field.secret ? true : undefined,
      description: rudderStackFieldDescription(field, note),
    });
  }
}

/**
 * Where the account's connection string and key are read: the resource of an account made by this
 * library, or (for an account of any other kind) the `azurerm_storage_account` data source
 * (construct id `StorageAccountKeys`), which reads them with the deployer's `listKeys` permission.
 */
function accountKeysOf(scope: Construct, account: IStorageAccount, provider: TerraformProvider | undefined):
{ readonly primaryConnectionString: string; readonly primaryAccessKey: string } {
  if (account instanceof StorageAccount) return account.node.findChild('Resource') as AzurermStorageAccount;
  // Loaded on first use: only RudderStack backups to an account made elsewhere read the data source.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DataAzurermStorageAccount } = require('@cdktf/provider-azurerm/lib/data-azurerm-storage-account') as typeof dataStorageAccountModule;
  return new DataAzurermStorageAccount(scope, 'StorageAccountKeys', {
    name: account.storageAccountName,
    resourceGroupName: account.resourceGroup.resourceGroupName,
    provider,
  });
}
