/**
 * Energy and carbon estimates beside cost: per team and business unit (the
 * allocation's parts carry each line's estimate by the same ratio as its
 * cost) and per model, from the workspace's assumptions or the shipped ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EnergyReport, MethodOutput } from '../../../shared/api';
import { checkEnergyAssumptionsYaml, loadEnergyAssumptions, type EnergyAssumptions } from '../../../shared/domain/energy/assumptions';
import { lineImpact } from '../../../shared/domain/energy/estimate';
import { appRoot } from '../app-root';
import type { JobContext } from '../jobs/job-runner';
import { changed, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { resolvePolicy, runAllocation, type PolicySource } from './allocation-service';
import { PolicyRepository } from './policy-repository';

export function shippedAssumptionsText(): string {
  return readFileSync(path.join(appRoot(), 'data', 'energy', 'assumptions.yaml'), 'utf8');
}

const SHIPPED_FILE = 'data/energy/assumptions.yaml';
const WORKSPACE_FILE = 'energy assumptions (workspace)';

export function getAssumptions(workspace: Workspace): MethodOutput<'energy.getAssumptions'> {
  const stored = new PolicyRepository(workspace.db).energyAssumptions();
  const yaml = stored ?? shippedAssumptionsText();
  const check = checkEnergyAssumptionsYaml(yaml, stored ? WORKSPACE_FILE : SHIPPED_FILE);
  return { yaml, source: stored ? 'workspace' : 'shipped', issues: check.ok ? [] : check.issues };
}

export function validateAssumptions(yaml: string): MethodOutput<'energy.validateAssumptions'> {
  const check = checkEnergyAssumptionsYaml(yaml, WORKSPACE_FILE);
  return { ok: check.ok, issues: check.ok ? [] : check.issues };
}

/** Stores edited assumptions once they check out; null goes back to the shipped ones. */
export function saveAssumptions(workspace: Workspace, yaml: string | null): Change<MethodOutput<'energy.saveAssumptions'>> {
  if (yaml !== null) {
    const assumptions = loadEnergyAssumptions(yaml, WORKSPACE_FILE);
    new PolicyRepository(workspace.db).saveEnergyAssumptions(yaml);
    return changed({ saved: true }, 'energy.assumptionsSaved', { models: assumptions.models.length, regions: assumptions.grid.length });
  }
  new PolicyRepository(workspace.db).saveEnergyAssumptions(null);
  return changed({ saved: true }, 'energy.assumptionsReset', {});
}

export function assumptionsOf(workspace: Workspace, yaml?: string): EnergyAssumptions {
  if (yaml !== undefined) return loadEnergyAssumptions(yaml, 'energy-assumptions.yaml');
  const stored = new PolicyRepository(workspace.db).energyAssumptions();
  return loadEnergyAssumptions(stored ?? shippedAssumptionsText(), stored ? WORKSPACE_FILE : SHIPPED_FILE);
}

const range = (r: { low: number; mid: number; high: number }) => `${r.low} / ${r.mid} / ${r.high}`;

export function estimateEnergy(workspace: Workspace, input: PolicySource & { assumptionsYaml?: string }, job?: JobContext): EnergyReport {
  const assumptions = assumptionsOf(workspace, input.assumptionsYaml);
  const hasPolicy = input.yaml !== undefined || new PolicyRepository(workspace.db).get() !== null;
  let rows: EnergyReport['rows'] = [];
  if (hasPolicy) {
    const policy = resolvePolicy(workspace, input);
    const { run } = runAllocation(workspace, policy, { energy: assumptions, job });
    const teamOf = new Map(policy.teams.map((t) => [t.id, t]));
    rows = run.energy.map((e) => ({ ...e, teamName: teamOf.get(e.team)?.name ?? e.team, businessUnit: teamOf.get(e.team)?.businessUnit ?? null })).sort((a, b) => a.month.localeCompare(b.month) || a.team.localeCompare(b.team));
  }
  const groups = workspace.db
    // Output tokens per month and kind first, in the month × kind index's order (it covers the sums; "+kind_id" keeps
    // SQLite off the kind index, which would fetch every line at random), then per model and region.
    .prepare(
      `SELECT k.provider, k.model, k.region, g.month, total(g.tokens) AS tokens
       FROM (SELECT month, kind_id, total(quantity) AS tokens FROM ledger_rows WHERE +kind_id IN (SELECT id FROM ledger_kinds WHERE usage_class = 'output') GROUP BY month, kind_id) g
       JOIN ledger_kinds k ON k.id = g.kind_id
       GROUP BY k.provider, k.model, k.region, g.month`,
    )
    .all() as { provider: string; model: string | null; region: string | null; month: string; tokens: number }[];
  const byModel = new Map<string, EnergyReport['byModel'][number]>();
  const unestimated = new Map<string, EnergyReport['unestimated'][number]>();
  for (const g of groups) {
    const estimate = lineImpact(assumptions, { provider: g.provider, model: g.model, usageClass: 'output', region: g.region, quantity: g.tokens });
    if (!estimate) {
      const k = `${g.provider}/${g.model ?? ''}`;
      const u = unestimated.get(k) ?? { provider: g.provider, model: g.model, outputTokens: 0 };
      u.outputTokens += g.tokens;
      unestimated.set(k, u);
      continue;
    }
    const k = `${g.provider}\u0001${g.model}\u0001${g.month}`;
    const row = byModel.get(k) ?? { provider: g.provider, model: g.model!, assumptionId: estimate.assumptionId, month: g.month, kwh: { low: 0, mid: 0, high: 0 }, kgCo2e: { low: 0, mid: 0, high: 0 } };
    for (const f of ['low', 'mid', 'high'] as const) {
      row.kwh[f] += estimate.impact.kwh[f];
      row.kgCo2e[f] += estimate.impact.kgCo2e[f];
    }
    byModel.set(k, row);
  }
  return {
    rows,
    byModel: [...byModel.values()].sort((a, b) => a.month.localeCompare(b.month) || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model)),
    assumptions: [
      { id: 'outputTokensPerRequest', kind: 'tokens per request', figure: `${assumptions.outputTokensPerRequest.value} output tokens a response`, source: assumptions.outputTokensPerRequest.source, sourceDate: assumptions.outputTokensPerRequest.sourceDate, note: assumptions.outputTokensPerRequest.note ?? null },
      ...assumptions.models.map((m) => ({
        id: m.id,
        kind: 'model' as const,
        figure: `${range(m.wh)} Wh per ${m.per === 'request' ? 'request' : '1,000 output tokens'}${m.gCo2e ? `; ${range(m.gCo2e)} gCO2e` : ''}`,
        source: m.source,
        sourceDate: m.sourceDate,
        note: m.note ?? null,
      })),
      ...assumptions.grid.map((g) => ({ id: `grid ${g.region}`, kind: 'grid' as const, figure: `${range(g.gCo2ePerKwh)} gCO2e/kWh`, source: g.source, sourceDate: g.sourceDate, note: g.note ?? null })),
    ],
    unestimated: [...unestimated.values()],
  };
}
