/**
 * The board workbook as plain data: sheets of cells (values, formulas with
 * their cached results, styles), defined names, native charts, print setup
 * and document properties. Nothing here writes a file; a thin writer in the
 * backend turns this into .xlsx (electron/backend/export).
 */
import type { StyleName } from './styles';

export type CellValue = number | string | boolean | null;

export interface Cell {
  /**
   * What the cell shows: a formula's cached result (for viewers that do not
   * recalculate) or a plain value. A string is always written as text, never
   * read as a formula, whatever it starts with.
   */
  value: CellValue;
  /** A formula without the leading "=". */
  formula?: string;
  style?: StyleName;
  /** A link to another place in the workbook ("'Monthly baseline'!A1"). */
  link?: string;
  /** Shown on hover in Excel: where a figure comes from. */
  note?: string;
}

export interface ChartSeries {
  name: string;
  /** Absolute ranges: "'Monthly baseline'!$A$5:$A$28". */
  categories: string;
  values: string;
}

export interface ChartSpec {
  kind: 'line' | 'column' | 'bar';
  title: string;
  series: ChartSeries[];
  /** Top-left and bottom-right cells the chart covers ("B20", "J38"). */
  from: string;
  to: string;
  stacked?: boolean;
  yTitle?: string;
  /** Number format of the value axis. */
  yFormat?: string;
  xTitle?: string;
}

export interface Column {
  width: number;
  hidden?: boolean;
  /** Detail columns fold away under an outline level. */
  outlineLevel?: number;
}

export interface PrintSetup {
  landscape: boolean;
  fitToWidth: boolean;
  /** Header and footer text: workbook title, scenario, date. */
  header: string;
  footer: string;
  /** Rows repeated at the top of every printed page ("1:4"). */
  repeatRows?: string;
}

export type SheetKind = 'summary' | 'assumptions' | 'monthly' | 'unit-economics' | 'contracts' | 'invoice-check' | 'chargeback' | 'budgets' | 'risk' | 'provenance' | 'ledger';

export interface Sheet {
  name: string;
  kind: SheetKind;
  columns: Column[];
  /** Rows of cells; a missing cell is empty. */
  rows: (Cell | null | undefined)[][];
  rowHeights?: Map<number, number>;
  merges: string[];
  /** Rows and columns frozen at the top and left. */
  freeze?: { rows: number; columns: number };
  autoFilter?: string;
  charts: ChartSpec[];
  showGridLines: boolean;
  tabColor?: string;
  print: PrintSetup;
  /** Rows (1-based, as Excel counts) after which a printed page ends. */
  pageBreaks?: number[];
  /** What prints ("A1:M30"); the whole sheet when absent. */
  printArea?: string;
  /**
   * A sheet too large to hold in memory (the ledger's raw lines): its header
   * rows are here, the rest come from this source while the file is written.
   */
  stream?: RowStream;
}

/** Rows of plain values (text, numbers), produced while the file is written; text is always written as text. */
export interface RowStream {
  /** Style of each column's values. */
  styles: (StyleName | undefined)[];
  rows(): AsyncIterable<CellValue[]>;
  /** Rows written so far, when the source knows how many to expect (for progress). */
  expectedRows: number | null;
}

export interface DefinedName {
  name: string;
  /** Absolute reference: "Assumptions!$D$7" or "Assumptions!$D$7:$D$12". */
  ref: string;
  comment?: string;
}

export interface DocumentProperties {
  title: string;
  subject: string;
  creator: string;
  company: string;
  description: string;
  keywords: string;
  category: string;
  created: Date;
}

/** A cell whose figure the engine reports itself: what a recalculated workbook must show there. */
export interface EngineFigure {
  sheet: string;
  row: number;
  col: number;
  /** The engine's figure: a number, a month, "" for none (no units, no successes), "never" (no break-even). */
  expected: number | string;
  /** money: exact nano-units from the engine; count: the engine reports units, requests and successes to six decimals. */
  kind: 'money' | 'count' | 'text';
  what: string;
}

export interface WorkbookData {
  properties: DocumentProperties;
  currency: string;
  sheets: Sheet[];
  names: DefinedName[];
  /** Cells the engine's results cover (key figures by month, costs by component, vendor and workload, KPIs). */
  figures: EngineFigure[];
}
