/**
 * Run by full-disk.test.ts inside its own user and mount namespace, with
 * `disk` a small tmpfs (a disk that fills up) and `work` an ordinary folder:
 * builds the demo and saves the open workspace onto the full disk, looks at
 * what is left, frees space (a bigger tmpfs) and tries again. Prints one JSON
 * document of what it saw.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../electron/backend/backend';
import { inProcessTransport } from '../../../electron/backend/in-process-transport';
import { createClient } from '../../../shared/api/client';
import { DEMO_DIR } from '../../helpers/temp';

const [disk, work] = process.argv.slice(2) as [string, string];
const backend = new Backend({ mode: 'cli', dataDir: path.join(work, 'data'), demoDir: DEMO_DIR });
await backend.openInitialWorkspace();
const client = createClient(inProcessTransport(backend));
const failure = (p: Promise<unknown>) => p.then(
  () => null,
  (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
);
const audit = async () => (await client.call('workspace.audit', { limit: 1000 })).entries.map((e) => e.action);
const demo = path.join(disk, 'demo.aispend');
const copy = path.join(disk, 'copy.aispend');

const auditBefore = await audit();
const opened = (await client.call('workspace.info', {})).path;
const demoFailure = await failure(client.runJob('workspace.buildDemo', { path: demo }).result);
const afterDemo = readdirSync(disk);
const saveFailure = await failure(client.call('workspace.saveAs', { path: copy }));
const afterSave = readdirSync(disk);
const auditAfter = await audit();
const stillOpen = (await client.call('workspace.info', {})).path;

execFileSync('mount', ['-o', 'remount,size=256m', disk]);
const saved = await client.call('workspace.saveAs', { path: copy });
const savedAudit = await audit();
const rebuilt = await client.runJob('workspace.buildDemo', { path: demo }).result;
const afterRetry = readdirSync(disk).sort();
await backend.close();

process.stdout.write(
  JSON.stringify({
    opened,
    demoFailure,
    afterDemo,
    saveFailure,
    afterSave,
    auditAdded: auditAfter.length - auditBefore.length,
    stillOpen,
    saved: { path: saved.path, ledgerLines: saved.ledgerLines, lastAudit: savedAudit[0] },
    rebuilt: { path: rebuilt.path, ledgerLines: rebuilt.ledgerLines },
    afterRetry,
  }),
);
