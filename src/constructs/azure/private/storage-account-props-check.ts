// Internal (not exported from the submodule): the checks of StorageAccountProps and
// StorageAccountAttributes, shared with the constructs that create a storage account so that all
// their problems land in one message.
import { Token } from 'cdktf';
import { AZURE_LOCATION, AZURE_STORAGE_ACCOUNT_ID, AZURE_STORAGE_ACCOUNT_NAME, AZURE_STORAGE_IP_RULE, AZURE_SUBNET_ID } from '../../../policies/azure/names';
import { AZURE_STORAGE_SKU, SOFT_DELETE_DAYS } from '../../../policies/azure/storage';
import { ValidationProblems } from '../../../policies/validation';
import type { StorageAccountAttributes, StorageAccountProps } from '../storage-account';

/** The members a JavaScript caller's resource group must have (an `IResourceGroup`). */
const RESOURCE_GROUP_MEMBERS = ['resourceGroupId', 'resourceGroupName'];

/** The SKU's checks: a StockKeepingUnit (JavaScript callers), a known name and, where tier and replication are derived from it, a literal. */
function checkSku(problems: ValidationProblems, sku: unknown, prop: string, mustBeLiteral: boolean): ValidationProblems {
  const skuName = typeof sku === 'object' && sku !== null ? (sku as { name?: unknown }).name : undefined;
  return problems
    .checkObject(sku, prop, 'a StockKeepingUnit (e.g. StockKeepingUnit.STANDARD_GRS or StockKeepingUnit.of(name))', ['name'])
    .check(AZURE_STORAGE_SKU, skuName, prop)
    .addIf(mustBeLiteral && skuName !== undefined && Token.isUnresolved(skuName),
      `${prop} must be a literal SKU name: its tier, replication and account kind are derived from it at synth time`);
}

/**
 * Checks every value of `StorageAccountProps` that has a rule into `problems`; `prefix` names them
 * inside a parent's props (`storageAccountProps.`).
 */
export function checkStorageAccountProps(problems: ValidationProblems, props: StorageAccountProps, prefix: string = ''): ValidationProblems {
  const days = props.softDeleteRetentionDays;
  const badDays = days !== undefined && !Token.isUnresolved(days)
    && !(Number.isInteger(days) && days >= SOFT_DELETE_DAYS.min && days <= SOFT_DELETE_DAYS.max);
  problems
    .required(props.storageAccountName, `${prefix}storageAccountName`, 'give the storage account\'s name (3-24 lowercase letters and digits, unique in Azure)')
    .required(props.resourceGroup, `${prefix}resourceGroup`, 'give a ResourceGroup, or ResourceGroup.fromResourceGroupName(...) for an existing one')
    .checkObject(props.resourceGroup, `${prefix}resourceGroup`, 'an IResourceGroup (a ResourceGroup or ResourceGroup.fromResourceGroupName(...))',
      RESOURCE_GROUP_MEMBERS)
    .check(AZURE_STORAGE_ACCOUNT_NAME, props.storageAccountName ?? undefined, `${prefix}storageAccountName`)
    .check(AZURE_LOCATION, props.location, `${prefix}location`);
  return checkSku(problems, props.stockKeepingUnit, `${prefix}stockKeepingUnit`, true)
    .checkEach(AZURE_STORAGE_IP_RULE, props.allowedIpRanges, `${prefix}allowedIpRanges`)
    .checkEach(AZURE_SUBNET_ID, props.allowedSubnetIds, `${prefix}allowedSubnetIds`)
    .addIf(badDays, `${prefix}softDeleteRetentionDays must be a whole number of days from ${SOFT_DELETE_DAYS.min} to ${SOFT_DELETE_DAYS.max}, not ${days}`)
    .checkBoolean(props.allowSharedKeyAccess, `${prefix}allowSharedKeyAccess`)
    .checkBoolean(props.preventDestroy, `${prefix}preventDestroy`)
    .checkBoolean(props.deletionLock, `${prefix}deletionLock`)
    .checkObject(props.provider, `${prefix}provider`, 'an AzurermProvider');
}

/** Checks `StorageAccountAttributes` (an existing account) into `problems`. */
export function checkStorageAccountAttributes(problems: ValidationProblems, attrs: StorageAccountAttributes): ValidationProblems {
  if (typeof attrs !== 'object' || attrs === null) {
    return problems.add('attributes are required: an object with storageAccountName, resourceGroup and stockKeepingUnit');
  }
  problems
    .required(attrs.storageAccountName, 'storageAccountName', 'give the existing storage account\'s name')
    .required(attrs.resourceGroup, 'resourceGroup', 'give the account\'s resource group, e.g. ResourceGroup.fromResourceGroupName(...)')
    .checkObject(attrs.resourceGroup, 'resourceGroup', 'an IResourceGroup (a ResourceGroup or ResourceGroup.fromResourceGroupName(...))',
      RESOURCE_GROUP_MEMBERS)
    .required(attrs.stockKeepingUnit, 'stockKeepingUnit', 'give the account\'s SKU, e.g. StockKeepingUnit.STANDARD_GRS (Palette\'s wizard asks for it)')
    .check(AZURE_STORAGE_ACCOUNT_NAME, attrs.storageAccountName ?? undefined, 'storageAccountName');
  // The SKU of an existing account is only reported (Palette's wizard), never turned into settings: a token may stand for it.
  checkSku(problems, attrs.stockKeepingUnit ?? undefined, 'stockKeepingUnit', false);
  return checkStorageAccountId(problems, attrs.storageAccountId, attrs.storageAccountName, '',
    ', or leave storageAccountId out to derive it from the resource group');
}

/**
 * A storage account's ID, where role assignments are scoped: a literal one must be a storage
 * account's resource ID (a subscription or a resource group would widen every assignment to all
 * its accounts), and name the account `name` says, when both are literal. `prefix` names them
 * inside a parent's props (`storageAccount.`); `fix` ends the name mismatch's message.
 */
export function checkStorageAccountId(problems: ValidationProblems, id: unknown, name: unknown, prefix: string, fix: string): ValidationProblems {
  problems.check(AZURE_STORAGE_ACCOUNT_ID, typeof id === 'string' ? id : undefined, `${prefix}storageAccountId`);
  if (typeof name === 'string' && typeof id === 'string' && !Token.isUnresolved(name) && !Token.isUnresolved(id)
    && AZURE_STORAGE_ACCOUNT_ID.check(id).length === 0) {
    const idName = id.slice(id.lastIndexOf('/') + 1);
    problems.addIf(idName !== name, `${prefix}storageAccountId names the account "${idName}", not ${prefix}storageAccountName "${name}": `
      + `give the ID of that account${fix}`);
  }
  return problems;
}
