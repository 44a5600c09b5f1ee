/**
 * Azure value rules: names, GUIDs, regions, network rules, dates.
 *
 * Sources (see notes/vendor-facts.md §6): "Naming rules and restrictions for Azure resources"
 * (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules) for storage
 * accounts, blob containers and resource groups; the blob REST wording for containers ("Every
 * dash (-) character must be immediately preceded and followed by a letter or number").
 */
import { ruleOf, ValueRule } from '../validation';

/** Storage account name: `^[a-z0-9]{3,24}$`, globally unique (it is the blob endpoint's host name). */
export const AZURE_STORAGE_ACCOUNT_NAME: ValueRule = ruleOf(
  'Azure storage account name',
  'Use 3-24 lowercase letters and digits; the name is global (it becomes <name>.blob.core.windows.net), so it must be unique across Azure.',
  [
    [(v) => v.length < 3, 'it is shorter than 3 characters'],
    [(v) => v.length > 24, 'it is longer than 24 characters'],
    [(v) => /[A-Z]/.test(v), 'uppercase letters are not allowed'],
    [(v) => /[^A-Za-z0-9]/.test(v), 'only letters and digits are allowed (no hyphens, underscores, periods or spaces)'],
  ],
);

/** Blob container name: 3-63 lowercase letters, digits and single hyphens, alphanumeric at both ends. */
export const AZURE_STORAGE_CONTAINER_NAME: ValueRule = ruleOf(
  'Azure blob container name',
  'Use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.',
  [
    [(v) => v.length < 3, 'it is shorter than 3 characters'],
    [(v) => v.length > 63, 'it is longer than 63 characters'],
    [(v) => /[A-Z]/.test(v), 'uppercase letters are not allowed'],
    [(v) => /[^A-Za-z0-9-]/.test(v), 'only letters, digits and hyphens are allowed'],
    [(v) => v.startsWith('-'), 'it must start with a letter or digit'],
    [(v) => v.endsWith('-'), 'it must end with a letter or digit'],
    [(v) => v.includes('--'), 'consecutive hyphens are not allowed'],
  ],
);

/**
 * Resource group name: 1-90 characters; Unicode letters and decimal digits (the categories the
 * naming page lists: Lu, Ll, Lt, Lm, Lo, Nd), underscores, hyphens, periods and parentheses;
 * not ending with a period. Length counts characters (code points), not UTF-16 units.
 */
export const AZURE_RESOURCE_GROUP_NAME: ValueRule = ruleOf(
  'Azure resource group name',
  'Use 1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period.',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => [...v].length > 90, 'it is longer than 90 characters'],
    [(v) => /[^\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}_\-.()]/u.test(v), 'only letters, digits, underscores, hyphens, periods and parentheses are allowed'],
    [(v) => v.endsWith('.'), 'it must not end with a period'],
  ],
);

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A GUID rule for one kind of Azure identifier; `fix` says where to read the real value. */
function guidRule(subject: string, fix: string): ValueRule {
  return ruleOf(subject, fix, [
    [(v) => v.length !== 36, 'it is not 36 characters long'],
    [(v) => /[^0-9a-fA-F-]/.test(v), 'only hexadecimal digits and hyphens are allowed'],
    [(v) => v.length === 36 && /^[0-9a-fA-F-]*$/.test(v) && !GUID.test(v), 'it is not grouped 8-4-4-4-12 with hyphens'],
    [(v) => /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(v), 'it is the all-zero placeholder GUID'],
  ]);
}

/** Microsoft Entra tenant ID (Palette's "Tenant ID"). */
export const AZURE_TENANT_ID = guidRule(
  'Azure tenant ID',
  'Use the directory (tenant) GUID: az account show --query tenantId -o tsv.',
);
/** Azure subscription ID (Palette's "Subscription ID"). */
export const AZURE_SUBSCRIPTION_ID = guidRule(
  'Azure subscription ID',
  'Use the subscription GUID that holds the storage account: az account show --query id -o tsv.',
);
/** Application (client) ID of a service principal (Palette's "Client ID"). */
export const AZURE_CLIENT_ID = guidRule(
  'Azure client ID',
  'Use the application (client) ID GUID: az ad sp show --id <app> --query appId -o tsv.',
);
/** Object ID of a service principal (what role assignments name). */
export const AZURE_OBJECT_ID = guidRule(
  'Azure service principal object ID',
  'Use the service principal\'s object ID GUID (not the application\'s): az ad sp show --id <client ID> --query id -o tsv.',
);

/**
 * Azure region, form check only: a programmatic name (`westeurope`) or a display name
 * (`West Europe`); azurerm normalizes both. Whether the region exists is left to Azure.
 */
export const AZURE_LOCATION: ValueRule = ruleOf(
  'Azure location',
  'Use an Azure region name such as westeurope or "West Europe" (az account list-locations --query "[].name" -o tsv).',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => /[^A-Za-z0-9 ]/.test(v), 'only letters, digits and spaces are allowed'],
    [(v) => /^[^A-Za-z]/.test(v), 'it must start with a letter'],
    [(v) => /^ | $| {2}/.test(v), 'it has leading, trailing or repeated spaces'],
  ],
);

function ipv4Octets(v: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(v);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

function isPrivateIpv4([a, b]: number[]): boolean {
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * Storage firewall IP rule: a public IPv4 address or CIDR range. The storage firewall takes
 * public addresses only (RFC 1918 ranges are refused; VNet traffic goes through subnet rules)
 * and refuses /31 and /32 prefixes (write the single address instead).
 */
export const AZURE_STORAGE_IP_RULE: ValueRule = ruleOf(
  'Azure storage firewall IP rule',
  'Use a public IPv4 address (203.0.113.7) or a CIDR range of prefix /0-/30 (203.0.113.0/24); reach private networks with allowedSubnetIds.',
  [
    [(v) => ipv4Octets(v) === undefined, 'it is not an IPv4 address or CIDR range'],
    [(v) => Number(/\/(\d+)$/.exec(v)?.[1] ?? 0) > 30, 'prefixes /31 and /32 are not allowed (write the single address)'],
    [(v) => { const o = ipv4Octets(v); return o !== undefined && isPrivateIpv4(o); }, 'private (RFC 1918) ranges are not allowed'],
  ],
);

/** Subnet resource ID, for storage firewall virtual network rules. */
export const AZURE_SUBNET_ID: ValueRule = ruleOf(
  'Azure subnet ID',
  'Use the subnet\'s resource ID: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>.',
  [
    [
      (v) => !/^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i.test(v),
      'it is not a subnet resource ID',
    ],
  ],
);

/** RFC 3339 timestamp, as azuread's `end_date` takes it (e.g. `2027-01-31T00:00:00Z`). */
export const RFC3339_TIMESTAMP: ValueRule = ruleOf(
  'RFC 3339 timestamp',
  'Write a UTC time such as 2027-01-31T00:00:00Z.',
  [
    [(v) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(v), 'it is not written YYYY-MM-DDThh:mm:ssZ'],
    [(v) => Number.isNaN(Date.parse(v)) || !sameCalendarDate(v), 'it is not a real date and time'],
  ],
);

/** Date.parse accepts 2027-02-30 and rolls it over; this catches that. */
function sameCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    && d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
}
