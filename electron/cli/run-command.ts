import type { Backend } from '../backend/backend';
import { exitCodeFor, printError, EXIT_OK } from './output';

/**
 * Runs a command body with one error policy: a WorkbenchError becomes a clear
 * sentence on stderr (and a JSON error document with --json) and the right
 * exit code; the backend is always closed.
 */
export async function runCommand(json: boolean, body: (track: (backend: Backend) => Backend) => Promise<number | void>): Promise<void> {
  let backend: Backend | undefined;
  let code: number;
  try {
    code = (await body((b) => (backend = b))) ?? EXIT_OK;
  } catch (error) {
    printError(error, json);
    code = exitCodeFor(error);
  } finally {
    if (backend) await backend.close();
  }
  process.exitCode = code;
}
