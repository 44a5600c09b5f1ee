// The azure submodule: Palette backup locations on Azure Blob Storage (cdktf + azurerm; azuread
// only when a service principal is created, loaded on first use).
export * from './resource-group';
export * from './stock-keeping-unit';
export * from './storage-account';
export * from './service-principal';
export * from './palette/backup-location';
