import { quoteCsv } from './csv-text';
import { WorkbenchError } from './errors';
import { LEDGER_LINE_FIELDS, type LedgerLine, type LedgerLineField } from './ledger-line';
import { nanosToDecimal, parseMoney, type Nanos } from './money';
import { isChargeCategory, isServiceTier, isUsageClass } from './usage';

/**
 * The workbench's own ledger CSV: one column per LedgerLine field, money as
 * exact decimal text, tags as a JSON object. Used for the demo statements,
 * for ledger export, and as a lossless interchange format between workspaces.
 */
export const LEDGER_CSV_COLUMNS = LEDGER_LINE_FIELDS;
export type LedgerCsvColumn = LedgerLineField;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function ledgerCsvHeader(): string {
  return LEDGER_CSV_COLUMNS.join(',');
}

export function ledgerLineToCsv(line: LedgerLine): string {
  const money = (n: Nanos | null) => (n === null ? '' : nanosToDecimal(n));
  const text = (s: string | null) => s ?? '';
  const cells = [
    line.chargePeriodStart,
    line.chargePeriodEnd,
    text(line.billingPeriod),
    line.chargeCategory,
    line.provider,
    text(line.publisher),
    text(line.billingAccount),
    text(line.subAccount),
    text(line.credential),
    text(line.model),
    text(line.modelRaw),
    line.usageClass,
    line.serviceTier,
    text(line.contextBand),
    text(line.region),
    text(line.resourceId),
    text(line.sku),
    text(line.description),
    Object.keys(line.tags).length > 0 ? JSON.stringify(line.tags) : '',
    line.quantity === null ? '' : String(line.quantity),
    line.unit,
    money(line.billedCost),
    money(line.effectiveCost),
    money(line.listCost),
    money(line.contractedCost),
    line.currency,
  ];
  return cells.map(quoteCsv).join(',');
}

/** Checks a header row has every column (extra columns are ignored). */
export function checkLedgerCsvHeader(header: readonly string[], file: string): void {
  const missing = LEDGER_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new WorkbenchError('invalid_file', `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, { file, row: 1, field: missing[0] });
  }
}

/** One CSV record (by column name) to a ledger line; a bad value is an error naming the file, row and field. */
export function ledgerLineFromCsv(record: Readonly<Record<string, string | undefined>>, sourceRow: number, file: string): LedgerLine {
  const fail = (field: string, reason: string): never => {
    throw new WorkbenchError('invalid_file', reason, { file, row: sourceRow, field });
  };
  const get = (field: LedgerCsvColumn): string => record[field] ?? '';
  const optional = (field: LedgerCsvColumn): string | null => {
    const v = get(field);
    return v === '' ? null : v;
  };
  const required = (field: LedgerCsvColumn): string => {
    const v = get(field);
    if (v === '') fail(field, 'is empty');
    return v;
  };
  const money = (field: LedgerCsvColumn): Nanos | null => {
    const v = get(field);
    if (v === '') return null;
    try {
      return parseMoney(v);
    } catch {
      return fail(field, `"${v.slice(0, 40)}" is not a decimal amount`);
    }
  };
  const instant = (field: LedgerCsvColumn): string => {
    const v = required(field);
    if (!INSTANT.test(v) || Number.isNaN(Date.parse(v))) fail(field, `"${v.slice(0, 40)}" is not a UTC instant such as 2026-03-01T00:00:00Z`);
    return v;
  };

  const usageClass = required('usageClass');
  if (!isUsageClass(usageClass)) fail('usageClass', `"${usageClass}" is not a usage class`);
  const serviceTier = required('serviceTier');
  if (!isServiceTier(serviceTier)) fail('serviceTier', `"${serviceTier}" is not a service tier`);
  const chargeCategory = required('chargeCategory');
  if (!isChargeCategory(chargeCategory)) fail('chargeCategory', `"${chargeCategory}" is not a charge category`);
  // An empty quantity is one the statement did not report: unknown, never zero.
  const quantityText = optional('quantity');
  const quantity = quantityText === null ? null : Number(quantityText);
  if (quantity !== null && !Number.isFinite(quantity)) fail('quantity', `"${quantityText!.slice(0, 40)}" is not a number`);
  const currency = required('currency');
  if (!/^[A-Z]{3}$/.test(currency)) fail('currency', `"${currency.slice(0, 10)}" is not an ISO 4217 code`);
  let tags: Record<string, string> = {};
  const tagsText = get('tags');
  if (tagsText !== '') {
    try {
      const parsed: unknown = JSON.parse(tagsText);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      tags = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      fail('tags', 'is not a JSON object of tag names to values');
    }
  }
  const billedCost = money('billedCost');
  if (billedCost === null) return fail('billedCost', 'is empty');

  return {
    chargePeriodStart: instant('chargePeriodStart'),
    chargePeriodEnd: instant('chargePeriodEnd'),
    billingPeriod: optional('billingPeriod'),
    chargeCategory: chargeCategory as LedgerLine['chargeCategory'],
    provider: required('provider'),
    publisher: optional('publisher'),
    billingAccount: optional('billingAccount'),
    subAccount: optional('subAccount'),
    credential: optional('credential'),
    model: optional('model'),
    modelRaw: optional('modelRaw'),
    usageClass: usageClass as LedgerLine['usageClass'],
    serviceTier: serviceTier as LedgerLine['serviceTier'],
    contextBand: optional('contextBand'),
    region: optional('region'),
    resourceId: optional('resourceId'),
    sku: optional('sku'),
    description: optional('description'),
    tags,
    quantity,
    unit: required('unit'),
    billedCost,
    effectiveCost: money('effectiveCost'),
    listCost: money('listCost'),
    contractedCost: money('contractedCost'),
    currency,
    sourceRow,
  };
}
