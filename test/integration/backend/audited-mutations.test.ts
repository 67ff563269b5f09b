import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/api';
import type { WorkbenchClient } from '../../../shared/api/client';
import { WorkbenchError } from '../../../shared/domain/errors';
import { mutation } from '../../../electron/backend/area';
import { areaHandlers, audited, handlers, isAudited, mutationMethods } from '../../../electron/backend/handlers';
import { changed } from '../../../electron/backend/workspace/commit';
import { startBackend } from '../../helpers/backend';
import { DEMO_DIR, REPO_ROOT } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

describe('the audit + transaction wrapper around mutations', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  const auditCount = () => (s.backend.workspace().db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

  it('writes the change and its one audit entry together, then runs what follows the commit', async () => {
    const { workloads, rules } = await s.client.call('workloads.getMapping', {});
    const seen: { probe: string | undefined; inTransaction: boolean }[] = [];
    const handler = audited(
      mutation<'workloads.saveMapping'>((_input, backend) => {
        const ws = backend.workspace();
        ws.db.prepare("INSERT INTO app_meta (key, value) VALUES ('probe', 'written')").run();
        return changed({ saved: true }, 'probe.written', { key: 'probe' }, () => seen.push({ probe: ws.meta('probe'), inTransaction: ws.db.inTransaction }));
      }),
    );
    const before = auditCount();
    expect(await handler({ workloads, rules }, s.backend)).toEqual({ saved: true });
    expect(s.backend.workspace().meta('probe')).toBe('written');
    expect(auditCount()).toBe(before + 1);
    expect(s.backend.workspace().auditEntries(1)[0]).toMatchObject({ action: 'probe.written', details: { key: 'probe' } });
    // The follow-up ran once, after the commit: the write visible, no transaction open.
    expect(seen).toEqual([{ probe: 'written', inTransaction: false }]);
  });

  it('rolls the change back and writes no audit entry when the handler throws after writing', async () => {
    const { workloads, rules } = await s.client.call('workloads.getMapping', {});
    let followedUp = false;
    const handler = audited(
      mutation<'workloads.saveMapping'>((_input, backend) => {
        backend.workspace().db.prepare("INSERT INTO app_meta (key, value) VALUES ('half-written', 'yes')").run();
        if (backend.workspace().meta('half-written') === 'yes') throw new WorkbenchError('conflict', 'refused after writing');
        return changed({ saved: true }, 'never.written', {}, () => (followedUp = true));
      }),
    );
    const before = auditCount();
    const latest = s.backend.workspace().auditEntries(1)[0];
    await expect(Promise.resolve().then(() => handler({ workloads, rules }, s.backend))).rejects.toMatchObject({ code: 'conflict', message: 'refused after writing' });
    expect(s.backend.workspace().meta('half-written')).toBeUndefined();
    expect(auditCount()).toBe(before);
    expect(s.backend.workspace().auditEntries(1)[0]).toEqual(latest);
    expect(followedUp).toBe(false);
    expect(s.backend.workspace().db.inTransaction).toBe(false);
  });

  it('a real mutation refused after its first write (a price edit that would break a stored contract) leaves rows and audit log as they were', async () => {
    const { rows } = await s.client.call('pricing.cloneModel', { provider: 'openai', fromModel: 'gpt-4.1', toModel: 'gpt-4.1-audit-ft', effectiveFrom: '2026-01-01' });
    await s.client.call('contracts.save', {
      yaml: 'name: Fine-tune terms\nvendor: openai\ncurrency: USD\nid: audit-ft\nterm: { start: 2029-01-01, end: 2029-12-31 }\ndiscounts: [{ percentOff: 5, models: [gpt-4.1-audit-ft] }]\n',
      fileName: 'audit-ft.yaml',
    });
    await s.backend.jobs.idle();
    const keep = rows.slice(1);
    for (const r of keep) await s.client.call('pricing.deleteUserRow', { id: r.id });
    await s.backend.jobs.idle();
    const last = rows[0]!;
    const before = auditCount();
    // applyUserRows deletes the row, rebuilds the book, and only then finds the contract no longer resolves.
    const error = await s.client.call('pricing.deleteUserRow', { id: last.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', file: 'audit-ft.yaml' });
    expect(auditCount()).toBe(before);
    const { rows: still } = await s.client.call('pricing.rows', { source: 'user', model: 'gpt-4.1-audit-ft' });
    expect(still.map((r) => r.row.id)).toEqual([last.id]);
    await s.client.call('contracts.delete', { id: 'audit-ft' });
    await s.client.call('pricing.deleteUserRow', { id: last.id });
    await s.backend.jobs.idle();
  });
});

/**
 * One call of each mutating method on the demo workspace, and the audit
 * action it must leave. Keyed by method: a new mutation without a case here
 * fails the coverage test below.
 */
type Case = (client: WorkbenchClient) => Promise<string>;

const catalogueRow = async (client: WorkbenchClient) => (await client.call('pricing.rows', { provider: 'openai', model: 'gpt-4.1', source: 'catalogue', limit: 1 })).rows[0]!.row;
const userRows = async (client: WorkbenchClient) => (await client.call('pricing.rows', { source: 'user', model: 'gpt-4.1-case' })).rows.map((r) => r.row);

const CASES: Partial<Record<MethodName, Case>> = {
  'workloads.saveMapping': async (client) => {
    const { workloads, rules } = await client.call('workloads.getMapping', {});
    await client.call('workloads.saveMapping', { workloads, rules });
    return 'workloads.mappingSaved';
  },
  'drivers.save': async (client) => {
    const { drivers } = await client.call('drivers.list', {});
    await client.call('drivers.save', { drivers });
    return 'drivers.saved';
  },
  'drivers.import': async (client) => {
    await client.call('drivers.import', { path: path.join(DEMO_DIR, 'drivers.csv') });
    return 'drivers.imported';
  },
  'scenarios.save': async (client) => {
    await client.call('scenarios.save', { id: 'copy-of-status-quo.yaml', yaml: readFileSync(path.join(DEMO_DIR, 'scenarios', 'acme-status-quo.yaml'), 'utf8') });
    return 'scenario.added';
  },
  'scenarios.delete': async (client) => {
    expect(await client.call('scenarios.delete', { id: 'copy-of-status-quo.yaml' })).toEqual({ deleted: true });
    return 'scenario.deleted';
  },
  'contracts.save': async (client) => {
    await client.call('contracts.save', { yaml: readFileSync(path.join(REPO_ROOT, 'scenarios', 'contracts', 'aws-bedrock-volume-2026.yaml'), 'utf8'), fileName: 'aws-bedrock-volume-2026.yaml' });
    return 'contract.added';
  },
  'contracts.delete': async (client) => {
    const { contracts } = await client.call('contracts.list', {});
    const aws = contracts.find((c) => c.vendor === 'aws')!;
    expect(await client.call('contracts.delete', { id: aws.id })).toEqual({ deleted: true });
    return 'contract.deleted';
  },
  'pricing.cloneModel': async (client) => {
    await client.call('pricing.cloneModel', { provider: 'openai', fromModel: 'gpt-4.1', toModel: 'gpt-4.1-case', effectiveFrom: '2026-01-01' });
    return 'pricing.cloneModel';
  },
  'pricing.override': async (client) => {
    await client.call('pricing.override', { baseRowId: (await catalogueRow(client)).id, price: '1.23', effectiveFrom: '2027-01-01' });
    return 'pricing.override';
  },
  'pricing.cloneRow': async (client) => {
    await client.call('pricing.cloneRow', { rowId: (await catalogueRow(client)).id, model: 'gpt-4.1-case-row' });
    return 'pricing.cloneRow';
  },
  'pricing.saveUserRow': async (client) => {
    const [first] = await userRows(client);
    await client.call('pricing.saveUserRow', { ...first!, price: '9.99' });
    return 'pricing.saveUserRow';
  },
  'pricing.deleteUserRow': async (client) => {
    const [first] = await userRows(client);
    await client.call('pricing.deleteUserRow', { id: first!.id });
    return 'pricing.deleteUserRow';
  },
  'allocation.savePolicy': async (client) => {
    await client.call('allocation.savePolicy', { yaml: readFileSync(path.join(DEMO_DIR, 'allocation.yaml'), 'utf8'), fileName: 'allocation.yaml' });
    return 'allocation.policySaved';
  },
  'energy.saveAssumptions': async (client) => {
    const { yaml } = await client.call('energy.getAssumptions', {});
    await client.call('energy.saveAssumptions', { yaml: yaml.replace('value: 400', 'value: 500') });
    return 'energy.assumptionsSaved';
  },
  'imports.remove': async (client) => {
    const { imports } = await client.call('imports.list', {});
    await client.call('imports.remove', { importId: imports[0]!.id });
    return 'import.removed';
  },
};

describe('every mutating method is wrapped', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('the areas declare mutations, and registration wraps exactly those', () => {
    expect(mutationMethods.length).toBeGreaterThan(0);
    for (const name of Object.keys(handlers) as MethodName[]) {
      const wrapped = isAudited(handlers[name]);
      expect({ name, wrapped }).toEqual({ name, wrapped: mutationMethods.includes(name) });
      if (!wrapped) expect(handlers[name]).toBe(areaHandlers[name]);
    }
  });

  it('has a case for each declared mutation, and each leaves exactly its own audit entry', async () => {
    expect(Object.keys(CASES).sort()).toEqual([...mutationMethods].sort());
    const db = s.backend.workspace().db;
    for (const [name, run] of Object.entries(CASES) as [MethodName, Case][]) {
      const lastId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id;
      const action = await run(s.client);
      await s.backend.jobs.idle();
      // A price edit is followed by a list-cost refill, a job with an entry of its own.
      const added = (db.prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id').all(lastId) as { action: string }[]).map((r) => r.action);
      expect({ name, added: added.filter((a) => a !== 'pricing.listCostsFilled') }).toEqual({ name, added: [action] });
      expect({ name, first: added[0] }).toEqual({ name, first: action });
    }
  });

  it('no service opens its own transaction or writes the audit log: only commit does (besides the streamed import and the workspace file itself)', () => {
    const files: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(p);
        else if (entry.name.endsWith('.ts')) files.push(p);
      }
    };
    visit(path.join(REPO_ROOT, 'electron', 'backend'));
    const rel = (p: string) => path.relative(REPO_ROOT, p).split(path.sep).join('/');
    const calling = (pattern: RegExp) => files.filter((f) => pattern.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map(rel).sort();
    expect(calling(/\.transaction\(/)).toEqual([
      'electron/backend/workspace/commit.ts',
      // Migrations, and the new file's first facts before any change can be made.
      'electron/backend/workspace/database.ts',
      'electron/backend/workspace/workspace.ts',
    ]);
    expect(calling(/\bwriteAudit\(/)).toEqual([
      'electron/backend/imports/import-writer.ts',
      'electron/backend/workspace/audit-log.ts',
      'electron/backend/workspace/commit.ts',
      'electron/backend/workspace/workspace.ts',
    ]);
    expect(calling(/INSERT INTO audit_log/)).toEqual(['electron/backend/workspace/audit-log.ts']);
  });
});
