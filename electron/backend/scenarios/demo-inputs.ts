import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WorkloadMapping } from '../../../shared/api/scenarios';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkScenarioYaml } from '../../../shared/engine/scenario-file';
import { commit } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { importDriverFile } from './driver-service';
import { saveScenarioFile } from './scenario-service';
import { saveWorkloadMapping } from './workspace-inputs';

/**
 * The demo's scenario inputs from scenarios/demo: business drivers
 * (drivers.csv), the workload mapping (workload-mapping.yaml) and the scenario
 * files (scenarios/*.yaml, each file it extends saved before it). Each is one
 * committed change with its audit entry, as if a user had entered it.
 */
export function loadDemoScenarioInputs(workspace: Workspace, demoDir: string): void {
  const drivers = path.join(demoDir, 'drivers.csv');
  if (existsSync(drivers)) commit(workspace, () => importDriverFile(workspace, { path: drivers }));

  const mappingFile = path.join(demoDir, 'workload-mapping.yaml');
  if (existsSync(mappingFile)) {
    const parsed = WorkloadMapping.safeParse(parseYaml(readFileSync(mappingFile, 'utf8')));
    if (!parsed.success) throw new WorkbenchError('invalid_file', parsed.error.issues[0]?.message ?? 'invalid mapping', { file: mappingFile, field: parsed.error.issues[0]?.path.join('.') });
    commit(workspace, () => saveWorkloadMapping(workspace, parsed.data, 'demo'));
  }

  const dir = path.join(demoDir, 'scenarios');
  if (!existsSync(dir)) return;
  const pending = new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const),
  );
  while (pending.size > 0) {
    const ready = [...pending.entries()].find(([, yaml]) => {
      const ext = checkScenarioYaml(yaml).file?.extends;
      return ext === undefined || !pending.has(ext);
    });
    if (!ready) throw new WorkbenchError('invalid_file', `the demo scenario files extend each other in a circle: ${[...pending.keys()].join(', ')}`, { file: dir });
    const [id, yaml] = ready;
    const saved = commit(workspace, () => saveScenarioFile(workspace, id, yaml));
    if (!saved.saved) {
      const issue = saved.issues[0]!;
      throw new WorkbenchError('invalid_file', issue.message, { file: path.join(dir, id), ...(issue.line !== null ? { row: issue.line } : {}), field: issue.path });
    }
    pending.delete(id);
  }
}
