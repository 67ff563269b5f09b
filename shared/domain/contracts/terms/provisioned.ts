/** Provisioned capacity: reserved units that serve a model's provisioned-tier tokens for a fee; the rest overflows on demand. */
import { z } from 'zod';
import { parseMoney } from '../../money';
import { CurrencyCode } from '../../schemas';
import { toCents } from '../percent';
import { provisionedFee } from '../provisioned';
import { Amount, boundedCount, checkCurrency, Day, Model, required } from './fields';
import { invoiceLine, money, type ContractTermModule } from './term';

export const ProvisionedSchema = z
  .object({
    id: z.string(required('an id')).min(1).max(100),
    units: boundedCount(z.number(required('a number of units'))).int('must be a whole number of units').positive('must be positive'),
    pricePerUnitHour: Amount.optional(),
    pricePerUnitMonth: Amount.optional(),
    start: Day,
    /** Last day of the term (inclusive). */
    end: Day,
    models: z.array(Model).min(1, 'needs at least one model'),
    /** Tokens per minute one unit serves, per model (all token classes together). */
    throughputPerUnit: z.record(z.string(), boundedCount(z.coerce.number()).positive('must be positive')),
    overflow: z.literal('on_demand').default('on_demand'),
    currency: CurrencyCode.optional(),
  })
  .strict();

const schema = z.array(ProvisionedSchema).default([]);

export const provisionedTerm: ContractTermModule<'provisioned', typeof schema> = {
  schema,
  check(reservations, header, issue) {
    reservations.forEach((p, i) => {
      checkCurrency(p.currency, header, [i, 'currency'], issue);
      if ((p.pricePerUnitHour === undefined) === (p.pricePerUnitMonth === undefined)) issue([i, 'pricePerUnitHour'], 'give exactly one of pricePerUnitHour and pricePerUnitMonth');
      if (p.end < p.start) issue([i, 'end'], `ends (${p.end}) before it starts (${p.start})`);
      for (const m of p.models) {
        if (!(m in p.throughputPerUnit)) issue([i, 'throughputPerUnit'], `gives no throughput for ${m}`);
      }
    });
  },
  toTerms(reservations, { header, resolve, issue }) {
    const converted = reservations.map((p, i) => {
      const throughput: Record<string, number> = {};
      for (const [m, tpm] of Object.entries(p.throughputPerUnit)) throughput[resolve(m, `provisioned[${i}].throughputPerUnit.${m}`)] = tpm;
      return {
        where: `provisioned[${i}]`,
        id: p.id,
        units: p.units,
        pricePerUnitHour: p.pricePerUnitHour === undefined ? null : parseMoney(p.pricePerUnitHour),
        pricePerUnitMonth: p.pricePerUnitMonth === undefined ? null : parseMoney(p.pricePerUnitMonth),
        start: p.start,
        end: p.end,
        models: p.models.map((m, j) => resolve(m, `provisioned[${i}].models[${j}]`)),
        throughputPerUnit: throughput,
      };
    });
    converted.forEach((p, i) => {
      if (p.start < header.start) issue(`provisioned[${i}].start`, `starts (${p.start}) before the contract term (${header.start})`);
      if (p.end > header.end) issue(`provisioned[${i}].end`, `ends (${p.end}) after the contract term (${header.end})`);
    });
    return converted;
  },
  describe: (reservations) => reservations.map((p) => `${p.units} provisioned units ${p.id} (${p.models.join(', ')})`),
  termSheet: {
    section: {
      name: 'provisioned',
      field: 'provisioned',
      columns: {
        id: { key: 'id', kind: 'text' },
        units: { key: 'units', kind: 'int' },
        'price per unit hour': { key: 'pricePerUnitHour', kind: 'text' },
        'price per unit month': { key: 'pricePerUnitMonth', kind: 'text' },
        start: { key: 'start', kind: 'text' },
        end: { key: 'end', kind: 'text' },
        models: { key: 'models', kind: 'list' },
        'throughput per unit': { key: 'throughputPerUnit', kind: 'text' },
      },
    },
  },
  pricing: {
    // Provisioned-tier tokens draw on the reservations (price-month.ts, CapacityPool); the fees are a line each.
    steps: ['provisioned capacity', 'provisioned fees'],
    month: {
      step: 'provisioned fees',
      price(reservations, ctx) {
        if (!ctx.inTerm) return;
        for (const p of reservations) {
          const f = provisionedFee(p, ctx.month);
          if (f.days === 0) continue;
          const amount = toCents(f.fee);
          ctx.provisionedFees += amount;
          const price =
            p.pricePerUnitHour !== null
              ? `${p.units} units × ${f.hours} h × ${money(p.pricePerUnitHour, ctx.contract.currency)}`
              : `${p.units} units × ${money(p.pricePerUnitMonth ?? 0n, ctx.contract.currency)} a month${f.days < Number(ctx.daysInMonth) ? ` × ${f.days}/${ctx.daysInMonth} days` : ''}`;
          ctx.lines.push(invoiceLine('provisioned_fee', `Provisioned capacity ${p.id}: ${price}`, amount, p.where));
        }
      },
    },
  },
};
