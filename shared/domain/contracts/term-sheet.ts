import type { PriceBook } from '../pricebook/book';
import { validateContract, type ContractValidation } from './load';
import type { ContractIssue } from './schema';
import { CONTRACT_TERM_KEYS, CONTRACT_TERMS } from './terms';
import type { CellKind } from './terms/term';

/**
 * The term-sheet workbook: procurement's spreadsheet form of a contract,
 * mapped to the same contract file the YAML holds. The layout (documented
 * for users in scenarios/contracts/README.md) is one sheet:
 *
 * - A key/value block: a label in column A, its value in column B
 *   ("Vendor" | "openai"). Labels are matched without regard to case,
 *   spaces or a trailing colon; an unknown label with a value is reported
 *   (a label alone is a title or a note).
 * - Table sections: a cell "[Rates]", "[Discounts]", "[Volume tiers]",
 *   "[Credits]" or "[Provisioned]" in column A, a header row under it, then
 *   one row per entry until an empty row or the next section.
 * - Versions (amendments and renewals): a cell "[Version 2]" in column A
 *   starts a version; the rows after it, to the next "[Version …]", are that
 *   version's, in the same layout as the terms above: "Effective from",
 *   "Reason", "End" and "Withdraw credits" labels, then the terms it
 *   changes (labels and table sections). A version's table section with no
 *   rows says the version drops every entry of it.
 *
 * Every value arrives as text (the reader turns dates into 2026-01-01 and
 * percentage-formatted cells into "15"); errors name the cell ("B7") as well
 * as the contract field path.
 */

export type CellGrid = readonly (readonly string[])[];

export interface TermSheetMapping {
  /** The contract file object, ready for validation. */
  contract: Record<string, unknown>;
  /** Field path → cell ("B7"), for messages. */
  cells: Map<string, string>;
  /** Problems in the layout itself (unknown labels, unreadable numbers). */
  issues: ContractIssue[];
}

export function cellName(row: number, col: number): string {
  let c = col + 1;
  let letters = '';
  while (c > 0) {
    const r = (c - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/:$/, '').replace(/[\s_-]+/g, ' ').replace(/%/g, 'percent').trim();

type Kind = CellKind;

/** Key/value labels → contract field paths: the header's here, each term's from its module (terms/). */
const FIELDS: Record<string, { path: string[]; kind: Kind }> = {
  'contract id': { path: ['id'], kind: 'text' },
  id: { path: ['id'], kind: 'text' },
  name: { path: ['name'], kind: 'text' },
  'contract name': { path: ['name'], kind: 'text' },
  vendor: { path: ['vendor'], kind: 'text' },
  currency: { path: ['currency'], kind: 'text' },
  start: { path: ['term', 'start'], kind: 'text' },
  'term start': { path: ['term', 'start'], kind: 'text' },
  end: { path: ['term', 'end'], kind: 'text' },
  'term end': { path: ['term', 'end'], kind: 'text' },
  notes: { path: ['notes'], kind: 'text' },
  ...Object.assign({}, ...CONTRACT_TERM_KEYS.map((key) => CONTRACT_TERMS[key].termSheet?.labels ?? {})),
};

interface Section {
  field: string;
  columns: Record<string, { key: string; kind: Kind }>;
}

/** Labels of a version's own fields; in a version, every term's label is read too (FIELDS of terms), under versions[i]. */
const VERSION_FIELDS: Record<string, { path: string[]; kind: Kind }> = {
  'effective from': { path: ['effectiveFrom'], kind: 'text' },
  reason: { path: ['reason'], kind: 'text' },
  end: { path: ['end'], kind: 'text' },
  'term end': { path: ['end'], kind: 'text' },
  'withdraw credits': { path: ['withdrawCredits'], kind: 'list' },
  // Read so that validation can say why a version may not change them.
  vendor: { path: ['vendor'], kind: 'text' },
  currency: { path: ['currency'], kind: 'text' },
  ...Object.assign({}, ...CONTRACT_TERM_KEYS.map((key) => CONTRACT_TERMS[key].termSheet?.labels ?? {})),
};

/** "[Version 2]", "[Version]": the start of a version's rows. */
const VERSION_MARK = /^version(?:\s+\d+)?$/;

/** Table sections ("[Rates]") → contract field paths, from the terms' modules. */
const SECTIONS: Record<string, Section> = Object.fromEntries(
  CONTRACT_TERM_KEYS.flatMap((key) => {
    const section = CONTRACT_TERMS[key].termSheet?.section;
    return section ? [[section.name, { field: section.field, columns: section.columns }]] : [];
  }),
);

function convert(kind: Kind, text: string): unknown {
  if (kind === 'int') return /^\d+$/.test(text) ? Number(text) : text;
  if (kind === 'bool') {
    const t = text.toLowerCase();
    if (['yes', 'y', 'true', '1'].includes(t)) return true;
    if (['no', 'n', 'false', '0'].includes(t)) return false;
    return text;
  }
  if (kind === 'list') {
    return text
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return text;
}

function setPath(target: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    if (node[key] === undefined) node[key] = nextIsIndex ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Throughput cell: "gpt-4o=2500; gpt-4o-mini=10000", or one number for every model of the row. */
function throughput(text: string, models: unknown): Record<string, string> | string {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t) && Array.isArray(models)) return Object.fromEntries((models as string[]).map((m) => [m, t]));
  const out: Record<string, string> = {};
  for (const part of t.split(/[;\n,]/)) {
    if (part.trim() === '') continue;
    const m = /^\s*([^=:]+?)\s*[=:]\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) return t;
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** Maps a term sheet's cells to a contract file object, remembering which cell each field came from. */
export function termSheetToContract(grid: CellGrid): TermSheetMapping {
  const contract: Record<string, unknown> = {};
  const cells = new Map<string, string>();
  const issues: ContractIssue[] = [];
  const cell = (r: number, c: number): string => (grid[r]?.[c] ?? '').trim();
  // The rows after a "[Version …]" mark are that version's: their fields sit under versions[i].
  let prefix: (string | number)[] = [];
  let versions = 0;
  let r = 0;
  while (r < grid.length) {
    const a = cell(r, 0);
    const sectionMatch = /^\[(.+)\]$/.exec(a);
    if (sectionMatch && VERSION_MARK.test(norm(sectionMatch[1]!))) {
      prefix = ['versions', versions];
      cells.set(pathText(prefix), cellName(r, 0));
      setPath(contract, prefix, {});
      versions += 1;
      r += 1;
      continue;
    }
    if (sectionMatch) {
      const name = norm(sectionMatch[1]!);
      const section = SECTIONS[name];
      if (!section) {
        issues.push({ field: '', message: `unknown section [${sectionMatch[1]}]; expected one of ${[...Object.keys(SECTIONS), 'version 2'].map((s) => `[${s}]`).join(', ')}`, cell: cellName(r, 0) });
        r += 1;
        continue;
      }
      const header = (grid[r + 1] ?? []).map((h) => norm(h));
      const columns = header.map((h) => section.columns[h]);
      header.forEach((h, c) => {
        if (h !== '' && !section.columns[h]) issues.push({ field: section.field, message: `unknown column "${grid[r + 1]?.[c]}" in [${sectionMatch[1]}]`, cell: cellName(r + 1, c) });
      });
      const base = [...prefix, ...section.field.split('.')];
      // A problem with the table as a whole points at its title cell.
      cells.set(pathText(base), cellName(r, 0));
      // In a version, a table with no rows still says something: the version drops every entry of it.
      if (prefix.length > 0) setPath(contract, base, []);
      let index = 0;
      r += 2;
      while (r < grid.length && (grid[r] ?? []).some((v) => v.trim() !== '') && !/^\[.+\]$/.test(cell(r, 0))) {
        const entry: Record<string, unknown> = {};
        let throughputCell: { text: string; ref: string } | null = null;
        columns.forEach((col, c) => {
          const text = cell(r, c);
          if (!col || text === '') return;
          const path = [...base, index, col.key];
          cells.set(pathText(path), cellName(r, c));
          if (col.key === 'throughputPerUnit') throughputCell = { text, ref: cellName(r, c) };
          else entry[col.key] = convert(col.kind, text);
        });
        if (throughputCell !== null) {
          const tc: { text: string; ref: string } = throughputCell;
          entry.throughputPerUnit = throughput(tc.text, entry.models);
          for (const m of Object.keys(typeof entry.throughputPerUnit === 'object' ? (entry.throughputPerUnit as object) : {})) cells.set(pathText([...base, index, 'throughputPerUnit', m]), tc.ref);
        }
        cells.set(pathText([...base, index]), cellName(r, 0));
        setPath(contract, [...base, index], entry);
        index += 1;
        r += 1;
      }
      continue;
    }
    if (a !== '') {
      const field = (prefix.length > 0 ? VERSION_FIELDS : FIELDS)[norm(a)];
      const value = cell(r, 1);
      // A label with no value is a title or a note; a value under an unknown label is probably a typo.
      if (!field && value !== '') issues.push({ field: pathText(prefix), message: prefix.length > 0 && FIELDS[norm(a)] ? `"${a}" is not something a version changes (a version changes the terms, the end, or withdraws credits)` : `unknown label "${a}"`, cell: cellName(r, 0) });
      else if (field && value !== '') {
        const path = [...prefix, ...field.path];
        setPath(contract, path, convert(field.kind, value));
        cells.set(pathText(path), cellName(r, 1));
      }
    }
    r += 1;
  }
  return { contract, cells, issues };
}

/** Maps and validates a term sheet; every issue names the contract field and the cell. */
export function validateTermSheet(grid: CellGrid, options: { file: string; book?: PriceBook; sheet?: string }): ContractValidation & { mapping: TermSheetMapping } {
  const mapping = termSheetToContract(grid);
  const sheet = options.sheet ? `${options.sheet}!` : '';
  const cellOf = (field: string): string | undefined => {
    // The nearest mapped ancestor of the field: "credits.grants[0].expires" → its own cell, "credits.grants[0]" → the row.
    let f = field;
    while (f !== '') {
      const c = mapping.cells.get(f);
      if (c) return `${sheet}${c}`;
      const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
      f = cut <= 0 ? '' : f.slice(0, cut);
    }
    return undefined;
  };
  if (mapping.issues.length > 0) return { ok: false, issues: mapping.issues.map((i) => ({ ...i, cell: i.cell ? `${sheet}${i.cell}` : undefined })).map(stripUndefinedCell), mapping };
  const result = validateContract(mapping.contract, { file: options.file, ...(options.book ? { book: options.book } : {}), cellOf });
  return { ...result, mapping };
}

function stripUndefinedCell(i: ContractIssue): ContractIssue {
  return i.cell === undefined ? { field: i.field, message: i.message } : i;
}
