/**
 * The terms a contract can hold, one module each, in the order the contract
 * file lists them. Keyed by the terms of the Contract type: a term there
 * without a module here, or a module missing any part (schema, checks,
 * conversion, description, term-sheet mapping, pricing), does not compile.
 */
import type { Contract, ContractTermKey, ContractTermValues } from '../types';
import { commitmentTerm } from './commitment';
import { creditsTerm } from './credits';
import { discountStackingTerm } from './discount-stacking';
import { discountsTerm } from './discounts';
import { minimumFeeTerm } from './minimum-fee';
import { minimumFeeOrderTerm } from './minimum-fee-order';
import { priceChangeTerm } from './price-change';
import { provisionedTerm } from './provisioned';
import { ratesTerm } from './rates';
import { hasTerm, PRICING_STEPS, type ContractTermModule, type MonthPricing, type PresentTerm, type TermContext } from './term';
import { volumeDiscountTerm } from './volume-discount';

export const CONTRACT_TERMS = {
  rates: ratesTerm,
  discounts: discountsTerm,
  discountStacking: discountStackingTerm,
  volumeDiscount: volumeDiscountTerm,
  commitment: commitmentTerm,
  credits: creditsTerm,
  provisioned: provisionedTerm,
  minimumMonthlyFee: minimumFeeTerm,
  minimumFeeOrder: minimumFeeOrderTerm,
  priceChange: priceChangeTerm,
} satisfies { [K in ContractTermKey]: ContractTermModule<K> };

export const CONTRACT_TERM_KEYS = Object.keys(CONTRACT_TERMS) as ContractTermKey[];

/** A term's module, for code that handles any term alike. */
export function termModule<K extends ContractTermKey>(key: K): ContractTermModule<K> {
  return CONTRACT_TERMS[key] as unknown as ContractTermModule<K>;
}

type Issue = (path: (string | number)[], message: string) => void;

/** Runs each term's checks on a parsed contract file; paths start at the term's key. */
export function checkTerms(file: { currency: string } & { [K in ContractTermKey]?: unknown }, issue: Issue): void {
  for (const key of CONTRACT_TERM_KEYS) {
    const check = termModule(key).check as ((value: unknown, header: { currency: string }, issue: Issue) => void) | null;
    // A term the file (or a version) leaves out has nothing to check.
    if (file[key] !== undefined) check?.(file[key], file, (path, message) => issue([key, ...path], message));
  }
}

/** Every term of a parsed contract file, converted by its module. */
export function termsFromFile(file: { [K in ContractTermKey]?: unknown }, ctx: TermContext): ContractTermValues {
  const terms: Partial<Record<ContractTermKey, unknown>> = {};
  for (const key of CONTRACT_TERM_KEYS) terms[key] = (termModule(key).toTerms as (value: unknown, ctx: TermContext) => unknown)(file[key], ctx);
  return terms as ContractTermValues;
}

/** Each term the contract has, in a few words, in the file's order of terms. */
export function describeTerms(contract: Contract, order: readonly ContractTermKey[] = CONTRACT_TERM_KEYS): string[] {
  return order.flatMap((key) => (hasTerm(contract, key) ? (termModule(key).describe as (term: unknown, contract: Contract) => string[])(contract[key], contract) : []));
}

/** The month-level parts of the terms, in the order pricing applies them (volume discount, fees, commitment, minimum fee, credits). */
export const MONTH_PRICING: readonly { key: ContractTermKey; price: (term: PresentTerm<ContractTermKey>, ctx: MonthPricing) => void }[] = CONTRACT_TERM_KEYS.flatMap((key) => {
  const month = termModule(key).pricing.month;
  return month ? [{ key, step: PRICING_STEPS.indexOf(month.step), price: month.price as (term: PresentTerm<ContractTermKey>, ctx: MonthPricing) => void }] : [];
})
  .sort((a, b) => a.step - b.step)
  .map(({ key, price }) => ({ key, price }));

/**
 * The month-level parts in the order this contract applies them: the steps'
 * order, with the minimum fee moved after credits when the contract says the
 * minimum applies to what is left to pay (minimumFeeOrder: after_credits).
 */
export function monthPricingFor(contract: Contract): typeof MONTH_PRICING {
  if (contract.minimumFeeOrder !== 'after_credits') return MONTH_PRICING;
  const fee = MONTH_PRICING.filter((p) => p.key === 'minimumMonthlyFee');
  return [...MONTH_PRICING.filter((p) => p.key !== 'minimumMonthlyFee'), ...fee];
}

export { hasTerm, type ContractTermModule, type MonthPricing, type PricingStep, type TermContext, type TermSheetPart } from './term';
