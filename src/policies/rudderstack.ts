/**
 * RudderStack's dashboard, cloud-neutral: the fields of each storage its "Store in your own cloud
 * storage" option takes (their labels exactly), the Prefix they share, and the description of the
 * output that shows each. The labels are rudder-integrations-config's `ui-config.json` of each
 * destination type, which the backup modal reuses: azure_blob @050f1d3e, minio @15dfc911.
 */
import { ruleOf, ValueRule } from './validation';

/** One field of RudderStack's storage settings: its dashboard label and the output that shows it. */
export interface RudderStackDashboardField {
  /** The label, exactly as the dashboard shows it. */
  readonly label: string;
  /** The config key behind it (rudder-integrations-config's `value`). */
  readonly key: string;
  /** The Terraform output id (letters only). */
  readonly output: string;
  /** A secret: the output is sensitive. */
  readonly secret: boolean;
}

/** RudderStack's Azure Blob Storage fields, in the dashboard's order. */
export const RUDDERSTACK_AZURE_FIELDS = {
  containerName: { label: 'Azure Blob Storage Container Name', key: 'containerName', output: 'AzureBlobStorageContainerName', secret: false },
  prefix: { label: 'Prefix', key: 'prefix', output: 'Prefix', secret: false },
  accountName: { label: 'Azure Blob Storage Account Name', key: 'accountName', output: 'AzureBlobStorageAccountName', secret: false },
  accountKey: { label: 'Azure Blob Storage Account Key', key: 'accountKey', output: 'AzureBlobStorageAccountKey', secret: true },
  sasToken: { label: 'Azure Blob Storage SAS Token', key: 'sasToken', output: 'AzureBlobStorageSasToken', secret: true },
  useSasTokens: { label: 'Use shared access signature (SAS) Tokens', key: 'useSASTokens', output: 'UseSharedAccessSignatureTokens', secret: false },
} as const satisfies Record<string, RudderStackDashboardField>;

/** RudderStack's MinIO fields (rudder-integrations-config src/configurations/destinations/minio/ui-config.json @15dfc911). */
export const RUDDERSTACK_MINIO_FIELDS = {
  endPoint: { label: 'MinIO Endpoint', key: 'endPoint', output: 'MinioEndpoint', secret: false },
  accessKeyId: { label: 'MinIO Access Key ID', key: 'accessKeyID', output: 'MinioAccessKeyId', secret: true },
  secretAccessKey: { label: 'MinIO Secret Access Key', key: 'secretAccessKey', output: 'MinioSecretAccessKey', secret: true },
  bucketName: { label: 'MINIO Bucket Name', key: 'bucketName', output: 'MinioBucketName', secret: false },
  prefix: { label: 'Prefix', key: 'prefix', output: 'Prefix', secret: false },
  useSsl: { label: 'Use SSL for connection', key: 'useSSL', output: 'UseSslForConnection', secret: false },
} as const satisfies Record<string, RudderStackDashboardField>;

/** The description of a field's output: `RudderStack "<label>"`, plus what to do with it. */
export function rudderStackFieldDescription(field: RudderStackDashboardField, note?: string): string {
  return `RudderStack "${field.label}"${note ? `: ${note}` : ''}`;
}

/** RudderStack's "Prefix": its length limit (the dashboard's regex `^(.{0,100})$`), no leading "/". */
export const RUDDERSTACK_PREFIX: ValueRule = ruleOf(
  'RudderStack prefix',
  'Write a folder path such as "rudder" or "events/prod" (at most 100 characters, no leading "/").',
  [
    [(v) => v.length === 0, 'it is empty (leave it out instead)'],
    [(v) => v.length > 100, (v) => `it has ${v.length} characters (the dashboard takes 100)`],
    [(v) => v.startsWith('/'), 'it starts with "/"'],
    [(v) => /[\u0000-\u001f\u007f\\]/.test(v), 'it contains a control character or a backslash'],
    [(v) => folders(v).slice(0, -1).some((s) => s === '') || folders(v).some((s) => s === '.' || s === '..'),
      'it has an empty, "." or ".." folder (RudderStack joins it with Go\'s path.Join, which would write elsewhere than the grant allows)'],
  ],
);

/** The folders of a prefix, after any leading "/" (which has its own clause). */
function folders(prefix: string): string[] {
  return prefix.replace(/^\/+/, '').split('/');
}
