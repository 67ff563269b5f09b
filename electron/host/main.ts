import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Backend } from '../backend/backend';
import { appRoot, demoDir, rendererDir } from '../backend/app-root';
import { defaultDataDir } from '../backend/paths';
import { openDefaultBrowser } from './open-browser';
import { startHost } from './server';

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

/** Browser mode: `node dist/host/host.cjs [--port N] [--open] [--workspace FILE]`. */
async function main(): Promise<void> {
  const program = new Command()
    .name('aispend-host')
    .description('Serves AI Spend Workbench in your browser on 127.0.0.1 (browser mode).')
    .option('--port <n>', 'port to listen on (0 = any free port)', portNumber, Number(process.env.AISPEND_PORT ?? 0))
    .option('--open', 'open the default browser when there is a desktop', false)
    .option('--workspace <file>', 'workspace to open instead of the last one')
    .option('--data-dir <dir>', 'settings and workspaces folder (default: the per-user app data folder)')
    .parse();
  const opts = program.opts<{ port: number; open: boolean; workspace?: string; dataDir?: string }>();

  const root = appRoot();
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : defaultDataDir();
  const backend = new Backend({ mode: 'browser', dataDir, demoDir: demoDir(root) });
  await backend.openInitialWorkspace(opts.workspace);
  const host = await startHost({
    backend,
    staticDir: rendererDir(root),
    port: opts.port,
    token: process.env.AISPEND_TOKEN,
    uploadDir: path.join(dataDir, 'uploads'),
    downloadDir: path.join(dataDir, 'downloads'),
  });
  process.stdout.write(`AI Spend Workbench (browser mode) is ready: ${host.openUrl}\n`);
  process.stdout.write(`Workspace: ${backend.workspace().path}\n`);
  if (opts.open && openDefaultBrowser(host.openUrl)) process.stdout.write('Opened your default browser.\n');

  const shutdown = async () => {
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`AI Spend Workbench could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
