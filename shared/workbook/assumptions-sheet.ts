/**
 * The Assumptions sheet: every input the projections use, one row (or one
 * row per cell) each, under a defined name. The names are the ones
 * `aispend run --set NAME=VALUE` accepts. With several scenario files, an
 * input the files share with the same values is one row; where their values
 * differ the later file's input gets a name of its own.
 */
import { NameRegistry } from '../engine/assumption-names';
import type { Assumption, AssumptionCatalogue, AssumptionFormat } from '../engine/assumptions';
import { SheetBuilder } from './grid';
import type { DefinedName, Sheet } from './model';
import type { StyleName } from './styles';

const INPUT_STYLE: Record<AssumptionFormat, StyleName> = {
  count: 'countInput',
  money: 'moneyInput',
  share: 'shareInput',
  percent: 'percentInput',
  ratio: 'ratioInput',
  price: 'priceInput',
  number: 'numberInput',
};

export const ASSUMPTIONS_SHEET = 'Assumptions';

export interface MergedAssumptions {
  rows: { assumption: Assumption; name: string; files: number[] }[];
  /** The sheet name of a file's assumption. */
  rename(file: number, name: string): string;
}

export function mergeCatalogues(catalogues: readonly AssumptionCatalogue[], fileLabels: readonly string[]): MergedAssumptions {
  const registry = new NameRegistry();
  const rows: MergedAssumptions['rows'] = [];
  const byName = new Map<string, MergedAssumptions['rows'][number]>();
  const renames = catalogues.map(() => new Map<string, string>());
  catalogues.forEach((cat, f) => {
    for (const a of cat.assumptions) {
      const existing = byName.get(a.name.toLowerCase());
      if (existing && sameCells(existing.assumption, a)) {
        existing.files.push(f);
        renames[f]!.set(a.name, existing.name);
        continue;
      }
      const name = registry.claim(a.name);
      const row = { assumption: existing ? { ...a, label: `${a.label} (${fileLabels[f]})` } : a, name, files: [f] };
      rows.push(row);
      if (!existing) byName.set(a.name.toLowerCase(), row);
      renames[f]!.set(a.name, name);
    }
  });
  return { rows, rename: (file, name) => renames[file]?.get(name) ?? name };
}

function sameCells(a: Assumption, b: Assumption): boolean {
  return a.cells.length === b.cells.length && a.cells.every((c, i) => c.value === b.cells[i]!.value && c.label === b.cells[i]!.label) && a.unit === b.unit;
}

/** A catalogue whose names are those of the merged sheet. */
export function renamedCatalogue(cat: AssumptionCatalogue, rename: (name: string) => string): AssumptionCatalogue {
  return {
    assumptions: cat.assumptions,
    byName: cat.byName,
    paramRef: (p) => {
      const r = cat.paramRef(p);
      return r ? { ...r, name: rename(r.name) } : null;
    },
    priceRef: (...args) => {
      const r = cat.priceRef(...args);
      return r ? { ...r, name: rename(r.name) } : null;
    },
    contractRef: (contract, path) => {
      const r = cat.contractRef(contract, path);
      return r ? { ...r, name: rename(r.name) } : null;
    },
  };
}

const SECTION_NOTES: Record<string, string> = {
  'Business drivers': 'Units of business per month and the process’s own non-AI costs.',
  Workloads: 'How much AI work each unit of business creates, and how it is served.',
  Levers: 'The settings of each scenario’s levers (timing: see each Monthly sheet’s Lever timing block).',
  'List prices': 'Prices the projection uses, per model, usage class and tier (the scenario file’s own prices first, then the price book).',
  'Contract terms': 'Terms of the workspace contracts the contract levers price with.',
};

export function buildAssumptionsSheet(merged: MergedAssumptions, header: string, footer: string): { sheet: Sheet; names: DefinedName[] } {
  const s = new SheetBuilder(ASSUMPTIONS_SHEET, 'assumptions');
  const names: DefinedName[] = [];
  s.set(0, 0, { value: 'Assumptions', style: 'title' });
  for (let c = 1; c < 9; c++) s.set(0, c, { value: null, style: 'title' });
  s.set(1, 0, {
    value: 'Every input the projections use. Blue cells are inputs: change one and every Monthly sheet and the Summary recalculate. Column A is the cell’s name, the same name `aispend run --set NAME=VALUE` accepts.',
    style: 'subtitle',
  });
  const headers = ['Name', 'Input', 'Applies to', 'Value', 'Unit', 'Source', 'Uncertainty (Monte Carlo)', 'P10', 'P90'];
  headers.forEach((h, c) => s.set(3, c, { value: h, style: c === 3 || c >= 7 ? 'headerRight' : 'header' }));
  [60, 48, 11, 14, 20, 48, 26, 10, 10].forEach((w, c) => s.width(c, w));
  let row = 4;
  let section = '';
  for (const { assumption: a, name } of merged.rows) {
    if (a.section !== section) {
      section = a.section;
      row += row > 4 ? 1 : 0;
      s.set(row, 0, { value: section, style: 'section' });
      s.set(row, 1, { value: SECTION_NOTES[section] ?? '', style: 'note' });
      row++;
    }
    const first = row;
    a.cells.forEach((cell, i) => {
      if (i === 0) {
        s.set(row, 0, { value: name, style: 'labelBold' });
        s.set(row, 1, { value: a.label, style: 'text' });
        s.set(row, 5, { value: a.source, style: 'note' });
        if (a.uncertainty) {
          s.set(row, 6, { value: a.uncertainty.text, style: 'text' });
          s.set(row, 7, { value: a.uncertainty.p10, style: 'number' });
          s.set(row, 8, { value: a.uncertainty.p90, style: 'number' });
        }
      }
      if (cell.label !== null) s.set(row, 2, { value: cell.label, style: 'text' });
      s.set(row, 3, { value: cell.value, style: INPUT_STYLE[a.format] });
      s.set(row, 4, { value: a.unit, style: 'text' });
      row++;
    });
    const ref = a.cells.length === 1 ? `${ASSUMPTIONS_SHEET}!$D$${first + 1}` : `${ASSUMPTIONS_SHEET}!$D$${first + 1}:$D$${row}`;
    names.push({ name, ref, comment: `${a.label} (${a.unit})` });
  }
  const sheet = s.build({
    freeze: { rows: 4, columns: 1 },
    autoFilter: `A4:I${row}`,
    charts: [],
    showGridLines: false,
    print: { landscape: true, fitToWidth: true, header, footer, repeatRows: '4:4' },
  });
  return { sheet, names };
}
