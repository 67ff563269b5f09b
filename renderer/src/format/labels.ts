import type { LedgerDimension } from '../../../shared/api/ledger';
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

export const DIMENSION_LABELS: Record<LedgerDimension, string> = {
  month: 'Month',
  billingPeriod: 'Billing period',
  chargeCategory: 'Charge category',
  provider: 'Provider',
  publisher: 'Publisher',
  billingAccount: 'Billing account',
  subAccount: 'Project',
  credential: 'API key',
  model: 'Model',
  usageClass: 'Usage class',
  serviceTier: 'Service tier',
  contextBand: 'Context band',
  region: 'Region',
  unit: 'Unit',
  importId: 'Import',
};
