import type { MethodOutput } from '../../../shared/api';
import type { DrawdownRow } from '../../../shared/api/contracts';
import { firstDay } from '../../../shared/domain/calendar';
import type { Contract } from '../../../shared/domain/contracts/types';
import { nanosToDecimal, parseScaledDecimal, type Nanos, type ScaledDecimal } from '../../../shared/domain/money';
import { commitmentIdOn } from '../../../shared/formats/focus-commitments';
import { readStoredContractApplied } from '../../../shared/formats/values/contract-applied';
import { DecimalSum } from '../../../shared/formats/values/numbers';
import { priceBookFor } from '../pricing/price-book-service';
import type { Workspace } from '../workspace/workspace';
import { priceContractFromLedger } from './contract-months';
import { contractsFor } from './contract-service';

/**
 * Draw-down per commitment from the vendor's own FOCUS file (the
 * ContractApplied of imported cost rows) beside the workbench's calculation
 * (the commitment balance the contract pricer computes from the ledger's
 * usage), with the difference.
 *
 * The vendor side: applied cost summed per ContractId × ContractCommitmentId
 * × month of the charge × currency, exactly (nano-units). Purchase rows are
 * the commitment being bought (FOCUS's first example), not drawn down: they
 * are summed apart. The workbench side: what the pricer counted toward the
 * contract's commitment in that month (the growth of the contract year's
 * drawn-to-date). It is set against the vendor row whose commitment id is
 * the workbench's id for that month's true-up period (the id the
 * workbench's own export writes), or against the only vendor commitment of
 * that contract and month; a vendor who splits a month over several
 * commitments of its own is compared in total instead (each row says so).
 */

interface VendorSum {
  contractId: string | null;
  commitmentId: string;
  month: string;
  currency: string;
  applied: Nanos | null;
  quantity: DecimalSum | null;
  unit: string | null;
  purchased: Nanos | null;
  lines: number;
}

function times(value: ScaledDecimal, count: number): ScaledDecimal {
  return { digits: value.digits * BigInt(count), scale: value.scale };
}

function decimalText(sum: DecimalSum): string {
  const { digits, scale } = sum.value;
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const fraction = scale > 0 ? abs.slice(abs.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The vendor's ContractApplied summed per commitment and month, from the ledger's lines that carry one. */
export function vendorDrawdown(workspace: Workspace, range: { from?: string | undefined; through?: string | undefined } = {}): VendorSum[] {
  // Identical ContractApplied texts of a month are grouped in SQL (a commitment drawn by the same amount
  // on many lines is one group), so each distinct text is read once. The rows are counted per text, month
  // and kind from ledger_rows' partial index on contract_applied first (it covers the three; "+month" keeps SQLite
  // off the month × kind index, which would visit every line of the months), the kinds' currency and category after.
  const groups = workspace.db
    .prepare(
      `SELECT g.applied, g.month, k.currency, k.charge_category = 'purchase' AS purchase, sum(g.lines) AS lines
         FROM (SELECT contract_applied AS applied, month, kind_id, count(*) AS lines
                 FROM ledger_rows
                WHERE contract_applied IS NOT NULL AND +month >= ? AND +month <= ?
                GROUP BY contract_applied, month, kind_id) g
         JOIN ledger_kinds k ON k.id = g.kind_id
        GROUP BY g.applied, g.month, k.currency, purchase`,
    )
    .all(range.from ?? '0000-00', range.through ?? '9999-99') as { applied: string; month: string; currency: string; purchase: number; lines: number }[];
  const sums = new Map<string, VendorSum>();
  for (const g of groups) {
    for (const a of readStoredContractApplied(g.applied)) {
      const key = JSON.stringify([a.contractId, a.commitmentId, g.month, g.currency]);
      let sum = sums.get(key);
      if (!sum) {
        sum = { contractId: a.contractId, commitmentId: a.commitmentId, month: g.month, currency: g.currency, applied: null, quantity: null, unit: null, purchased: null, lines: 0 };
        sums.set(key, sum);
      }
      if (g.purchase) {
        if (a.appliedCost !== null) sum.purchased = (sum.purchased ?? 0n) + a.appliedCost * BigInt(g.lines);
        continue;
      }
      sum.lines += g.lines;
      if (a.appliedCost !== null) sum.applied = (sum.applied ?? 0n) + a.appliedCost * BigInt(g.lines);
      if (a.appliedQuantity !== null) {
        sum.quantity ??= new DecimalSum();
        sum.quantity.add(times(parseScaledDecimal(a.appliedQuantity), g.lines));
        // One unit per commitment is the norm; a second one is named rather than summed into the first.
        sum.unit = sum.unit === null || sum.unit === a.appliedUnit ? a.appliedUnit : `${sum.unit}, ${a.appliedUnit}`;
      }
    }
  }
  return [...sums.values()].sort((a, b) => (a.contractId ?? '').localeCompare(b.contractId ?? '') || a.month.localeCompare(b.month) || a.commitmentId.localeCompare(b.commitmentId) || a.currency.localeCompare(b.currency));
}

interface WorkbenchMonth {
  drawn: Nanos;
  drawnToDate: Nanos;
  committedToDate: Nanos;
  remaining: Nanos;
  periodId: string | null;
}

/** What the pricer counted toward the contract's commitment, month by month (the growth of the year's drawn-to-date). */
function workbenchMonths(workspace: Workspace, contract: Contract): Map<string, WorkbenchMonth> {
  const { months } = priceContractFromLedger(workspace, contract, priceBookFor(workspace));
  const out = new Map<string, WorkbenchMonth>();
  let year = 0;
  let before = 0n;
  for (const m of months) {
    const b = m.commitment?.balance;
    if (!m.inTerm || !b) continue;
    if (b.year !== year) {
      year = b.year;
      before = 0n;
    }
    const first = firstDay(m.month) < contract.start ? contract.start : firstDay(m.month);
    out.set(m.month, { drawn: b.drawnToDate - before, drawnToDate: b.drawnToDate, committedToDate: b.committedToDate, remaining: b.remaining, periodId: commitmentIdOn(contract, first) });
    before = b.drawnToDate;
  }
  return out;
}

const money = (n: Nanos | null): string | null => (n === null ? null : nanosToDecimal(n));

export function contractDrawdown(workspace: Workspace, input: { contractId?: string | undefined; from?: string | undefined; through?: string | undefined }): MethodOutput<'contracts.drawdown'> {
  const vendor = vendorDrawdown(workspace, input).filter((v) => input.contractId === undefined || v.contractId === input.contractId);
  const contracts = new Map(contractsFor(workspace).map((c) => [c.id, c]));
  const priced = new Map<string, Map<string, WorkbenchMonth>>();
  const workbenchOf = (contract: Contract): Map<string, WorkbenchMonth> => {
    let months = priced.get(contract.id);
    if (!months) {
      months = workbenchMonths(workspace, contract);
      priced.set(contract.id, months);
    }
    return months;
  };
  // The vendor's commitments per contract and month, to tell which row the workbench's month is set against.
  const perContractMonth = new Map<string, VendorSum[]>();
  for (const v of vendor) {
    if (v.contractId === null || v.lines === 0) continue;
    const key = `${v.contractId}\u0001${v.month}`;
    perContractMonth.set(key, [...(perContractMonth.get(key) ?? []), v]);
  }
  const rows: DrawdownRow[] = vendor.map((v) => {
    const contract = v.contractId === null ? undefined : contracts.get(v.contractId);
    const base = {
      contractId: v.contractId,
      commitmentId: v.commitmentId,
      month: v.month,
      currency: v.currency,
      vendorLines: v.lines,
      vendorApplied: money(v.applied),
      vendorQuantity: v.quantity === null ? null : decimalText(v.quantity),
      vendorUnit: v.unit,
      vendorPurchased: money(v.purchased),
    };
    const none = (note: string | null): DrawdownRow => ({ ...base, contractName: contract?.name ?? null, workbench: null, difference: null, matchedBy: null, note });
    if (v.lines === 0) return none('a Purchase row: the commitment bought, not drawn down');
    if (!contract) return none(v.contractId === null ? 'the vendor names no ContractId' : `no stored contract ${v.contractId}: store it to compare`);
    if (!contract.commitment) return none(`${contract.id} has no commitment in the workbench`);
    if (contract.currency !== v.currency) return none(`the vendor applies ${v.currency}; ${contract.id} is in ${contract.currency}`);
    const w = workbenchOf(contract).get(v.month);
    if (!w) return none(`${v.month} is outside ${contract.id}'s term`);
    const siblings = perContractMonth.get(`${contract.id}\u0001${v.month}`) ?? [v];
    const byId = siblings.find((s) => s.commitmentId === w.periodId);
    const matchedBy = byId === v ? 'commitment' : byId === undefined && siblings.length === 1 ? 'contract' : null;
    if (matchedBy === null) {
      const total = siblings.reduce((sum, s) => sum + (s.applied ?? 0n), 0n);
      return none(
        byId
          ? `the workbench's ${v.month} is set against ${w.periodId}`
          : `the vendor splits ${v.month} over ${siblings.length} commitments (${nanosToDecimal(total)} in all against the workbench's ${nanosToDecimal(w.drawn)})`,
      );
    }
    return {
      ...base,
      contractName: contract.name,
      workbench: { commitmentId: w.periodId, drawn: nanosToDecimal(w.drawn), drawnToDate: nanosToDecimal(w.drawnToDate), committedToDate: nanosToDecimal(w.committedToDate), remaining: nanosToDecimal(w.remaining) },
      difference: v.applied === null ? null : nanosToDecimal(v.applied - w.drawn),
      matchedBy,
      note: v.applied === null ? 'the vendor gives a quantity only: no amount to compare' : null,
    };
  });
  const lines = (workspace.db.prepare('SELECT count(*) AS n FROM ledger_rows WHERE contract_applied IS NOT NULL').get() as { n: number }).n;
  return { rows, linesWithContractApplied: lines };
}
