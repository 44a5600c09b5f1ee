import { checkOptionalPeers } from '../../peers';

// Imported first by the azure entry point: names the missing package before any cdktf import fails.
// @cdktf/provider-azuread is checked where it is used (creating a service principal).
checkOptionalPeers('azure', ['cdktf', '@cdktf/provider-azurerm']);
