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
import { parseExactYaml } from '../../shared/domain/yaml-text';

const HERE = dirname(fileURLToPath(import.meta.url));

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
  if (c.minimumMonthlyFee !== undefined) kv('Minimum monthly fee', money(c.minimumMonthlyFee), '#,##0.00');
  const stacked = c.discounts.some((d) => d.stacks === true);
  if (stacked) kv('Discount stacking', c.discountStacking);
  if (c.commitment) {
    if (c.commitment.amount !== undefined) kv('Commitment amount', money(c.commitment.amount), '#,##0.00');
    kv('Commitment period', c.commitment.period);
    if (c.commitment.trueUp !== undefined) kv('True up', c.commitment.trueUp);
    kv('Take or pay', yesNo(c.commitment.takeOrPay));
    kv('Carry over', c.commitment.carryOver);
    if (c.commitment.maxCarryOver !== undefined) kv('Max carry over', money(c.commitment.maxCarryOver), '#,##0.00');
    kv('Commitment includes provisioned fees', yesNo(c.commitment.includesProvisionedFees));
  }
  if (c.volumeDiscount) {
    kv('Volume discount basis', c.volumeDiscount.basis);
    kv('Volume discount period', c.volumeDiscount.period);
    kv('Volume discount method', c.volumeDiscount.method);
  }
  if (c.credits) kv('Credit burn order', c.credits.burnOrder);
  if (c.priceChange) {
    kv('Price change notice days', c.priceChange.noticeDays);
    if (c.priceChange.capPercent !== undefined) kv('Price change cap %', pct(c.priceChange.capPercent), '0%');
  }

  const section = (name: string, headers: string[], rows: (string | number | Date | null)[][], formats: (string | null)[]) => {
    if (rows.length === 0) return;
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
    c.rates.map((r) => [r.model ?? null, r.usageClass, r.serviceTier ?? null, r.meter ?? null, r.contextBand ?? null, r.region ?? null, money(r.price), r.per ?? null, r.unit ?? null]),
    [null, null, null, null, null, null, '0.00##', '#,##0', null],
  );
  // The Stacks column only where a discount stacks: a sheet whose discounts compete reads as it always did.
  section(
    'Discounts',
    ['Label', 'Percent off', 'Models', 'Usage classes', 'Service tiers', ...(stacked ? ['Stacks'] : [])],
    c.discounts.map((d) => [d.label ?? null, pct(d.percentOff), d.models?.join(', ') ?? null, d.usageClasses?.join(', ') ?? null, d.serviceTiers?.join(', ') ?? null, ...(stacked ? [yesNo(d.stacks === true)] : [])]),
    [null, '0%', null, null, null, null],
  );
  section('Commitment years', ['Year', 'Amount'], (c.commitment?.years ?? []).map((y) => [y.year, money(y.amount)]), [null, '#,##0.00']);
  section('Volume tiers', ['From', 'Percent off'], (c.volumeDiscount?.tiers ?? []).map((t) => [money(t.from), pct(t.percentOff)]), ['#,##0.00', '0%']);
  // Scope and part-month columns only where a grant has them: a sheet of plain grants reads as it always did.
  const grants = c.credits?.grants ?? [];
  const scoped = grants.some((g) => g.models || g.usageClasses || g.serviceTiers);
  const partMonth = grants.some((g) => g.partMonth !== undefined);
  section(
    'Credits',
    ['Id', 'Amount', 'Start', 'Expires', 'Applies to', ...(scoped ? ['Models', 'Usage classes', 'Service tiers'] : []), ...(partMonth ? ['Part month'] : [])],
    grants.map((g) => [
      g.id,
      money(g.amount),
      day(g.start),
      day(g.expires),
      g.appliesTo,
      ...(scoped ? [g.models?.join(', ') ?? null, g.usageClasses?.join(', ') ?? null, g.serviceTiers?.join(', ') ?? null] : []),
      ...(partMonth ? [g.partMonth ?? null] : []),
    ]),
    [null, '#,##0.00', 'yyyy-mm-dd', 'yyyy-mm-dd', null, null, null, null, null],
  );
  section(
    'Provisioned',
    ['Id', 'Units', 'Price per unit-hour', 'Price per unit-month', 'Start', 'End', 'Models', 'Throughput per unit'],
    c.provisioned.map((p) => [
      p.id,
      p.units,
      p.pricePerUnitHour === undefined ? null : money(p.pricePerUnitHour),
      p.pricePerUnitMonth === undefined ? null : money(p.pricePerUnitMonth),
      day(p.start),
      day(p.end),
      p.models.join(', '),
      Object.entries(p.throughputPerUnit)
        .map(([m, t]) => `${m}=${t}`)
        .join('; '),
    ]),
    [null, '#,##0', '0.00', '#,##0.00', 'yyyy-mm-dd', 'yyyy-mm-dd', null, null],
  );
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
