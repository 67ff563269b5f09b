import type { RunResult } from '../../../shared/api/scenarios';
import type { ErrorInfo } from '../../../shared/domain/errors';
import type { DrawSummary, RunRanges } from '../../../shared/engine/draw-summary';
import type { RunTaskInput } from '../../../shared/engine/tasks';

/** Messages between the backend and its engine worker threads (engine.worker.ts). */
export type EngineRequest =
  | { id: number; task: 'deterministic'; input: RunTaskInput; cancel: SharedArrayBuffer }
  | { id: number; task: 'draws'; input: RunTaskInput; from: number; to: number; cancel: SharedArrayBuffer }
  | { id: number; task: 'finish'; input: RunTaskInput; parts: DrawSummary[]; cancel: SharedArrayBuffer }
  | { id: number; task: 'summarise'; input: RunTaskInput; parts: DrawSummary[]; cancel: SharedArrayBuffer }
  | { id: number; task: 'exact'; input: RunTaskInput; cancel: SharedArrayBuffer };

export type EngineReply =
  | { id: number; type: 'progress'; done: number; message: string }
  | { id: number; type: 'result'; result: RunResult }
  | { id: number; type: 'summary'; summary: DrawSummary }
  | { id: number; type: 'ranges'; ranges: RunRanges | null }
  | { id: number; type: 'error'; error: ErrorInfo };
