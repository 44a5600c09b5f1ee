// Where the Terraform examples keep their state: remote, encrypted, access-controlled, never the
// repository. The state of these stacks holds secrets in clear text (the GCP JSON key of
// google_service_account_key, the Azure client secret of azuread_application_password): cdktf's
// implicit local backend would write them to terraform.<stack>.tfstate in the project root.
//
// Create the state bucket / storage account once, outside these stacks (versioned, no public
// access, readable only by whoever applies), then replace the names below with yours:
//   gcloud storage buckets create gs://acme-terraform-state --location=us-central1 \
//     --uniform-bucket-level-access --public-access-prevention && gcloud storage buckets update gs://acme-terraform-state --versioning
//   az storage account create -n acmeterraformstate -g terraform-state --sku Standard_GZRS --min-tls-version TLS1_2 \
//     --allow-blob-public-access false --allow-shared-key-access false && az storage container create -n tfstate --account-name acmeterraformstate --auth-mode login
// GCS and Azure Storage encrypt every object at rest; GCS can use your Cloud KMS key (kmsEncryptionKey).
// To try an example on a laptop instead: new LocalBackend(stack, { path: '/path/outside/the/repo/<stack>.tfstate' }).
import { AzurermBackend, GcsBackend, TerraformStack } from 'cdktf';

/** The state locations the examples use: replace with yours. */
export const EXAMPLE_STATE = {
  /** A GCS bucket for the GCP stacks' state (one object per stack under `prefix`). */
  gcsBucket: 'acme-terraform-state',
  /** An Azure storage account and container for the Azure stacks' state (one blob per stack). */
  azure: { resourceGroupName: 'terraform-state', storageAccountName: 'acmeterraformstate', containerName: 'tfstate' },
} as const;

/** The GCS backend of a GCP example stack: `gs://<bucket>/saas-backup-constructs/<stack>/default.tfstate`. */
export function gcsStateBackend(stack: TerraformStack): GcsBackend {
  return new GcsBackend(stack, { bucket: EXAMPLE_STATE.gcsBucket, prefix: `saas-backup-constructs/${stack.node.id}` });
}

/**
 * The azurerm backend of an Azure example stack, signing in with Entra ID (`use_azuread_auth`), so the
 * state account can keep Shared Key off: `tfstate/saas-backup-constructs/<stack>.tfstate`.
 */
export function azurermStateBackend(stack: TerraformStack): AzurermBackend {
  return new AzurermBackend(stack, { ...EXAMPLE_STATE.azure, key: `saas-backup-constructs/${stack.node.id}.tfstate`, useAzureadAuth: true });
}
