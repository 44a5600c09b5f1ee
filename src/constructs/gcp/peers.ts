import { checkOptionalPeers } from '../../peers';

// Imported first by the gcp entry point: names the missing package before any cdktf import fails.
checkOptionalPeers('gcp', ['cdktf', '@cdktf/provider-google']);
