import type { AreaHandlers, JobHandlerMap } from '../area';
import { workspaceIfOpen } from '../context';
import { exportBoardWorkbook, exportOptions } from './export-service';

export const exportHandlers: AreaHandlers<'export.options'> = {
  'export.options': (_input, backend) => exportOptions(backend.workspace()),
};

export const exportJobs: JobHandlerMap<'export.workbook'> = {
  // A file on disk may be exported without a workspace open (the CLI without --workspace).
  'export.workbook': (input, backend, job) => exportBoardWorkbook(workspaceIfOpen(backend), input, { signal: job.signal, progress: (done, total, message) => job.progress(done, total, message) }),
};
