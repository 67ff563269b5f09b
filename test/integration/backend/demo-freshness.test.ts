import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { demoDigest } from '../../../electron/backend/demo/demo-freshness';
import { inProcessTransport } from '../../../electron/backend/in-process-transport';
import { createClient } from '../../../shared/api/client';
import { DEMO_DIR, tempDir } from '../../helpers/temp';

/**
 * On start the app opens the demo workspace it built before. One built from
 * older demo inputs (an earlier version of the app) and not changed since is
 * rebuilt from the shipped demo, so the README's tour describes what opens;
 * one the user changed is kept as it is.
 */
describe('the demo workspace on start', () => {
  const { dir, cleanup } = tempDir();
  const demoDir = path.join(dir, 'demo');
  cpSync(DEMO_DIR, demoDir, { recursive: true });
  const dataDir = path.join(dir, 'data');
  afterAll(cleanup);

  const start = async () => {
    const backend = new Backend({ mode: 'cli', dataDir, demoDir });
    await backend.openInitialWorkspace();
    return backend;
  };

  it('is built once, stamped with the digest of its inputs, and reopened as it is while they do not change', async () => {
    const first = await start();
    expect(first.workspace().meta('demo_digest')).toBe(demoDigest(demoDir));
    const createdAt = first.workspace().meta('created_at');
    await first.close();
    const again = await start();
    expect(again.workspace().meta('created_at')).toBe(createdAt);
    await again.close();
  });

  it('is rebuilt when the shipped demo changed and the user changed nothing', async () => {
    const before = await start();
    const createdAt = before.workspace().meta('created_at');
    await before.close();
    appendFileSync(path.join(demoDir, 'workload-mapping.yaml'), '\n# a later version of the demo\n');
    const after = await start();
    expect(after.workspace().meta('demo_digest')).toBe(demoDigest(demoDir));
    expect(after.workspace().meta('created_at')).not.toBe(createdAt);
    await after.close();
  });

  it('is kept as it is when the user changed it, even if the shipped demo changed', async () => {
    const used = await start();
    const client = createClient(inProcessTransport(used));
    const { files } = await client.call('scenarios.list', {});
    const get = await client.call('scenarios.get', { id: files[0]!.id });
    await client.call('scenarios.save', { id: get.id, yaml: `${get.yaml}\n# my note\n` });
    const digest = used.workspace().meta('demo_digest');
    await used.close();
    appendFileSync(path.join(demoDir, 'workload-mapping.yaml'), '\n# yet another version\n');
    const kept = await start();
    expect(kept.workspace().meta('demo_digest')).toBe(digest);
    expect(kept.workspace().meta('demo_digest')).not.toBe(demoDigest(demoDir));
    await kept.close();
  });
});
