/**
 * What the parsing side tells the writing side about a statement, and the
 * choices the user made: plain data, so it crosses worker boundaries as is.
 */
import type { ImportSummary } from '../../../shared/formats/accumulator';
import type { Detection } from '../../../shared/formats/types';
import type { KeepChoice } from '../../../shared/formats/keep';
import type { SourceFileKind } from './readers';

export interface StatementMeta {
  fileName: string;
  /** Where the file was read from (null for files that should not be remembered). */
  filePath: string | null;
  fileSize: number;
  fileKind: SourceFileKind;
  detection: Detection;
  label: string;
  alternatives: Detection[];
  reader: Record<string, string | number | boolean>;
  costBasis: 'billed' | 'list';
  mappingName: string | null;
  /** The generic mapping used, as YAML. */
  mappingYaml: string | null;
}

export interface ImportPolicy {
  onRejects: 'import' | 'abort';
  onOverlap: 'ask' | 'skip' | 'replace' | 'keep';
  dryRun: boolean;
}

/** How to read the statement (format override, mapping, locale). */
export interface ReadOptions {
  fileName?: string;
  format?: string;
  version?: string;
  mapping?: unknown;
  mappingName?: string | null;
  decimal?: '.' | ',';
  dateOrder?: 'mdy' | 'dmy';
  /** Cloud exports: keep every line or the AI lines with the rest aggregated (other formats keep every line). */
  keep?: KeepChoice;
}

export interface StatementEnd {
  summary: ImportSummary;
}

export interface ParseProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}
