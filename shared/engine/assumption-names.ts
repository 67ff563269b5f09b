/**
 * The naming rule for assumptions and KPIs: the names that label cells in the
 * board workbook (Excel defined names) and that `aispend run --set NAME=VALUE`
 * accepts. One rule for both front doors.
 *
 *   <Area>.<id>.<id>….<Field>
 *
 * Areas: Driver, Workload, Lever, Price, Contract, Kpi. Ids are the scenario
 * file's ids (drivers, workloads, scenarios, providers, models, contracts)
 * with every character other than a letter, digit, underscore or full stop
 * written as an underscore; fields are the file's field names in PascalCase.
 * Excel compares names without regard to case, so two names that differ only
 * in case are made distinct with a numeric suffix.
 */

/** Excel's limit on a defined name's length. */
export const MAX_NAME_LENGTH = 255;

/** An id or model as a name segment: letters, digits, `_` and `.` kept, anything else `_`. */
export function nameSegment(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_.]/g, '_');
  return s === '' ? '_' : s;
}

/** "cacheableShare" → "CacheableShare", "cache_write_5m" → "CacheWrite5m". */
export function pascal(field: string): string {
  return field
    .split(/[_\s-]+/)
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** Columns run to XFD (16,384) and rows to 1,048,576: text Excel could take for an A1 reference. */
function looksLikeA1(text: string): boolean {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text);
  if (!m) return false;
  const col = m[1]!.toUpperCase().split('').reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0);
  const row = Number(m[2]);
  return col <= 16_384 && row >= 1 && row <= 1_048_576;
}

function looksLikeR1C1(text: string): boolean {
  return /^[Rr]\d*[Cc]\d*$/.test(text) || /^[RrCc]$/.test(text) || /^[Rr]\d+$/.test(text) || /^[Cc]\d+$/.test(text);
}

/**
 * Whether Excel and LibreOffice accept `name` as a workbook-level defined
 * name: starts with a letter or underscore; letters, digits, `_` and `.`
 * only; never the shape of a cell reference (A1 or R1C1), whole or before
 * its first full stop; at most 255 characters.
 */
export function isValidDefinedName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) return false;
  if (/^(TRUE|FALSE)$/i.test(name)) return false;
  const head = name.split('.')[0]!;
  for (const part of [name, head]) if (looksLikeA1(part) || looksLikeR1C1(part)) return false;
  return true;
}

/** Hands out names, refusing invalid ones and making case-insensitive duplicates distinct. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  claim(wanted: string): string {
    let base = wanted.length > MAX_NAME_LENGTH - 4 ? wanted.slice(0, MAX_NAME_LENGTH - 4) : wanted;
    if (!isValidDefinedName(base)) base = `N_${base.replace(/[^A-Za-z0-9_.]/g, '_')}`;
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()) || !isValidDefinedName(name); n++) name = `${base}_${n}`;
    this.taken.add(name.toLowerCase());
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }
}

/** The KPI names on the workbook's Summary sheet, per scenario: Kpi.<scenario>.<Field>. */
export const KPI_FIELDS = [
  ['TotalCost', 'Total cost over the horizon'],
  ['AiCost', 'AI cost over the horizon'],
  ['NonAiCost', 'Non-AI cost over the horizon'],
  ['BusinessUnits', 'Business units over the horizon'],
  ['CostPerUnit', 'Cost per unit'],
  ['AiCostPerUnit', 'AI cost per unit'],
  ['CostPerSuccess', 'Cost per successful outcome'],
  ['SavingsVsBaseline', 'Savings against the baseline'],
  ['BreakEvenMonth', 'Break-even month'],
  ['SavingsStartMonth', 'Savings start month'],
] as const;
export type KpiField = (typeof KPI_FIELDS)[number][0];

export function kpiName(scenarioId: string, field: KpiField | `${'P10' | 'P50' | 'P90'}.${string}`): string {
  return `Kpi.${nameSegment(scenarioId)}.${field}`;
}
