/**
 * Pairing a costs report with a usage report of the same vendor.
 *
 * OpenAI's costs export and Anthropic's cost report give money per day and
 * line item but no token counts; their usage reports give the counts but no
 * money. A costed line without a quantity cannot be re-priced under a
 * contract. Where both reports cover the same days, each costed line takes
 * its quantity from the usage of the same day, vendor, model, usage class,
 * tier, context band and region, and of the same project: the costs report
 * stays the bill (its cost is the only cost; usage lines carry none), the
 * usage report only supplies the quantity.
 *
 * A project missing on one side (a report not grouped by project) matches
 * every project on the other: the costs of that day and line item are then
 * paired with its usage summed over projects, or the other way round. What
 * is left on either side after that is unpaired and listed.
 *
 * Why at check time and not at import: the ledger keeps each statement as it
 * was imported, one import per file, each reconciling to its own file.
 * Writing quantities from one file into another file's lines would make the
 * second import change the first (its removal would have to undo that, a
 * re-import of either would have to redo it, and the all-or-nothing
 * guarantee would span two imports). Paired here, the result follows
 * whatever is in the ledger: remove or replace either report and the next
 * check pairs what is left, with nothing stored to go stale.
 */
import type { ServiceTier, UsageClass } from '../usage';

/** The costs or the usage of one day, line item and project, summed. */
export interface ReportGroup {
  day: string;
  provider: string;
  /** Normalised model id, or the vendor's spelling when the model is not known. */
  model: string | null;
  modelRaw: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  contextBand: string | null;
  region: string | null;
  /** The project (workspace, sub-account); null when the report is not grouped by it. */
  subAccount: string | null;
  /** Ledger lines summed into the group. */
  lines: number;
}

export interface CostGroup extends ReportGroup {
  currency: string;
  billed: bigint;
}

export interface UsageGroup extends ReportGroup {
  quantity: number;
}

export interface PairedCost {
  /** The costed group, or the sum of the day's costs of the line item when usage was not split by project. */
  cost: CostGroup;
  /** The cost groups it stands for. */
  costs: CostGroup[];
  /** Usage summed over the groups paired with it. */
  quantity: number;
  usageLines: number;
}

export interface Pairing {
  paired: PairedCost[];
  unpairedCosts: CostGroup[];
  unpairedUsage: UsageGroup[];
}

const lineItemKey = (g: ReportGroup): string => [g.day, g.provider, g.model ?? `raw:${g.modelRaw ?? ''}`, g.usageClass, g.serviceTier, g.contextBand ?? '', g.region ?? ''].join('|');

function sumCosts(costs: readonly CostGroup[]): CostGroup {
  const first = costs[0]!;
  return { ...first, subAccount: costs.length === 1 ? first.subAccount : null, billed: costs.reduce((s, c) => s + c.billed, 0n), lines: costs.reduce((s, c) => s + c.lines, 0) };
}

/** Pairs costed lines without quantities with the usage of the same day, line item and project (see above). */
export function pairCostsWithUsage(costs: readonly CostGroup[], usage: readonly UsageGroup[]): Pairing {
  const byItem = new Map<string, { costs: CostGroup[]; usage: UsageGroup[] }>();
  const slot = (g: ReportGroup) => {
    const key = lineItemKey(g);
    let s = byItem.get(key);
    if (!s) byItem.set(key, (s = { costs: [], usage: [] }));
    return s;
  };
  for (const c of costs) slot(c).costs.push(c);
  for (const u of usage) slot(u).usage.push(u);

  const out: Pairing = { paired: [], unpairedCosts: [], unpairedUsage: [] };
  for (const item of byItem.values()) {
    const usageByProject = new Map<string | null, UsageGroup[]>();
    for (const u of item.usage) usageByProject.set(u.subAccount, [...(usageByProject.get(u.subAccount) ?? []), u]);
    const leftCosts: CostGroup[] = [];
    // Same project on both sides (a report without projects on both sides is the same "no project").
    for (const c of item.costs) {
      const match = usageByProject.get(c.subAccount);
      if (!match) {
        leftCosts.push(c);
        continue;
      }
      usageByProject.delete(c.subAccount);
      out.paired.push({ cost: c, costs: [c], quantity: match.reduce((s, u) => s + u.quantity, 0), usageLines: match.reduce((s, u) => s + u.lines, 0) });
    }
    const leftUsage = [...usageByProject.values()].flat();
    if (leftCosts.length > 0 && leftUsage.length > 0) {
      const costsUnsplit = leftCosts.length === 1 && leftCosts[0]!.subAccount === null;
      const usageUnsplit = leftUsage.every((u) => u.subAccount === null);
      if (costsUnsplit || usageUnsplit) {
        // One side is not split by project: pair the sums of the day's line item.
        out.paired.push({ cost: sumCosts(leftCosts), costs: leftCosts, quantity: leftUsage.reduce((s, u) => s + u.quantity, 0), usageLines: leftUsage.reduce((s, u) => s + u.lines, 0) });
        continue;
      }
    }
    out.unpairedCosts.push(...leftCosts);
    out.unpairedUsage.push(...leftUsage);
  }
  return out;
}
