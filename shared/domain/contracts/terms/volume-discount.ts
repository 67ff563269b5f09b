/** Volume discount: tiers of % off by spend or tokens, marginal or all-units, on the month or the contract year. */
import { z } from 'zod';
import { amountProblem, MAX_TOKENS } from '../../bounds';
import { parseMoney } from '../../money';
import { TOKEN_CLASSES } from '../../usage';
import { maxNanos, toCents } from '../percent';
import { subScaled, toScaled, wholePart } from '../quantity';
import { volumeDiscount } from '../volume';
import { Percent, required } from './fields';
import { invoiceLine, type ContractTermModule } from './term';

export const VolumeTierSchema = z
  .object({
    /** Where the tier starts: an amount (spend basis) or a token count (tokens basis). */
    from: z.union([z.string(), z.number()], required('an amount or token count')).transform((v) => String(v).trim()),
    percentOff: Percent,
  })
  .strict();

export const VolumeDiscountSchema = z
  .object({
    basis: z.enum(['spend', 'tokens'], required('"spend" or "tokens"')),
    period: z.enum(['month', 'year'], required('"month" or "year"')),
    method: z.enum(['marginal', 'all_units'], required('"marginal" or "all_units"')),
    tiers: z.array(VolumeTierSchema).min(1, 'needs at least one tier'),
  })
  .strict();

const schema = VolumeDiscountSchema.optional();

export const volumeDiscountTerm: ContractTermModule<'volumeDiscount', typeof schema> = {
  schema,
  check(v, _header, issue) {
    v?.tiers.forEach((t, i) => {
      const ok = v.basis === 'spend' ? /^\d+(\.\d+)?$/.test(t.from) : /^\d+$/.test(t.from);
      const bound = !ok ? null : v.basis === 'spend' ? amountProblem(t.from) : Number(t.from) > MAX_TOKENS ? `${t.from} tokens is beyond the bound of ${MAX_TOKENS.toLocaleString('en-US')} tokens` : null;
      if (!ok) issue(['tiers', i, 'from'], v.basis === 'spend' ? 'must be an amount such as "1000"' : 'must be a whole number of tokens');
      else if (bound) issue(['tiers', i, 'from'], bound);
      else if (i === 0 && Number(t.from) !== 0) issue(['tiers', 0, 'from'], 'the first tier must start at 0');
      else if (i > 0 && Number(t.from) <= Number(v.tiers[i - 1]!.from)) issue(['tiers', i, 'from'], 'tiers must start at increasing amounts');
    });
  },
  toTerms: (v) =>
    v
      ? {
          where: 'volumeDiscount',
          basis: v.basis,
          period: v.period,
          method: v.method,
          tiers: v.tiers.map((t) => ({ from: v.basis === 'spend' ? parseMoney(t.from) : BigInt(t.from), percentOff: t.percentOff })),
        }
      : null,
  describe(v) {
    const top = v.tiers[v.tiers.length - 1];
    return [`volume discount on ${v.period === 'month' ? 'monthly' : 'contract-year'} ${v.basis} (${v.method === 'marginal' ? 'marginal' : 'all units'}), up to ${top?.percentOff ?? '0'}% off`];
  },
  termSheet: {
    labels: {
      'volume discount basis': { path: ['volumeDiscount', 'basis'], kind: 'text' },
      'volume discount period': { path: ['volumeDiscount', 'period'], kind: 'text' },
      'volume discount method': { path: ['volumeDiscount', 'method'], kind: 'text' },
    },
    section: { name: 'volume tiers', field: 'volumeDiscount.tiers', columns: { from: { key: 'from', kind: 'text' }, 'percent off': { key: 'percentOff', kind: 'text' } } },
  },
  pricing: {
    steps: ['volume discount'],
    month: {
      step: 'volume discount',
      price(v, ctx) {
        if (!ctx.inTerm) return;
        const next = ctx.state;
        const tokens = ctx.priced.filter((p) => p.inTerm && TOKEN_CLASSES.includes(p.item.usageClass)).reduce((sum, p) => sum + wholePart(subScaled(toScaled(p.quantity), toScaled(p.coveredQuantity))), 0n);
        const spend = maxNanos(ctx.inTermNetBeforeVolume, 0n);
        const volume = toCents(
          volumeDiscount(v, {
            spend,
            tokens,
            spendBefore: next.volumeSpendYtd,
            tokensBefore: next.volumeTokensYtd,
            discountBefore: next.volumeDiscountYtd,
          }),
        );
        next.volumeSpendYtd += spend;
        next.volumeTokensYtd += tokens;
        next.volumeDiscountYtd += volume;
        if (volume !== 0n) {
          ctx.lines.push(invoiceLine('volume_discount', `Volume discount (${v.method === 'marginal' ? 'marginal' : 'all units'}, ${v.period === 'month' ? 'monthly' : 'contract-year'} ${v.basis})`, -volume, v.where));
        }
        ctx.volumeDiscount = volume;
        ctx.usageNet -= volume;
        ctx.inTermUsageNet -= volume;
      },
    },
  },
};
