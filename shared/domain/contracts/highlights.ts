import type { Nanos } from '../money';
import { moneyText } from '../money-text';
import { USAGE_CLASS_LABELS } from '../usage';
import type { Contract } from './types';

/** Terms as written, every decimal they hold ("$500.00", "1,250.50 EUR"). */
function money(n: Nanos, currency: string): string {
  return moneyText(n, currency, { exact: true });
}

/** A contract's terms in a few words each, for lists ("15% off list", "$500.00 a month committed, take-or-pay"). */
export function contractHighlights(c: Contract): string[] {
  const out: string[] = [];
  for (const d of c.discounts) {
    const scope = [d.models?.join(', '), d.usageClasses?.map((u) => USAGE_CLASS_LABELS[u].toLowerCase()).join(', '), d.serviceTiers?.join(', ')].filter(Boolean).join('; ');
    out.push(`${d.percentOff}% off list${scope ? ` on ${scope}` : ''}`);
  }
  if (c.rates.length > 0) {
    const models = [...new Set(c.rates.map((r) => r.model ?? 'every model'))];
    out.push(`${c.rates.length} contracted rate${c.rates.length === 1 ? '' : 's'} (${models.join(', ')})`);
  }
  if (c.volumeDiscount) {
    const v = c.volumeDiscount;
    const top = v.tiers[v.tiers.length - 1];
    out.push(`volume discount on ${v.period === 'month' ? 'monthly' : 'contract-year'} ${v.basis} (${v.method === 'marginal' ? 'marginal' : 'all units'}), up to ${top?.percentOff ?? '0'}% off`);
  }
  if (c.commitment) {
    const k = c.commitment;
    out.push(`${money(k.amount, c.currency)} a ${k.period} committed${k.takeOrPay ? ', take-or-pay' : ''}${k.carryOver === 'none' ? '' : `, ${k.carryOver.replace('_', ' ')}`}`);
  }
  for (const g of c.credits?.grants ?? []) out.push(`${money(g.amount, c.currency)} credit ${g.id}, ${g.start} to ${g.expires}${g.appliesTo === 'usage_only' ? ' (usage only)' : ''}`);
  for (const p of c.provisioned) out.push(`${p.units} provisioned units ${p.id} (${p.models.join(', ')})`);
  if (c.minimumMonthlyFee !== null) out.push(`minimum ${money(c.minimumMonthlyFee, c.currency)} a month`);
  if (c.priceChange) out.push(`list increases after ${c.priceChange.noticeDays} days' notice${c.priceChange.capPercent === null ? '' : `, capped at ${c.priceChange.capPercent}%`}`);
  return out;
}
