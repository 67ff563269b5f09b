import type { ContractFile } from './schema';
import type { ContractTermKey } from './types';

/**
 * A contract as the rows of its term-sheet workbook (the layout term-sheet.ts
 * reads; documented in scenarios/contracts/README.md), typed as a person
 * would type them: dates as dates, percentages as percentages, amounts as
 * numbers. Pure data: the backend's writer gives the rows their styles and
 * writes the file, so the layout is decided here, beside its reader, and a
 * test can read it back without a spreadsheet.
 */

/** How a cell is typed and shown: text as is; a date (YYYY-MM-DD); a percentage (the contract's 15 is the cell's 0.15, shown 15%); money or a rate (a number when it is exactly one, else the decimal text); a count. */
export type TermSheetFormat = 'text' | 'date' | 'percent' | 'money' | 'rate' | 'count';

export interface TermSheetCell {
  /** Text or a whole count; a date, percent, money or rate keeps the contract's own decimal text (the writer decides how a spreadsheet holds it). */
  value: string | number;
  format: TermSheetFormat;
}

/** A row's role sets its look: a title, a blank spacer, a label and its value, a section mark ("[Rates]", "[Version 2]"), a table's header, or a table entry. */
export type TermSheetRowKind = 'title' | 'blank' | 'label' | 'section' | 'header' | 'entry';

export interface TermSheetRow {
  kind: TermSheetRowKind;
  /** Column A onwards; null is an empty cell. */
  cells: (TermSheetCell | null)[];
}

/** The terms of a contract file, or the terms a version names (the rest left out). */
type VersionTerms = Partial<Pick<ContractFile, ContractTermKey>>;

const text = (value: string): TermSheetCell => ({ value, format: 'text' });
const date = (value: string): TermSheetCell => ({ value, format: 'date' });
const percent = (value: string): TermSheetCell => ({ value, format: 'percent' });
const money = (value: string): TermSheetCell => ({ value, format: 'money' });
const rate = (value: string): TermSheetCell => ({ value, format: 'rate' });
const count = (value: number): TermSheetCell => ({ value, format: 'count' });
const yesNo = (b: boolean): TermSheetCell => text(b ? 'Yes' : 'No');
const listOf = (items: readonly string[] | undefined): TermSheetCell | null => (items === undefined ? null : text(items.join(', ')));

export function termSheetRows(c: ContractFile): TermSheetRow[] {
  const rows: TermSheetRow[] = [];
  const blank = () => rows.push({ kind: 'blank', cells: [] });
  const label = (name: string, value: TermSheetCell | undefined) => {
    if (value !== undefined) rows.push({ kind: 'label', cells: [text(name), value] });
  };

  rows.push({ kind: 'title', cells: [text('Contract term sheet')] });
  blank();
  label('Contract id', c.id === undefined ? undefined : text(c.id));
  label('Name', c.name === undefined ? undefined : text(c.name));
  label('Vendor', text(c.vendor));
  label('Currency', text(c.currency));
  label('Start', date(c.term.start));
  label('End', date(c.term.end));
  label('Notes', c.notes === undefined ? undefined : text(c.notes));
  writeTerms(c, false);
  // Each version after the terms as signed, in the same layout: from when, why, until when, what it withdraws, then the terms it names.
  (c.versions ?? []).forEach((v, i) => {
    blank();
    rows.push({ kind: 'section', cells: [text(`[Version ${i + 2}]`)] });
    label('Effective from', date(v.effectiveFrom));
    label('Reason', text(v.reason));
    if (v.end !== undefined) label('End', date(v.end));
    if (v.withdrawCredits !== undefined) label('Withdraw credits', text(v.withdrawCredits.join(', ')));
    writeTerms(v as VersionTerms, true);
  });
  return rows;

  /**
   * The terms' labels and tables: every term of the contract as signed (a default left unwritten), or exactly the terms
   * a version names (written even where they hold the default, and a table with no rows: a version that names a term
   * replaces it).
   */
  function writeTerms(t: VersionTerms, version: boolean): void {
    if (t.minimumMonthlyFee !== undefined) label('Minimum monthly fee', money(t.minimumMonthlyFee));
    if (t.minimumFeeOrder !== undefined && (version || t.minimumFeeOrder !== 'before_credits')) label('Minimum fee order', text(t.minimumFeeOrder));
    const discounts = t.discounts ?? [];
    const stacked = discounts.some((d) => d.stacks === true);
    if (t.discountStacking !== undefined && (version || stacked)) label('Discount stacking', text(t.discountStacking));
    if (t.commitment) {
      if (t.commitment.amount !== undefined) label('Commitment amount', money(t.commitment.amount));
      label('Commitment period', text(t.commitment.period));
      if (t.commitment.trueUp !== undefined) label('True up', text(t.commitment.trueUp));
      label('Take or pay', yesNo(t.commitment.takeOrPay));
      label('Carry over', text(t.commitment.carryOver));
      if (t.commitment.maxCarryOver !== undefined) label('Max carry over', money(t.commitment.maxCarryOver));
      label('Commitment includes provisioned fees', yesNo(t.commitment.includesProvisionedFees));
    }
    if (t.volumeDiscount) {
      label('Volume discount basis', text(t.volumeDiscount.basis));
      label('Volume discount period', text(t.volumeDiscount.period));
      label('Volume discount method', text(t.volumeDiscount.method));
    }
    if (t.credits) label('Credit burn order', text(t.credits.burnOrder));
    if (t.priceChange) {
      label('Price change notice days', count(t.priceChange.noticeDays));
      if (t.priceChange.capPercent !== undefined) label('Price change cap %', percent(t.priceChange.capPercent));
    }

    // A version's table is written when it names the term, rows or none.
    const section = (name: string, headers: string[], entries: (TermSheetCell | null)[][] | undefined) => {
      if (entries === undefined || (entries.length === 0 && !version)) return;
      blank();
      rows.push({ kind: 'section', cells: [text(`[${name}]`)] });
      rows.push({ kind: 'header', cells: headers.map(text) });
      for (const cells of entries) rows.push({ kind: 'entry', cells });
    };
    const optional = (value: string | undefined, cell: (v: string) => TermSheetCell = text) => (value === undefined ? null : cell(value));

    section(
      'Rates',
      ['Model', 'Usage class', 'Service tier', 'Meter', 'Context band', 'Region', 'Price', 'Per', 'Unit'],
      t.rates?.map((r) => [optional(r.model), text(r.usageClass), optional(r.serviceTier), optional(r.meter), optional(r.contextBand), optional(r.region), rate(r.price), r.per === undefined ? null : count(r.per), optional(r.unit)]),
    );
    // The Stacks column only where a discount stacks: a sheet whose discounts compete reads as it always did.
    section(
      'Discounts',
      ['Label', 'Percent off', 'Models', 'Usage classes', 'Service tiers', ...(stacked ? ['Stacks'] : [])],
      t.discounts?.map((d) => [optional(d.label), percent(d.percentOff), listOf(d.models), listOf(d.usageClasses), listOf(d.serviceTiers), ...(stacked ? [yesNo(d.stacks === true)] : [])]),
    );
    // Years of a ramp only where it has some (a commitment without a ramp has none to name).
    const years = t.commitment?.years ?? [];
    if (years.length > 0) section('Commitment years', ['Year', 'Amount'], years.map((y) => [count(y.year), money(y.amount)]));
    if (t.volumeDiscount) section('Volume tiers', ['From', 'Percent off'], t.volumeDiscount.tiers.map((x) => [money(x.from), percent(x.percentOff)]));
    // Scope and part-month columns only where a grant has them: a sheet of plain grants reads as it always did.
    const grants = t.credits?.grants;
    const scoped = (grants ?? []).some((g) => g.models || g.usageClasses || g.serviceTiers || g.publishers);
    const partMonth = (grants ?? []).some((g) => g.partMonth !== undefined);
    section(
      'Credits',
      ['Id', 'Amount', 'Start', 'Expires', 'Applies to', ...(scoped ? ['Publishers', 'Models', 'Usage classes', 'Service tiers'] : []), ...(partMonth ? ['Part month'] : [])],
      grants?.map((g) => [
        text(g.id),
        money(g.amount),
        date(g.start),
        date(g.expires),
        text(g.appliesTo),
        ...(scoped ? [listOf(g.publishers), listOf(g.models), listOf(g.usageClasses), listOf(g.serviceTiers)] : []),
        ...(partMonth ? [optional(g.partMonth)] : []),
      ]),
    );
    section(
      'Provisioned',
      ['Id', 'Units', 'Price per unit-hour', 'Price per unit-month', 'Start', 'End', 'Models', 'Throughput per unit'],
      t.provisioned?.map((p) => [
        text(p.id),
        count(p.units),
        optional(p.pricePerUnitHour, rate),
        optional(p.pricePerUnitMonth, money),
        date(p.start),
        date(p.end),
        text(p.models.join(', ')),
        text(
          Object.entries(p.throughputPerUnit)
            .map(([m, x]) => `${m}=${x}`)
            .join('; '),
        ),
      ]),
    );
  }
}
