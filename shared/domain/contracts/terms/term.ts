/**
 * What a contract term module is. Each term of a contract (rates, discounts,
 * a commitment, credits, ...) is one module in this folder holding everything
 * about it: its schema in the contract file, the checks the schema cannot
 * make, its conversion to contract terms, its place in the term-sheet
 * workbook, where pricing a month applies it, and its description in a few
 * words. index.ts collects them keyed by term; a term of the Contract type
 * without a module, or a module missing a part, does not compile.
 */
import type { z } from 'zod';
import type { Nanos } from '../../money';
import { moneyText } from '../../money-text';
import type { CommitmentStatus, Contract, ContractHeader, ContractState, ContractTermKey, CreditMovement, InvoiceLine, PricedItem } from '../types';

/** The steps of pricing a month, in order (price-month.ts's header describes each). */
export const PRICING_STEPS = ['list price', 'provisioned capacity', 'contracted price', 'usage lines', 'volume discount', 'provisioned fees', 'commitment', 'minimum fee', 'credits'] as const;
export type PricingStep = (typeof PRICING_STEPS)[number];
/** The steps after usage is priced, where a term adds its lines to the month as a whole. */
export type MonthStep = Exclude<PricingStep, 'list price' | 'provisioned capacity' | 'contracted price' | 'usage lines'>;

/**
 * A month being priced, once its usage lines stand (steps 1-4): what the
 * month-level terms read, and the figures they set in turn.
 */
export interface MonthPricing {
  readonly contract: Contract;
  readonly month: string;
  /** The month overlaps the term. */
  readonly inTerm: boolean;
  /** Days of the month within the term. */
  readonly termDays: number;
  readonly daysInMonth: bigint;
  /** Usage items as steps 1-3 priced them. */
  readonly priced: readonly PricedItem[];
  /** The invoice's lines so far; a term adds its own. */
  readonly lines: InvoiceLine[];
  /** What the next month carries (credit balances, contract-year totals); each term keeps its part. */
  readonly state: ContractState;
  /** In-term usage and % discount lines (step 4), before the volume discount. */
  readonly inTermNetBeforeVolume: Nanos;
  /** Usage after rates and discounts (and after the volume discount once step 5 ran): all of it, and the in-term part. */
  usageNet: Nanos;
  inTermUsageNet: Nanos;
  /** The month's figures (MonthSummary), each set by its step. */
  volumeDiscount: Nanos;
  provisionedFees: Nanos;
  commitmentShortfall: Nanos;
  minimumTopUp: Nanos;
  creditsApplied: Nanos;
  creditsForfeited: Nanos;
  credits: CreditMovement[];
  commitment: CommitmentStatus | null;
}

/** What converting a term from the file gets: the contract's header, model resolution and a way to report problems. */
export interface TermContext {
  readonly header: Pick<ContractHeader, 'vendor' | 'currency' | 'start' | 'end'>;
  /** The price book's id for a model the file names (the raw name when there is no price book or it does not know it; the issue is reported). */
  resolve(model: string, field: string): string;
  issue(field: string, message: string): void;
  /** The publishers (as the ledger spells them) of the models the price book lists for the vendor; null when there is no price book or it lists none. */
  knownPublishers?: () => ReadonlySet<string> | null;
}

/** How a term-sheet cell's text becomes a value of the contract file. */
export type CellKind = 'text' | 'int' | 'bool' | 'list';

/** A term's place in the term-sheet workbook: key/value labels (matched without regard to case, spaces or a trailing colon) and a table section. */
export interface TermSheetPart {
  /** Label → field path in the contract file. */
  labels?: Record<string, { path: string[]; kind: CellKind }>;
  /** A table headed "[name]": its field path, and column headers → keys of each entry. */
  section?: { name: string; field: string; columns: Record<string, { key: string; kind: CellKind }> };
}

/** A term as validation leaves it in the contract (null or empty when the contract has none). */
export type TermValue<K extends ContractTermKey> = Contract[K];
/** A term the contract has. */
export type PresentTerm<K extends ContractTermKey> = Exclude<Contract[K], null>;

export interface ContractTermModule<K extends ContractTermKey, S extends z.ZodType = z.ZodType> {
  /** The term in the contract file, under the key K (optional or defaulted: most contracts leave most terms out). The JSON Schema is made from it. */
  readonly schema: S;
  /** Checks the schema cannot make on its own (currencies against the contract's, dates in order, unique ids): `issue(path under K, message)`. */
  readonly check: ((value: z.output<S>, header: { currency: string }, issue: (path: (string | number)[], message: string) => void) => void) | null;
  /** The file form → the contract's term: amounts in nano-units, models resolved, each part's field path kept as `where`. */
  toTerms(value: z.output<S>, ctx: TermContext): TermValue<K>;
  /** The term in a few words each, for lists of contracts ("15% off list"). */
  describe(term: PresentTerm<K>, contract: Contract): string[];
  /** Its place in the term-sheet workbook, or null when it has none. */
  readonly termSheet: TermSheetPart | null;
  /** Where pricing a month applies it. */
  readonly pricing: {
    /** The steps it takes part in. Steps up to usage lines are carried out per usage item (rates.ts, provisioned.ts) for every term alike. */
    readonly steps: readonly PricingStep[];
    /** Its part once usage is priced: adds its lines and sets its figures; null when it acts only on usage items. */
    readonly month: { readonly step: MonthStep; price(term: PresentTerm<K>, ctx: MonthPricing): void } | null;
  };
}

/** Whether a contract has a term: a value that is not null and not an empty list. */
export function hasTerm<K extends ContractTermKey>(contract: Contract, key: K): boolean {
  const value: unknown = contract[key];
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** An invoice line that is not usage: a fee, a discount, a true-up, a credit. */
export function invoiceLine(kind: InvoiceLine['kind'], label: string, amount: Nanos, term: string | null): InvoiceLine {
  return { kind, label, amount, memo: null, model: null, usageClass: null, serviceTier: null, quantity: null, term };
}

/** An amount in a term's description or an invoice line's label, every decimal it holds ("$500.00", "1,250.50 EUR"). */
export function money(n: Nanos, currency: string): string {
  return moneyText(n, currency, { exact: true });
}
