/**
 * Contract: from its start month a vendor's usage is priced under a contract
 * the workspace knows (the contracts module prices it, shared/engine/contracts.ts)
 * or under an offer written in the lever (shared/engine/offer.ts).
 */
import { z } from 'zod';
import { monthNumber } from '../../domain/calendar';
import { MoneyInput, PercentInput, PlanMonth } from '../schema/inputs';
import { A_MONTH } from './form';
import { LeverCommon, type LeverModule } from './lever';

/**
 * An offer written in the scenario: a contract in short form (% off list, a
 * monthly take-or-pay commitment, prepaid credits, a minimum fee), whose
 * figures may be uncertain inputs. It becomes a contract file
 * (shared/engine/offer.ts, offerContractFile) and is priced by the one
 * contract pricer, with the contract's defaults: credits pay all charges,
 * and the minimum fee tops up charges before credits pay.
 */
export const Offer = z
  .object({
    discountPct: PercentInput.optional(),
    monthlyCommitment: MoneyInput.optional(),
    credits: z
      .array(
        z
          .object({
            amount: MoneyInput,
            start: PlanMonth,
            /** Last month the credits may be used; what is left then is forfeited. */
            expires: PlanMonth,
            /** all_charges (default): usage, shortfall and minimum fee top-up; usage_only: usage alone. */
            appliesTo: z.enum(['all_charges', 'usage_only']).default('all_charges'),
          })
          .strict(),
      )
      .optional(),
    minimumMonthlyFee: MoneyInput.optional(),
    /** before_credits (default): credits may pay the minimum fee top-up; after_credits: what is left to pay after credits is topped up to the minimum. */
    minimumFeeOrder: z.enum(['before_credits', 'after_credits']).default('before_credits'),
  })
  .strict();
export type Offer = z.infer<typeof Offer>;

const schema = z
  .object({
    type: z.literal('contract'),
    ...LeverCommon,
    /** The vendor whose usage is priced under the contract from the start month. */
    provider: z.string().min(1),
    /** A contract known to the workspace (priced by the contracts module), or ... */
    contract: z.string().min(1).optional(),
    /** ... an offer written here. */
    offer: Offer.optional(),
  })
  .strict()
  .refine((l) => (l.contract === undefined) !== (l.offer === undefined), { message: 'give either contract or offer', path: ['contract'] });

const offerOnly = { path: ['contract'], is: [undefined, ''] };

export const contractLever: LeverModule<typeof schema> = {
  schema,
  compile(lever, { num, money, fail, label, field, timing, plan }) {
    const offer = lever.offer;
    plan.contracts.push({
      label: lever.contract ?? label,
      provider: lever.provider,
      providerIndex: plan.providerIndexOf(lever.provider),
      timing,
      contractId: lever.contract ?? null,
      offer: offer
        ? {
            discountPct: num(offer.discountPct, 0, 'offer.discountPct', 'discount off list (%)', { lo: 0, hi: 100 }),
            monthlyCommitment: money(offer.monthlyCommitment, 'offer.monthlyCommitment', 'monthly commitment'),
            credits: (offer.credits ?? []).map((c, ci) => {
              if (monthNumber(c.expires) < monthNumber(c.start)) fail(`${label}: credits expire (${c.expires}) before they start (${c.start})`, `${field}.offer.credits[${ci}].expires`);
              return { amount: money(c.amount, `offer.credits.${ci}.amount`, 'prepaid credits'), start: c.start, expires: c.expires, appliesTo: c.appliesTo };
            }),
            minimumMonthlyFee: money(offer.minimumMonthlyFee, 'offer.minimumMonthlyFee', 'minimum monthly fee'),
            minimumFeeOrder: offer.minimumFeeOrder,
          }
        : null,
      adjustmentSlot: plan.slotFor(null, lever.provider, null, 'contract_adjustment'),
    });
  },
  step: null,
  form: {
    title: 'Contract',
    summary: 'Price a vendor’s usage under a stored contract, or an offer written here.',
    fields: [
      { path: ['provider'], label: 'Vendor', kind: 'text', unit: 'provider id', help: 'The vendor whose usage is priced under the contract from the start month, e.g. openai.', required: true },
      { path: ['contract'], label: 'Stored contract', kind: 'contract', unit: 'contract id', help: 'A contract stored in this workspace (Contracts view). Leave empty to write an offer below instead.' },
      { path: ['offer', 'discountPct'], label: 'Discount', kind: 'number', unit: '% off list', help: 'Percentage off list prices on every line.', when: offerOnly },
      { path: ['offer', 'monthlyCommitment'], label: 'Monthly commitment', kind: 'money', unit: A_MONTH, help: 'Take-or-pay: a month below it is billed up to it (the shortfall).', when: offerOnly },
      { path: ['offer', 'minimumMonthlyFee'], label: 'Minimum monthly fee', kind: 'money', unit: A_MONTH, help: 'The charges are topped up to this amount (before credits pay, unless the offer says after_credits).', when: offerOnly },
    ],
    yamlOnly: [
      { path: ['offer', 'credits'], note: 'Prepaid credits of this offer are edited in the YAML view.' },
      { path: ['offer', 'minimumFeeOrder'], note: 'Whether the minimum fee applies before or after credits is set in the YAML view.' },
    ],
  },
  example: ({ start, provider }) => ({ type: 'contract', name: 'Negotiated offer', start, provider, offer: { discountPct: 10 } }),
  label: (lever) => `${lever.provider} ${lever.contract ? `contract ${lever.contract}` : 'offer'}`,
};
