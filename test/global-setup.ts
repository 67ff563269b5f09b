/**
 * Builds the Node bundles once before any test file runs, so that tests which
 * run the real entry points (bin/aispend, dist/electron, workers) never race
 * each other rebuilding them.
 */
export default async function setup(): Promise<void> {
  const lib = (await import('../scripts/build-lib.mjs' as string)) as { isStale(part: string): boolean; buildNode(o?: { quiet?: boolean }): Promise<void> };
  if (lib.isStale('node')) await lib.buildNode({ quiet: true });
}
