import type * as Excelts from '@cj-tech-master/excelts';
import type { Cell } from '@cj-tech-master/excelts';
import type { ContractFile } from '../../../shared/domain/contracts/schema';
import { termSheetRows, type TermSheetCell, type TermSheetRowKind } from '../../../shared/domain/contracts/term-sheet-rows';
import { onFirstUse } from '../lazy-require';

/**
 * Writes a contract as its term-sheet workbook (.xlsx) with excelts: the rows
 * and their typing come from the core (term-sheet-rows.ts); this shell gives
 * them the look procurement expects and the number formats that make a date a
 * date and 15% a percentage. Read back (term-sheet-reader.ts), the file gives
 * the same contract.
 */

/** excelts, loaded with the first term sheet written (lazy-require.ts). */
const excelts = onFirstUse<typeof Excelts>('@cj-tech-master/excelts');

const FONT = { name: 'Calibri', size: 11 };
const LABEL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDCE6F1' } };
const SECTION_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FF1F4E79' } };
const COLUMN_WIDTHS = [38, 28, 18, 21, 16, 14, 30, 24, 14];

/** Number formats by cell type; money and rates keep up to nine decimals (a rate per token has many), shown only where present. */
const NUMBER_FORMAT: Partial<Record<TermSheetCell['format'], string>> = {
  date: 'yyyy-mm-dd',
  percent: '0.##########%',
  money: '#,##0.00#######',
  rate: '0.00#######',
  count: '#,##0',
};

/**
 * A decimal as a spreadsheet number when the double holds it exactly as
 * written (so the cell reads back as the same decimal), else as text, which
 * the reader takes as it stands: a term sheet never rounds a contract's terms.
 */
function exactNumber(decimal: string): number | string {
  const n = Number(decimal);
  return Number.isFinite(n) && sameDecimal(String(n), decimal) ? n : decimal;
}

/** Equal as decimals ("700.00" and "700", "0.50" and "0.5"); exponent forms never count as equal. */
function sameDecimal(a: string, b: string): boolean {
  const canonical = (s: string) => {
    if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
    const [whole, fraction = ''] = s.split('.');
    return `${whole!.replace(/^(-?)0+(?=\d)/, '$1')}.${fraction.replace(/0+$/, '')}`;
  };
  const x = canonical(a);
  return x !== null && x === canonical(b);
}

/** The percentage as the cell's fraction (15 → 0.15), when that is exact as a double; else the contract's own text ("12.3456789012345678"), which the reader takes as the percentage it is. */
function percentValue(percent: string): number | string {
  const [whole, fraction = ''] = percent.split('.');
  const negative = whole!.startsWith('-');
  const digits = `${whole!.replace('-', '').padStart(3, '0')}${fraction}`;
  const shifted = `${negative ? '-' : ''}${digits.slice(0, -2 - fraction.length) || '0'}.${digits.slice(-2 - fraction.length)}`;
  const n = exactNumber(shifted);
  return typeof n === 'number' ? n : percent;
}

function cellValue(cell: TermSheetCell): string | number | Date {
  switch (cell.format) {
    case 'date':
      return new Date(`${cell.value}T00:00:00Z`);
    case 'percent':
      return percentValue(String(cell.value));
    case 'money':
    case 'rate':
      return exactNumber(String(cell.value));
    default:
      return cell.value;
  }
}

function style(cell: Cell, kind: TermSheetRowKind, column: number): void {
  cell.font = FONT;
  if (kind === 'title') cell.font = { ...FONT, size: 14, bold: true };
  else if (kind === 'section') {
    cell.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = SECTION_FILL;
  } else if (kind === 'header' || (kind === 'label' && column === 0)) {
    cell.font = { ...FONT, bold: true };
    cell.fill = LABEL_FILL;
  }
}

/** The term-sheet workbook of a contract file, as bytes. */
export async function termSheetWorkbook(contract: ContractFile, options: { created?: Date } = {}): Promise<Buffer> {
  const wb = new (excelts().Workbook)();
  wb.creator = 'AI Spend Workbench';
  // A fixed date by default, so the same contract always gives the same bytes.
  const created = options.created ?? new Date('2026-11-23T00:00:00Z');
  wb.created = created;
  wb.modified = created;
  // Printed or made a PDF for signature review: one page wide, landscape, A4.
  const ws = wb.addWorksheet('Term sheet', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } },
  } as never);
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  for (const row of termSheetRows(contract)) {
    const added = ws.addRow(row.cells.map((c) => (c === null ? '' : cellValue(c))));
    row.cells.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      style(cell, row.kind, i);
      const format = c === null ? undefined : NUMBER_FORMAT[c.format];
      if (format && typeof cell.value !== 'string') cell.numFmt = format;
      // A label's value reads as a sentence: left-aligned whether it is text, a date or an amount.
      if (row.kind === 'label') cell.alignment = i === 1 ? { horizontal: 'left', vertical: 'top', wrapText: true } : { vertical: 'top' };
    });
    const value = row.kind === 'label' ? row.cells[1] : null;
    if (value && typeof value.value === 'string' && value.value.length > COLUMN_WIDTHS[1]!) {
      // Long text (notes, a reason) spans the sheet's width and wraps, its row as tall as its lines.
      const span = COLUMN_WIDTHS.slice(1).reduce((a, b) => a + b, 0);
      const lines = value.value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (span * 0.95))), 0);
      ws.mergeCells(added.number, 2, added.number, COLUMN_WIDTHS.length);
      added.height = 15 * lines;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
