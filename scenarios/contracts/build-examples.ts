/**
 * Generates the contract artefacts beside this file:
 * - contract.schema.json: the contract file schema as JSON Schema (for
 *   editor completion in YAML: `# yaml-language-server: $schema=./contract.schema.json`);
 * - azure-term-sheet-2027.xlsx: an example term sheet in the documented
 *   layout (README.md), written from azure-term-sheet-2027.yaml so the two
 *   always say the same thing.
 *
 * Run: `npx tsx scenarios/contracts/build-examples.ts`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workbook } from '@cj-tech-master/excelts';
import { z } from 'zod';
import { ContractFileSchema, type ContractFile } from '../../shared/domain/contracts/schema';
import type { ContractTermKey } from '../../shared/domain/contracts/types';
import { parseExactYaml } from '../../shared/domain/yaml-text';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The terms of a contract file, or the terms a version names (the rest left out). */
type VersionTerms = Partial<Pick<ContractFile, ContractTermKey>>;

export function contractJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ContractFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://aispend.local/schemas/contract.schema.json',
    title: 'AI Spend Workbench contract',
    description: 'Contract terms for pricing usage and checking invoices. Amounts are decimal text in the contract currency; dates are YYYY-MM-DD; percentages are numbers (15 = 15%).',
    ...schema,
  };
}

export function contractJsonSchemaText(): string {
  return `${JSON.stringify(contractJsonSchema(), null, 2)}\n`;
}

const FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDCE6F1' } };
const SECTION_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FF1F4E79' } };

function day(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

/** Builds the term-sheet workbook for a contract file: typed cells (dates, percentages, amounts) as a person would type them. */
export async function termSheetWorkbook(c: ContractFile): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'AI Spend Workbench';
  wb.created = new Date('2026-11-23T00:00:00Z');
  wb.modified = new Date('2026-11-23T00:00:00Z');
  const ws = wb.addWorksheet('Term sheet', { views: [{ state: 'frozen', ySplit: 0 }] });
  ws.columns = [{ width: 38 }, { width: 28 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 14 }, { width: 30 }, { width: 24 }];
  const font = { name: 'Calibri', size: 11 };

  const kv = (label: string, value: string | number | Date | undefined, numFmt?: string) => {
    if (value === undefined) return;
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { ...font, bold: true };
    row.getCell(1).fill = FILL;
    row.getCell(2).font = font;
    if (numFmt) row.getCell(2).numFmt = numFmt;
  };
  const pct = (p: string) => Number(p) / 100;
  const money = (a: string) => Number(a);
  const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

  const title = ws.addRow(['Contract term sheet']);
  title.getCell(1).font = { ...font, size: 14, bold: true };
  ws.addRow([]);
  kv('Contract id', c.id);
  kv('Name', c.name);
  kv('Vendor', c.vendor);
  kv('Currency', c.currency);
  kv('Start', day(c.term.start), 'yyyy-mm-dd');
  kv('End', day(c.term.end), 'yyyy-mm-dd');
  kv('Notes', c.notes);
  writeTerms(c, false);
  // Each version after the terms as signed, in the same layout: from when, why, until when, what it withdraws, then the terms it names.
  (c.versions ?? []).forEach((v, i) => {
    ws.addRow([]);
    const mark = ws.addRow([`[Version ${i + 2}]`]);
    mark.getCell(1).font = { ...font, bold: true, color: { argb: 'FFFFFFFF' } };
    mark.getCell(1).fill = SECTION_FILL;
    kv('Effective from', day(v.effectiveFrom), 'yyyy-mm-dd');
    kv('Reason', v.reason);
    if (v.end !== undefined) kv('End', day(v.end), 'yyyy-mm-dd');
    if (v.withdrawCredits !== undefined) kv('Withdraw credits', v.withdrawCredits.join(', '));
    writeTerms(v as VersionTerms, true);
  });

  /**
   * The terms' labels and tables: every term of the contract as signed (a default left unwritten), or exactly the terms
   * a version names (written even where they hold the default, and a table with no rows: a version that names a term
   * replaces it).
   */
  function writeTerms(t: VersionTerms, version: boolean): void {
    if (t.minimumMonthlyFee !== undefined) kv('Minimum monthly fee', money(t.minimumMonthlyFee), '#,##0.00');
    if (t.minimumFeeOrder !== undefined && (version || t.minimumFeeOrder !== 'before_credits')) kv('Minimum fee order', t.minimumFeeOrder);
    const discounts = t.discounts ?? [];
    const stacked = discounts.some((d) => d.stacks === true);
    if (t.discountStacking !== undefined && (version || stacked)) kv('Discount stacking', t.discountStacking);
    if (t.commitment) {
      if (t.commitment.amount !== undefined) kv('Commitment amount', money(t.commitment.amount), '#,##0.00');
      kv('Commitment period', t.commitment.period);
      if (t.commitment.trueUp !== undefined) kv('True up', t.commitment.trueUp);
      kv('Take or pay', yesNo(t.commitment.takeOrPay));
      kv('Carry over', t.commitment.carryOver);
      if (t.commitment.maxCarryOver !== undefined) kv('Max carry over', money(t.commitment.maxCarryOver), '#,##0.00');
      kv('Commitment includes provisioned fees', yesNo(t.commitment.includesProvisionedFees));
    }
    if (t.volumeDiscount) {
      kv('Volume discount basis', t.volumeDiscount.basis);
      kv('Volume discount period', t.volumeDiscount.period);
      kv('Volume discount method', t.volumeDiscount.method);
    }
    if (t.credits) kv('Credit burn order', t.credits.burnOrder);
    if (t.priceChange) {
      kv('Price change notice days', t.priceChange.noticeDays);
      if (t.priceChange.capPercent !== undefined) kv('Price change cap %', pct(t.priceChange.capPercent), '0%');
    }

    // A version's table is written when it names the term, rows or none.
    const section = (name: string, headers: string[], rows: (string | number | Date | null)[][] | undefined, formats: (string | null)[]) => {
      if (rows === undefined || (rows.length === 0 && !version)) return;
      ws.addRow([]);
      const s = ws.addRow([`[${name}]`]);
      s.getCell(1).font = { ...font, bold: true, color: { argb: 'FFFFFFFF' } };
      s.getCell(1).fill = SECTION_FILL;
      const h = ws.addRow(headers);
      h.eachCell((cell) => {
        cell.font = { ...font, bold: true };
        cell.fill = FILL;
      });
      for (const values of rows) {
        const r = ws.addRow(values.map((v) => (v === null ? '' : v)));
        formats.forEach((f, i) => {
          if (f && values[i] !== null) r.getCell(i + 1).numFmt = f;
        });
      }
    };

    section(
      'Rates',
      ['Model', 'Usage class', 'Service tier', 'Meter', 'Context band', 'Region', 'Price', 'Per', 'Unit'],
      t.rates?.map((r) => [r.model ?? null, r.usageClass, r.serviceTier ?? null, r.meter ?? null, r.contextBand ?? null, r.region ?? null, money(r.price), r.per ?? null, r.unit ?? null]),
      [null, null, null, null, null, null, '0.00##', '#,##0', null],
    );
    // The Stacks column only where a discount stacks: a sheet whose discounts compete reads as it always did.
    section(
      'Discounts',
      ['Label', 'Percent off', 'Models', 'Usage classes', 'Service tiers', ...(stacked ? ['Stacks'] : [])],
      t.discounts?.map((d) => [d.label ?? null, pct(d.percentOff), d.models?.join(', ') ?? null, d.usageClasses?.join(', ') ?? null, d.serviceTiers?.join(', ') ?? null, ...(stacked ? [yesNo(d.stacks === true)] : [])]),
      [null, '0%', null, null, null, null],
    );
    // Years of a ramp only where it has some (a commitment without a ramp has none to name).
    const years = t.commitment?.years ?? [];
    if (years.length > 0) section('Commitment years', ['Year', 'Amount'], years.map((y) => [y.year, money(y.amount)]), [null, '#,##0.00']);
    if (t.volumeDiscount) section('Volume tiers', ['From', 'Percent off'], t.volumeDiscount.tiers.map((x) => [money(x.from), pct(x.percentOff)]), ['#,##0.00', '0%']);
    // Scope and part-month columns only where a grant has them: a sheet of plain grants reads as it always did.
    const grants = t.credits?.grants;
    const scoped = (grants ?? []).some((g) => g.models || g.usageClasses || g.serviceTiers || g.publishers);
    const partMonth = (grants ?? []).some((g) => g.partMonth !== undefined);
    section(
      'Credits',
      ['Id', 'Amount', 'Start', 'Expires', 'Applies to', ...(scoped ? ['Publishers', 'Models', 'Usage classes', 'Service tiers'] : []), ...(partMonth ? ['Part month'] : [])],
      grants?.map((g) => [
        g.id,
        money(g.amount),
        day(g.start),
        day(g.expires),
        g.appliesTo,
        ...(scoped ? [g.publishers?.join(', ') ?? null, g.models?.join(', ') ?? null, g.usageClasses?.join(', ') ?? null, g.serviceTiers?.join(', ') ?? null] : []),
        ...(partMonth ? [g.partMonth ?? null] : []),
      ]),
      [null, '#,##0.00', 'yyyy-mm-dd', 'yyyy-mm-dd', null, null, null, null, null, null],
    );
    section(
      'Provisioned',
      ['Id', 'Units', 'Price per unit-hour', 'Price per unit-month', 'Start', 'End', 'Models', 'Throughput per unit'],
      t.provisioned?.map((p) => [
        p.id,
        p.units,
        p.pricePerUnitHour === undefined ? null : money(p.pricePerUnitHour),
        p.pricePerUnitMonth === undefined ? null : money(p.pricePerUnitMonth),
        day(p.start),
        day(p.end),
        p.models.join(', '),
        Object.entries(p.throughputPerUnit)
          .map(([m, x]) => `${m}=${x}`)
          .join('; '),
      ]),
      [null, '#,##0', '0.00', '#,##0.00', 'yyyy-mm-dd', 'yyyy-mm-dd', null, null],
    );
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function exampleTermSheetContract(): ContractFile {
  const file = resolve(HERE, 'azure-term-sheet-2027.yaml');
  return ContractFileSchema.parse(parseExactYaml(readFileSync(file, 'utf8'), file));
}

async function main(): Promise<void> {
  writeFileSync(resolve(HERE, 'contract.schema.json'), contractJsonSchemaText());
  writeFileSync(resolve(HERE, 'azure-term-sheet-2027.xlsx'), await termSheetWorkbook(exampleTermSheetContract()));
  console.log('wrote scenarios/contracts/contract.schema.json and azure-term-sheet-2027.xlsx');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
