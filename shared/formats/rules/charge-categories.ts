/**
 * How each format's own charge type becomes a ledger charge category, as
 * lookup tables the importers and the push-down compiler share.
 */
import type { ChargeCategory } from '../../domain/usage';
import type { WordTable } from './text-rules';

/** FOCUS ChargeCategory; anything else (blank included) is rejected. */
export const FOCUS_CHARGE_CATEGORY: WordTable<ChargeCategory> = {
  name: 'FOCUS ChargeCategory',
  table: { usage: 'usage', purchase: 'purchase', tax: 'tax', credit: 'credit', adjustment: 'adjustment', refund: 'refund' },
  blank: null,
  otherwise: null,
};

/** CUR line_item_line_item_type; blank is usage, an unknown type an adjustment. */
export const CUR_CHARGE_CATEGORY: WordTable<ChargeCategory> = {
  name: 'CUR line item type',
  table: {
    usage: 'usage',
    discountedusage: 'usage',
    savingsplancoveredusage: 'usage',
    tax: 'tax',
    credit: 'credit',
    bundleddiscount: 'credit',
    refund: 'refund',
    fee: 'purchase',
    rifee: 'purchase',
    savingsplanupfrontfee: 'purchase',
    savingsplanrecurringfee: 'purchase',
    savingsplannegation: 'adjustment',
    discount: 'adjustment',
    edpdiscount: 'adjustment',
    privateratediscount: 'adjustment',
    distributordiscount: 'adjustment',
  },
  blank: 'usage',
  otherwise: 'adjustment',
};

/** Azure ChargeType; blank is usage, an unknown type an adjustment. */
export const AZURE_CHARGE_CATEGORY: WordTable<ChargeCategory> = {
  name: 'Azure ChargeType',
  table: {
    usage: 'usage',
    purchase: 'purchase',
    refund: 'refund',
    tax: 'tax',
    credit: 'credit',
    unusedreservation: 'usage',
    unusedsavingsplan: 'usage',
    roundingadjustment: 'adjustment',
    adjustment: 'adjustment',
  },
  blank: 'usage',
  otherwise: 'adjustment',
};

/** Google cost_type; blank is regular usage, an unknown type an adjustment. */
export const GCP_CHARGE_CATEGORY: WordTable<ChargeCategory> = {
  name: 'Google cost_type',
  table: { regular: 'usage', tax: 'tax', adjustment: 'adjustment', rounding_error: 'adjustment', credit: 'credit' },
  blank: 'usage',
  otherwise: 'adjustment',
};
