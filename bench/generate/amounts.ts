/**
 * Exact amounts for generated statements: integers of 1e-10 currency units,
 * written as fixed-point text. Products of token counts and per-token
 * prices stay below 2^53, so plain numbers are exact here.
 */
export const SCALE = 10;
const UNIT = 10 ** SCALE;

/** A price per million tokens (e.g. 2.5) to 1e-10 units per token: 2.5 $/M = 25. */
export function perTokenUnits(pricePerMillion: number): number {
  return Math.round((pricePerMillion * UNIT) / 1_000_000);
}

/** 1e-10 units to decimal text with trailing zeros trimmed (at least two decimals): 25 → "0.0000000025". */
export function unitsToText(units: number): string {
  const negative = units < 0;
  const abs = Math.abs(units);
  const whole = Math.floor(abs / UNIT);
  const fraction = String(abs - whole * UNIT).padStart(SCALE, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
