/**
 * Naming rules for the GCP constructs (and the Kubernetes names of GKE Workload Identity), as
 * pure `ValueRule`s. Each clause quotes or restates the documented rule it enforces; sources are
 * listed per rule (see also notes/vendor-facts.md §5).
 */
import { ruleOf, ValueRule } from '../validation';

const has = (re: RegExp) => (v: string) => re.test(v);
const lengthOf = (v: string) => [...v].length; // code points, not UTF-16 units

/**
 * GCS bucket name. Source: https://cloud.google.com/storage/docs/naming-buckets
 * ("Bucket names must contain only lowercase letters, numbers, dashes (-), underscores (_), and
 * dots (.)", "must start and end with a number or letter", "3-63 characters. Names containing dots
 * can contain up to 222 characters, but each dot-separated component can be no longer than 63",
 * no dotted-decimal IP address, no "goog" prefix, no "google" or close misspellings such as "g00gle").
 * Empty dot-separated parts (two dots in a row) are refused too, as common validators do.
 */
export const GCS_BUCKET_NAME: ValueRule = ruleOf(
  'GCS bucket name',
  'Use 3-63 lowercase letters, digits, hyphens and underscores (with dots: up to 222 characters, each dot-separated part at most 63), '
  + 'starting and ending with a letter or digit, not starting with "goog" and not containing "google".',
  [
    [(v) => v.length < 3, 'it is shorter than 3 characters'],
    [(v) => !v.includes('.') && v.length > 63, 'it is longer than 63 characters (names without dots)'],
    [(v) => v.includes('.') && v.length > 222, 'it is longer than 222 characters'],
    [(v) => v.includes('.') && v.split('.').some((part) => part.length > 63), 'a dot-separated part is longer than 63 characters'],
    [has(/[A-Z]/), 'uppercase letters are not allowed'],
    [has(/[^a-zA-Z0-9._-]/), 'only lowercase letters, digits, hyphens, underscores and dots are allowed'],
    [(v) => v.length > 0 && !/^[a-zA-Z0-9]/.test(v), 'it must start with a lowercase letter or digit'],
    [(v) => v.length > 0 && !/[a-zA-Z0-9]$/.test(v), 'it must end with a lowercase letter or digit'],
    [has(/\.\./), 'two dots in a row are not allowed'],
    [has(/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/), 'it must not be an IP address in dotted-decimal notation'],
    [has(/^goog/), 'it must not start with "goog"'],
    [has(/g[o0][o0]g[l1]e/), 'it must not contain "google" or a close misspelling such as "g00gle"'],
  ],
);

/**
 * Service account ID (`account_id`, the part of the email before `@`). Source: IAM API
 * CreateServiceAccountRequest.account_id: "must be 6-30 characters long, and match the regular
 * expression `[a-z]([-a-z0-9]*[a-z0-9])` to comply with RFC1035".
 */
export const GCP_SERVICE_ACCOUNT_ID: ValueRule = ruleOf(
  'service account ID',
  'Use 6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. "palette-velero").',
  [
    [(v) => v.length < 6, 'it is shorter than 6 characters'],
    [(v) => v.length > 30, 'it is longer than 30 characters'],
    [has(/[^a-z0-9-]/), 'only lowercase letters, digits and hyphens are allowed'],
    [has(/^[0-9-]/), 'it must start with a lowercase letter'],
    [has(/-$/), 'it must not end with a hyphen'],
  ],
);

/**
 * IAM custom role ID. Source: IAM REST projects.roles.create: "A role ID may contain alphanumeric
 * characters, underscores (_), and periods (.). It must contain a minimum of 3 characters and a
 * maximum of 64 characters." (terraform-provider-google: `^[a-zA-Z0-9_\.]{3,64}$`).
 */
export const GCP_CUSTOM_ROLE_ID: ValueRule = ruleOf(
  'IAM custom role ID',
  'Use 3-64 letters, digits, underscores and dots (e.g. "palette_velero.objects"); hyphens are not allowed.',
  [
    [(v) => v.length < 3, 'it is shorter than 3 characters'],
    [(v) => v.length > 64, 'it is longer than 64 characters'],
    [has(/-/), 'hyphens are not allowed'],
    [has(/[^a-zA-Z0-9_.-]/), 'only letters, digits, underscores and dots are allowed'],
  ],
);

/**
 * Project ID. Source: gcloud projects create: "They must start with a lowercase letter and can have
 * lowercase ASCII letters, digits or hyphens. Project IDs must be between 6 and 30 characters."
 * terraform-provider-google adds "Trailing hyphens are prohibited." Resource Manager's "Creating and
 * managing projects" adds that a project ID cannot contain restricted strings such as "google".
 * Legacy domain-scoped IDs (`example.com:my-project`) are not accepted: pass them as a token to skip the check.
 */
export const GCP_PROJECT_ID: ValueRule = ruleOf(
  'GCP project ID',
  'Use 6-30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen and without "google" (e.g. "acme-backups-prod").',
  [
    [(v) => v.length < 6, 'it is shorter than 6 characters'],
    [(v) => v.length > 30, 'it is longer than 30 characters'],
    [has(/[^a-z0-9-]/), 'only lowercase letters, digits and hyphens are allowed'],
    [has(/^[0-9-]/), 'it must start with a lowercase letter'],
    [has(/-$/), 'it must not end with a hyphen'],
    [has(/google/i), 'it must not contain "google" (a restricted string)'],
  ],
);

/**
 * Kubernetes namespace name: an RFC 1123 label (apimachinery `ValidateNamespaceName = NameIsDNSLabel`).
 * Source: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ ("at most 63
 * characters; only lowercase alphanumeric characters or '-'; start with an alphanumeric character;
 * end with an alphanumeric character").
 */
export const K8S_NAMESPACE: ValueRule = ruleOf(
  'Kubernetes namespace name',
  'Use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (an RFC 1123 label, e.g. "velero").',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => v.length > 63, 'it is longer than 63 characters'],
    [has(/[^a-z0-9-]/), 'only lowercase letters, digits and hyphens are allowed'],
    [has(/^-|-$/), 'it must start and end with a lowercase letter or digit'],
  ],
);

/**
 * Kubernetes service account name: a DNS-1123 subdomain (apimachinery
 * `ValidateServiceAccountName = NameIsDNSSubdomain`). Source: the Kubernetes names page ("no more
 * than 253 characters; only lowercase alphanumeric characters, '-' or '.'; start with an
 * alphanumeric character; end with an alphanumeric character"); each dot-separated part is a label.
 */
export const K8S_SERVICE_ACCOUNT_NAME: ValueRule = ruleOf(
  'Kubernetes service account name',
  'Use up to 253 lowercase letters, digits, hyphens and dots, each dot-separated part starting and ending with a letter or digit (a DNS-1123 subdomain, e.g. "velero").',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => v.length > 253, 'it is longer than 253 characters'],
    [has(/[^a-z0-9.-]/), 'only lowercase letters, digits, hyphens and dots are allowed'],
    [(v) => v.length > 0 && v.split('.').some((part) => !/^[a-zA-Z0-9](.*[a-zA-Z0-9])?$/.test(part)),
      'each dot-separated part must start and end with a lowercase letter or digit'],
  ],
);

/**
 * GCS bucket location: a form check only (the list of locations changes). Multi-regions (`US`,
 * `EU`, `ASIA`), predefined dual-regions (`NAM4`, `EUR4`, `ASIA1`) and regions (`us-central1`,
 * `europe-west4`, `northamerica-northeast1`); case-insensitive, as the API is.
 * Source: https://cloud.google.com/storage/docs/locations
 */
export const GCS_LOCATION: ValueRule = ruleOf(
  'GCS bucket location',
  'Use a multi-region ("US", "EU", "ASIA"), a dual-region ("NAM4", "EUR4") or a region ("us-central1", "europe-west4").',
  [
    [(v) => v.length === 0, 'it is empty'],
    [has(/[^a-zA-Z0-9-]/), 'only letters, digits and hyphens are allowed'],
    [has(/^[a-zA-Z]+-[a-zA-Z]+[0-9]+-[a-zA-Z]$/), 'it is a zone; buckets live in regions (drop the zone letter)'],
    [(v) => /^[a-zA-Z0-9-]+$/.test(v) && !/^[a-zA-Z]+-[a-zA-Z]+[0-9]+-[a-zA-Z]$/.test(v) && !/^([a-zA-Z]+[0-9]*|[a-zA-Z]+-[a-zA-Z]+[0-9]+)$/.test(v),
      'it is not of the form of a multi-region, dual-region or region name'],
  ],
);

/**
 * Cloud KMS key for CMEK: the full resource name of a key (not a key version).
 * Source: https://cloud.google.com/storage/docs/encryption/using-customer-managed-keys
 * (`projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY`).
 */
export const CLOUD_KMS_KEY_NAME: ValueRule = ruleOf(
  'Cloud KMS key name',
  'Use the key\'s full resource name: projects/PROJECT_ID/locations/LOCATION/keyRings/KEY_RING/cryptoKeys/KEY.',
  [
    [has(/\/cryptoKeyVersions\//), 'it names a key version; give the key itself'],
    [(v) => !/\/cryptoKeyVersions\//.test(v) && !/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.test(v),
      'it is not of the form projects/*/locations/*/keyRings/*/cryptoKeys/*'],
  ],
);

/**
 * Label key. Source: https://cloud.google.com/resource-manager/docs/labels-overview ("Keys have a
 * minimum length of 1 character and a maximum length of 63 characters", "can contain only lowercase
 * letters, numeric characters, underscores, and dashes. All characters must use UTF-8 encoding, and
 * international characters are allowed", "Keys must start with a lowercase letter or international
 * character").
 */
export const GCP_LABEL_KEY: ValueRule = ruleOf(
  'GCP label key',
  'Use 1-63 lowercase letters, digits, underscores and hyphens, starting with a lowercase letter (e.g. "team").',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => lengthOf(v) > 63, 'it is longer than 63 characters'],
    [has(/[^\p{Ll}\p{Lo}\p{N}_-]/u), 'only lowercase letters, digits, underscores and hyphens are allowed'],
    [has(/^[\p{N}_-]/u), 'it must start with a lowercase letter'],
  ],
);

/** Label value. Same source: values may be empty, at most 63 characters, same characters as keys. */
export const GCP_LABEL_VALUE: ValueRule = ruleOf(
  'GCP label value',
  'Use at most 63 lowercase letters, digits, underscores and hyphens (e.g. "backups").',
  [
    [(v) => lengthOf(v) > 63, 'it is longer than 63 characters'],
    [has(/[^\p{Ll}\p{Lo}\p{N}_-]/u), 'only lowercase letters, digits, underscores and hyphens are allowed'],
  ],
);

/** "At most 64 labels per resource" (same source). */
export const GCP_MAX_LABELS = 64;
