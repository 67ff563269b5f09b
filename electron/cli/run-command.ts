import { exitCodeFor, printError, EXIT_OK } from './output';
import type { Session } from './session';

/**
 * Runs a command body with one error policy: a WorkbenchError becomes a clear
 * sentence on stderr (and a JSON error document with --json) and the right
 * exit code; the session is always closed.
 */
export async function runCommand(json: boolean, body: (track: (session: Session) => Session) => Promise<number | void>): Promise<void> {
  let session: Session | undefined;
  let code: number;
  try {
    code = (await body((s) => (session = s))) ?? EXIT_OK;
  } catch (error) {
    printError(error, json);
    code = exitCodeFor(error);
  } finally {
    if (session) await session.close();
  }
  process.exitCode = code;
}
