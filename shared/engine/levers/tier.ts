/** Tier: move shares of standard traffic to the batch or flex tier (deferrable work) or to priority (latency-critical work). */
import { z } from 'zod';
import { SHARE } from '../params';
import { clamp01 } from '../plan';
import { ShareInput } from '../schema/inputs';
import { SHARE_UNIT } from './form';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('tier'),
    ...LeverCommon,
    /** Shares of standard traffic moved to each tier (deferrable work to batch or flex, latency-critical to priority). */
    batch: ShareInput.optional(),
    flex: ShareInput.optional(),
    priority: ShareInput.optional(),
  })
  .strict();

/** Parameters of the shares moved to batch, flex and priority (-1: none). */
interface TierStep {
  batch: number;
  flex: number;
  priority: number;
}

export const tierLever: LeverModule<typeof schema, TierStep> = {
  schema,
  compile(lever, { num, base, fail, addStep, label, field, scope }) {
    const batch = lever.batch === undefined ? -1 : num(lever.batch, 0, 'batch', 'share of standard traffic moved to batch', SHARE);
    const flex = lever.flex === undefined ? -1 : num(lever.flex, 0, 'flex', 'share of standard traffic moved to flex', SHARE);
    const priority = lever.priority === undefined ? -1 : num(lever.priority, 0, 'priority', 'share of standard traffic moved to priority', SHARE);
    const sum = [batch, flex, priority].reduce((s, p) => s + (p >= 0 ? base(p) : 0), 0);
    if (sum > 1 + 1e-9) fail(`${label} moves ${sum * 100}% of standard traffic; at most 100% can move`, field);
    for (const wi of scope) addStep(wi, { batch, flex, priority });
  },
  step(s, d, v, r) {
    const tiers = s.tiers;
    const standard = tiers[0] as number;
    const toBatch = d.batch >= 0 ? standard * clamp01(v[d.batch] as number) * r : 0;
    const toFlex = d.flex >= 0 ? standard * clamp01(v[d.flex] as number) * r : 0;
    const toPriority = d.priority >= 0 ? standard * clamp01(v[d.priority] as number) * r : 0;
    const moved = Math.min(standard, toBatch + toFlex + toPriority);
    const scale = toBatch + toFlex + toPriority > 0 ? moved / (toBatch + toFlex + toPriority) : 0;
    tiers[0] = standard - moved;
    tiers[1] = (tiers[1] as number) + toBatch * scale;
    tiers[2] = (tiers[2] as number) + toFlex * scale;
    tiers[3] = (tiers[3] as number) + toPriority * scale;
  },
  form: {
    title: 'Tier',
    summary: 'Move deferrable work to batch or flex, latency-critical work to priority.',
    fields: [
      { path: ['batch'], label: 'To batch', kind: 'share', unit: SHARE_UNIT, help: 'Share of standard traffic sent through the vendor’s batch API (about half price, results within hours).' },
      { path: ['flex'], label: 'To flex', kind: 'share', unit: SHARE_UNIT, help: 'Share of standard traffic on the flex tier (cheaper, slower, may be refused at peaks).' },
      { path: ['priority'], label: 'To priority', kind: 'share', unit: SHARE_UNIT, help: 'Share of standard traffic on the priority tier (dearer, faster).' },
    ],
  },
  example: ({ start }) => ({ type: 'tier', name: 'Overnight work in batch', start, batch: 0.3 }),
  label: null,
};
