import { checkScenarioYaml } from '../../../shared/engine/scenario-file';
import { WorkbenchError } from '../../../shared/domain/errors';
import { importDriverFile, saveDrivers } from '../scenarios/driver-service';
import { DriverRepository } from '../scenarios/driver-repository';
import { MappingRepository } from '../scenarios/mapping-repository';
import { deleteScenarioFile, getScenarioFile, lastRun, listScenarioFiles, pricingInputs, resolveRunSource, runSource, saveScenarioFile } from '../scenarios/scenario-service';
import { deriveFromWorkspace } from '../scenarios/workspace-inputs';
import { workspaceIfOpen } from '../context';
import type { HandlerMap, JobHandlerMap } from './types';

type ScenarioMethod =
  | 'scenarios.list'
  | 'scenarios.get'
  | 'scenarios.save'
  | 'scenarios.delete'
  | 'scenarios.validate'
  | 'scenarios.run'
  | 'scenarios.resolve'
  | 'scenarios.lastRun'
  | 'workloads.derive'
  | 'workloads.getMapping'
  | 'workloads.saveMapping'
  | 'drivers.list'
  | 'drivers.save'
  | 'drivers.import';

export const scenarioHandlers: HandlerMap<ScenarioMethod> = {
  'scenarios.list': (_input, backend) => ({ files: listScenarioFiles(backend.workspace()) }),
  'scenarios.get': ({ id }, backend) => getScenarioFile(backend.workspace(), id),
  'scenarios.save': ({ id, yaml }, backend) => saveScenarioFile(backend.workspace(), id, yaml),
  'scenarios.delete': ({ id }, backend) => ({ deleted: deleteScenarioFile(backend.workspace(), id) }),
  'scenarios.validate': ({ yaml }) => {
    const { issues } = checkScenarioYaml(yaml);
    return { ok: issues.length === 0, issues };
  },
  // A file on disk may be run without a workspace open (the CLI without --workspace); a workspace file needs one.
  'scenarios.run': (input, backend) => runSource(workspaceIfOpen(backend), { ...input, options: { ...input.options, draws: 0 } }),
  'scenarios.resolve': (input, backend) => {
    const ws = workspaceIfOpen(backend);
    const resolved = resolveRunSource(ws, input);
    return { file: resolved.file, pricing: pricingInputs(ws), notes: resolved.notes };
  },
  'scenarios.lastRun': ({ id }, backend) => ({ run: lastRun(backend.workspace(), id) }),
  'workloads.derive': ({ from, to, mapping }, backend) => deriveFromWorkspace(backend.workspace(), from, to, mapping),
  'workloads.getMapping': (_input, backend) => new MappingRepository(backend.workspace().db).get(),
  'workloads.saveMapping': (mapping, backend) => {
    const ws = backend.workspace();
    const ids = new Set<string>();
    mapping.workloads.forEach((w, i) => {
      if (ids.has(w.id)) throw new WorkbenchError('bad_input', `the workload ${w.id} has settings twice`, { field: `workloads.${i}.id` });
      ids.add(w.id);
    });
    ws.db.transaction(() => {
      new MappingRepository(ws.db).replace(mapping);
      ws.audit('workloads.mappingSaved', { rules: mapping.rules.length, workloads: mapping.workloads.map((w) => w.id) });
    })();
    return { saved: true };
  },
  'drivers.list': (_input, backend) => ({ drivers: new DriverRepository(backend.workspace().db).list() }),
  'drivers.save': ({ drivers }, backend) => ({ saved: saveDrivers(backend.workspace(), drivers) }),
  'drivers.import': (input, backend) => importDriverFile(backend.workspace(), input),
};

export const scenarioJobHandlers: JobHandlerMap<'scenarios.simulate'> = {
  'scenarios.simulate': (input, backend, job) => runSource(workspaceIfOpen(backend), input, { signal: job.signal, progress: (done, total, message) => job.progress(done, total, message) }),
};
