/**
 * What the board workbook does with each lever type, keyed by the lever
 * type so that a new lever without workbook support does not compile: how
 * an unnamed lever is described in headers and charts, and where its
 * formulas are (the formula builders themselves are keyed by the compiled
 * plan's effects: WORKLOAD_LEVERS in monthly/workloads.ts, and the blocks
 * of monthly/).
 */
import type { Lever, LeverType } from '../engine/levers';

type LeverOf<K extends LeverType> = Extract<Lever, { type: K }>;

export interface LeverWorkbookSupport<K extends LeverType> {
  /** The lever in words when the file gives it no name. */
  describe(lever: LeverOf<K>, index: number): string;
  /** Where its formulas are on a Monthly sheet. */
  modelled: string;
}

const ref = (m: string | { provider: string; model: string }) => (typeof m === 'string' ? m : `${m.provider}/${m.model}`);
const scope = (l: Lever) => (l.workloads ? ` (${l.workloads.join(', ')})` : '');

export const LEVER_WORKBOOK: { [K in LeverType]: LeverWorkbookSupport<K> } = {
  route: { describe: (l) => `Route ${ref(l.from)} → ${ref(l.to)}${l.mode === 'cascade' ? ' (cascade)' : ''}`, modelled: 'each workload block: shares after the move, cache warmth, escalations; migration under Other costs' },
  cache: { describe: (l) => `Caching${scope(l)}`, modelled: 'each workload block: cacheable share, hit rate and response-cache share moving toward the lever’s, TTL deciding the write price' },
  tier: { describe: (l) => `Tier mix${scope(l)}`, modelled: 'each workload block: standard-tier traffic moved to batch, flex or priority' },
  contract: { describe: (l) => `${l.provider} ${l.contract ? `contract ${l.contract}` : 'offer'}`, modelled: 'a Contract block: usage lines, discounts, volume tiers, fees, commitment, minimum fee, credits; the adjustment' },
  provision: { describe: (l) => `Provisioned ${ref(l.model)}`, modelled: 'a Provisioned block: tokens, capacity, peak, overflow, utilisation, fee shared by tokens' },
  price: { describe: (l) => `Price change${l.scope === 'nonAi' ? ', non-AI costs' : ''}${l.provider ? ` ${l.provider}` : ''}${l.model ? ` ${l.model}` : ''}`, modelled: 'Price changes: a factor per month, multiplied into the prices it matches' },
  volume: {
    describe: (l) => (l.factor !== undefined ? 'Volume factor' : l.monthlyGrowthPct !== undefined ? 'Volume growth' : `Tokens and requests drift${scope(l)}`),
    modelled: 'Business drivers: a volume factor per month; each workload block: tokens and requests per unit drifting',
  },
  adjacent: { describe: (l) => `Adjacent: ${l.costs.map((c) => c.name).join(', ')}`, modelled: 'Other costs: fixed, per unit, per request and one-time' },
  alternative: {
    describe: (l) => `${l.by === 'rules' ? 'Rules' : 'People'} ${l.replaces === 'all_unit_costs' ? 'do' : 'take'} ${typeof l.share === 'number' ? `${Math.round(l.share * 100)}%` : 'a share'}${l.replaces === 'all_unit_costs' ? ' of units end to end' : ''}${scope(l)}`,
    modelled: 'each workload block: the share handled without AI, its successes and costs; units done end to end drop their other per-unit costs (Business drivers and Other costs)',
  },
};

export function describeLever(lever: Lever, index: number): string {
  if (lever.name) return lever.name;
  return (LEVER_WORKBOOK[lever.type] as LeverWorkbookSupport<LeverType>).describe(lever as never, index);
}
