/**
 * What leaves the allocation as files: every allocated line with its FOCUS
 * 1.3 allocation columns (CSV or Parquet, streamed), and the chargeback
 * statement (team × month in cents that foot to the ledger).
 */
import type { JobParsedInput, MethodOutput, MethodParsedInput } from '../../../shared/api';
import { chargebackCsv, chargebackSheet } from '../../../shared/domain/allocation/chargeback';
import { allocatedRecord, type OriginLine } from '../../../shared/domain/allocation/focus-columns';
import { writeTextFile } from '../files/text-files';
import type { JobContext } from '../jobs/job-runner';
import type { Workspace } from '../workspace/workspace';
import { resolvePolicy, runAllocation } from './allocation-service';
import { csvSink, parquetSink } from './export-writer';

export function exportAllocatedLines(workspace: Workspace, input: JobParsedInput<'allocation.export'>, job?: JobContext): { path: string; lines: number; bytes: number } {
  const policy = resolvePolicy(workspace, input);
  const sink = input.format === 'csv' ? csvSink(input.path, input.overwrite) : parquetSink(input.path, input.overwrite);
  let lines = 0;
  try {
    runAllocation(workspace, policy, {
      ...(input.month ? { month: input.month } : {}),
      extended: true,
      ...(job ? { job } : {}),
      onLine: (line, parts) => {
        const origin: OriginLine = { ...line, ...line.extra! };
        for (const part of parts) {
          sink.write(allocatedRecord(origin, part, policy.teamById.get(part.team), policy.cost));
          lines += 1;
        }
      },
    });
    return { path: input.path, lines, bytes: sink.finish() };
  } catch (error) {
    sink.abort();
    throw error;
  }
}

export function chargebackStatement(workspace: Workspace, input: MethodParsedInput<'allocation.chargebackCsv'>): MethodOutput<'allocation.chargebackCsv'> {
  const sheet = chargebackSheet(runAllocation(workspace, resolvePolicy(workspace, input)).run);
  const csv = chargebackCsv(sheet);
  if (input.path) writeTextFile(input.path, csv);
  return { csv, fileName: 'chargeback.csv', rows: sheet.rows.length, path: input.path ?? null };
}
