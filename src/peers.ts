// Optional peer dependencies (cdktf and the Terraform providers): the gcp and azure submodules check
// them once, at their entry, so a missing package is named with the version to install instead of
// surfacing as a raw "Cannot find module '@cdktf/provider-google/lib/storage-bucket'".

/** The package's own manifest: the peer ranges it declares are the versions to install. */
interface PackageManifest {
  readonly name: string;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** Finds a module the way `require` would from this package, without loading it. */
export type ModuleResolver = (id: string) => string;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../package.json') as PackageManifest;

/** `npm install` argument for an optional peer, with the range this package declares (e.g. `cdktf@^0.21.0`). */
export function peerInstallSpec(peer: string): string {
  const range = manifest.peerDependencies?.[peer];
  if (range === undefined) {
    throw new Error(`${peer} is not a peer dependency of ${manifest.name}`);
  }
  return `${peer}@${range.includes(' ') ? `"${range}"` : range}`;
}

function resolvable(resolve: ModuleResolver, id: string): boolean {
  try {
    resolve(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws one error naming every missing optional peer of a submodule and the command that installs
 * them. Loads nothing: packages are only resolved.
 */
export function checkOptionalPeers(submodule: string, peers: readonly string[], resolve: ModuleResolver = require.resolve): void {
  const missing = peers.filter((peer) => !resolvable(resolve, peer));
  if (missing.length === 0) return;
  const names = missing.join(' and ');
  throw new Error(`${manifest.name}/${submodule} needs ${names} (optional peer ${missing.length === 1 ? 'dependency' : 'dependencies'} `
    + `of ${manifest.name}, not installed): npm install ${missing.map(peerInstallSpec).join(' ')}. `
    + 'The AWS constructs (the package root and /aws) do not need them.');
}
