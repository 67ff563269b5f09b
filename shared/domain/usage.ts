/**
 * The canonical vocabulary every importer maps onto (PRODUCT.md, usage ledger).
 * Vendors name the same thing many ways; the ledger names it once.
 */

export const USAGE_CLASSES = [
  'input', // uncached input tokens
  'cached_input', // cache read
  'cache_write_5m',
  'cache_write_1h',
  'output', // reasoning tokens bill as output
  'request',
  'image',
  'audio_second',
  'tool_call', // e.g. web search
  'provisioned_unit_hour',
  'seat',
  'storage',
  'other',
] as const;
export type UsageClass = (typeof USAGE_CLASSES)[number];

export const SERVICE_TIERS = ['standard', 'batch', 'flex', 'priority', 'provisioned'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** FOCUS ChargeCategory, lower-cased, plus refund which CUR and Azure keep apart from credits. */
export const CHARGE_CATEGORIES = ['usage', 'purchase', 'tax', 'credit', 'adjustment', 'refund'] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

/** Usage classes counted in tokens: their quantity is always stored in single tokens, whatever block the vendor billed in. */
export const TOKEN_CLASSES: readonly UsageClass[] = ['input', 'cached_input', 'cache_write_5m', 'cache_write_1h', 'output'];

export function isUsageClass(value: string): value is UsageClass {
  return (USAGE_CLASSES as readonly string[]).includes(value);
}

export function isServiceTier(value: string): value is ServiceTier {
  return (SERVICE_TIERS as readonly string[]).includes(value);
}

export function isChargeCategory(value: string): value is ChargeCategory {
  return (CHARGE_CATEGORIES as readonly string[]).includes(value);
}

/** Human labels for the UI and the workbook. */
export const USAGE_CLASS_LABELS: Record<UsageClass, string> = {
  input: 'Input tokens',
  cached_input: 'Cached input (cache read)',
  cache_write_5m: 'Cache write (5 min)',
  cache_write_1h: 'Cache write (1 h)',
  output: 'Output tokens',
  request: 'Requests',
  image: 'Images',
  audio_second: 'Audio seconds',
  tool_call: 'Tool calls',
  provisioned_unit_hour: 'Provisioned unit-hours',
  seat: 'Seats',
  storage: 'Storage',
  other: 'Other',
};
