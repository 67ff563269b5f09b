/**
 * Per-file cell parsing with the file's locale, plus a cache for timestamps
 * (a million rows of a month carry a few hundred distinct instants).
 */
import type { ScaledDecimal } from '../domain/money';
import type { DateOrder, DecimalStyle } from './types';
import { parseInstant, type InstantResult } from './values/dates';
import { parseDecimal } from './values/numbers';

const DATE_CACHE_LIMIT = 4096;

export class CellReader {
  private readonly dates = new Map<string, InstantResult>();

  constructor(
    readonly decimal: DecimalStyle = '.',
    readonly dateOrder: DateOrder = 'mdy',
  ) {}

  instant(text: string): InstantResult {
    let hit = this.dates.get(text);
    if (hit === undefined) {
      hit = parseInstant(text, this.dateOrder);
      if (this.dates.size >= DATE_CACHE_LIMIT) this.dates.clear();
      this.dates.set(text, hit);
    }
    return hit;
  }

  /** An exact decimal in the file's style, or null when the text is not one (blank included). */
  number(text: string): ScaledDecimal | null {
    return parseDecimal(text, this.decimal);
  }
}
