/** Energy and carbon estimates as they travel (API, CLI --json): ranges, each assumption with its source and date. */
import { z } from 'zod';
import { RangeWire } from '../allocation/schema';
import { Month } from '../schemas';

export const EnergyReport = z.object({
  rows: z.array(z.object({ team: z.string(), /** The policy's name for the team. */ teamName: z.string(), businessUnit: z.string().nullable(), month: Month, kwh: RangeWire, kgCo2e: RangeWire })),
  byModel: z.array(z.object({ provider: z.string(), model: z.string(), assumptionId: z.string(), month: Month, kwh: RangeWire, kgCo2e: RangeWire })),
  assumptions: z.array(z.object({ id: z.string(), kind: z.enum(['model', 'grid', 'tokens per request']), figure: z.string(), source: z.string(), sourceDate: z.string(), note: z.string().nullable() })),
  unestimated: z.array(z.object({ provider: z.string(), model: z.string().nullable(), outputTokens: z.number() })),
});
export type EnergyReport = z.infer<typeof EnergyReport>;
