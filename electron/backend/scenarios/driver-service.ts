import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type * as SheetJS from 'xlsx';
import type { BusinessDriver } from '../../../shared/api/scenarios';
import { driverFromTable } from '../../../shared/domain/drivers';
import { WorkbenchError } from '../../../shared/domain/errors';
import { onFirstUse } from '../lazy-require';
import { changed, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { DriverRepository } from './driver-repository';

const MAX_TABLE_BYTES = 20 * 1024 * 1024;
/** SheetJS, loaded with the first workbook (lazy-require.ts). */
const sheetJs = onFirstUse<typeof SheetJS>('xlsx');

/** An XLSX cell as text: numbers without exponent or float noise beyond what Excel shows, dates as ISO days. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    const text = String(value);
    return /e/i.test(text) ? value.toFixed(9).replace(/\.?0+$/, '') : text;
  }
  return String(value);
}

/** The rows of a CSV or the first sheet of an XLSX workbook, as text cells (CSV text is kept exactly as written). */
export function readTable(file: string): string[][] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new WorkbenchError('not_found', 'no such file', { file });
  }
  if (size > MAX_TABLE_BYTES) throw new WorkbenchError('bad_input', 'a driver table larger than 20 MB is not a monthly series', { file });
  const ext = path.extname(file).toLowerCase();
  const bytes = readFileSync(file);
  if (ext === '.xlsx' || ext === '.xls' || ext === '.ods') {
    const XLSX = sheetJs();
    let workbook: SheetJS.WorkBook;
    try {
      workbook = XLSX.read(bytes, { type: 'buffer', cellDates: true, dense: true });
    } catch (error) {
      throw new WorkbenchError('invalid_file', `not a readable workbook: ${error instanceof Error ? error.message : String(error)}`, { file });
    }
    const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ''];
    if (!sheet) throw new WorkbenchError('invalid_file', 'the workbook has no sheets', { file });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, blankrows: true, defval: null });
    return rows.map((r) => r.map(cellText));
  }
  try {
    return parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new WorkbenchError('invalid_file', `not a readable CSV file: ${e.message ?? String(error)}`, { file, ...(e.lines ? { row: e.lines } : {}) });
  }
}

/** Imports one driver from a table and stores it (replacing a driver with the same id), to be committed with its audit entry. */
export function importDriverFile(workspace: Workspace, input: { path: string; driver?: string | undefined; unit?: string | undefined }): Change<{ driver: BusinessDriver; months: number; replaced: boolean }> {
  const file = path.resolve(input.path);
  const driver = driverFromTable(readTable(file), { file: path.basename(file), ...(input.driver ? { driver: input.driver } : {}), ...(input.unit ? { unit: input.unit } : {}) });
  const how = new DriverRepository(workspace.db).put(driver, new Date().toISOString());
  return changed({ driver, months: driver.months.length, replaced: how === 'replaced' }, 'drivers.imported', {
    id: driver.id,
    file: path.basename(file),
    months: driver.months.length,
    costs: driver.costs.map((c) => c.name),
  });
}

/** Replaces every business driver (the editor's save), to be committed with its audit entry. */
export function saveDrivers(workspace: Workspace, drivers: readonly BusinessDriver[]): Change<{ saved: number }> {
  const ids = new Set<string>();
  drivers.forEach((d, i) => {
    if (ids.has(d.id)) throw new WorkbenchError('bad_input', `the driver id ${d.id} is used twice`, { field: `drivers.${i}.id` });
    ids.add(d.id);
  });
  new DriverRepository(workspace.db).replaceAll(drivers, new Date().toISOString());
  return changed({ saved: drivers.length }, 'drivers.saved', { drivers: drivers.map((d) => ({ id: d.id, months: d.months.length })) });
}
