/**
 * scripts/start.mjs waits for this line on Electron's stdout to know the window is up; if Electron exits
 * before printing it, the launcher serves browser mode instead. start.mjs has its own copy (a test checks
 * they agree).
 */
export const READY_LINE = 'AI Spend Workbench (Electron) is ready';

/**
 * The workspace to open from a command line: `--workspace FILE`,
 * `--workspace=FILE`, or a bare *.aispend path (how an OS file association
 * passes a double-clicked file). Electron and Chromium add their own
 * switches to argv, so anything else is ignored rather than rejected.
 */
export function workspaceFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--workspace') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) return next;
    } else if (arg.startsWith('--workspace=')) {
      const value = arg.slice('--workspace='.length);
      if (value !== '') return value;
    }
  }
  // argv[0] is the executable; a bare file argument comes after it.
  return argv.slice(1).find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.aispend'));
}
