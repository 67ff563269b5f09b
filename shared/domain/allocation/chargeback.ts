/**
 * The chargeback statement as data: one row per team (or product) and month
 * and currency, in cents that foot to each month's ledger total, with the
 * FOCUS 1.3 allocation columns a finance system keys on. A board-workbook
 * sheet renders this table as it is; the app offers it as CSV.
 */
import { csvDocument } from '../csv-text';

/** What the sheet is made from: an allocation run as the API returns it (shared/api/allocation.ts AllocationRun). */
export interface ChargebackInput {
  policyName: string;
  file: string;
  cost: 'billed' | 'effective';
  teams: readonly { id: string; name: string; costCentre: string | null; businessUnit: string | null }[];
  rows: readonly { team: string; product: string | null; month: string; currency: string; amount: string; amountCents: string; tokens: number; lines: number; ruleIds: readonly string[] }[];
  months: readonly { month: string; currency: string; ledgerCents: string }[];
  notes: readonly { message: string }[];
}

export const CHARGEBACK_COLUMNS = [
  'BillingPeriod',
  'BillingCurrency',
  'AllocatedResourceId',
  'AllocatedResourceName',
  'x_CostCentre',
  'x_BusinessUnit',
  'x_Product',
  'AllocatedMethodId',
  'AllocatedTags',
  'x_AllocatedCost',
  'x_AllocatedCostExact',
  'x_Tokens',
  'x_Lines',
] as const;

export interface ChargebackSheet {
  title: string;
  columns: readonly string[];
  rows: (string | number | null)[][];
  /** Per month and currency: the ledger total in cents, which the month's rows add up to. */
  totals: { month: string; currency: string; total: string }[];
  notes: string[];
}

export function chargebackSheet(run: ChargebackInput): ChargebackSheet {
  const teams = new Map(run.teams.map((t) => [t.id, t]));
  const rows = run.rows.map((r) => {
    const team = teams.get(r.team);
    const unallocated = r.team === 'unallocated';
    const tags: Record<string, string> = unallocated ? {} : { team: r.team };
    if (team?.costCentre) tags.costCentre = team.costCentre;
    if (team?.businessUnit) tags.businessUnit = team.businessUnit;
    if (r.product) tags.product = r.product;
    return [
      r.month,
      r.currency,
      unallocated ? null : r.team,
      unallocated ? null : (team?.name ?? r.team),
      team?.costCentre ?? null,
      team?.businessUnit ?? null,
      r.product,
      r.ruleIds.length === 0 ? null : r.ruleIds.map((id) => `rule:${id}`).join(' '),
      unallocated ? null : JSON.stringify(tags),
      r.amountCents,
      r.amount,
      Math.round(r.tokens),
      r.lines,
    ];
  });
  return {
    title: `Chargeback — ${run.policyName}`,
    columns: CHARGEBACK_COLUMNS,
    rows,
    totals: run.months.map((m) => ({ month: m.month, currency: m.currency, total: m.ledgerCents })),
    notes: [
      `${run.cost === 'billed' ? 'Billed' : 'Effective (amortised)'} cost, allocated by ${run.file}; shared costs split exactly (largest remainder), rows in cents that add up to each month's ledger total.`,
      ...run.notes.map((n) => n.message),
    ],
  };
}

/** The sheet as CSV text (formula-safe, see csv-text). */
export function chargebackCsv(sheet: ChargebackSheet): string {
  return csvDocument(sheet.columns, sheet.rows);
}
