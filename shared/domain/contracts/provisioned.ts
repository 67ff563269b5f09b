import { prorate, quantityToScaled, type Nanos } from '../money';
import { daysInMonth, daysInMonthWithin } from '../calendar';
import type { ProvisionedCapacity } from './types';

/** Days of the month the reservation runs. */
export function activeDays(p: ProvisionedCapacity, month: string): number {
  return daysInMonthWithin(month, p.start, p.end);
}

/**
 * The month's fee: units × price per unit-hour × hours it runs, or units ×
 * price per unit-month prorated by the days it runs. Capacity is paid
 * whether used or not.
 */
export function provisionedFee(p: ProvisionedCapacity, month: string): { fee: Nanos; days: number; hours: number } {
  const days = activeDays(p, month);
  const hours = days * 24;
  if (p.pricePerUnitHour !== null) return { fee: p.pricePerUnitHour * BigInt(p.units) * BigInt(hours), days, hours };
  const monthly = (p.pricePerUnitMonth ?? 0n) * BigInt(p.units);
  return { fee: prorate(monthly, BigInt(days), BigInt(daysInMonth(month))), days, hours };
}

/** Fixed-point scale for unit-minutes, so consumption stays integer and exact enough (a millionth of a unit-minute). */
const MICRO = 1_000_000n;

/**
 * What is left of one reservation's capacity in a month, in micro
 * unit-minutes. A model with throughput T tokens per minute per unit
 * consumes 1/T unit-minutes per token, so models sharing a reservation
 * share it in proportion to how demanding they are.
 */
export class CapacityPool {
  private remaining: bigint;
  /** What the reservation holds in the month, micro unit-minutes. */
  readonly held: bigint;

  constructor(
    readonly reservation: ProvisionedCapacity,
    month: string,
  ) {
    this.remaining = BigInt(reservation.units) * BigInt(activeDays(reservation, month)) * 1440n * MICRO;
    this.held = this.remaining;
  }

  /** Share of the month's capacity used, as a percentage with two decimals ("50.00"); null when it holds nothing. */
  get utilisationPercent(): string | null {
    if (this.held === 0n) return null;
    const hundredths = ((this.held - this.remaining) * 10_000n * 2n + this.held) / (this.held * 2n);
    return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  }

  /** Draws up to `tokens` of `model`; returns how many tokens the capacity served (the rest overflows). */
  draw(model: string, tokens: bigint): bigint {
    const tpm = this.reservation.throughputPerUnit[model];
    if (tpm === undefined || tokens <= 0n || this.remaining <= 0n) return 0n;
    const t = quantityToScaled(tpm);
    // tokens per micro-unit-minute = digits / (10^scale × MICRO)
    const servable = (this.remaining * t.digits) / (10n ** BigInt(t.scale) * MICRO);
    const served = tokens < servable ? tokens : servable;
    const cost = ceilDiv(served * 10n ** BigInt(t.scale) * MICRO, t.digits);
    this.remaining -= cost > this.remaining ? this.remaining : cost;
    return served;
  }

  get remainingUnitMinutes(): number {
    return Number(this.remaining / MICRO);
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
