/**
 * Names in the users' words for the ledger's vocabulary: vendors, usage
 * classes, service tiers and charge categories. One module for the app, the
 * CLI, findings and the workbook, so "cached_input" reads "cached input"
 * everywhere and never as its code.
 */
import { USAGE_CLASS_LABELS, type ChargeCategory, type ServiceTier, type UsageClass } from './usage';

export { USAGE_CLASS_LABELS };

/** Vendors by their own names (the ledger stores lower-case ids). */
const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  aws: 'AWS',
  azure: 'Azure',
  google: 'Google',
  mistral: 'Mistral',
};

export function providerName(id: string | null | undefined): string {
  if (!id) return '';
  return PROVIDER_NAMES[id] ?? id;
}

/** A usage class as a column heading or a list entry: "Cached input (cache read)". */
export function usageClassLabel(value: string | null | undefined): string {
  if (!value) return '';
  return USAGE_CLASS_LABELS[value as UsageClass] ?? value;
}

/** A usage class inside a sentence: "gpt-4.1 cached input on 2026-10-14". */
export const USAGE_CLASS_WORDS: Record<UsageClass, string> = {
  input: 'input',
  cached_input: 'cached input',
  cache_write_5m: 'cache write (5 min)',
  cache_write_1h: 'cache write (1 h)',
  output: 'output',
  request: 'requests',
  image: 'images',
  audio_second: 'audio seconds',
  tool_call: 'tool calls',
  provisioned_unit_hour: 'provisioned unit-hours',
  seat: 'seats',
  storage: 'storage',
  other: 'other usage',
};

export function usageClassWords(value: string | null | undefined): string {
  if (!value) return '';
  return USAGE_CLASS_WORDS[value as UsageClass] ?? value;
}

export const SERVICE_TIER_LABELS: Record<ServiceTier, string> = {
  standard: 'Standard',
  batch: 'Batch',
  flex: 'Flex',
  priority: 'Priority',
  provisioned: 'Provisioned',
};

export function serviceTierLabel(value: string | null | undefined): string {
  if (!value) return '';
  return SERVICE_TIER_LABELS[value as ServiceTier] ?? value;
}

/** What a line is, in a sentence: "gpt-4.1 cached input", "gpt-4o-mini output (batch)"; the standard tier goes unsaid. */
export function usageWords(model: string | null, usageClass: string, serviceTier: string): string {
  const tier = serviceTier === 'standard' ? '' : ` (${serviceTierLabel(serviceTier).toLowerCase()})`;
  return `${model ?? '(no model)'} ${usageClassWords(usageClass)}${tier}`;
}

export const CHARGE_CATEGORY_LABELS: Record<ChargeCategory, string> = {
  usage: 'Usage',
  purchase: 'Purchases',
  tax: 'Tax',
  credit: 'Credits',
  adjustment: 'Adjustments',
  refund: 'Refunds',
};

export function chargeCategoryLabel(value: string | null | undefined): string {
  if (!value) return '';
  return CHARGE_CATEGORY_LABELS[value as ChargeCategory] ?? value;
}
