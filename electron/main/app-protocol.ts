import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from '../host/security';
import { isAppUrl } from './request-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppFileTarget {
  /** Absolute path inside the renderer folder. */
  file: string;
  /** A path without an extension is a view route: serve index.html when no such file exists. */
  spaFallback: boolean;
}

/**
 * Maps an app://workbench/... URL to a file inside `rootDir`, or null when the
 * URL is not ours or would leave the folder. The URL parser already folds
 * "/../" and "%2e%2e"; decoding may still produce "../" from "%2F", and a
 * backslash is a separator on Windows, so the result is checked by
 * containment after resolving, not by looking for dots.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): AppFileTarget | null {
  if (!isAppUrl(requestUrl)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normalized = path.posix.normalize(`/${decoded}`);
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${normalized}`);
  if (file === root) return { file: path.join(root, 'index.html'), spaFallback: false };
  if (!file.startsWith(root + path.sep)) return null;
  return { file, spaFallback: path.posix.extname(normalized) === '' };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The handler behind protocol.handle('app', ...): serves the built renderer
 * read-only, every response carrying the same Content-Security-Policy as
 * browser mode.
 */
export function createAppProtocolHandler(rootDir: string): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const target = resolveAppFile(rootDir, request.url);
    if (!target) return plain(404, 'not found');
    let file = target.file;
    if (!(await isFile(file))) {
      if (!target.spaFallback) return plain(404, 'not found');
      file = path.join(path.resolve(rootDir), 'index.html');
      if (!(await isFile(file))) return plain(404, 'not found');
    }
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
