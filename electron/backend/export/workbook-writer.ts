/**
 * Writes the board workbook (shared/workbook's data) to .xlsx with excelts:
 * cells, cached formula results, styles, defined names, native charts, print
 * setup and document properties. A sheet too large for memory (the ledger's
 * raw lines) is streamed into the file afterwards (streamed-sheet.ts).
 *
 * Strings are always written as text cells: excelts never reads a string
 * value as a formula, whatever it starts with.
 */
import type * as Excelts from '@cj-tech-master/excelts';
import type { Workbook, Worksheet } from '@cj-tech-master/excelts';
import type * as ExceltsCharts from '@cj-tech-master/excelts/chart';
import type { Cell, ChartSpec, Sheet, WorkbookData } from '../../../shared/workbook/model';
import { styleSpecs, type StyleName, type StyleSpec } from '../../../shared/workbook/styles';
import { onFirstUse } from '../lazy-require';
import { spliceStreamedSheet } from './streamed-sheet';

/** excelts and its charts, loaded with the first workbook written (lazy-require.ts). */
const excelts = onFirstUse<typeof Excelts>('@cj-tech-master/excelts');
const excelCharts = onFirstUse<typeof ExceltsCharts>('@cj-tech-master/excelts/chart');

let chartsInstalled = false;

export interface WriteProgress {
  (done: number, total: number | null, message: string): void;
}

export interface WriteResult {
  bytes: number;
  sheets: number;
  formulas: number;
  streamedRows: number;
}

type ExcelStyle = Record<string, unknown>;

function excelStyle(spec: StyleSpec): ExcelStyle {
  const style: ExcelStyle = {};
  if (spec.font) style.font = { name: 'Calibri', size: spec.font.size ?? 11, bold: spec.font.bold, italic: spec.font.italic, underline: spec.font.underline, color: spec.font.color ? { argb: `FF${spec.font.color}` } : undefined };
  if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${spec.fill}` } };
  if (spec.numFmt) style.numFmt = spec.numFmt;
  if (spec.align || spec.wrap) style.alignment = { horizontal: spec.align, vertical: spec.wrap ? 'top' : undefined, wrapText: spec.wrap };
  const line = { style: 'thin', color: { argb: 'FFBFBFBF' } };
  if (spec.border === 'bottom') style.border = { bottom: { style: 'medium', color: { argb: 'FF1F3864' } } };
  if (spec.border === 'top') style.border = { top: line };
  if (spec.border === 'box') style.border = { top: line, bottom: line, left: line, right: line };
  return style;
}

function cellValue(cell: Cell): unknown {
  if (cell.formula !== undefined) {
    const v = cell.value;
    const result = v === '#N/A' ? { error: '#N/A' } : typeof v === 'number' && !Number.isFinite(v) ? { error: '#N/A' } : v;
    return { formula: cell.formula, result };
  }
  if (cell.link && typeof cell.value === 'string') return { text: cell.value, hyperlink: cell.link };
  if (typeof cell.value === 'number' && !Number.isFinite(cell.value)) return null;
  return cell.value;
}

function addChart(ws: Worksheet, chart: ChartSpec): void {
  const line = chart.kind === 'line';
  const options = {
    title: chart.title,
    series: chart.series.map((s) => ({ name: s.name, categories: s.categories, values: s.values, ...(line ? { smooth: false, marker: { symbol: 'none' } } : {}) })),
    showLegend: chart.series.length > 1,
    legendPosition: 'b' as const,
    ...(line ? { smooth: false, showMarker: false } : { gapWidth: 60 }),
    valueAxis: { ...(chart.yTitle ? { title: chart.yTitle } : {}), ...(chart.yFormat ? { numFmt: chart.yFormat, numFmtLinked: false } : {}), majorGridlines: true, minorTickMark: 'none', majorTickMark: 'out' },
    categoryAxis: { minorTickMark: 'none', majorTickMark: 'out', ...(line && chart.series[0] ? { tickLblSkip: 3 } : {}) },
  };
  const range = `${chart.from}:${chart.to}`;
  if (chart.kind === 'line') ws.addLineChart(options as never, range);
  else if (chart.kind === 'column') ws.addColumnChart(options as never, range);
  else ws.addBarChart(options as never, range);
}

function writeSheet(wb: Workbook, sheet: Sheet, styles: Record<StyleName, ExcelStyle>): { ws: Worksheet; formulas: number } {
  const ws = wb.addWorksheet(sheet.name, {
    views: [
      sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.columns > 0)
        ? { state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows, showGridLines: sheet.showGridLines }
        : { state: 'normal', showGridLines: sheet.showGridLines },
    ] as never,
    properties: { outlineLevelCol: sheet.columns.some((c) => (c.outlineLevel ?? 0) > 0) ? 1 : 0, ...(sheet.tabColor ? { tabColor: { argb: `FF${sheet.tabColor}` } } : {}) } as never,
    pageSetup: {
      orientation: sheet.print.landscape ? 'landscape' : 'portrait',
      fitToPage: sheet.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      ...(sheet.printArea ? { printArea: sheet.printArea } : {}),
      ...(sheet.print.repeatRows ? { printTitlesRow: sheet.print.repeatRows } : {}),
    } as never,
    headerFooter: { oddHeader: sheet.print.header, oddFooter: sheet.print.footer } as never,
  });
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.outlineLevel) col.outlineLevel = c.outlineLevel;
    if (c.hidden) col.hidden = true;
  });
  let formulas = 0;
  sheet.rows.forEach((cells, r) => {
    if (!cells) return;
    const row = ws.getRow(r + 1);
    const height = sheet.rowHeights?.get(r);
    if (height) row.height = height;
    cells.forEach((cell, c) => {
      if (!cell) return;
      const target = row.getCell(c + 1);
      const value = cellValue(cell);
      if (value !== null) target.value = value as never;
      if (cell.formula !== undefined) formulas++;
      if (cell.style) target.style = styles[cell.style] as never;
      if (cell.note) target.note = cell.note;
    });
  });
  if (sheet.stream) {
    // A template row whose cells carry the streamed columns' styles (streamed-sheet.ts reads them, then replaces the row).
    const row = ws.getRow(sheet.rows.length + 1);
    sheet.stream.styles.forEach((style, c) => {
      const target = row.getCell(c + 1);
      target.value = 0;
      if (style) target.style = styles[style] as never;
    });
  }
  for (const r of sheet.pageBreaks ?? []) ws.getRow(r).addPageBreak();
  for (const m of sheet.merges) ws.mergeCells(m);
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
  for (const chart of sheet.charts) addChart(ws, chart);
  return { ws, formulas };
}

/** Builds the workbook in memory (everything but a streamed sheet's rows). */
export function toExcel(data: WorkbookData): { wb: Workbook; formulas: number } {
  if (!chartsInstalled) {
    excelCharts().installChartSupport();
    chartsInstalled = true;
  }
  const wb = new (excelts().Workbook)();
  const p = data.properties;
  wb.creator = p.creator;
  wb.lastModifiedBy = p.creator;
  wb.created = p.created;
  wb.modified = p.created;
  wb.title = p.title;
  wb.subject = p.subject;
  wb.company = p.company;
  wb.description = p.description;
  wb.keywords = p.keywords;
  wb.category = p.category;
  // Excel recalculates every formula when it opens the file (the cached results are for viewers that do not).
  wb.calcProperties = { fullCalcOnLoad: true };
  const specs = styleSpecs(data.currency);
  const styles = Object.fromEntries(Object.entries(specs).map(([k, v]) => [k, excelStyle(v)])) as Record<StyleName, ExcelStyle>;
  let formulas = 0;
  for (const sheet of data.sheets) formulas += writeSheet(wb, sheet, styles).formulas;
  for (const n of data.names) wb.definedNames.add(n.ref, n.name);
  return { wb, formulas };
}

/**
 * Writes the workbook to `file`. With a streamed sheet, its rows are written
 * into the file after the rest, in constant memory.
 */
export async function writeWorkbook(data: WorkbookData, file: string, progress?: WriteProgress, signal?: AbortSignal): Promise<WriteResult> {
  const { wb, formulas } = toExcel(data);
  const streamed = data.sheets.find((s) => s.stream);
  progress?.(0, null, 'Writing the workbook');
  // Our own tests check the file (LibreOffice, SheetJS); excelts' built-in self-check would double the write time.
  const buffer = new Uint8Array(await wb.xlsx.writeBuffer({ validate: false }));
  if (!streamed) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, buffer);
    return { bytes: buffer.byteLength, sheets: data.sheets.length, formulas, streamedRows: 0 };
  }
  const result = await spliceStreamedSheet(buffer, streamed, file, progress, signal);
  return { bytes: result.bytes, sheets: data.sheets.length, formulas, streamedRows: result.rows };
}
