/**
 * One error shape for everything a user can be told about: a code a program
 * can branch on, a sentence a person can act on, and where it applies the
 * file, row and field that caused it.
 */

export const ERROR_CODES = [
  'bad_input', // a request or argument failed validation
  'not_found',
  'conflict', // e.g. the same file imported twice
  'not_a_workspace',
  'workspace_too_new',
  'workspace_corrupt',
  'read_only', // the workspace (or its folder or medium) cannot be written: opened read-only
  'disk_full', // a write failed for lack of space; nothing was kept
  'unrecognised_format',
  'invalid_file',
  'cancelled',
  'unauthorized',
  'forbidden',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorLocation {
  file?: string;
  /** 1-based row or record number in `file`. */
  row?: number;
  field?: string;
}

export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly row?: number;
  readonly field?: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, where: ErrorLocation & { details?: unknown; cause?: unknown } = {}) {
    super(message, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = 'WorkbenchError';
    this.code = code;
    if (where.file !== undefined) this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.field !== undefined) this.field = where.field;
    if (where.details !== undefined) this.details = where.details;
  }

  /** "file.csv, row 12, field BilledCost: ..." — the sentence shown to users and printed by the CLI. */
  describe(): string {
    const where = [
      this.file,
      this.row !== undefined ? `row ${this.row}` : undefined,
      this.field !== undefined ? `field ${this.field}` : undefined,
    ].filter(Boolean);
    return where.length > 0 ? `${where.join(', ')}: ${this.message}` : this.message;
  }

  toJSON(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.file !== undefined) info.file = this.file;
    if (this.row !== undefined) info.row = this.row;
    if (this.field !== undefined) info.field = this.field;
    if (this.details !== undefined) info.details = this.details;
    return info;
  }
}

/** The wire form of an error. */
export interface ErrorInfo extends ErrorLocation {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function isWorkbenchError(error: unknown): error is WorkbenchError {
  return error instanceof WorkbenchError;
}

/** Any thrown value to the wire form; unknown errors become `internal` without leaking stack traces. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof WorkbenchError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  // Storage failures a service did not name itself still reach the user as what they are.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return { code: 'disk_full', message: `the disk is full; nothing was changed: free some space and try again (${message})` };
  if (typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'EROFS')) return { code: 'read_only', message: `the workspace cannot be written here; nothing was changed (${message})` };
  return { code: 'internal', message };
}
