import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Testing, TerraformStack, Token } from 'cdktf';
import { IResourceGroup, ResourceGroup, StockKeepingUnit, StorageAccount, StorageAccountProps } from '../../../../src/constructs/azure';
import {
  checkSharedKeyChoice,
  checkStorageAccountChoice,
  checkStorageAccountShapes,
  chosenResourceGroup,
  importedStorageAccountWarning,
  SharedKeyNeed,
  useOrCreateStorageAccount,
} from '../../../../src/constructs/azure/private/storage-account-choice';
import { namesCheckedByParent } from '../../../../src/constructs/private/checked-by-parent';
import { ValidationProblems } from '../../../../src/policies/validation';

const problems = () => new ValidationProblems('stack/Location', Token.isUnresolved);
const group = { resourceGroupName: 'rg', resourceGroupId: '/subscriptions/x/resourceGroups/rg' } as IResourceGroup;
const ON: SharedKeyNeed = { on: true, because: 'the keys are needed', otherwise: ', or change access' };

describe('checkStorageAccountShapes and checkStorageAccountChoice', () => {
  test.each<[string, object, string[]]>([
    ['props of a new account', { storageAccountProps: { resourceGroup: group, storageAccountName: 'acmebackups' } }, []],
    ['null for props (JavaScript)', { storageAccountProps: null }, []],
    ['a list for props', { storageAccountProps: [] },
      ['storageAccountProps must be StorageAccountProps (an object with storageAccountName and resourceGroup), not a list (at stack/Location)']],
    ['a string for the account', { storageAccount: 'acme' },
      ['storageAccount must be an IStorageAccount (StorageAccount.fromStorageAccountAttributes(...) or a StorageAccount), not a string (at stack/Location)']],
  ])('shapes: %s', (_name, choice, expected) => {
    expect(checkStorageAccountShapes(problems(), choice).problems).toEqual(expected);
  });

  test('the props of a new account are checked under storageAccountProps.*, and not when an account is given too', () => {
    const bad = { resourceGroup: group, storageAccountName: 'A' } as StorageAccountProps;
    expect(checkStorageAccountChoice(problems(), { storageAccountProps: bad }).problems)
      .toEqual([expect.stringMatching(/^Invalid Azure storage account name "A" at stack\/Location \(storageAccountProps\.storageAccountName\)/)]);
    const stack = new TerraformStack(Testing.app(), 'stack');
    const storageAccount = StorageAccount.fromStorageAccountAttributes(stack, 'A', {
      storageAccountName: 'acmebackups', resourceGroup: group, stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
    });
    expect(checkStorageAccountChoice(problems(), { storageAccount, storageAccountProps: bad }).problems).toEqual([
      'Give either storageAccount (an existing or separately created storage account) or storageAccountProps (to create one), not both (at stack/Location)',
    ]);
  });

  test('chosenResourceGroup: the group of either, only when it is an object', () => {
    expect(chosenResourceGroup({ storageAccountProps: { resourceGroup: group, storageAccountName: 'a' } })).toBe(group);
    expect(chosenResourceGroup({ storageAccountProps: { resourceGroup: 'rg', storageAccountName: 'a' } as never })).toBeUndefined();
    expect(chosenResourceGroup({})).toBeUndefined();
  });
});

describe('checkSharedKeyChoice', () => {
  test.each<[string, boolean | undefined, string[]]>([
    ['not given', undefined, []],
    ['agreeing', true, []],
    ['contradicting', false, ['storageAccountProps.allowSharedKeyAccess is false, but the keys are needed: remove '
      + 'storageAccountProps.allowSharedKeyAccess (it is set to true for you), or change access (at stack/Location)']],
  ])('allowSharedKeyAccess %s', (_name, allowSharedKeyAccess, expected) => {
    const choice = { storageAccountProps: { resourceGroup: group, storageAccountName: 'acmebackups', allowSharedKeyAccess } };
    expect(checkSharedKeyChoice(problems(), choice, ON).problems).toEqual(expected);
  });
});

describe('useOrCreateStorageAccount', () => {
  test('a new account: a copy of the props, Shared Key as needed, the construct\'s provider by default, marked as checked', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const provider = new AzurermProvider(stack, 'P', { features: [{}], alias: 'p' });
    const resourceGroup = new ResourceGroup(stack, 'Group', { resourceGroupName: 'rg', location: 'westeurope' });
    const props: StorageAccountProps = Object.freeze({ resourceGroup, storageAccountName: 'acmebackups' });
    const made = useOrCreateStorageAccount(stack, { storageAccountProps: props }, ON, provider, 'the container and the role assignments');
    expect(made).toBeInstanceOf(StorageAccount);
    expect(made.node.id).toBe('StorageAccount');
    expect((made as StorageAccount)._sharedKeyAccess).toBe(true);
    expect(props).toEqual({ resourceGroup, storageAccountName: 'acmebackups' });
    expect(namesCheckedByParent(props)).toBeUndefined();
  });

  test('a given account is returned as is; one that is not a StorageAccount is warned about', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const storageAccount = StorageAccount.fromStorageAccountAttributes(stack, 'A', {
      storageAccountName: 'acmebackups', resourceGroup: group, stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
    });
    expect(useOrCreateStorageAccount(stack, { storageAccount }, ON, undefined, 'the container and the role assignments')).toBe(storageAccount);
    expect(stack.node.metadata.map((m) => m.data)).toEqual([
      `[saas-backup-constructs:ImportedStorageAccount] ${importedStorageAccountWarning('stack/A', ON, 'the container and the role assignments')}`,
    ]);
    expect(importedStorageAccountWarning('stack/A', ON, 'the container and the role assignments')).toMatch(
      /^the storage account stack\/A is not created here, so its settings cannot be read or set; the container and the role assignments still go on it\. .*Shared Key authorization on \(the keys are needed\);/);
  });
});
