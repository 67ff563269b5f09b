import { isWorkbenchError } from '../../../shared/domain/errors';

/** The sentence to show for a failed call: the API's own, naming file, row and field where it applies. */
export function describeError(error: unknown): string {
  if (isWorkbenchError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
