import {
  AZURE_CLIENT_ID,
  AZURE_LOCATION,
  AZURE_OBJECT_ID,
  AZURE_RESOURCE_GROUP_NAME,
  AZURE_STORAGE_ACCOUNT_NAME,
  AZURE_STORAGE_CONTAINER_NAME,
  AZURE_RESOURCE_GROUP_SCOPE,
  AZURE_STORAGE_IP_RULE,
  AZURE_STORAGE_ACCOUNT_ID,
  AZURE_SUBNET_ID,
  AZURE_SUBSCRIPTION_ID,
  AZURE_TENANT_ID,
  RFC3339_TIMESTAMP,
} from '../../../src/policies/azure/names';

describe('AZURE_STORAGE_ACCOUNT_NAME', () => {
  test.each(['abc', 'palettebackups', 'a1b2c3', 'x'.repeat(24), '123'])('accepts %j', (name) => {
    expect(AZURE_STORAGE_ACCOUNT_NAME.check(name)).toEqual([]);
  });

  test.each([
    ['ab', ['it is shorter than 3 characters']],
    ['', ['it is shorter than 3 characters']],
    ['x'.repeat(25), ['it is longer than 24 characters']],
    ['PaletteBackups', ['uppercase letters are not allowed']],
    ['palette-backups', ['only letters and digits are allowed (no hyphens, underscores, periods or spaces)']],
    ['palette_backups', ['only letters and digits are allowed (no hyphens, underscores, periods or spaces)']],
    ['Pb', ['it is shorter than 3 characters', 'uppercase letters are not allowed']],
  ])('rejects %j', (name, problems) => {
    expect(AZURE_STORAGE_ACCOUNT_NAME.check(name)).toEqual(problems);
  });
});

describe('AZURE_STORAGE_CONTAINER_NAME', () => {
  test.each(['velero', 'palette-backups', 'a1-b2-c3', 'abc', '3rd', 'x'.repeat(63)])('accepts %j', (name) => {
    expect(AZURE_STORAGE_CONTAINER_NAME.check(name)).toEqual([]);
  });

  test.each([
    ['ab', ['it is shorter than 3 characters']],
    ['x'.repeat(64), ['it is longer than 63 characters']],
    ['Velero', ['uppercase letters are not allowed']],
    ['palette_backups', ['only letters, digits and hyphens are allowed']],
    ['$logs', ['only letters, digits and hyphens are allowed']],
    ['-velero', ['it must start with a letter or digit']],
    ['velero-', ['it must end with a letter or digit']],
    ['palette--backups', ['consecutive hyphens are not allowed']],
    ['-a', ['it is shorter than 3 characters', 'it must start with a letter or digit']],
  ])('rejects %j', (name, problems) => {
    expect(AZURE_STORAGE_CONTAINER_NAME.check(name)).toEqual(problems);
  });
});

describe('AZURE_RESOURCE_GROUP_NAME', () => {
  test.each([
    'a',
    'palette-backups',
    'Velero_Backups',
    'rg.(prod)-1',
    'résumé-données',
    '日本語グループ',
    'x'.repeat(90),
    'é'.repeat(90),
  ])('accepts %j', (name) => {
    expect(AZURE_RESOURCE_GROUP_NAME.check(name)).toEqual([]);
  });

  test.each([
    ['', ['it is empty']],
    ['x'.repeat(91), ['it is longer than 90 characters']],
    ['palette backups', ['only letters, digits, underscores, hyphens, periods and parentheses are allowed']],
    ['rg/one', ['only letters, digits, underscores, hyphens, periods and parentheses are allowed']],
    ['rg#1', ['only letters, digits, underscores, hyphens, periods and parentheses are allowed']],
    ['backups.', ['it must not end with a period']],
    ['a b.', ['only letters, digits, underscores, hyphens, periods and parentheses are allowed', 'it must not end with a period']],
  ])('rejects %j', (name, problems) => {
    expect(AZURE_RESOURCE_GROUP_NAME.check(name)).toEqual(problems);
  });
});

describe.each([
  ['AZURE_TENANT_ID', AZURE_TENANT_ID, 'Azure tenant ID'],
  ['AZURE_SUBSCRIPTION_ID', AZURE_SUBSCRIPTION_ID, 'Azure subscription ID'],
  ['AZURE_CLIENT_ID', AZURE_CLIENT_ID, 'Azure client ID'],
  ['AZURE_OBJECT_ID', AZURE_OBJECT_ID, 'Azure service principal object ID'],
])('%s', (_name, rule, subject) => {
  test('names what it checks', () => {
    expect(rule.subject).toBe(subject);
  });

  test.each(['72f988bf-86f1-41af-91ab-2d7cd011db47', 'AABBCCDD-EEFF-0011-2233-445566778899'])('accepts %j', (guid) => {
    expect(rule.check(guid)).toEqual([]);
  });

  test.each([
    ['72f988bf-86f1-41af-91ab-2d7cd011db4', ['it is not 36 characters long']],
    ['{72f988bf-86f1-41af-91ab-2d7cd011db4}', ['it is not 36 characters long', 'only hexadecimal digits and hyphens are allowed']],
    ['72f988bg-86f1-41af-91ab-2d7cd011db47', ['only hexadecimal digits and hyphens are allowed']],
    ['72f988bf86f1-41af-91ab--2d7cd011db47', ['it is not grouped 8-4-4-4-12 with hyphens']],
    ['00000000-0000-0000-0000-000000000000', ['it is the all-zero placeholder GUID']],
  ])('rejects %j', (guid, problems) => {
    expect(rule.check(guid)).toEqual(problems);
  });
});

describe('AZURE_LOCATION', () => {
  test.each(['westeurope', 'eastus2', 'West Europe', 'Germany West Central'])('accepts %j', (location) => {
    expect(AZURE_LOCATION.check(location)).toEqual([]);
  });

  test.each([
    ['', ['it is empty']],
    ['west-europe', ['only letters, digits and spaces are allowed']],
    ['2westus', ['it must start with a letter']],
    ['West  Europe', ['it has leading, trailing or repeated spaces']],
    ['westeurope ', ['it has leading, trailing or repeated spaces']],
    [' westeurope', ['it must start with a letter', 'it has leading, trailing or repeated spaces']],
  ])('rejects %j', (location, problems) => {
    expect(AZURE_LOCATION.check(location)).toEqual(problems);
  });
});

describe('AZURE_STORAGE_IP_RULE', () => {
  test.each(['203.0.113.7', '203.0.113.0/24', '8.8.0.0/16', '172.32.0.0/30', '198.51.100.0/24', '11.0.0.0/8', '100.128.0.0/10'])('accepts %j', (rule) => {
    expect(AZURE_STORAGE_IP_RULE.check(rule)).toEqual([]);
  });

  const NOT_PUBLIC = (relation: string, what: string) => `it ${relation} the ${what}, which is not a public address`;
  test.each([
    ['203.0.113', ['it is not an IPv4 address or CIDR range (four decimal octets 0-255 without leading zeros, optionally /0-32)']],
    ['203.0.113.256', ['it is not an IPv4 address or CIDR range (four decimal octets 0-255 without leading zeros, optionally /0-32)']],
    ['203.0.113.0/33', ['it is not an IPv4 address or CIDR range (four decimal octets 0-255 without leading zeros, optionally /0-32)']],
    ['203.0.013.7', ['it is not an IPv4 address or CIDR range (four decimal octets 0-255 without leading zeros, optionally /0-32)']],
    ['2001:db8::/32', ['it is IPv6: Azure storage firewall IP rules are IPv4 only (reach IPv6 clients through a private endpoint or a subnet rule)']],
    ['2001:db8::1', ['it is IPv6: Azure storage firewall IP rules are IPv4 only (reach IPv6 clients through a private endpoint or a subnet rule)']],
    ['::ffff:203.0.113.7', ['it is IPv6: Azure storage firewall IP rules are IPv4 only (reach IPv6 clients through a private endpoint or a subnet rule)']],
    ['203.0.113.7/32', ['prefixes /31 and /32 are not allowed (write the single address)']],
    ['203.0.113.6/31', ['prefixes /31 and /32 are not allowed (write the single address)']],
    ['203.0.113.7/24', ['host bits are set: the range is 203.0.113.0/24; write that']],
    ['203.0.113.7/31', ['host bits are set: the range is 203.0.113.6/31; write that', 'prefixes /31 and /32 are not allowed (write the single address)']],
    ['0.0.0.0/0', ['it lets in every IPv4 address (0.0.0.0/0): that is no firewall at all; leave allowedIpRanges out instead, or list your egress ranges']],
    ['1.2.3.4/0', [
      'host bits are set: the range is 0.0.0.0/0; write that',
      'it lets in every IPv4 address (0.0.0.0/0): that is no firewall at all; leave allowedIpRanges out instead, or list your egress ranges',
    ]],
    ['128.0.0.0/1', ['it covers 2,147,483,648 addresses (a prefix shorter than /8): that lets in a large part of the internet; list your egress ranges']],
    ['8.0.0.0/7', ['it covers 33,554,432 addresses (a prefix shorter than /8): that lets in a large part of the internet; list your egress ranges']],
    ['10.1.2.3', [NOT_PUBLIC('is in', 'private (RFC 1918) range 10.0.0.0/8')]],
    ['10.0.0.0/8', [NOT_PUBLIC('is', 'private (RFC 1918) range 10.0.0.0/8')]],
    ['172.16.0.0/12', [NOT_PUBLIC('is', 'private (RFC 1918) range 172.16.0.0/12')]],
    ['172.31.255.0/24', [NOT_PUBLIC('is in', 'private (RFC 1918) range 172.16.0.0/12')]],
    ['172.0.0.0/8', [NOT_PUBLIC('includes', 'private (RFC 1918) range 172.16.0.0/12')]],
    ['192.168.1.0/24', [NOT_PUBLIC('is in', 'private (RFC 1918) range 192.168.0.0/16')]],
    ['127.0.0.1', [NOT_PUBLIC('is in', 'loopback range 127.0.0.0/8')]],
    ['169.254.169.254', [NOT_PUBLIC('is in', 'link-local range 169.254.0.0/16')]],
    ['100.64.0.0/10', [NOT_PUBLIC('is', 'shared address space (carrier-grade NAT, RFC 6598) 100.64.0.0/10')]],
    ['100.100.1.0/24', [NOT_PUBLIC('is in', 'shared address space (carrier-grade NAT, RFC 6598) 100.64.0.0/10')]],
    ['100.0.0.0/8', [NOT_PUBLIC('includes', 'shared address space (carrier-grade NAT, RFC 6598) 100.64.0.0/10')]],
    ['0.1.2.3', [NOT_PUBLIC('is in', '"this network" range 0.0.0.0/8')]],
    ['224.0.0.1', [NOT_PUBLIC('is in', 'multicast range 224.0.0.0/4')]],
    ['255.255.255.255', [NOT_PUBLIC('is in', 'reserved range 240.0.0.0/4 (with the broadcast address)')]],
    ['192.0.0.0/8', [NOT_PUBLIC('includes', 'private (RFC 1918) range 192.168.0.0/16')]],
    ['10.1.2.3/24', ['host bits are set: the range is 10.1.2.0/24; write that', NOT_PUBLIC('is in', 'private (RFC 1918) range 10.0.0.0/8')]],
  ])('rejects %j with the rule it breaks', (rule, problems) => {
    expect(AZURE_STORAGE_IP_RULE.check(rule)).toEqual(problems);
  });
});

describe('AZURE_RESOURCE_GROUP_SCOPE', () => {
  const SUB = '/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa';
  test.each([
    `${SUB}/resourceGroups/palette-backups`,
    `${SUB}/resourcegroups/MC_platform_aks_westeurope`,
    `${SUB}/resourceGroups/palette-backups/providers/Microsoft.Storage/storageAccounts/palettebackups`,
  ])('accepts %j', (scope) => {
    expect(AZURE_RESOURCE_GROUP_SCOPE.check(scope)).toEqual([]);
  });

  test.each([
    ['/', ['it is the root scope "/": every management group, subscription and resource of the tenant']],
    ['//', ['it is the root scope "/": every management group, subscription and resource of the tenant']],
    ['', ['it is empty']],
    [SUB, ['it is a whole subscription, not a resource group: every resource group in it']],
    [`${SUB}/`, ['it is a whole subscription, not a resource group: every resource group in it']],
    ['/providers/Microsoft.Management/managementGroups/platform', ['it is a management group: every subscription under it']],
    [`${SUB}/resourceGroups`, ['it is not a resource group ID or a resource in one']],
    ['palette-backups', ['it is not a resource group ID or a resource in one']],
    ['/subscriptions/acme/resourceGroups/palette-backups', ['the subscription part is not a GUID']],
  ])('refuses %j', (scope, problems) => {
    expect(AZURE_RESOURCE_GROUP_SCOPE.check(scope)).toEqual(problems);
  });
});

describe('AZURE_SUBNET_ID', () => {
  const good = '/subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks';
  test.each([good, good.toLowerCase()])('accepts %j', (id) => {
    expect(AZURE_SUBNET_ID.check(id)).toEqual([]);
  });

  test.each([
    'aks',
    '/subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet',
    `${good}/extra`,
  ])('rejects %j', (id) => {
    expect(AZURE_SUBNET_ID.check(id)).toEqual(['it is not a subnet resource ID']);
  });
});

describe('AZURE_STORAGE_ACCOUNT_ID', () => {
  const good = '/subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/resourceGroups/backups/providers/Microsoft.Storage/storageAccounts/palettebackups1';
  test.each([good, good.toLowerCase()])('accepts %j', (id) => {
    expect(AZURE_STORAGE_ACCOUNT_ID.check(id)).toEqual([]);
  });

  test.each([
    'palettebackups1',
    '/subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/resourceGroups/backups',
    '/subscriptions/my-subscription/resourceGroups/backups/providers/Microsoft.Storage/storageAccounts/palettebackups1',
    good.replace('Microsoft.Storage/storageAccounts', 'Microsoft.Network/virtualNetworks'),
    `${good}/blobServices/default`,
  ])('rejects %j', (id) => {
    expect(AZURE_STORAGE_ACCOUNT_ID.check(id)).toEqual(['it is not a storage account resource ID']);
  });
});

describe('RFC3339_TIMESTAMP', () => {
  test.each(['2027-01-31T00:00:00Z', '2027-01-31T12:30:00.5Z', '2027-01-31T12:30:00+02:00', '2028-02-29T00:00:00Z'])('accepts %j', (v) => {
    expect(RFC3339_TIMESTAMP.check(v)).toEqual([]);
  });

  test.each([
    ['2027-01-31', ['it is not written YYYY-MM-DDThh:mm:ssZ', 'it is not a real date and time']],
    ['2027-01-31 00:00:00Z', ['it is not written YYYY-MM-DDThh:mm:ssZ', 'it is not a real date and time']],
    ['2027-02-30T00:00:00Z', ['it is not a real date and time']],
    ['2027-01-31T24:61:00Z', ['it is not a real date and time']],
  ])('rejects %j', (v, problems) => {
    expect(RFC3339_TIMESTAMP.check(v)).toEqual(problems);
  });
});
