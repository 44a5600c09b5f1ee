// The public face. AWS constructs and the pure policy builders load eagerly (aws-cdk-lib is a
// required peer); the gcp and azure submodules are made lazy in the compiled lib/index.js
// (scripts/lazy-submodules.js), so users of the AWS constructs never load cdktf or a provider.
export * from './constructs/aws';
export * as gcp from './constructs/gcp';
export * as azure from './constructs/azure';
// Palette's wizard and Spectro Cloud's Terraform arguments: pure, the same for every cloud.
export {
  PaletteLocationContext,
  PaletteRegistrationOptions,
  PaletteS3LocationValues,
  PaletteGcpLocationValues,
  PaletteAzureLocationValues,
  SpectroCloudArguments,
  SpectroCloudBackupStorageLocationArgs,
  SpectroCloudS3Args,
  SpectroCloudGcpStorageConfigArgs,
  SpectroCloudAzureStorageConfigArgs,
} from './policies/palette-wizard';
