/**
 * A run prepared with `--set` assumption settings applied (see
 * assumption-overrides.ts): parameters and prices in the compiled plans,
 * contract terms in the contracts' YAML, from which the engine context is
 * built again.
 */
import { loadContractYaml } from '../domain/contracts/load';
import { bundledPriceBook } from '../domain/pricebook/bundled';
import { applyAssumptionSettings, editContractYaml, type AssumptionSetting } from './assumption-overrides';
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
  if (edits.length === 0) return ctx;
  const contracts = editContractYaml(
    loaded.map((l) => ({ fileName: l.fileName, yaml: l.yaml, id: l.contract.id })),
    edits,
  );
  return contextOf({ ...pricing, contracts });
}
