import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { WorkbenchError } from '../../shared/domain/errors';
import { appRoot } from './app-root';

declare const __filename: string | undefined;

/**
 * Starts one of the backend's worker scripts (`electron/backend/<area>/<name>.worker.ts`):
 * the bundle in dist/workers (what users run), or from source through tsx
 * (tests run the sources; a worker's entry cannot be given a loader through
 * execArgv, hence the small bootstrap that registers tsx and then imports it).
 */
export function startWorkerThread(area: string, name: string, resourceLimits?: ResourceLimits): Worker {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const options = resourceLimits ? { resourceLimits } : {};
  if (here.endsWith('.ts') && process.env.AISPEND_WORKER_BUNDLE !== '1') {
    const tsx = pathToFileURL(path.join(path.dirname(createRequire(here).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    const entry = pathToFileURL(path.join(path.dirname(here), area, `${name}.worker.ts`)).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, ...options });
  }
  const file = path.join(appRoot(), 'dist', 'workers', `${name}.worker.cjs`);
  if (!existsSync(file)) throw new WorkbenchError('unavailable', `a worker of the app is missing (${file}); run npm run build`, { file });
  return new Worker(file, options);
}
