import type { LedgerDimension } from '../../../shared/api/ledger';

/** The names themselves live in the core, shared with the CLI and the findings' messages. */
export { chargeCategoryLabel, providerName, serviceTierLabel, usageClassLabel, usageClassWords, usageWords } from '../../../shared/domain/labels';

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
