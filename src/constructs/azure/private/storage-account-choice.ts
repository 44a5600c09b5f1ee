// Internal (not exported from the submodule): "the storage account you bring, or the props of the
// one we make", as the Palette location and RudderStack's event backup take it (as AWS and GCP take
// `bucket` or `bucketProps`): one check, under the names the user wrote, and one way to make the account.
import { Annotations, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { checkWhenResolvedToLiteral } from './secret-reference';
import { checkStorageAccountId, checkStorageAccountProps } from './storage-account-props-check';
import { AZURE_STORAGE_ACCOUNT_ID } from '../../../policies/azure/names';
import { ValidationProblems, warningWithId } from '../../../policies/validation';
import { checkedByParent } from '../../private/checked-by-parent';
import { IResourceGroup } from '../resource-group';
import { IStorageAccount, StorageAccount, StorageAccountProps } from '../storage-account';

/** The members a JavaScript caller's storage account must have (an `IStorageAccount`). */
const STORAGE_ACCOUNT_MEMBERS = ['node', 'storageAccountName', 'storageAccountId', 'resourceGroup', 'stockKeepingUnit'];

/** The storage account props of a construct that uses an account it is given or makes one. */
export interface StorageAccountChoice {
  readonly storageAccount?: IStorageAccount;
  readonly storageAccountProps?: StorageAccountProps;
}

/** Where the choice's props are named in messages. */
export const STORAGE_ACCOUNT_PROPS_PREFIX = 'storageAccountProps.';

/**
 * JavaScript callers: `storageAccount` and `storageAccountProps`, when given, are objects (an
 * `IStorageAccount`, and props), before anything reads them.
 */
export function checkStorageAccountShapes(problems: ValidationProblems, choice: StorageAccountChoice): ValidationProblems {
  const expected = 'StorageAccountProps (an object with storageAccountName and resourceGroup)';
  const props: unknown = choice.storageAccountProps;
  return problems
    .checkObject(choice.storageAccount ?? undefined, 'storageAccount',
      'an IStorageAccount (StorageAccount.fromStorageAccountAttributes(...) or a StorageAccount)', STORAGE_ACCOUNT_MEMBERS)
    .checkObject(props ?? undefined, 'storageAccountProps', expected)
    // checkObject takes a list for an object; props are never a list.
    .addIf(Array.isArray(props), `storageAccountProps must be ${expected}, not a list`);
}

/**
 * Exactly one of `storageAccount` and `storageAccountProps`, and the props of a new account under
 * their prefixed names (`storageAccountProps.storageAccountName`, ...). Call after `checkStorageAccountShapes`.
 */
export function checkStorageAccountChoice(problems: ValidationProblems, choice: StorageAccountChoice): ValidationProblems {
  const given = choice.storageAccount !== undefined && choice.storageAccount !== null;
  const props = choice.storageAccountProps;
  const propsGiven = props !== undefined && props !== null;
  problems
    .addIf(given && propsGiven,
      'Give either storageAccount (an existing or separately created storage account) or storageAccountProps (to create one), not both')
    .addIf(!given && !propsGiven,
      'Give storageAccount (an existing storage account: StorageAccount.fromStorageAccountAttributes, or a StorageAccount) '
      + 'or storageAccountProps (to create one)');
  if (!given && propsGiven) checkStorageAccountProps(problems, props, STORAGE_ACCOUNT_PROPS_PREFIX);
  // An account not made here: its ID scopes the role assignments (an importer checked its own; a custom IStorageAccount's is checked here).
  const account = choice.storageAccount;
  if (given && !propsGiven && !(account instanceof StorageAccount)) {
    checkStorageAccountId(problems, account?.storageAccountId, account?.storageAccountName, 'storageAccount.', '');
  }
  return problems;
}

/**
 * The resource group of the chosen account, when the choice is well formed enough to have one that
 * is an object (a value check may read its ID before the problems are thrown), else undefined.
 */
export function chosenResourceGroup(choice: StorageAccountChoice): IResourceGroup | undefined {
  const account = choice.storageAccount ?? choice.storageAccountProps ?? undefined;
  const group = account?.resourceGroup;
  return typeof group === 'object' && group !== null ? group : undefined;
}

/**
 * The name and resource group of the chosen account: the one given, or the props of the one to make
 * (as the user wrote them: a literal name stays a literal). Call after the problems are thrown.
 */
export function chosenAccount(scope: Construct, choice: StorageAccountChoice):
{ readonly storageAccountName: string; readonly resourceGroup: IResourceGroup } {
  const account = choice.storageAccount ?? choice.storageAccountProps ?? undefined;
  if (account === undefined) throw new Error(`${scope.node.path}: give storageAccount or storageAccountProps`);
  return account;
}

/** Whether the construct needs Shared Key authorization on the account, why, and how else to resolve a contradiction. */
export interface SharedKeyNeed {
  /** Shared Key on (true) or off (false). */
  readonly on: boolean;
  /** Why, as a clause: "RudderStack's SAS token and account key are signed with the account key". */
  readonly because: string;
  /** Another way out, after the main fix (", or use ..."), or ''. */
  readonly otherwise: string;
}

/**
 * The problem of an account whose Shared Key setting contradicts what the construct needs: a
 * `storageAccountProps.allowSharedKeyAccess` given the other way (the construct sets it; it never
 * overrides the caller silently), or a `StorageAccount` of this app made the other way. An account
 * of any other kind cannot be inspected (see `importedStorageAccountWarning`).
 */
export function checkSharedKeyChoice(problems: ValidationProblems, choice: StorageAccountChoice, need: SharedKeyNeed): ValidationProblems {
  const props = choice.storageAccountProps;
  const given = typeof props === 'object' && props !== null ? props.allowSharedKeyAccess : undefined;
  if (typeof given === 'boolean' && given !== need.on) {
    problems.add(`${STORAGE_ACCOUNT_PROPS_PREFIX}allowSharedKeyAccess is ${given}, but ${need.because}: remove `
      + `${STORAGE_ACCOUNT_PROPS_PREFIX}allowSharedKeyAccess (it is set to ${need.on} for you)${need.otherwise}`);
  }
  const account = choice.storageAccount;
  if (account instanceof StorageAccount && account._sharedKeyAccess !== need.on) {
    problems.add(`storageAccount ${account.node.path} has allowSharedKeyAccess ${account._sharedKeyAccess}, but ${need.because}: `
      + `make it with allowSharedKeyAccess: ${need.on}${need.otherwise}`);
  }
  return problems;
}

/**
 * A new account's props, every prop named (adding one to `StorageAccountProps` fails to compile
 * here until it is passed on): the caller's values, Shared Key as the construct needs it, and the
 * construct's provider unless the props name their own. The caller's object is never changed.
 */
function propsOfNewStorageAccount(props: StorageAccountProps, allowSharedKeyAccess: boolean,
  provider: TerraformProvider | undefined): StorageAccountProps {
  const made: { readonly [K in keyof Required<StorageAccountProps>]: StorageAccountProps[K] } = {
    storageAccountName: props.storageAccountName,
    resourceGroup: props.resourceGroup,
    location: props.location,
    stockKeepingUnit: props.stockKeepingUnit,
    allowSharedKeyAccess,
    allowedIpRanges: props.allowedIpRanges,
    allowedSubnetIds: props.allowedSubnetIds,
    softDeleteRetentionDays: props.softDeleteRetentionDays,
    preventDestroy: props.preventDestroy,
    deletionLock: props.deletionLock,
    provider: props.provider ?? provider,
  };
  return made;
}

/**
 * The warning about an existing account (`StorageAccount.fromStorageAccountAttributes`, or an
 * `IStorageAccount` of your own): its settings cannot be read or set here, so the settings a new
 * account would have are listed for its owner to ensure. `sharedKey` is what the construct needs;
 * `placed` what it puts on the account ("the container and the role assignments").
 */
export function importedStorageAccountWarning(accountPath: string, sharedKey: SharedKeyNeed, placed: string): string {
  return `the storage account ${accountPath} is not created here, so its settings cannot be read or set; ${placed} still go on it. `
    + 'Make sure it has what this construct would have enforced on a new account: '
    + `Shared Key authorization ${sharedKey.on ? 'on' : 'off'} (${sharedKey.because}); HTTPS only with minimum TLS 1.2; no anonymous `
    + '(public) access to containers or blobs; no cross-tenant replication and no SFTP local users; blob and container soft delete; '
    + 'and protection against deletion (a CanNotDelete lock, or Terraform prevent_destroy where it is managed). Give storageAccountProps '
    + 'instead to have a new account made with these settings.';
}

/**
 * The account the construct uses: the one given, or a new `StorageAccount` (construct id
 * `StorageAccount`, so its Terraform address stays what it was) made from `storageAccountProps` with
 * Shared Key as `need` says and the construct's provider unless the props name their own. A given
 * account whose settings cannot be inspected (not a `StorageAccount` of this app) gets a warning on
 * `scope` (`saas-backup-constructs:ImportedStorageAccount`) naming what the construct puts on it
 * (`placed`). Call after `checkStorageAccountChoice`, `checkSharedKeyChoice` and `throwIfAny()`:
 * the new account does not check its props again.
 */
export function useOrCreateStorageAccount(scope: Construct, choice: StorageAccountChoice, need: SharedKeyNeed,
  provider: TerraformProvider | undefined, placed: string): IStorageAccount {
  const given = choice.storageAccount ?? undefined;
  if (given !== undefined) {
    if (!(given instanceof StorageAccount)) {
      Annotations.of(scope).addWarning(warningWithId('ImportedStorageAccount', importedStorageAccountWarning(given.node.path, need, placed)));
      // An ID given as a Lazy (or a function of literals) is judged by what it resolves to.
      checkWhenResolvedToLiteral(scope, given.storageAccountId, AZURE_STORAGE_ACCOUNT_ID, 'storageAccount.storageAccountId');
    }
    return given;
  }
  const props = choice.storageAccountProps;
  if (props === undefined || props === null) throw new Error(`${scope.node.path}: give storageAccount or storageAccountProps`);
  return new StorageAccount(scope, 'StorageAccount',
    checkedByParent(propsOfNewStorageAccount(props, need.on, provider), { prefix: STORAGE_ACCOUNT_PROPS_PREFIX }));
}
