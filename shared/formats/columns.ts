/**
 * Column lookup for tabular formats: resolved once per file from the header,
 * so mapping a row is array indexing, not name lookups.
 */
import { WorkbenchError } from '../domain/errors';

export class Columns {
  private readonly exact = new Map<string, number>();
  private readonly folded = new Map<string, number>();
  /** Every column index() or require() found, for RecordMapper.columnsRead. */
  private readonly looked = new Set<number>();
  readonly header: readonly string[];

  constructor(header: readonly string[], readonly fileName: string) {
    this.header = header;
    header.forEach((raw, i) => {
      const name = raw.trim();
      if (name === '') return;
      const seen = this.exact.get(name);
      if (seen !== undefined) {
        throw new WorkbenchError('invalid_file', `column "${name}" appears twice (columns ${seen + 1} and ${i + 1}); each column must be named once`, {
          file: fileName,
          row: 1,
          field: name,
        });
      }
      this.exact.set(name, i);
      const lower = name.toLowerCase();
      if (!this.folded.has(lower)) this.folded.set(lower, i);
    });
  }

  /** Index of the first of `names` present (exact spelling first, then ignoring case), or -1. */
  index(...names: string[]): number {
    const i = this.find(names);
    if (i >= 0) this.looked.add(i);
    return i;
  }

  private find(names: string[]): number {
    for (const n of names) {
      const i = this.exact.get(n);
      if (i !== undefined) return i;
    }
    for (const n of names) {
      const i = this.folded.get(n.toLowerCase());
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** The columns found so far by index() and require(), in header order. */
  found(): number[] {
    return [...this.looked].sort((a, b) => a - b);
  }

  has(...names: string[]): boolean {
    return this.index(...names) >= 0;
  }

  /** Like index(), but a missing column is a clear error naming it. */
  require(name: string, ...alternatives: string[]): number {
    const i = this.index(name, ...alternatives);
    if (i < 0) {
      const also = alternatives.length > 0 ? ` (or ${alternatives.map((a) => `"${a}"`).join(', ')})` : '';
      throw new WorkbenchError('invalid_file', `required column "${name}"${also} is missing from the header`, { file: this.fileName, row: 1, field: name });
    }
    return i;
  }

  /** The header's own spelling of a column, for rejections. */
  name(index: number, fallback: string): string {
    return index >= 0 ? (this.header[index] ?? fallback).trim() : fallback;
  }
}

/** The cell at an index, '' when the column is absent or the row is short. */
export function cell(values: readonly string[], index: number): string {
  if (index < 0) return '';
  return values[index] ?? '';
}

/** Lower-cased, trimmed header names, for detection. */
export function headerSet(header: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const h of header) set.add(h.trim().toLowerCase());
  return set;
}

/** Which of `names` the header has (case-insensitive), in the header's spelling. */
export function presentColumns(header: readonly string[], names: readonly string[]): string[] {
  const lower = new Map(header.map((h) => [h.trim().toLowerCase(), h.trim()] as const));
  const out: string[] = [];
  for (const n of names) {
    const hit = lower.get(n.toLowerCase());
    if (hit !== undefined) out.push(hit);
  }
  return out;
}
