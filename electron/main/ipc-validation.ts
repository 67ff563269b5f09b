import type { z } from 'zod';
import { InvokeRequest, PickFilesOptions, PickSavePathOptions, ShowInFolderRequest } from '../../shared/api/bridge';
import type { ErrorInfo } from '../../shared/domain/errors';
import { validationError } from '../backend/validation';
import { isAppUrl } from './request-policy';

/**
 * Checks on every IPC message before anything runs: who sent it, and is its
 * payload the shape the bridge contract (shared/api/bridge.ts) promises. The
 * backend validates a method's input again with the method's own schema.
 */

/** The frame an IPC message came from, as Electron reports it (event.senderFrame). */
export interface SenderFrame {
  url: string;
  /** null for the window's top frame. */
  parent: unknown;
}

/**
 * Only our own page, in the window's top frame, may call: not an iframe, not
 * a page that got there by navigation (navigation is blocked, but a check
 * here costs nothing), and not a frame that has gone away (senderFrame null).
 */
export function senderAllowed(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

function check<S extends z.ZodType>(schema: S, payload: unknown, what: string): Checked<z.output<S>> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: validationError(parsed.error, what).toJSON() };
}

export const FORBIDDEN_SENDER: ErrorInfo = { code: 'forbidden', message: 'this window is not allowed to call the workbench' };

export function checkInvoke(payload: unknown): Checked<z.output<typeof InvokeRequest>> {
  return check(InvokeRequest, payload, 'request');
}

export function checkPickFiles(payload: unknown): Checked<z.output<typeof PickFilesOptions>> {
  return check(PickFilesOptions, payload ?? {}, 'pickFiles');
}

export function checkShowInFolder(payload: unknown): Checked<z.output<typeof ShowInFolderRequest>> {
  return check(ShowInFolderRequest, payload, 'showInFolder');
}

export function checkPickSavePath(payload: unknown): Checked<z.output<typeof PickSavePathOptions>> {
  return check(PickSavePathOptions, payload ?? {}, 'pickSavePath');
}
