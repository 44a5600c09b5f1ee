// The azure submodule: Palette backup locations on Azure Blob Storage (cdktf + azurerm; azuread
// only when a service principal is created, loaded on first use). The peer check comes first, so a
// missing cdktf or provider is named with the version to install.
import './peers';
export * from './resource-group';
export * from './stock-keeping-unit';
export * from './storage-account';
export * from './service-principal';
export * from './palette/backup-location';
export * from './rudderstack/event-backup';
