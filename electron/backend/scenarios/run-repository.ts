import type Database from 'better-sqlite3';
import { RunResult, type SavedRun } from '../../../shared/api/scenarios';

/** Runs kept per scenario file: enough to reopen the compare view and to export, not a history. */
const KEEP_PER_FILE = 5;

/** Saved run results (table scenario_runs), as RunResult JSON. Callers own the transaction. */
export class RunRepository {
  constructor(private readonly db: Database.Database) {}

  save(fileId: string, yamlSha256: string, result: RunResult, ranAt: string): void {
    this.db
      .prepare('INSERT INTO scenario_runs (file_id, ran_at, draws, seed, yaml_sha256, result) VALUES (?, ?, ?, ?, ?, ?)')
      .run(fileId, ranAt, result.draws, result.seed, yamlSha256, JSON.stringify(result));
    this.db
      .prepare('DELETE FROM scenario_runs WHERE file_id = ? AND id NOT IN (SELECT id FROM scenario_runs WHERE file_id = ? ORDER BY id DESC LIMIT ?)')
      .run(fileId, fileId, KEEP_PER_FILE);
  }

  /** The newest run of a file whose text is still `yamlSha256` (a result of older text no longer says what the file says). */
  latest(fileId: string, yamlSha256: string): SavedRun | null {
    const row = this.db
      .prepare('SELECT ran_at, draws, seed, result FROM scenario_runs WHERE file_id = ? AND yaml_sha256 = ? ORDER BY id DESC LIMIT 1')
      .get(fileId, yamlSha256) as { ran_at: string; draws: number; seed: number | null; result: string } | undefined;
    if (!row) return null;
    const parsed = RunResult.safeParse(JSON.parse(row.result));
    return parsed.success ? { ranAt: row.ran_at, draws: row.draws, seed: row.seed, result: parsed.data } : null;
  }
}
