/**
 * The sheets around the model: Unit economics and Contracts and commitments
 * (formulas on the Monthly sheets), Risk (the engine's Monte Carlo ranges
 * and tornado, as values marked as such), Invoice check (the latest run),
 * Data provenance (imports, files, hashes, versions) and the optional
 * ledger extract.
 */
import type { VersionSummary } from '../domain/contracts/highlights';
import { breakEvenText } from '../engine/break-even-text';
import { percentileNote } from '../engine/percentile-method';
import { absA1, a1, rangeRef, sheetRef, SheetBuilder, type SheetNames, MAX_ROWS } from './grid';
import type { CellValue, DefinedName, RowStream, Sheet, SheetKind } from './model';
import type { SummaryScenario } from './summary-sheet';
import type { StyleName } from './styles';
import { buildBudgetsSheet, buildChargebackSheet, type AllocationInputs } from './allocation-sheets';
import { MONTH_NOTE_TEXT } from '../domain/invoice-check/findings';

export const OPTIONAL_SHEETS = ['unit-economics', 'contracts', 'invoice-check', 'chargeback', 'budgets', 'risk', 'provenance', 'ledger'] as const satisfies readonly SheetKind[];

export const SHEET_TITLES: Record<(typeof OPTIONAL_SHEETS)[number], string> = {
  'unit-economics': 'Unit economics',
  contracts: 'Contracts and commitments',
  'invoice-check': 'Invoice check',
  chargeback: 'Chargeback',
  budgets: 'Budgets',
  risk: 'Risk',
  provenance: 'Data provenance',
  ledger: 'Ledger extract',
};

export interface LedgerExtract {
  mode: 'aggregated' | 'lines';
  /** Why lines became an aggregate (too many for one sheet), when they did. */
  note: string | null;
  columns: { header: string; style: StyleName | undefined; width: number }[];
  /** Aggregated rows (small), or ... */
  rows: CellValue[][] | null;
  /** ... raw lines streamed while the file is written. */
  stream: RowStream | null;
}

/** What the Data provenance sheet shows of an import (the workspace's import record has these and more). */
export interface ProvenanceImport {
  fileName: string;
  sha256: string;
  format: string;
  formatVersion: string | null;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  finishedAt: string;
  periodStart: string | null;
  periodEnd: string | null;
  totals: readonly { currency: string; sourceTotal: string; importedTotal: string; difference: string; reconciled: boolean }[];
}

/** What the Invoice check sheet shows of the latest stored check. */
export interface CheckedInvoices {
  checkedAt: string;
  scope: { contractName: string | null; month: string | null };
  stats: { ledgerLines: number; catalogueAsOf: string };
  totals: readonly { currency: string; billed: string; contracted: string; variance: string }[];
  months: readonly { month: string; provider: string; contractId: string | null; currency: string; billed: string; contracted: string | null; variance: string | null; note?: 'outside_term' | 'cost_without_usage' | 'unpriced' | null }[];
  findings: readonly { month: string; provider: string; code: string; message: string; overcharge: string | null; lineRef: string | null }[];
  lines: readonly { day: string; provider: string; model: string | null; usageClass: string; serviceTier: string; quantity: string | null; billed: string; contracted: string | null; variance: string | null; findings: readonly string[] }[];
}

export interface OptionalSheetInputs {
  invoiceCheck: CheckedInvoices | null;
  imports: readonly ProvenanceImport[];
  files: { label: string; path: string; sha256: string | null }[];
  /** Each workspace contract, its original terms in words, and each dated version after them (versions.ts). */
  contractTerms: { id: string; name: string; vendor: string; start: string; end: string; terms: string; file: string; versions?: VersionSummary[] }[];
  ledger: LedgerExtract | null;
  /** The allocation and budgets under the workspace's policy; null when it has none (the two sheets are left out). */
  allocation: AllocationInputs | null;
  appVersion: string;
  catalogueAsOf: string | null;
}

export interface OptionalSheets {
  sheets: Sheet[];
  names: DefinedName[];
  describe(kind: SheetKind): string;
  band: { sheet: string; scenario: string; categories: string; p10: string; p50: string; p90: string } | null;
}

const DESCRIPTIONS: Partial<Record<SheetKind, string>> = {
  'unit-economics': 'cost per unit and per successful outcome by scenario, month by month',
  contracts: 'commitment utilisation, shortfall, credit balances and expiry, provisioned capacity',
  'invoice-check': 'the latest invoice check: months billed against contracted, and its findings',
  chargeback: 'team × month allocated cost by the allocation policy, footing to the ledger',
  budgets: 'budgets and token allowances: spent, forecast to period end, who is near or over',
  risk: 'P10/P50/P90 by month and KPI, and the tornado: engine values',
  provenance: 'every import, file hash, row counts and totals; scenario files; versions',
  ledger: 'the usage ledger behind the projections',
};

export function buildOptionalSheets(
  input: OptionalSheetInputs,
  wanted: ReadonlySet<SheetKind>,
  scenarios: readonly SummaryScenario[],
  names: SheetNames,
  header: (what: string) => string,
  footer: string,
  unit: string,
  currency: string,
): OptionalSheets {
  const sheets: Sheet[] = [];
  let band: OptionalSheets['band'] = null;
  const print = (what: string) => ({ landscape: true, fitToWidth: true, header: header(what), footer });
  const monthRef = (x: SummaryScenario, m: number, col: number) => `${sheetRef(x.layout.sheet)}!${a1(x.layout.firstRow + m, col)}`;
  const months = scenarios[0]?.layout.months ?? [];

  if (wanted.has('unit-economics') && scenarios.length > 0) {
    const s = new SheetBuilder(names.claim(SHEET_TITLES['unit-economics']), 'unit-economics');
    s.set(0, 0, { value: 'Unit economics', style: 'title' });
    s.set(1, 0, { value: `Per ${unit} and per successful outcome, month by month; formulas on the Monthly sheets.`, style: 'subtitle' });
    s.set(3, 0, { value: 'Month', style: 'header' });
    s.width(0, 10);
    const fields: { label: string; col: (x: SummaryScenario) => number; style: StyleName }[] = [
      { label: `${unit}s`, col: (x) => x.layout.col.units, style: 'count' },
      { label: `cost per ${unit}`, col: (x) => x.layout.col.costPerUnit, style: 'money' },
      { label: `AI cost per ${unit}`, col: (x) => x.layout.col.aiCostPerUnit, style: 'money' },
      { label: 'cost per successful outcome', col: (x) => x.layout.col.costPerSuccess, style: 'moneyExact' },
    ];
    let c = 1;
    for (const x of scenarios) {
      s.set(2, c, { value: x.result.name, style: 'section' });
      for (const f of fields) {
        s.set(3, c, { value: f.label, style: 'headerRight' });
        s.width(c, 14);
        months.forEach((month, m) => {
          const v = x.layout.values(f.col(x), m);
          s.set(4 + m, c, { value: Number.isNaN(v) ? '' : v, formula: monthRef(x, m, f.col(x)), style: f.style });
        });
        c++;
      }
    }
    months.forEach((month, m) => s.set(4 + m, 0, { value: month, style: 'month' }));
    s.rowHeights.set(3, 32);
    sheets.push(s.build({ freeze: { rows: 4, columns: 1 }, charts: [], showGridLines: false, print: print('Unit economics') }));
  }

  if (wanted.has('contracts')) {
    const s = new SheetBuilder(names.claim(SHEET_TITLES.contracts), 'contracts');
    s.set(0, 0, { value: 'Contracts and commitments', style: 'title' });
    s.set(1, 0, { value: 'Commitment utilisation and shortfall, credit balances and expiry, under each scenario’s contract levers; formulas on the Monthly sheets.', style: 'subtitle' });
    let row = 3;
    if (input.contractTerms.length > 0) {
      s.set(row++, 0, { value: 'Contracts in the workspace', style: 'section' });
      ['Contract', 'Vendor', 'Term', 'Terms', 'File'].forEach((h, c) => s.set(row, c, { value: h, style: 'header' }));
      row++;
      for (const k of input.contractTerms) {
        s.set(row, 0, { value: `${k.name} (${k.id})`, style: 'text' });
        s.set(row, 1, { value: k.vendor, style: 'text' });
        s.set(row, 2, { value: `${k.start} to ${k.end}`, style: 'text' });
        s.set(row, 3, { value: (k.versions ?? []).length > 0 ? `v1 (original terms): ${k.terms}` : k.terms, style: 'text' });
        s.set(row, 4, { value: k.file, style: 'note' });
        row++;
        // The term sheet's versions: each amendment or renewal, from when, why, to when, and the terms it changes.
        for (const v of k.versions ?? []) {
          s.set(row, 0, { value: `  v${v.number} from ${v.effectiveFrom}: ${v.reason}`, style: 'text' });
          s.set(row, 2, { value: `${v.effectiveFrom} to ${v.end}`, style: 'text' });
          s.set(row, 3, { value: v.changes.length > 0 ? v.changes.join('; ') : 'a new end only', style: 'text' });
          row++;
        }
      }
      row++;
    }
    for (const x of scenarios) {
      for (const k of x.layout.contracts) {
        s.set(row++, 0, { value: `${x.result.name}: ${k.label} (${k.provider})`, style: 'section' });
        type Field = { label: string; col: number | null; style: StyleName; ratio?: [number | null, number | null] };
        const all: Field[] = [
          { label: 'invoice under the terms', col: k.total, style: 'money' },
          { label: 'usage at list', col: k.listTotal, style: 'money' },
          { label: 'adjustment', col: k.adjustment, style: 'money' },
          { label: 'committed', col: k.committed, style: 'money' },
          { label: 'counted toward it', col: k.eligible, style: 'money' },
          { label: 'utilisation', col: null, style: 'share', ratio: [k.eligible, k.committed] },
          { label: 'shortfall', col: k.shortfall, style: 'money' },
          { label: 'committed to date this contract year', col: k.committedToDate, style: 'money' },
          { label: 'commitment remaining this contract year', col: k.remaining, style: 'money' },
          { label: 'credits at the start', col: k.creditsOpening, style: 'money' },
          { label: 'credits applied', col: k.creditsConsumed, style: 'money' },
          { label: 'credits forfeited', col: k.creditsForfeited, style: 'money' },
          { label: 'credit balance', col: k.creditsClosing, style: 'money' },
        ];
        const fields = all.filter((f) => f.col !== null || (f.ratio && f.ratio[0] !== null && f.ratio[1] !== null));
        s.set(row, 0, { value: 'Month', style: 'header' });
        fields.forEach((f, c) => s.set(row, 1 + c, { value: f.label, style: 'headerRight' }));
        s.rowHeights.set(row, 32);
        row++;
        for (const m of k.months) {
          s.set(row, 0, { value: x.layout.months[m]!, style: 'month' });
          fields.forEach((f, c) => {
            if (f.ratio) {
              const [num, den] = f.ratio as [number, number];
              const nv = x.layout.values(num, m);
              const dv = x.layout.values(den, m);
              s.set(row, 1 + c, { value: dv > 0 ? nv / dv : '', formula: `IF(${monthRef(x, m, den)}>0,${monthRef(x, m, num)}/${monthRef(x, m, den)},"")`, style: f.style });
              return;
            }
            const v = x.layout.values(f.col!, m);
            s.set(row, 1 + c, { value: Number.isNaN(v) ? 0 : v, formula: monthRef(x, m, f.col!), style: f.style });
          });
          row++;
        }
        const exhausted = x.result.contracts.find((o) => o.contract === k.label)?.creditExhaustionMonth;
        if (k.creditsClosing !== null) s.set(row++, 0, { value: exhausted ? `Credits run out in ${exhausted} (engine).` : 'Credits last the horizon (engine).', style: 'note' });
        row++;
      }
      for (const p of x.layout.pools) {
        s.set(row++, 0, { value: `${x.result.name}: provisioned ${p.model} (${p.label})`, style: 'section' });
        s.set(row, 0, { value: 'Month', style: 'header' });
        s.set(row, 1, { value: 'utilisation', style: 'headerRight' });
        row++;
        x.layout.months.forEach((month, m) => {
          const v = x.layout.values(p.utilisation, m);
          if (Number.isNaN(v)) return;
          s.set(row, 0, { value: month, style: 'month' });
          s.set(row, 1, { value: v, formula: monthRef(x, m, p.utilisation), style: 'share' });
          row++;
        });
        row++;
      }
    }
    if (row === 3) s.set(row, 0, { value: 'No scenario prices usage under a contract or reserves capacity.', style: 'note' });
    [40, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16].forEach((w, c) => s.width(c, w));
    sheets.push(s.build({ charts: [], showGridLines: false, print: print('Contracts and commitments') }));
  }

  if (wanted.has('invoice-check')) {
    const s = new SheetBuilder(names.claim(SHEET_TITLES['invoice-check']), 'invoice-check');
    s.set(0, 0, { value: 'Invoice check', style: 'title' });
    const run = input.invoiceCheck;
    if (!run) {
      s.set(1, 0, { value: 'No invoice check has been run in this workspace yet (Contracts → Invoice check, or aispend price).', style: 'subtitle' });
    } else {
      s.set(1, 0, {
        value: `Checked ${run.checkedAt.slice(0, 10)}${run.scope.contractName ? ` under ${run.scope.contractName}` : ''}${run.scope.month ? `, ${run.scope.month}` : ''}: ${run.stats.ledgerLines.toLocaleString('en-US')} ledger lines, list prices as of ${run.stats.catalogueAsOf}. Values from the check, not formulas.`,
        style: 'subtitle',
      });
      let row = 3;
      s.set(row++, 0, { value: 'Totals', style: 'section' });
      ['Currency', 'Billed', 'Contracted', 'Variance'].forEach((h, c) => s.set(row, c, { value: h, style: c === 0 ? 'header' : 'headerRight' }));
      row++;
      for (const t of run.totals) {
        s.set(row, 0, { value: t.currency, style: 'text' });
        s.set(row, 1, { value: Number(t.billed), style: 'money' });
        s.set(row, 2, { value: Number(t.contracted), style: 'money' });
        s.set(row, 3, { value: Number(t.variance), style: 'money' });
        row++;
      }
      row++;
      s.set(row++, 0, { value: 'Months', style: 'section' });
      ['Month', 'Vendor', 'Contract', 'Currency', 'Billed', 'Contracted', 'Variance'].forEach((h, c) => s.set(row, c, { value: h, style: c >= 4 ? 'headerRight' : 'header' }));
      row++;
      for (const m of run.months) {
        s.set(row, 0, { value: m.month, style: 'month' });
        s.set(row, 1, { value: m.provider, style: 'text' });
        s.set(row, 2, { value: m.contractId ?? '(list prices)', style: 'text' });
        s.set(row, 3, { value: m.currency, style: 'text' });
        s.set(row, 4, { value: Number(m.billed), style: 'money' });
        s.set(row, 5, m.contracted === null ? { value: MONTH_NOTE_TEXT[m.note ?? 'unpriced'], style: 'note' } : { value: Number(m.contracted), style: 'money' });
        s.set(row, 6, { value: m.variance === null ? '' : Number(m.variance), style: 'money' });
        row++;
      }
      row++;
      s.set(row++, 0, { value: `Findings (${run.findings.length})`, style: 'section' });
      ['Month', 'Vendor', 'Finding', 'What', 'Overcharge', 'Ledger line'].forEach((h, c) => s.set(row, c, { value: h, style: c === 4 ? 'headerRight' : 'header' }));
      row++;
      for (const f of run.findings.slice(0, 50_000)) {
        s.set(row, 0, { value: f.month, style: 'month' });
        s.set(row, 1, { value: f.provider, style: 'text' });
        s.set(row, 2, { value: f.code.replace(/_/g, ' '), style: 'text' });
        s.set(row, 3, { value: f.message, style: 'text' });
        s.set(row, 4, { value: f.overcharge === null ? '' : Number(f.overcharge), style: 'money' });
        s.set(row, 5, { value: f.lineRef ?? '', style: 'note' });
        row++;
      }
      const flagged = run.lines.filter((l) => l.findings.length > 0).slice(0, 50_000);
      if (flagged.length > 0) {
        row++;
        s.set(row++, 0, { value: 'Lines with findings', style: 'section' });
        ['Day', 'Vendor', 'Model', 'Class', 'Tier', 'Quantity', 'Billed', 'Contracted', 'Variance'].forEach((h, c) => s.set(row, c, { value: h, style: c >= 5 ? 'headerRight' : 'header' }));
        row++;
        for (const l of flagged) {
          s.set(row, 0, { value: l.day, style: 'month' });
          s.set(row, 1, { value: l.provider, style: 'text' });
          s.set(row, 2, { value: l.model ?? '', style: 'text' });
          s.set(row, 3, { value: l.usageClass, style: 'text' });
          s.set(row, 4, { value: l.serviceTier, style: 'text' });
          // A quantity the statement does not report is not zero: said in words, never a 0 someone could sum.
          s.set(row, 5, l.quantity === null ? { value: 'not reported', style: 'note' } : { value: Number(l.quantity), style: 'count' });
          s.set(row, 6, { value: Number(l.billed), style: 'moneyExact' });
          s.set(row, 7, { value: l.contracted === null ? '' : Number(l.contracted), style: 'moneyExact' });
          s.set(row, 8, { value: l.variance === null ? '' : Number(l.variance), style: 'moneyExact' });
          row++;
        }
      }
    }
    [12, 14, 22, 60, 14, 14, 14, 14, 14].forEach((w, c) => s.width(c, w));
    sheets.push(s.build({ charts: [], showGridLines: false, print: print('Invoice check') }));
  }

  if (wanted.has('chargeback') && input.allocation) {
    sheets.push(buildChargebackSheet(names.claim(SHEET_TITLES.chargeback), input.allocation, currency, print('Chargeback')));
  }
  if (wanted.has('budgets') && input.allocation) {
    sheets.push(buildBudgetsSheet(names.claim(SHEET_TITLES.budgets), input.allocation, currency, print('Budgets')));
  }

  if (wanted.has('risk')) {
    const s = new SheetBuilder(names.claim(SHEET_TITLES.risk), 'risk');
    s.set(0, 0, { value: 'Risk', style: 'title' });
    const ranged = scenarios.filter((x) => x.result.months.some((m) => m.p50));
    if (ranged.length === 0) {
      s.set(1, 0, { value: 'No Monte Carlo draws in this export: give uncertain inputs a range or distribution and export with draws (the default when a file has any).', style: 'subtitle' });
    } else {
      const run = ranged[0]!.run;
      const binned = percentileNote(run.percentiles);
      s.set(1, 0, { value: `P10, P50 and P90 from ${run.draws.toLocaleString('en-US')} Monte Carlo draws (seed ${run.seed}), and the tornado. These are values computed by the engine — the only projection figures in this book that are not formulas.${binned ? ` ${binned}.` : ''}`, style: 'subtitle' });
      s.set(3, 0, { value: 'Month', style: 'header' });
      s.width(0, 10);
      let c = 1;
      for (const x of ranged) {
        s.set(2, c, { value: x.result.name, style: 'section' });
        const series: { label: string; pick: (m: (typeof x.result.months)[number]) => string | null | undefined }[] = [
          { label: 'total cost P10', pick: (m) => m.p10?.totalCost },
          { label: 'total cost P50', pick: (m) => m.p50?.totalCost },
          { label: 'total cost P90', pick: (m) => m.p90?.totalCost },
          { label: `cost per ${unit} P10`, pick: (m) => m.p10?.costPerUnit },
          { label: `cost per ${unit} P50`, pick: (m) => m.p50?.costPerUnit },
          { label: `cost per ${unit} P90`, pick: (m) => m.p90?.costPerUnit },
        ];
        const startCol = c;
        for (const f of series) {
          s.set(3, c, { value: f.label, style: 'headerRight' });
          s.width(c, 14);
          x.result.months.forEach((m, i) => {
            const v = f.pick(m);
            s.set(4 + i, c, { value: v === null || v === undefined ? '' : Number(v), style: 'engineMoney' });
          });
          c++;
        }
        if (x === (ranged.find((r) => !r.result.isBaseline) ?? ranged[0])) {
          const last = 4 + x.result.months.length - 1;
          band = {
            sheet: s.name,
            scenario: x.result.name,
            categories: rangeRef(s.name, 4, 0, last, 0),
            p10: rangeRef(s.name, 4, startCol, last, startCol),
            p50: rangeRef(s.name, 4, startCol + 1, last, startCol + 1),
            p90: rangeRef(s.name, 4, startCol + 2, last, startCol + 2),
          };
        }
      }
      months.forEach((month, m) => s.set(4 + m, 0, { value: month, style: 'month' }));
      s.rowHeights.set(3, 32);
      let row = 4 + months.length + 1;
      s.set(row++, 0, { value: 'Over the horizon', style: 'section' });
      ['Scenario', 'KPI', 'P10', 'P50', 'P90'].forEach((h, i) => s.set(row, i, { value: h, style: i >= 2 ? 'headerRight' : 'header' }));
      row++;
      for (const x of ranged) {
        const k = x.result.kpis;
        const rows: [string, keyof NonNullable<typeof k.p50>][] = [
          ['total cost', 'totalCost'],
          ['AI cost', 'aiCost'],
          [`cost per ${unit}`, 'costPerUnit'],
          [`AI cost per ${unit}`, 'aiCostPerUnit'],
          ['cost per successful outcome', 'costPerSuccess'],
          ...(!x.result.isBaseline ? ([['savings against the baseline', 'savingsVsBaseline']] as [string, 'savingsVsBaseline'][]) : []),
        ];
        for (const [label, key] of rows) {
          s.set(row, 0, { value: x.result.name, style: 'text' });
          s.set(row, 1, { value: label, style: 'text' });
          (['p10', 'p50', 'p90'] as const).forEach((p, i) => {
            const v = k[p]?.[key];
            s.set(row, 2 + i, { value: v === null || v === undefined ? '' : Number(v), style: 'engineMoney' });
          });
          row++;
        }
        const be = (['p10', 'p50', 'p90'] as const).map((p) => { const h = k[p]; return h ? breakEvenText(h) : 'never'; });
        if (!x.result.isBaseline) {
          s.set(row, 0, { value: x.result.name, style: 'text' });
          s.set(row, 1, { value: 'break-even month', style: 'text' });
          be.forEach((v, i) => s.set(row, 2 + i, { value: v, style: 'engineValue' }));
          row++;
        }
      }
      for (const x of scenarios) {
        const t = x.run.tornado.find((tt) => tt.scenario === x.result.id);
        if (!t || t.entries.length === 0) continue;
        row++;
        s.set(row++, 0, { value: `Tornado: ${x.result.name} — cost per ${unit} with each input at its P10 and P90 (base ${Number(t.base).toFixed(2)})`, style: 'section' });
        ['Input', 'Key', 'Input at P10', 'Input at P90', `Cost per ${unit} at P10`, `at P90`, 'Swing'].forEach((h, i) => s.set(row, i, { value: h, style: i >= 2 ? 'headerRight' : 'header' }));
        row++;
        for (const e of t.entries) {
          s.set(row, 0, { value: e.label, style: 'text' });
          s.set(row, 1, { value: e.input, style: 'note' });
          s.set(row, 2, { value: e.lowInput, style: 'engineValue' });
          s.set(row, 3, { value: e.highInput, style: 'engineValue' });
          s.set(row, 4, { value: Number(e.low), style: 'engineMoney' });
          s.set(row, 5, { value: Number(e.high), style: 'engineMoney' });
          s.set(row, 6, { value: Number(e.swing), style: 'engineMoney' });
          row++;
        }
      }
    }
    sheets.push(s.build({ freeze: { rows: 4, columns: 1 }, charts: [], showGridLines: false, print: print('Risk') }));
  }

  if (wanted.has('provenance')) {
    const s = new SheetBuilder(names.claim(SHEET_TITLES.provenance), 'provenance');
    s.set(0, 0, { value: 'Data provenance', style: 'title' });
    s.set(1, 0, { value: `Where every figure comes from. AI Spend Workbench ${input.appVersion}; list prices as of ${input.catalogueAsOf ?? 'n/a'}.`, style: 'subtitle' });
    let row = 3;
    s.set(row++, 0, { value: 'Imports', style: 'section' });
    const heads = ['File', 'SHA-256', 'Format', 'Version', 'Rows read', 'Imported', 'Rejected', 'Currency', 'Source total', 'Imported total', 'Reconciled', 'Imported at', 'Period'];
    heads.forEach((h, c) => s.set(row, c, { value: h, style: c >= 4 && c <= 6 ? 'headerRight' : c === 8 || c === 9 ? 'headerRight' : 'header' }));
    row++;
    if (input.imports.length === 0) s.set(row++, 0, { value: 'No statements imported.', style: 'note' });
    for (const imp of input.imports) {
      const totals = imp.totals.length > 0 ? imp.totals : [null];
      totals.forEach((t, i) => {
        if (i === 0) {
          s.set(row, 0, { value: imp.fileName, style: 'text' });
          s.set(row, 1, { value: imp.sha256, style: 'note' });
          s.set(row, 2, { value: imp.format, style: 'text' });
          s.set(row, 3, { value: imp.formatVersion ?? '', style: 'text' });
          s.set(row, 4, { value: imp.rowsRead, style: 'count' });
          s.set(row, 5, { value: imp.rowsImported, style: 'count' });
          s.set(row, 6, { value: imp.rowsRejected, style: 'count' });
          s.set(row, 11, { value: imp.finishedAt, style: 'text' });
          s.set(row, 12, { value: imp.periodStart ? `${imp.periodStart.slice(0, 10)} to ${imp.periodEnd?.slice(0, 10) ?? ''}` : '', style: 'text' });
        }
        if (t) {
          s.set(row, 7, { value: t.currency, style: 'text' });
          // Exact decimals as text: a source total may carry more digits than a spreadsheet number holds.
          s.set(row, 8, { value: t.sourceTotal, style: 'text' });
          s.set(row, 9, { value: t.importedTotal, style: 'text' });
          s.set(row, 10, { value: t.reconciled ? 'yes' : `no (difference ${t.difference})`, style: t.reconciled ? 'text' : 'flag' });
        }
        row++;
      });
    }
    row++;
    s.set(row++, 0, { value: 'Scenario files', style: 'section' });
    ['File', 'SHA-256', 'Path'].forEach((h, c) => s.set(row, c, { value: h, style: 'header' }));
    row++;
    for (const f of input.files) {
      s.set(row, 0, { value: f.label, style: 'text' });
      s.set(row, 1, { value: f.sha256 ?? '', style: 'note' });
      s.set(row, 2, { value: f.path, style: 'note' });
      row++;
    }
    row++;
    s.set(row++, 0, { value: 'Contracts', style: 'section' });
    for (const k of input.contractTerms) {
      s.set(row, 0, { value: k.id, style: 'text' });
      s.set(row, 1, { value: k.file, style: 'note' });
      row++;
    }
    [36, 66, 16, 10, 11, 11, 11, 9, 18, 18, 14, 24, 24].forEach((w, c) => s.width(c, w));
    sheets.push(s.build({ charts: [], showGridLines: false, print: print('Data provenance') }));
  }

  if (wanted.has('ledger') && input.ledger) {
    const l = input.ledger;
    const s = new SheetBuilder(names.claim(SHEET_TITLES.ledger), 'ledger');
    s.set(0, 0, { value: l.mode === 'lines' ? 'Ledger extract: every line' : 'Ledger extract: month × provider × model × usage class × tier', style: 'title' });
    s.set(1, 0, { value: l.note ?? 'From the workspace’s usage ledger. Text is written as it was imported, always as text.', style: 'subtitle' });
    l.columns.forEach((c, i) => {
      s.set(3, i, { value: c.header, style: 'header' });
      s.width(i, c.width);
    });
    if (l.rows) {
      l.rows.forEach((r, i) => r.forEach((v, c) => s.set(4 + i, c, { value: v, style: l.columns[c]?.style })));
      if (4 + l.rows.length > MAX_ROWS) throw new RangeError('ledger extract beyond Excel’s rows');
    }
    sheets.push(
      s.build({
        freeze: { rows: 4, columns: 0 },
        autoFilter: `A4:${absA1(3, l.columns.length - 1).replace(/\$/g, '').replace(/\d+$/, '')}${l.rows ? 4 + l.rows.length : 4}`,
        charts: [],
        showGridLines: true,
        print: print('Ledger extract'),
        ...(l.stream ? { stream: l.stream } : {}),
      }),
    );
  }

  return {
    sheets,
    names: [],
    describe: (kind) => DESCRIPTIONS[kind] ?? '',
    band,
  };
}


