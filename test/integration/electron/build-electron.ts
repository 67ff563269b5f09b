import path from 'node:path';
import { REPO_ROOT } from '../../helpers/temp';

interface BuildLib {
  isStale(part: 'node' | 'renderer'): boolean;
  buildNode(options?: { quiet?: boolean }): Promise<void>;
}

/**
 * Rebuilds the Node bundles (dist/electron among them) when their sources changed. Only those: the
 * renderer build empties dist/renderer first, which must not happen under another test's feet.
 */
export async function buildElectronBundles(): Promise<void> {
  const lib = (await import(path.join(REPO_ROOT, 'scripts', 'build-lib.mjs'))) as BuildLib;
  if (lib.isStale('node')) await lib.buildNode({ quiet: true });
}
