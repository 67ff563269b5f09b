import { parseMoney } from '../money';
import { moneyText } from '../money-text';

/**
 * A check line's discounts in words, in the order they applied, each with
 * what it took off in the contract's currency: "Enterprise discount 15%
 * −$37.50, then Batch discount 10% −$21.25". The CLI's table and the app's
 * invoice-check grid both show it.
 */
export function checkLineDiscountWords(discounts: readonly { label: string; percentOff: string; amount: string }[], currency: string): string {
  return discounts.map((d) => `${d.label} ${d.percentOff}% ${moneyText(-parseMoney(d.amount), currency)}`).join(', then ');
}
