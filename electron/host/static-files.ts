import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function inside(file: string, root: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/** The file to serve, symbolic links followed; null when there is none or it lies outside the root. */
function servable(file: string, realRoot: string): string | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return null;
  }
  return inside(real, realRoot) && statSync(real).isFile() ? real : null;
}

/**
 * Serves the built renderer. Paths are resolved inside `root` and anything
 * that escapes it is a 404, by name or through a symbolic link; unknown
 * paths without an extension get index.html so that reloading a view works.
 */
export function serveStatic(root: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    decoded = '/';
  }
  if (decoded.includes('\0')) decoded = '/';
  const resolvedRoot = path.resolve(root);
  let realRoot: string;
  try {
    realRoot = realpathSync(resolvedRoot);
  } catch {
    realRoot = resolvedRoot;
  }
  const requested = path.resolve(resolvedRoot, `.${path.posix.normalize(decoded)}`);
  let file = inside(requested, resolvedRoot) ? servable(requested, realRoot) : null;
  if (file === null && inside(requested, resolvedRoot) && path.extname(decoded) === '') file = servable(path.join(resolvedRoot, 'index.html'), realRoot);
  if (file === null) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Hashed asset names can be cached; index.html must always be fresh.
  const cache = file.startsWith(path.join(realRoot, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  createReadStream(file).pipe(response);
}
