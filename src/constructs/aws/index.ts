export * from './trusted-principal';
export * from './backup-bucket';
export * from './external-id-role';
export * from './access-key-user';
export * from './palette-backup-policy';
export * from './palette-backup-location';
export * from './palette-minio-backup-location';
export * from './rudderstack-event-backup';
