/**
 * Business drivers as the workspace keeps them — a monthly series of business
 * units (loans processed) and of the process's non-AI costs — and the two
 * ways they travel: from a table a user imports (CSV/XLSX rows), and into a
 * scenario's baseline (shared/engine/workspace-drivers.ts).
 */
import type { BusinessDriver, DriverCostColumn, DriverMonth } from './driver-schema';
import { amountProblem, MAX_DRIVER_UNITS, quantityProblem, yearProblem } from './bounds';
import { WorkbenchError } from './errors';
import { nanosToDecimal, parseMoney } from './money';

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "2026-05", "2026-05-01", "2026/5", "May 2026", "May-2026" → "2026-05"; null if the text is no month. */
export function parseMonthCell(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2}(?:[T ].*)?)?$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
  }
  m = /^([A-Za-z]{3,9})[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const index = MONTH_NAMES.indexOf(m[1]!.slice(0, 3).toLowerCase());
    return index >= 0 ? `${m[2]}-${String(index + 1).padStart(2, '0')}` : null;
  }
  return null;
}

/** "1,040" or "1040.5" → a non-negative count; null if it is not one. Units are counts, not money. */
function parseUnits(text: string): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** "$6.22", "6.22", "1,500.00 USD" → exact decimal text; null if it is not an amount. */
function parseAmount(text: string): string | null {
  const t = text
    .trim()
    .replace(/^[$€£]\s*/, '')
    .replace(/\s*[A-Z]{3}$/, '')
    .replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return nanosToDecimal(parseMoney(t));
}

export function slugId(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 80);
  return slug === '' ? 'units' : slug;
}

/** A cost column's header: "manual processing per loan" (per unit) or "office per month" / "office (monthly)" (a fixed monthly cost). */
export function costColumnOf(header: string, unit: string): DriverCostColumn {
  const h = header.trim().replace(/\s+/g, ' ');
  const monthly = /^(.*?)\s*(?:\(\s*(?:per month|monthly)\s*\)|per month|monthly)$/i.exec(h);
  if (monthly && monthly[1]) return { name: monthly[1], basis: 'fixedMonthly' };
  const escaped = unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const perUnit = new RegExp(`^(.*?)\\s*(?:\\(\\s*per ${escaped}\\s*\\)|per ${escaped}|/\\s*${escaped})$`, 'i').exec(h);
  if (perUnit && perUnit[1]) return { name: perUnit[1], basis: 'perUnit' };
  return { name: h, basis: 'perUnit' };
}

export interface DriverTableOptions {
  /** For messages: the file the rows came from. */
  file: string;
  /** The driver's id (default: from the units column's header). */
  driver?: string;
  /** The unit in the singular (default: the header made singular, e.g. "loans" → "loan"). */
  unit?: string;
}

/**
 * A table with a header row — month, units, then non-AI cost columns — as a
 * business driver. Row numbers in errors are 1-based lines of the table,
 * header included, so they match what a spreadsheet shows.
 */
export function driverFromTable(rows: readonly (readonly string[])[], options: DriverTableOptions): BusinessDriver {
  const { file } = options;
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  if (header.length < 2) {
    throw new WorkbenchError('invalid_file', 'a driver table needs a header row with at least two columns: month, then the units (e.g. loans)', { file, row: 1 });
  }
  const unitsHeader = header[1]!;
  if (unitsHeader === '') throw new WorkbenchError('invalid_file', 'the second column (the units) needs a header such as "loans"', { file, row: 1, field: 'column 2' });
  const unit = options.unit ?? (unitsHeader.toLowerCase().replace(/\s.*$/, '').replace(/s$/, '') || 'unit');
  const columns = header.slice(2).map((h, i) => {
    if (h === '') throw new WorkbenchError('invalid_file', 'every cost column needs a header, e.g. "manual processing per loan"', { file, row: 1, field: `column ${i + 3}` });
    return costColumnOf(h, unit);
  });
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (seen.has(c.name)) throw new WorkbenchError('invalid_file', `the cost ${c.name} appears twice`, { file, row: 1, field: header[i + 2] });
    seen.add(c.name);
  });

  const months: DriverMonth[] = [];
  const monthRows = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const month = parseMonthCell(cells[0] ?? '');
    if (month === null) throw new WorkbenchError('invalid_file', `"${cells[0] ?? ''}" is not a month; write it like 2026-05`, { file, row, field: header[0] || 'month' });
    const outside = yearProblem(month);
    if (outside) throw new WorkbenchError('invalid_file', outside, { file, row, field: header[0] || 'month' });
    const earlier = monthRows.get(month);
    if (earlier !== undefined) throw new WorkbenchError('invalid_file', `${month} appears twice (also row ${earlier})`, { file, row, field: header[0] || 'month' });
    monthRows.set(month, row);
    const units = parseUnits(cells[1] ?? '');
    if (units === null) throw new WorkbenchError('invalid_file', `"${cells[1] ?? ''}" is not a number of ${unit}s`, { file, row, field: unitsHeader });
    const tooMany = quantityProblem(units) ?? (units > MAX_DRIVER_UNITS ? `${units} is too large: units a month are at most ${MAX_DRIVER_UNITS.toLocaleString('en-US')}` : null);
    if (tooMany) throw new WorkbenchError('invalid_file', tooMany, { file, row, field: unitsHeader });
    const costs: Record<string, string> = {};
    columns.forEach((c, ci) => {
      const cell = (cells[ci + 2] ?? '').trim();
      if (cell === '') return;
      const tooLarge = amountProblem(cell.replace(/^[$€£]\s*/, '').replace(/\s*[A-Z]{3}$/, '').replace(/,/g, ''));
      if (tooLarge) throw new WorkbenchError('invalid_file', tooLarge, { file, row, field: header[ci + 2] });
      const amount = parseAmount(cell);
      if (amount === null) throw new WorkbenchError('invalid_file', `"${cell}" is not an amount of money`, { file, row, field: header[ci + 2] });
      costs[c.name] = amount;
    });
    months.push({ month, units, costs });
  });
  if (months.length === 0) throw new WorkbenchError('invalid_file', 'the table has no months below its header', { file, row: 2 });
  months.sort((a, b) => a.month.localeCompare(b.month));
  const name = unitsHeader.charAt(0).toUpperCase() + unitsHeader.slice(1);
  return { id: options.driver ?? slugId(unitsHeader), name, unit, costs: columns, months };
}

/** Business units per month of each driver, for deriving workloads from the ledger. */
export function driverUnitsByMonth(drivers: readonly BusinessDriver[]): Record<string, Record<string, number>> {
  return Object.fromEntries(drivers.map((d) => [d.id, Object.fromEntries(d.months.map((m) => [m.month, m.units]))]));
}
