import type { z } from 'zod';
import { WorkbenchError } from '../../shared/domain/errors';

/** A zod failure as the one error shape: the first problem, with the field path it concerns. */
export function validationError(error: z.ZodError, prefix?: string): WorkbenchError {
  const issue = error.issues[0];
  const fieldPath = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined && p !== '').join('.');
  const message = issue ? issue.message : 'invalid input';
  return new WorkbenchError('bad_input', fieldPath ? `${fieldPath}: ${message}` : message, {
    field: fieldPath || undefined,
    details: error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}
