// The gcp submodule: CDK for Terraform constructs on the google provider.
export * from './backup-bucket';
export * from './palette/backup-location';
export * from './rudderstack/event-backup';
