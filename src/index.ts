// The public face. In the compiled lib/index.js each AWS module is loaded on first use of one of its
// exports (scripts/post-compile.js), and the gcp and azure submodules on first access
// (the same step), so users of the AWS constructs never load cdktf or a provider.
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
// The access report (who may do what, under which condition), from synthesized output: a call
// for cdktf and any folder, and the CDK policy-validation plugin.
export * from './report/api';
export * from './constructs/aws/access-report-plugin';
