import type Database from 'better-sqlite3';
import { WorkloadMapping } from '../../../shared/api/scenarios';
import { WorkbenchError } from '../../../shared/domain/errors';

interface RuleRow {
  tag_key: string | null;
  tag_value: string | null;
  project: string | null;
  api_key: string | null;
  provider: string | null;
  model: string | null;
  workload: string;
}

/** The ledger-to-workload mapping (tables workload_rules, workload_settings). Callers own the transaction and the audit entry. */
export class MappingRepository {
  constructor(private readonly db: Database.Database) {}

  get(): WorkloadMapping {
    const rules = (this.db.prepare('SELECT * FROM workload_rules ORDER BY position').all() as RuleRow[]).map((r) => ({
      match: {
        ...(r.tag_key !== null ? { tag: { key: r.tag_key, value: r.tag_value ?? '' } } : {}),
        ...(r.project !== null ? { project: r.project } : {}),
        ...(r.api_key !== null ? { apiKey: r.api_key } : {}),
        ...(r.provider !== null ? { provider: r.provider } : {}),
        ...(r.model !== null ? { model: r.model } : {}),
      },
      workload: r.workload,
    }));
    const workloads = (this.db.prepare('SELECT id, settings FROM workload_settings ORDER BY position').all() as { id: string; settings: string }[]).map((w) => JSON.parse(w.settings) as unknown);
    const parsed = WorkloadMapping.safeParse({ rules, workloads });
    if (!parsed.success) throw new WorkbenchError('workspace_corrupt', `the saved workload mapping does not read back: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field: 'workload mapping' });
    return parsed.data;
  }

  replace(mapping: WorkloadMapping): void {
    this.db.prepare('DELETE FROM workload_rules').run();
    this.db.prepare('DELETE FROM workload_settings').run();
    const rule = this.db.prepare('INSERT INTO workload_rules (position, tag_key, tag_value, project, api_key, provider, model, workload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    mapping.rules.forEach((r, i) =>
      rule.run(i, r.match.tag?.key ?? null, r.match.tag?.value ?? null, r.match.project ?? null, r.match.apiKey ?? null, r.match.provider ?? null, r.match.model ?? null, r.workload),
    );
    const setting = this.db.prepare('INSERT INTO workload_settings (id, position, settings) VALUES (?, ?, ?)');
    mapping.workloads.forEach((w, i) => setting.run(w.id, i, JSON.stringify(w)));
  }
}
