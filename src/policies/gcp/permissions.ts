/**
 * GCP IAM shared by every vendor: the shape of a project custom role and where it is bound, the
 * predefined roles of GKE Workload Identity, and IAM member names. Each vendor's permissions are
 * in its own file (palette.ts: Velero; rudderstack.ts: RudderStack), as plain data: what a
 * reviewer reads and what the tests compare with `toEqual`. The constructs turn each
 * `CustomRoleDefinition` into a `google_project_iam_custom_role` and bind it where its `scope` says.
 */

/** Where a custom role is bound: the narrowest resource that still works. */
export type BindingScope = 'bucket' | 'project' | 'service-account-itself';

/** A project custom role, and where the constructs bind it. */
export interface CustomRoleDefinition {
  /** The role's title (at most 100 characters). */
  readonly title: string;
  /** The role's description (at most 256 bytes). */
  readonly description: string;
  /** The exact permissions, in the order the vendor documents them. */
  readonly permissions: readonly string[];
  /** Where the role is bound to the service account. */
  readonly scope: BindingScope;
  /** Suffix appended to the construct's role ID prefix: `<prefix>.<suffix>`. */
  readonly roleIdSuffix: string;
}

/** Predefined role that lets a Kubernetes service account act as the Google service account (GKE Workload Identity). */
export const WORKLOAD_IDENTITY_USER_ROLE = 'roles/iam.workloadIdentityUser';

/** A predefined role granted as the vendor's page says, with the warning a user should see. */
export interface PredefinedRoleGrant {
  /** Names the binding (`<name>Binding`). */
  readonly name: string;
  /** The predefined role. */
  readonly role: string;
  /** Where it is bound. */
  readonly scope: BindingScope;
  /** Why this grant is broader than needed; shown as a synth warning. */
  readonly warning: string;
}

/** The IAM member of a service account. */
export function serviceAccountMember(email: string): string {
  return `serviceAccount:${email}`;
}

/** The IAM member of a Kubernetes service account under GKE Workload Identity (Velero README, option 3). */
export function workloadIdentityMember(projectId: string, namespace: string, kubernetesServiceAccount: string): string {
  return `serviceAccount:${projectId}.svc.id.goog[${namespace}/${kubernetesServiceAccount}]`;
}

/** The default role ID prefix: the service account ID with its hyphens (not allowed in role IDs) made underscores. */
export function roleIdPrefixOf(serviceAccountId: string): string {
  return serviceAccountId.replace(/-/g, '_');
}
