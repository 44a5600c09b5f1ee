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

/** An IPv4 address or CIDR range, parsed: its 32-bit address and prefix length (32 for an address). */
interface Ipv4Range {
  readonly address: number;
  readonly prefix: number;
  /** Whether the prefix was written (`/24`). */
  readonly cidr: boolean;
}

/** Parses dotted-decimal IPv4 with an optional `/prefix`; undefined when it is not one (leading zeros included). */
export function parseIpv4Range(v: string): Ipv4Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(v);
  if (!m) return undefined;
  const parts = m.slice(1, 5);
  if (parts.some((p) => (p.length > 1 && p.startsWith('0')) || Number(p) > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const address = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
  return { address, prefix, cidr: m[5] !== undefined };
}

const sizeOf = (prefix: number) => 2 ** (32 - prefix);
const networkOf = (r: Ipv4Range) => r.address - (r.address % sizeOf(r.prefix));
const dotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/** Ranges that are not public unicast addresses (RFC 6890's special-purpose registry), with why. */
export const NON_PUBLIC_IPV4_RANGES: ReadonlyArray<{ readonly range: string; readonly what: string }> = [
  { range: '0.0.0.0/8', what: '"this network" range 0.0.0.0/8' },
  { range: '10.0.0.0/8', what: 'private (RFC 1918) range 10.0.0.0/8' },
  { range: '100.64.0.0/10', what: 'shared address space (carrier-grade NAT, RFC 6598) 100.64.0.0/10' },
  { range: '127.0.0.0/8', what: 'loopback range 127.0.0.0/8' },
  { range: '169.254.0.0/16', what: 'link-local range 169.254.0.0/16' },
  { range: '172.16.0.0/12', what: 'private (RFC 1918) range 172.16.0.0/12' },
  { range: '192.168.0.0/16', what: 'private (RFC 1918) range 192.168.0.0/16' },
  { range: '224.0.0.0/4', what: 'multicast range 224.0.0.0/4' },
  { range: '240.0.0.0/4', what: 'reserved range 240.0.0.0/4 (with the broadcast address)' },
];

/** The shortest prefix accepted: a wider rule lets in a large part of the internet. */
export const MIN_STORAGE_IP_RULE_PREFIX = 8;

function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  const [aStart, bStart] = [networkOf(a), networkOf(b)];
  return aStart < bStart + sizeOf(b.prefix) && bStart < aStart + sizeOf(a.prefix);
}

/** The clauses a parsed rule breaks (host bits, prefix bounds, non-public ranges), each naming the rule. */
function ipv4RuleProblems(v: string): string[] {
  const r = parseIpv4Range(v);
  if (r === undefined) return [];
  const problems: string[] = [];
  if (r.cidr && r.address !== networkOf(r)) {
    problems.push(`host bits are set: the range is ${dotted(networkOf(r))}/${r.prefix}; write that`);
  }
  if (r.cidr && r.prefix > 30) problems.push('prefixes /31 and /32 are not allowed (write the single address)');
  if (r.prefix === 0) {
    problems.push('it lets in every IPv4 address (0.0.0.0/0): that is no firewall at all; leave allowedIpRanges out instead, or list your egress ranges');
    return problems;
  }
  if (r.prefix < MIN_STORAGE_IP_RULE_PREFIX) {
    problems.push(`it covers ${sizeOf(r.prefix).toLocaleString('en-US')} addresses (a prefix shorter than /${MIN_STORAGE_IP_RULE_PREFIX}): `
      + 'that lets in a large part of the internet; list your egress ranges');
    return problems;
  }
  for (const special of NON_PUBLIC_IPV4_RANGES) {
    const range = parseIpv4Range(special.range);
    if (range !== undefined && overlaps(r, range)) {
      const relation = r.prefix === range.prefix ? 'is' : r.prefix < range.prefix ? 'includes' : 'is in';
      problems.push(`it ${relation} the ${special.what}, which is not a public address`);
    }
  }
  return problems;
}

const IP_RULE_FIX = 'Use a public IPv4 address (203.0.113.7) or a public CIDR range of prefix /8-/30 with no host bits set (203.0.113.0/24); '
  + 'reach private networks with allowedSubnetIds.';

/** The form of an IP rule: IPv4, dotted decimal. */
const IP_RULE_FORM = ruleOf('Azure storage firewall IP rule', IP_RULE_FIX, [
  [(v) => v.includes(':'), 'it is IPv6: Azure storage firewall IP rules are IPv4 only (reach IPv6 clients through a private endpoint or a subnet rule)'],
  [(v) => !v.includes(':') && parseIpv4Range(v) === undefined,
    'it is not an IPv4 address or CIDR range (four decimal octets 0-255 without leading zeros, optionally /0-32)'],
]);

/**
 * Storage firewall IP rule: a public IPv4 address or CIDR range. Microsoft's "Configure Azure
 * Storage firewalls and virtual networks": IP network rules are "only allowed for public internet IP
 * addresses" (RFC 1918 ranges are refused; VNet traffic goes through subnet rules), "only IPv4
 * addresses are supported", and "small address ranges using /31 or /32 prefix sizes are not
 * supported". Also refused here: every other non-public range of RFC 6890 (loopback, link-local,
 * CGNAT shared space, multicast, reserved, "this network"), host bits set (`203.0.113.7/24`),
 * `0.0.0.0/0` and other rules wider than a /8, and leading zeros (`010.0.0.1` is octal to some parsers).
 */
export const AZURE_STORAGE_IP_RULE: ValueRule = {
  subject: IP_RULE_FORM.subject,
  fix: IP_RULE_FIX,
  check: (v) => [...IP_RULE_FORM.check(v), ...ipv4RuleProblems(v)],
};

const RESOURCE_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+(\/providers\/[^/]+\/.+)?$/i;

/**
 * A literal role scope this library defines roles or assigns them at: a resource group ID
 * (`/subscriptions/<GUID>/resourceGroups/<name>`) or a resource in one, never the tenant root (`/`),
 * a management group or a whole subscription. Azure RBAC scopes are hierarchical: a role assigned
 * at a subscription reaches every resource group in it ("Understand scope for Azure RBAC").
 */
export const AZURE_RESOURCE_GROUP_SCOPE: ValueRule = ruleOf(
  'Azure role scope',
  'Use a resource group ID, /subscriptions/<subscription GUID>/resourceGroups/<name> (az group show -n <name> --query id -o tsv), or a resource in it.',
  [
    [(v) => v.trim().length === 0, 'it is empty'],
    [(v) => /^\/+$/.test(v), 'it is the root scope "/": every management group, subscription and resource of the tenant'],
    [(v) => /^\/providers\/Microsoft\.Management\/managementGroups\//i.test(v), 'it is a management group: every subscription under it'],
    [(v) => /^\/subscriptions\/[^/]+\/?$/i.test(v), 'it is a whole subscription, not a resource group: every resource group in it'],
    [(v) => v.trim().length > 0 && !/^\/+$/.test(v) && !/^\/providers\/Microsoft\.Management\/managementGroups\//i.test(v)
      && !/^\/subscriptions\/[^/]+\/?$/i.test(v) && !RESOURCE_GROUP_ID.test(v), 'it is not a resource group ID or a resource in one'],
    [(v) => RESOURCE_GROUP_ID.test(v) && !GUID.test(v.split('/')[2]), 'the subscription part is not a GUID'],
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

/**
 * A storage account's ARM ID, `/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>`:
 * a role assignment scope, so a typo would grant on nothing (or fail the apply).
 */
export const AZURE_STORAGE_ACCOUNT_ID: ValueRule = ruleOf(
  'Azure storage account ID',
  'Use the account\'s resource ID, /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name> '
  + '(the portal\'s JSON view, or az storage account show --query id); StorageAccount.fromStorageAccountAttributes derives it from the resource group when it is left out.',
  [[(v) => !/^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i.test(v),
    'it is not a storage account resource ID']],
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
