// The gcp submodule: CDK for Terraform constructs on the google provider. The peer check comes
// first, so a missing cdktf or provider is named with the version to install.
import './peers';
export * from './backup-bucket';
export * from './palette/backup-location';
export * from './rudderstack/event-backup';
