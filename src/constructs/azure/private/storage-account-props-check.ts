// Internal (not exported from the submodule): the checks of StorageAccountProps, shared with the
// constructs that create a storage account so that all their problems land in one message.
import { Token } from 'cdktf';
import { AZURE_LOCATION, AZURE_STORAGE_ACCOUNT_NAME, AZURE_STORAGE_IP_RULE, AZURE_SUBNET_ID } from '../../../policies/azure/names';
import { AZURE_STORAGE_SKU, SOFT_DELETE_DAYS } from '../../../policies/azure/storage';
import { ValidationProblems } from '../../../policies/validation';
import { StockKeepingUnit } from '../stock-keeping-unit';

/** Checks every value of `StorageAccountProps` that has a rule into `problems`. */
export function checkStorageAccountProps(problems: ValidationProblems, props: {
  readonly storageAccountName: string;
  readonly location?: string;
  readonly stockKeepingUnit?: StockKeepingUnit;
  readonly allowedIpRanges?: string[];
  readonly allowedSubnetIds?: string[];
  readonly softDeleteRetentionDays?: number;
}): ValidationProblems {
  const days = props.softDeleteRetentionDays;
  const badDays = days !== undefined && !Token.isUnresolved(days)
    && !(Number.isInteger(days) && days >= SOFT_DELETE_DAYS.min && days <= SOFT_DELETE_DAYS.max);
  const skuName = typeof props.stockKeepingUnit === 'object' ? props.stockKeepingUnit?.name : undefined;
  return problems
    .checkObject(props.stockKeepingUnit, 'stockKeepingUnit', 'a StockKeepingUnit (e.g. StockKeepingUnit.STANDARD_GRS or StockKeepingUnit.of(name))', ['name'])
    .check(AZURE_STORAGE_ACCOUNT_NAME, props.storageAccountName, 'storageAccountName')
    .check(AZURE_LOCATION, props.location, 'location')
    .check(AZURE_STORAGE_SKU, skuName, 'stockKeepingUnit')
    .addIf(skuName !== undefined && Token.isUnresolved(skuName),
      'stockKeepingUnit must be a literal SKU name: its tier, replication and account kind are derived from it at synth time')
    .checkEach(AZURE_STORAGE_IP_RULE, props.allowedIpRanges, 'allowedIpRanges')
    .checkEach(AZURE_SUBNET_ID, props.allowedSubnetIds, 'allowedSubnetIds')
    .addIf(badDays, `softDeleteRetentionDays must be a whole number of days from ${SOFT_DELETE_DAYS.min} to ${SOFT_DELETE_DAYS.max}, not ${days}`);
}
