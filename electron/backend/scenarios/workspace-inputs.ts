import type { DerivedWorkloads, Driver, WorkloadMapping } from '../../../shared/api/scenarios';
import { driverUnitsByMonth } from '../../../shared/domain/drivers';
import { scenarioDriverOf } from '../../../shared/engine/workspace-drivers';
import { WorkbenchError } from '../../../shared/domain/errors';
import { moneyText } from '../../../shared/domain/money-text';
import type { ResolvedScenarioFile } from '../../../shared/engine/scenario-file';
import { deriveWorkloads } from '../../../shared/engine/workloads-from-ledger';
import { changed, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { DriverRepository } from './driver-repository';
import { aggregateLedger } from './ledger-aggregates';
import { MappingRepository } from './mapping-repository';

/** Workload profiles from the workspace's ledger over a period, by its saved mapping (or the one given). */
export function deriveFromWorkspace(workspace: Workspace, from: string, to: string, mapping?: WorkloadMapping): DerivedWorkloads {
  if (from > to) throw new WorkbenchError('bad_input', `the period starts (${from}) after it ends (${to})`, { field: 'from' });
  const rules = mapping ?? new MappingRepository(workspace.db).get();
  const ledger = aggregateLedger(workspace.db, from, to);
  const drivers = new DriverRepository(workspace.db).list();
  const derived = deriveWorkloads({ rows: ledger.rows, mapping: rules, driverUnits: driverUnitsByMonth(drivers) });
  const notes = [...derived.notes];
  if (ledger.rows.length === 0) notes.unshift(`the ledger has no usage from ${from} to ${to}`);
  if (rules.rules.length === 0) notes.unshift('no mapping rules yet: every ledger line is unmapped');
  for (const other of ledger.otherCurrencies) notes.push(`${moneyText(other.cost, other.currency)} of usage left out: workloads are derived in ${ledger.currency}`);
  return { ...derived, notes };
}

/** Replaces the ledger-to-workload mapping (each workload's settings at most once), to be committed with its audit entry. */
export function saveWorkloadMapping(workspace: Workspace, mapping: WorkloadMapping, from?: 'demo'): Change<{ saved: true }> {
  const ids = new Set<string>();
  mapping.workloads.forEach((w, i) => {
    if (ids.has(w.id)) throw new WorkbenchError('bad_input', `the workload ${w.id} has settings twice`, { field: `workloads.${i}.id` });
    ids.add(w.id);
  });
  new MappingRepository(workspace.db).replace(mapping);
  return changed({ saved: true as const }, 'workloads.mappingSaved', { rules: mapping.rules.length, workloads: mapping.workloads.map((w) => w.id), ...(from ? { from } : {}) });
}

/**
 * Fills a baseline that takes its drivers or workloads from the workspace
 * (`fromWorkspace`): the workspace's business drivers as monthly series and
 * the workloads its ledger shows over the period. Drivers and workloads the
 * file writes itself win, by id. Returns notes for the run's warnings.
 */
export function applyWorkspaceInputs(file: ResolvedScenarioFile, workspace: Workspace | null): { file: ResolvedScenarioFile; notes: string[] } {
  const wanted = file.baseline.fromWorkspace;
  if (wanted === undefined) return { file, notes: [] };
  if (!workspace) {
    throw new WorkbenchError('bad_input', 'this baseline takes drivers or workloads from a workspace (fromWorkspace): name one with --workspace', { file: file.path, field: 'baseline.fromWorkspace' });
  }
  const notes: string[] = [];
  const { fromWorkspace: _, ...baseline } = file.baseline;
  let drivers: Driver[] = baseline.drivers;
  if (wanted.drivers !== undefined) {
    const stored = new DriverRepository(workspace.db).list();
    const ids = wanted.drivers === true ? stored.map((d) => d.id) : wanted.drivers;
    if (ids.length === 0) throw new WorkbenchError('bad_input', 'the workspace has no business drivers yet: import them (month, units, costs) or type them in', { file: file.path, field: 'baseline.fromWorkspace.drivers' });
    const fromWorkspace = ids.map((id) => {
      const d = stored.find((s) => s.id === id);
      if (!d) throw new WorkbenchError('bad_input', `the workspace has no business driver called ${id}`, { file: file.path, field: 'baseline.fromWorkspace.drivers' });
      return scenarioDriverOf(d);
    });
    const own = new Set(baseline.drivers.map((d) => d.id));
    drivers = [...fromWorkspace.filter((d) => !own.has(d.id)), ...baseline.drivers];
  }
  let workloads = baseline.workloads;
  if (wanted.workloads !== undefined) {
    const { from, to } = wanted.workloads;
    const derived = deriveFromWorkspace(workspace, from, to);
    if (derived.workloads.length === 0) {
      throw new WorkbenchError('bad_input', `no workloads could be derived from the ledger from ${from} to ${to}${derived.notes.length > 0 ? `: ${derived.notes.join('; ')}` : ''}`, {
        file: file.path,
        field: 'baseline.fromWorkspace.workloads',
      });
    }
    const own = new Set(baseline.workloads.map((w) => w.id));
    workloads = [...derived.workloads.filter((w) => !own.has(w.id)), ...baseline.workloads];
    notes.push(...derived.notes.map((n) => `workloads from the ledger (${from} to ${to}): ${n}`));
    for (const u of derived.unmapped) notes.push(`unmapped ledger cost left out of the workloads: ${u.provider}/${u.model ?? '(no model)'} ${u.cost}`);
  }
  return { file: { ...file, baseline: { ...baseline, drivers, workloads } }, notes };
}
