/**
 * FOCUS 1.3's ContractApplied column: a JSON object whose "Elements" array
 * links a charge to the contract commitments it draws down, each element
 * naming ContractId and ContractCommitmentId with the charge's
 * ContractCommitmentAppliedCost (in the BillingCurrency) and/or
 * ContractCommitmentAppliedQuantity with its ContractCommitmentAppliedUnit.
 *
 * The specification requires the column to be a valid JSON object in that
 * shape (JsonObjectFormat), so a cell that is not is a malformed row, never
 * a warning: the importer rejects it naming file, row and field, as it does
 * a BilledCost that is not a number. Its text spells the ids "ContractID" /
 * "ContractCommitmentID" while erratum #3 and the examples generators write
 * use "ContractId" / "ContractCommitmentId": both are read. Amounts are read
 * from the JSON text itself (JSON.parse would round a long decimal to a
 * binary double) and kept exactly: cost as nano-units, quantity as decimal
 * text. Custom x_ keys are not kept.
 */
import { parseMoney, parseScaledDecimal, type Nanos } from '../../domain/money';

/** One commitment a charge draws down. */
export interface ContractApplication {
  contractId: string | null;
  commitmentId: string;
  /** Applied cost in nano-units of the row's BillingCurrency; null when the element gives a quantity only. */
  appliedCost: Nanos | null;
  /** Applied quantity as exact decimal text; null when the element gives a cost only. */
  appliedQuantity: string | null;
  appliedUnit: string | null;
}

export type ContractAppliedParse = { ok: true; applications: ContractApplication[] } | { ok: false; reason: string };

/** A marker no JSON text of a number carries: numbers are turned into marked strings before JSON.parse so their digits survive. */
const NUMBER_MARK = '\u0000#';
const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The JSON text with every number outside a string replaced by a marked string of its own digits. */
function markNumbers(text: string): string {
  let out = '';
  let i = 0;
  let from = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i += 1;
    } else if (ch === 45 /* - */ || (ch >= 48 && ch <= 57)) {
      NUMBER_TOKEN.lastIndex = i;
      const m = NUMBER_TOKEN.exec(text);
      if (!m) return text; // not a number: JSON.parse reports it
      // The mark is written escaped: a raw control character is not allowed inside a JSON string.
      out += `${text.slice(from, i)}"\\u0000#${m[0]}"`;
      i += m[0].length;
      from = i;
    } else i += 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A key read without regard to the ID/Id spelling the specification's text and its erratum differ on. */
function property(element: Record<string, unknown>, key: string): unknown {
  if (key in element) return element[key];
  const upper = key.replace(/Id$/, 'ID');
  return element[upper];
}

function textOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.startsWith(NUMBER_MARK) ? value.slice(NUMBER_MARK.length) : value;
  return v.trim() === '' ? null : v.trim();
}

/** A Decimal property: a JSON number (or a numeric string), exact. */
function decimalOf(value: unknown): { ok: true; text: string | null } | { ok: false } {
  if (value === null || value === undefined) return { ok: true, text: null };
  if (typeof value !== 'string') return { ok: false };
  const text = value.startsWith(NUMBER_MARK) ? value.slice(NUMBER_MARK.length) : value.trim();
  try {
    parseScaledDecimal(text);
    return { ok: true, text };
  } catch {
    return { ok: false };
  }
}

/** Reads one ContractApplied cell. Blank, or an empty Elements array, is no applications. */
export function parseContractApplied(cell: string): ContractAppliedParse {
  const text = cell.trim();
  if (text === '') return { ok: true, applications: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(markNumbers(text));
  } catch {
    return { ok: false, reason: 'ContractApplied is not valid JSON (FOCUS requires a JSON object with an "Elements" array)' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'ContractApplied is not a JSON object (FOCUS requires {"Elements": [...]})' };
  const elements = (parsed as Record<string, unknown>).Elements;
  if (!Array.isArray(elements)) return { ok: false, reason: 'ContractApplied has no "Elements" array' };
  const applications: ContractApplication[] = [];
  for (const [i, item] of elements.entries()) {
    const where = `ContractApplied Elements[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { ok: false, reason: `${where} is not an object` };
    const e = item as Record<string, unknown>;
    const contractRaw = property(e, 'ContractId');
    const commitmentRaw = property(e, 'ContractCommitmentId');
    if (contractRaw !== undefined && contractRaw !== null && typeof contractRaw !== 'string') return { ok: false, reason: `${where}.ContractId is not a string` };
    if (typeof commitmentRaw !== 'string' || textOf(commitmentRaw) === null) return { ok: false, reason: `${where} has no ContractCommitmentId` };
    const cost = decimalOf(e.ContractCommitmentAppliedCost);
    if (!cost.ok) return { ok: false, reason: `${where}.ContractCommitmentAppliedCost is not a decimal number` };
    const quantity = decimalOf(e.ContractCommitmentAppliedQuantity);
    if (!quantity.ok) return { ok: false, reason: `${where}.ContractCommitmentAppliedQuantity is not a decimal number` };
    if (cost.text === null && quantity.text === null) return { ok: false, reason: `${where} has neither ContractCommitmentAppliedCost nor ContractCommitmentAppliedQuantity (one must not be null)` };
    const unitRaw = e.ContractCommitmentAppliedUnit;
    if (unitRaw !== undefined && unitRaw !== null && typeof unitRaw !== 'string') return { ok: false, reason: `${where}.ContractCommitmentAppliedUnit is not a string` };
    const unit = textOf(unitRaw as string | null | undefined);
    if (quantity.text !== null && unit === null) return { ok: false, reason: `${where} has a ContractCommitmentAppliedQuantity without its ContractCommitmentAppliedUnit` };
    applications.push({
      contractId: textOf(contractRaw as string | null | undefined),
      commitmentId: textOf(commitmentRaw) as string,
      appliedCost: cost.text === null ? null : parseMoney(cost.text),
      appliedQuantity: quantity.text,
      appliedUnit: quantity.text === null ? null : unit,
    });
  }
  return { ok: true, applications };
}

/**
 * Applications as the ledger stores them (ledger_lines.contract_applied):
 * a JSON array of [contractId, commitmentId, appliedCost in nano-units as
 * text, appliedQuantity, appliedUnit]; null for none.
 */
export function storedContractApplied(applications: readonly ContractApplication[]): string | null {
  if (applications.length === 0) return null;
  return JSON.stringify(applications.map((a) => [a.contractId, a.commitmentId, a.appliedCost === null ? null : a.appliedCost.toString(), a.appliedQuantity, a.appliedUnit]));
}

/** The stored form read back. */
export function readStoredContractApplied(text: string): ContractApplication[] {
  const rows = JSON.parse(text) as [string | null, string, string | null, string | null, string | null][];
  return rows.map(([contractId, commitmentId, cost, quantity, unit]) => ({ contractId, commitmentId, appliedCost: cost === null ? null : BigInt(cost), appliedQuantity: quantity, appliedUnit: unit }));
}
