import { USAGE_CLASS_LABELS, type UsageClass } from '../../../shared/domain/usage';

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

export function usageClassLabel(value: string | null | undefined): string {
  if (!value) return '';
  return USAGE_CLASS_LABELS[value as UsageClass] ?? value;
}

/** Dimension names: the same on screen and in exported files. */
export { LEDGER_DIMENSION_LABELS as DIMENSION_LABELS } from '../../../shared/api/ledger-export';
