/**
 * A run prepared with `--set` assumption settings applied (see
 * assumption-overrides.ts): parameters and prices in the compiled plans,
 * contract terms in the contracts' YAML, from which the engine context is
 * built again.
 */
import { loadContractYaml } from '../domain/contracts/load';
import { bundledPriceBook } from '../domain/pricebook/bundled';
import type { PriceRowWire } from '../domain/pricebook/schema';
import { applyAssumptionSettings, editContractYaml, type AssumptionSetting, type PriceEdit } from './assumption-overrides';
import { buildAssumptionCatalogue } from './assumptions';
import { EMPTY_RATE_CARD } from './pricing';
import type { EngineContext, PreparedRun } from './run';
import type { PricingInputs } from './tasks';

export function applyRunSettings(
  prepared: PreparedRun,
  ctx: EngineContext,
  pricing: PricingInputs,
  settings: readonly AssumptionSetting[],
  contextOf: (pricing: PricingInputs) => EngineContext,
): EngineContext {
  if (settings.length === 0) return ctx;
  const book = bundledPriceBook({ userRows: pricing.userPriceRows });
  const loaded = pricing.contracts.map((c) => ({ ...c, contract: loadContractYaml(c.yaml, { file: c.fileName, book }) }));
  const catalogue = buildAssumptionCatalogue({
    plans: prepared.plans,
    specs: prepared.params.specs,
    rateCard: ctx.rateCard ?? EMPTY_RATE_CARD,
    contracts: loaded.map((l) => l.contract),
    file: prepared.file.path,
  });
  const edits = applyAssumptionSettings(prepared, catalogue, settings);
  if (pricing.contracts.length === 0 || (edits.contracts.length === 0 && edits.prices.length === 0)) return ctx;
  const contracts = editContractYaml(
    loaded.map((l) => ({ fileName: l.fileName, yaml: l.yaml, id: l.contract.id })),
    edits.contracts,
  );
  // The contracts module re-prices usage from the price book: it sees a list price set by name as a row of the workspace's own.
  const rows = edits.prices.map((e) => priceRowOf(e));
  const same = (r: PriceRowWire, e: PriceEdit) => r.provider === e.provider && r.model === e.model && r.usageClass === e.usageClass && r.serviceTier === e.serviceTier && r.contextAbove === e.contextAbove;
  const kept = pricing.userPriceRows.filter((r) => !edits.prices.some((e) => same(r, e)));
  return contextOf({ userPriceRows: [...kept, ...rows], contracts });
}

const UNIT: Partial<Record<string, PriceRowWire['unit']>> = { request: 'request', tool_call: 'call', image: 'image', audio_second: 'second', other: 'unit' };

function priceRowOf(e: PriceEdit): PriceRowWire {
  const firstDay = (month: string) => `${month}-01`;
  const nextMonth = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  };
  return {
    id: `set:${e.provider}/${e.model}:${e.usageClass}:${e.serviceTier}:${e.contextAbove ?? 'base'}:${e.from ?? 'start'}`,
    provider: e.provider,
    model: e.model,
    usageClass: e.usageClass,
    meter: null,
    serviceTier: e.serviceTier,
    contextAbove: e.contextAbove,
    region: null,
    effectiveFrom: e.from === null ? null : firstDay(e.from),
    effectiveTo: e.to === null ? null : nextMonth(e.to),
    currency: e.currency,
    price: e.price,
    per: e.per,
    unit: UNIT[e.usageClass] ?? 'token',
    source: 'user',
    note: 'aispend run --set',
  };
}
