/**
 * The protocol every vendor format module answers (Beancount importer style):
 * does this sample look like mine (detect), and how does one source record
 * become ledger lines or rejections (a mapper bound to one file). Readers in
 * electron/backend/imports/readers feed plain records; nothing here touches
 * the file system.
 */
import type { LedgerLine } from '../domain/ledger-line';
import type { ScaledDecimal } from '../domain/money';
import type { FormatId } from './registry';
import type { JsonValue } from './values/json';
import type { KeepChoice, LineHint } from './keep';
import type { GenericMapping } from './generic/mapping';

/** A format's id: one of the registry's modules (shared/formats/registry.ts), so a new module is a new id. */
export type { FormatId };

/** How a file's records arrive: rows of text cells under a header, or exact JSON values. */
export type RecordKind = 'tabular' | 'json';

/** What detection looks at: the header and first rows of a table, or the first JSON records. */
export type FormatSample =
  | { kind: 'tabular'; fileName: string; header: readonly string[]; rows: readonly (readonly string[])[] }
  | { kind: 'json'; fileName: string; records: readonly JsonValue[] };

export interface Detection {
  formatId: FormatId;
  /** e.g. FOCUS "1.2", CUR "2.0" or "legacy", Azure "actual" or "amortized", OpenAI dashboard "costs" or "activity". */
  version: string;
  /** 0..1; 1 means every column or key the format requires is present and a distinguishing one too. */
  confidence: number;
  /** The columns (or JSON keys) that decided it, for the wizard to show. */
  decidedBy: string[];
  kind: RecordKind;
}

/** Decimal separator of the file's numbers ("1.234,56" is ','). */
export type DecimalStyle = '.' | ',';
/** Order of day and month in slash-separated dates. */
export type DateOrder = 'mdy' | 'dmy';

export interface MapOptions {
  /** Name shown in errors and rejections (the file's base name). */
  fileName: string;
  /** Force a version instead of the detected one. */
  version?: string;
  /** Decimal separator; inferred from the sample when absent. */
  decimal?: DecimalStyle;
  /** Day/month order of slash dates; inferred from the sample when absent. */
  dateOrder?: DateOrder;
  /** Generic format only: the user's column mapping, already checked (parseMapping, generic/mapping-schema.ts). */
  mapping?: GenericMapping;
  /** Cloud exports: `ai` sums the lines that are not AI, so their mapper need not make what an aggregate drops (shared/formats/keep.ts). */
  keep?: KeepChoice;
}

/** A row the importer will not write, with where and why. */
export interface Rejection {
  file: string;
  /** 1-based row (record) number in the source file, as the reader numbered it. */
  row: number;
  field: string;
  reason: string;
  /** The offending text, shortened, for the preview. */
  value?: string;
  /** The rejected item's own cost (exact decimal text) and currency, when it had one that parsed. */
  amount?: string;
  currency?: string;
}

/** One amount of the file's own cost column, held exactly, for reconciliation. */
export interface SourceAmount {
  currency: string;
  amount: ScaledDecimal;
}

/**
 * Where a mapper puts what it makes of a record. A record holds one or more
 * items (a CSV row is one item; an API bucket holds one item per result).
 * An item is atomic: if any of it is rejected, none of its lines land and its
 * source amounts count as rejected.
 */
export interface RowSink {
  /** Starts an item at a source row; closes the previous one. */
  begin(row: number): void;
  /** A line of the current item; cloud exports add what decides whether `--keep ai` keeps it line by line. */
  line(line: LedgerLine, hint?: LineHint): void;
  /** An amount of the file's cost column belonging to the current item (source total). */
  source(currency: string, amount: ScaledDecimal): void;
  /** Rejects the current item. */
  reject(field: string, reason: string, value?: string): void;
}

export interface RecordMapper {
  /** Maps one record; never throws for bad data (it rejects instead). */
  map(record: readonly string[] | JsonValue, row: number, sink: RowSink): void;
  /**
   * The header columns map() reads, when the mapper knows them: a reader may
   * then hand the other cells over blank instead of making a string of each
   * (a FOCUS export has 30-50 columns; its mapping reads about 25).
   */
  readonly columnsRead?: readonly number[];
  /**
   * Called once after the last record of a whole file (not after a preview of
   * its first rows): a check over the file as a whole, which throws a
   * WorkbenchError to refuse it (nothing is imported).
   */
  finish?(): void;
}

export interface FormatModule<Id extends string = FormatId> {
  id: Id;
  label: string;
  /** Kinds of record this format can read. */
  kinds: readonly RecordKind[];
  /**
   * Which source text is the cost for exact reconciliation, e.g. "BilledCost"
   * or "amount (in cents)"; null for usage-only formats, which carry no cost.
   */
  costBasis: string | null;
  /** Versions of an otherwise billed format that carry usage only (OpenAI's dashboard Activity export). */
  usageOnlyVersions?: readonly string[];
  detect(sample: FormatSample): Detection | null;
  /**
   * Binds a mapper to one file. Throws WorkbenchError('invalid_file') naming
   * the field when a required column is missing or a header is duplicated.
   */
  createMapper(sample: FormatSample, options: MapOptions, detection?: Detection): RecordMapper;
}

/** A reader-level problem with one record (ragged row, unterminated quote): the importer rejects that row. */
export interface RowProblem {
  field: string;
  reason: string;
  value?: string;
}

/** One record as a reader yields it: cells under the header, or one exact JSON value, with its 1-based row. */
export interface SourceRecord {
  row: number;
  record: readonly string[] | JsonValue;
  problem?: RowProblem;
}
