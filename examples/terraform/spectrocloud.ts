// Spectro Cloud's Terraform provider (spectrocloud/spectrocloud) and its resource
// spectrocloud_backup_storage_location, as raw cdktf classes: no generated bindings needed. With
// bindings (`cdktf provider add spectrocloud/spectrocloud`), pass the same arguments to their
// BackupStorageLocation instead: `new BackupStorageLocation(this, 'X', { ...args, dependsOn })`.
//
// Arguments: spectrocloud/terraform-provider-spectrocloud, spectrocloud/resource_backup_storage_location.go.
// The provider reads its API key from SPECTROCLOUD_APIKEY (and the host from SPECTROCLOUD_HOST,
// default api.spectrocloud.com): never put the key in the configuration.
import {
  Annotations, DefaultTokenResolver, ITerraformDependable, StringConcat, TerraformProvider, TerraformResource, TerraformStack, Tokenization,
} from 'cdktf';
import { Construct } from 'constructs';
import { SpectroCloudArguments, SpectroCloudBackupStorageLocationArgs } from 'saas-backup-constructs';

/** The version range of the spectrocloud provider the examples are written for. */
export const SPECTROCLOUD_PROVIDER_VERSION = '~> 0.29';

/** Configuration of the spectrocloud provider. */
export interface SpectroCloudProviderConfig {
  /** The Palette project the provider targets (`project_name`; the provider's default is "Default"). */
  readonly projectName?: string;
}

/** The spectrocloud provider. */
export class SpectroCloudProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly config: SpectroCloudProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'spectrocloud',
      terraformGeneratorMetadata: { providerName: 'spectrocloud', providerVersionConstraint: SPECTROCLOUD_PROVIDER_VERSION },
      terraformProviderSource: 'spectrocloud/spectrocloud',
    });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return this.config.projectName === undefined ? {} : { project_name: this.config.projectName };
  }
}

/** Properties of a SpectroCloudBackupStorageLocation. */
export interface SpectroCloudBackupStorageLocationProps {
  /** The arguments: a location's `toSpectroCloudTerraform()` (GCP, Azure) or `SpectroCloudArguments.aws(...)`. */
  readonly args: SpectroCloudBackupStorageLocationArgs;
  /** What must exist before Palette validates the location (IAM bindings, role assignments). */
  readonly dependsOn?: ITerraformDependable[];
  /** The spectrocloud provider. */
  readonly provider?: TerraformProvider;
}

/**
 * `spectrocloud_backup_storage_location`: Palette validates the location when Terraform creates it.
 * At synth time the arguments are checked again as Terraform will read them (cdktf tokens resolved):
 * a secret that resolves to a literal (a Lazy, Fn.join of literals) or is a variable with a default or
 * not sensitive, and a token that resolves to a value a wizard field refuses, fail the synth. With
 * generated bindings, add the same validation to their BackupStorageLocation.
 */
export class SpectroCloudBackupStorageLocation extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly props: SpectroCloudBackupStorageLocationProps) {
    super(scope, id, {
      terraformResourceType: 'spectrocloud_backup_storage_location',
      terraformGeneratorMetadata: { providerName: 'spectrocloud', providerVersionConstraint: SPECTROCLOUD_PROVIDER_VERSION },
      dependsOn: props.dependsOn,
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () => {
        // What Terraform will read: the arguments and the stack's variables and locals, resolved as at synth.
        const stack = TerraformStack.of(this);
        const resolver = new DefaultTokenResolver(new StringConcat());
        const resolve = (value: unknown) => Tokenization.resolve(value, { scope: stack, preparing: false, resolver });
        return SpectroCloudArguments.synthesizedProblems(resolve(props.args), resolve(stack.toTerraform()), this.node.path);
      },
    });
    for (const warning of SpectroCloudArguments.warnings(props.args)) Annotations.of(this).addWarning(warning);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return snakeCase(this.props.args);
  }
}

/** The provider's argument names: camelCase keys to snake_case, undefined values left out. */
function snakeCase(value: object): { [name: string]: unknown } {
  return Object.fromEntries(Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), isBlock(v) ? snakeCase(v) : v]));
}

/** A nested block (a plain object), not a token or a list. */
function isBlock(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
