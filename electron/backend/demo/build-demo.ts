import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import { loadDemoContracts } from '../contracts/demo-contracts';
import type { JobContext } from '../jobs/job-runner';
import { asWriteError } from '../workspace/database';
import { Workspace } from '../workspace/workspace';
import { loadDemoScenarioInputs } from '../scenarios/demo-inputs';
import { importInline } from '../imports/import-service';
import { loadDemoAllocationPolicy } from '../allocation/demo-policy';
import { demoDigest, stampDemo } from './demo-freshness';

export interface BuildDemoOptions {
  /** Folder holding the demo inputs (scenarios/demo). */
  demoDir: string;
  target: string;
  overwrite: boolean;
  appVersion: string;
  nativeBinding?: string;
}

/**
 * Builds the demo workspace from scenarios/demo: the vendors' statements in
 * statements/ (each in its vendor's own export format, detected by content),
 * then the drivers, workload mapping, scenarios and contracts.
 * Written to a temporary file first and renamed into place at the end, so a
 * failure never leaves a half-built demo behind.
 */
export async function buildDemoWorkspace(options: BuildDemoOptions, context?: JobContext): Promise<Workspace> {
  const target = path.resolve(options.target);
  if (existsSync(target) && !options.overwrite) throw new WorkbenchError('conflict', 'a file with this name already exists', { file: target });
  const statementsDir = path.join(options.demoDir, 'statements');
  if (!existsSync(statementsDir)) throw new WorkbenchError('not_found', `the demo inputs are missing (${statementsDir})`, { file: statementsDir });
  const files = readdirSync(statementsDir)
    .filter((f) => !f.startsWith('.'))
    .sort();

  const temp = `${target}.building-${process.pid}.aispend`;
  removeWithJournal(temp);
  let workspace: Workspace | undefined;
  try {
    workspace = Workspace.create(temp, { appVersion: options.appVersion, isDemo: true, name: 'Acme Lending (demo)', nativeBinding: options.nativeBinding });
    for (const [index, file] of files.entries()) {
      context?.throwIfCancelled();
      context?.progress(index, files.length, `importing ${file}`);
      // Through the import pipeline (format detected from the bytes, reconciled, one transaction each).
      await importInline(workspace.db, path.join(statementsDir, file), { fileName: file }, { onRejects: 'abort', onOverlap: 'ask', dryRun: false });
      workspace.changed();
    }
    context?.throwIfCancelled();
    loadDemoScenarioInputs(workspace, options.demoDir);
    context?.progress(files.length, files.length, 'storing the demo contracts');
    loadDemoContracts(workspace, options.demoDir);
    loadDemoAllocationPolicy(workspace, options.demoDir);
    stampDemo(workspace, demoDigest(options.demoDir));
    context?.progress(files.length, files.length, 'demo ready');
    workspace.close();
  } catch (error) {
    // Closing can fail too (a full disk refuses the checkpoint): the half-built file and its journal go regardless.
    try {
      if (workspace?.db.open) workspace.db.close();
    } catch {
      // Already failing; the files are removed below.
    }
    removeWithJournal(temp);
    throw asWriteError(error, target, 'the demo was not built and nothing was kept');
  }
  removeWithJournal(target);
  renameSync(temp, target);
  return Workspace.open(target, { appVersion: options.appVersion, nativeBinding: options.nativeBinding });
}

function removeWithJournal(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
