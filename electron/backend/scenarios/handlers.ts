import { checkScenarioYaml } from '../../../shared/engine/scenario-file';
import { mutation, type AreaHandlers, type JobHandlerMap } from '../area';
import { workspaceIfOpen } from '../context';
import { DriverRepository } from './driver-repository';
import { importDriverFile, saveDrivers } from './driver-service';
import { MappingRepository } from './mapping-repository';
import { deleteScenarioFile, getScenarioFile, lastRun, listScenarioFiles, pricingInputs, resolveRunSource, runSource, saveScenarioFile } from './scenario-service';
import { deriveFromWorkspace, saveWorkloadMapping } from './workspace-inputs';

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

export const scenarioHandlers: AreaHandlers<ScenarioMethod> = {
  'scenarios.list': (_input, backend) => ({ files: listScenarioFiles(backend.workspace()) }),
  'scenarios.get': ({ id }, backend) => getScenarioFile(backend.workspace(), id),
  'scenarios.save': mutation(({ id, yaml }, backend) => saveScenarioFile(backend.workspace(), id, yaml)),
  'scenarios.delete': mutation(({ id }, backend) => deleteScenarioFile(backend.workspace(), id)),
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
  'workloads.saveMapping': mutation((mapping, backend) => saveWorkloadMapping(backend.workspace(), mapping)),
  'drivers.list': (_input, backend) => ({ drivers: new DriverRepository(backend.workspace().db).list() }),
  'drivers.save': mutation(({ drivers }, backend) => saveDrivers(backend.workspace(), drivers)),
  'drivers.import': mutation((input, backend) => importDriverFile(backend.workspace(), input)),
};

export const scenarioJobs: JobHandlerMap<'scenarios.simulate'> = {
  'scenarios.simulate': (input, backend, job) => runSource(workspaceIfOpen(backend), input, { signal: job.signal, progress: (done, total, message) => job.progress(done, total, message) }),
};
