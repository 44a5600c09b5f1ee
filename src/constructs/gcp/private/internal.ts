// Internal helpers of the GCP constructs (not exported from the submodule).
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import type * as projectIamMemberModule from '@cdktf/provider-google/lib/project-iam-member';
import type * as serviceAccountIamMemberModule from '@cdktf/provider-google/lib/service-account-iam-member';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Fn, ITerraformDependable, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BackupBucket, BackupBucketProps, IBackupBucket } from '../backup-bucket';
import { checkBucketProps } from './bucket-props-check';
import { BindingScope, CustomRoleDefinition, PredefinedRoleGrant, roleIdPrefixOf } from '../../../policies/gcp/permissions';
import { ValidationProblems } from '../../../policies/validation';
import { singletonChild } from '../../private/singleton';

/** The fixed construct id of the shared `google_client_config` data source. */
export const GOOGLE_CLIENT_CONFIG_ID = 'SaasBackupConstructsGoogleClientConfig';

/**
 * The one `google_client_config` data source of a stack and provider, created on first use: on
 * the stack for the stack's default google provider, on the provider itself for an explicit one
 * (so each provider's project is read with that provider). A stack with many locations reads it once.
 */
export function sharedGoogleClientConfig(scope: Construct, provider: TerraformProvider | undefined): DataGoogleClientConfig {
  const owner: Construct = provider ?? TerraformStack.of(scope);
  return singletonChild(owner, GOOGLE_CLIENT_CONFIG_ID, DataGoogleClientConfig,
    () => new DataGoogleClientConfig(owner, GOOGLE_CLIENT_CONFIG_ID, { provider }));
}

/** The bucket props of a construct that uses a bucket it is given or creates one. */
export interface BucketChoice {
  readonly bucket?: IBackupBucket;
  readonly bucketProps?: BackupBucketProps;
}

/** Exactly one of `bucket` and `bucketProps`; the bucket in the construct's project. */
export function checkBucketChoice(problems: ValidationProblems, choice: BucketChoice): void {
  problems.addIf(choice.bucket !== undefined && choice.bucketProps !== undefined,
    'Give either bucket (an existing or separately created bucket) or bucketProps (to create one), not both');
  problems.addIf(choice.bucket === undefined && choice.bucketProps === undefined,
    'Give bucket (an existing bucket: BackupBucket.fromBucketName, or a BackupBucket) or bucketProps (to create one)');
  if (choice.bucketProps !== undefined) {
    problems.addIf(choice.bucketProps.project !== undefined,
      'Set projectId instead of bucketProps.project: the custom role bound on the bucket must be defined in the bucket\'s project');
    checkBucketProps(problems, choice.bucketProps, 'bucketProps.');
  }
}

/** The given bucket, or a new `BackupBucket` (id `Bucket`) in `project`. Call after `checkBucketChoice`. */
export function useOrCreateBucket(scope: Construct, choice: BucketChoice, project: string | undefined,
  provider: TerraformProvider | undefined): IBackupBucket {
  if (choice.bucket !== undefined) return choice.bucket;
  const bucketProps = choice.bucketProps;
  if (bucketProps === undefined) throw new Error(`${scope.node.path}: give bucket or bucketProps`);
  return new BackupBucket(scope, 'Bucket', {
    ...bucketProps,
    project,
    provider: bucketProps.provider ?? provider,
  });
}

/** The default role ID prefix, also when the service account ID is a token. */
export function defaultRoleIdPrefix(serviceAccountId: string): string {
  return Token.isUnresolved(serviceAccountId) ? Fn.replace(serviceAccountId, '-', '_') : roleIdPrefixOf(serviceAccountId);
}

/** What a binding needs: the member, and every resource a scope can name. */
export interface BindingTarget {
  readonly member: string;
  readonly project: string | undefined;
  readonly bucketName: string;
  /** `projects/P/serviceAccounts/EMAIL` of the service account itself. */
  readonly serviceAccountName: string;
  readonly provider: TerraformProvider | undefined;
}

// Provider classes only some grants use, loaded on first use (each is a module to load).
/* eslint-disable @typescript-eslint/no-require-imports */
/** google_service_account_iam_member. */
export function serviceAccountIamMember(): typeof serviceAccountIamMemberModule.ServiceAccountIamMember {
  return (require('@cdktf/provider-google/lib/service-account-iam-member') as typeof serviceAccountIamMemberModule).ServiceAccountIamMember;
}
/** google_project_iam_member. */
function projectIamMember(): typeof projectIamMemberModule.ProjectIamMember {
  return (require('@cdktf/provider-google/lib/project-iam-member') as typeof projectIamMemberModule).ProjectIamMember;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Binds `role` to the member at `scope`; the binding's construct id is `<name>Binding`. Returns the binding. */
function bind(parent: Construct, name: string, role: string, scope: BindingScope, target: BindingTarget): ITerraformDependable {
  const id = `${name}Binding`;
  const { member, provider } = target;
  switch (scope) {
    case 'bucket':
      return new StorageBucketIamMember(parent, id, { bucket: target.bucketName, role, member, provider });
    case 'service-account-itself':
      return new (serviceAccountIamMember())(parent, id, { serviceAccountId: target.serviceAccountName, role, member, provider });
    case 'project':
      if (target.project === undefined) throw new Error(`${parent.node.path}: a project binding needs the project ID`);
      return new (projectIamMember())(parent, id, { project: target.project, role, member, provider });
  }
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Creates a custom role (construct id `<Suffix>Role`) and binds it (`<Suffix>Binding`) where the
 * definition says. Returns the role's full name (`projects/P/roles/ID`) and the binding.
 */
export function grantCustomRole(parent: Construct, definition: CustomRoleDefinition, roleId: string, target: BindingTarget): GrantedRole {
  const name = pascal(definition.roleIdSuffix);
  const role = new ProjectIamCustomRole(parent, `${name}Role`, {
    roleId,
    title: definition.title,
    description: definition.description,
    permissions: [...definition.permissions],
    project: target.project,
    provider: target.provider,
  });
  const roleName = role.name; // one token for both uses
  return { roleName, binding: bind(parent, name, roleName, definition.scope, target) };
}

/** A custom role and its binding. */
export interface GrantedRole {
  /** `projects/P/roles/ID`. */
  readonly roleName: string;
  /** The IAM member resource that binds it, for `depends_on`. */
  readonly binding: ITerraformDependable;
}

/** Binds a predefined role where the grant says; returns the binding. */
export function grantPredefinedRole(parent: Construct, grant: PredefinedRoleGrant, target: BindingTarget): ITerraformDependable {
  return bind(parent, grant.name, grant.role, grant.scope, target);
}

/**
 * A JSON key for the service account (construct id `Key`); returns the decoded key file.
 *
 * `keepers` replaces the key when the trigger changes, and `create_before_destroy` makes that
 * replacement create the new key first and delete the old one last, after everything that reads
 * the key in the same apply (outputs, a `spectrocloud_backup_storage_location`) has the new one.
 */
export function createJsonKey(scope: Construct, serviceAccountName: string, rotationTrigger: string | undefined,
  provider: TerraformProvider | undefined): string {
  const key = new ServiceAccountKey(scope, 'Key', {
    serviceAccountId: serviceAccountName,
    keepers: rotationTrigger === undefined ? undefined : { rotation: rotationTrigger },
    lifecycle: { createBeforeDestroy: true },
    provider,
  });
  // private_key is the JSON key file, base64-encoded; Palette and RudderStack want the file itself.
  return Fn.base64decode(key.privateKey);
}
