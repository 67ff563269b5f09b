import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Backend } from '../backend/backend';
import type { AppEvent } from '../../shared/api/events';
import { toErrorInfo, type ErrorCode, type ErrorInfo } from '../../shared/domain/errors';
import { workspaceIfOpen } from '../backend/context';
import { workspacesDir } from '../backend/paths';
import { HostFiles } from './host-files';
import { applyPathPolicy, type BrowserPaths } from './path-policy';
import { SECURITY_HEADERS, TOKEN_HEADER, hostAllowed, originAllowed, tokensMatch } from './security';
import { serveStatic } from './static-files';

export interface HostOptions {
  backend: Backend;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token (tests); otherwise a fresh random one per run. */
  token?: string;
  /** Where browser uploads (files picked in the browser) are kept, one folder per run of the host. */
  uploadDir: string;
  /** Where the backend writes a file the browser then downloads (an export), each in a folder of its own, removed once sent. */
  downloadDir: string;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server or put in Referer. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_CALL_BYTES = 4 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const CallBody = z.object({ method: z.string().min(1).max(200), input: z.unknown() }).strict();

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  cancelled: 409,
  not_a_workspace: 422,
  workspace_too_new: 422,
  workspace_corrupt: 422,
  read_only: 409,
  disk_full: 507,
  unrecognised_format: 422,
  invalid_file: 422,
  unavailable: 503,
  internal: 500,
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: ErrorInfo): void {
  sendJson(response, STATUS_BY_CODE[error.code] ?? 500, { ok: false, error });
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('too large'), { tooLarge: true });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the built renderer and the same typed API as Electron's IPC,
 * on 127.0.0.1 only. Every API request must carry this run's token, be
 * addressed to this server by name (no DNS rebinding) and come from its own
 * origin; the input is validated by the backend with the method's schema.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { backend } = options;
  const streams = new Set<ServerResponse>();
  let port = options.port ?? 0;
  const files = new HostFiles(options.uploadDir, options.downloadDir);
  files.start();
  const paths: BrowserPaths = {
    uploadsDir: files.uploadsDir,
    downloadsDir: files.downloadsDir,
    workspacesDir: workspacesDir(backend.options.dataDir),
    workspacePath: () => workspaceIfOpen(backend)?.path ?? null,
    recentWorkspaces: () => backend.settings.read().recent,
  };

  /** Removes the uploads a call read once, when the call ends or, for a job it started, when the job ends. */
  const release = (consumed: string[], jobId: string | null): void => {
    if (consumed.length === 0) return;
    const removeAll = () => consumed.forEach((file) => files.remove(file));
    if (jobId === null) return removeAll();
    const finished = (state: string) => state === 'done' || state === 'failed' || state === 'cancelled';
    const unsubscribe = backend.subscribe((event: AppEvent) => {
      if (event.type === 'job' && event.job.jobId === jobId && finished(event.job.state)) {
        unsubscribe();
        removeAll();
      }
    });
    if (finished(backend.jobs.get(jobId).state)) {
      unsubscribe();
      removeAll();
    }
  };

  const guardApi = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (!originAllowed(request, port)) {
      sendError(response, { code: 'forbidden', message: 'requests from other sites are not allowed' });
      return false;
    }
    const given = request.headers[TOKEN_HEADER];
    if (!tokensMatch(token, Array.isArray(given) ? given[0] : given)) {
      sendError(response, { code: 'unauthorized', message: 'missing or wrong workbench token' });
      return false;
    }
    return true;
  };

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendError(response, { code: 'bad_input', message: 'use POST' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(response, { code: 'bad_input', message: 'the body must be application/json' });
    }
    let text: string;
    try {
      text = await readBody(request, MAX_CALL_BYTES);
    } catch {
      return sendError(response, { code: 'bad_input', message: `the request body is larger than ${MAX_CALL_BYTES} bytes` });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return sendError(response, { code: 'bad_input', message: 'the body is not valid JSON' });
    }
    const body = CallBody.safeParse(json);
    if (!body.success) return sendError(response, { code: 'bad_input', message: 'the body must be {"method": string, "input": ...}' });
    let checked;
    try {
      checked = applyPathPolicy(body.data.method, body.data.input, paths);
    } catch (error) {
      return sendError(response, toErrorInfo(error));
    }
    const result = await backend.call(body.data.method, checked.input);
    const jobId = result.ok && body.data.method === 'jobs.start' ? (result.value as { jobId: string }).jobId : null;
    release(checked.consumed, jobId);
    if (result.ok) sendJson(response, 200, result);
    else sendError(response, result.error);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    const unsubscribe = backend.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  }

  /** A file picked in the browser cannot be read by path, so its bytes are streamed to a private folder first (0700, the file 0600). */
  async function handleUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') return sendError(response, { code: 'bad_input', message: 'use POST' });
    const name = url.searchParams.get('name') ?? 'upload';
    const safeName = path.basename(name).replace(/[^\w.\- ()]/g, '_').slice(0, 200) || 'upload';
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > MAX_UPLOAD_BYTES) return sendError(response, { code: 'bad_input', message: 'the file is larger than 4 GB' });
    const target = path.join(files.newFolder('in', randomUUID()), safeName);
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) request.destroy(new Error('too large'));
    });
    try {
      await pipeline(request, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
    } catch (error) {
      files.remove(target);
      const full = ['ENOSPC', 'EDQUOT', 'EFBIG'].includes((error as NodeJS.ErrnoException).code ?? '');
      return sendError(response, full ? { code: 'disk_full', message: 'the disk is full: the upload was not kept; free some space and try again', file: safeName } : { code: 'bad_input', message: 'the upload did not complete' });
    }
    sendJson(response, 200, { ok: true, value: { path: target, name: safeName, size } });
  }

  /**
   * A browser cannot be handed a save dialog's path, so a file the backend
   * writes for it (an export) goes to a fresh private folder of the host's
   * first: this names the path to write to.
   */
  function handleDownloadTarget(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (request.method !== 'POST') return sendError(response, { code: 'bad_input', message: 'use POST' });
    const name = path.basename(url.searchParams.get('name') ?? 'export').replace(/[^\w.\- ()]/g, '_').slice(0, 200) || 'export';
    sendJson(response, 200, { ok: true, value: { path: path.join(files.newFolder('out', randomUUID()), name) } });
  }

  /** Sends a file written to a download target once, then removes it: only paths the host named, never anything else on the machine. */
  function handleDownload(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (request.method !== 'GET') return sendError(response, { code: 'bad_input', message: 'use GET' });
    const file = files.download(url.searchParams.get('path') ?? '');
    if (file === null) return sendError(response, { code: 'forbidden', message: 'only files written to a download target are served' });
    const size = statSync(file, { throwIfNoEntry: false });
    if (!size?.isFile()) return sendError(response, { code: 'not_found', message: 'no such download (it is sent once)' });
    const name = path.basename(file);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(size.size),
      'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    const stream = createReadStream(file);
    // Removed as soon as it is open (the open file still reads to its end); where an open file cannot be removed, once it is sent.
    stream.once('open', () => {
      try {
        files.remove(file);
      } catch {
        stream.once('close', () => files.remove(file));
      }
    });
    stream.on('error', () => response.destroy()).pipe(response);
  }

  const server: Server = createServer((request, response) => {
    if (!hostAllowed(request, port)) {
      sendError(response, { code: 'forbidden', message: 'unexpected Host header' });
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!guardApi(request, response)) return;
      const route = url.pathname;
      const done = (promise: Promise<void>) =>
        promise.catch((error: unknown) => {
          if (!response.headersSent) sendError(response, { code: 'internal', message: error instanceof Error ? error.message : String(error) });
        });
      if (route === '/api/call') return void done(handleCall(request, response));
      if (route === '/api/events' && request.method === 'GET') return handleEvents(request, response);
      if (route === '/api/upload') return void done(handleUpload(request, response, url));
      if (route === '/api/download-target') return handleDownloadTarget(request, response, url);
      if (route === '/api/download') return handleDownload(request, response, url);
      return sendError(response, { code: 'not_found', message: `no such endpoint ${route}` });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, { code: 'bad_input', message: 'only GET is served here' });
      return;
    }
    serveStatic(options.staticDir, url.pathname, response, SECURITY_HEADERS);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => {
          files.stop();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
