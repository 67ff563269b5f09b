import type { CallResult, Transport } from '../../../shared/api/client';
import { reconnectDelay } from './backoff';
import { ConnectionStatus } from './connection';
import { SseParser } from './sse';

const TOKEN_HEADER = 'x-workbench-token';

export interface HttpTransportOptions {
  /** Where the host serves the API; the page's own origin in browser mode. */
  baseUrl: string;
  token: string;
  fetchImpl?: typeof fetch;
}

export interface HttpTransport extends Transport {
  readonly status: ConnectionStatus;
  /** Called after the event stream comes back from a break: events may have been missed. */
  onReconnect(listener: () => void): () => void;
  /** Stores a file picked in the browser on the host (the import wizard reads it by path). */
  upload(file: Blob, name: string): Promise<{ path: string; name: string; size: number }>;
  /** A fresh path on the host for the backend to write a file the browser will download (an export). */
  downloadTarget(name: string): Promise<string>;
  /** The file written to a download target, fetched once (the host removes it after sending). */
  download(path: string): Promise<Blob>;
}

function unavailable(message: string): CallResult {
  return { ok: false, error: { code: 'unavailable', message } };
}

/**
 * Browser mode: calls are `POST /api/call` with the run's token; pushed events
 * come over one server-sent-event stream read with fetch (EventSource cannot
 * send headers), reconnected with backoff while anyone listens.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const headers = { [TOKEN_HEADER]: options.token };
  const listeners = new Set<(event: unknown) => void>();
  const reconnectListeners = new Set<() => void>();
  const status = new ConnectionStatus();
  let stream: AbortController | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let hasConnected = false;

  async function invoke(method: string, input: unknown): Promise<CallResult> {
    let response: Response;
    try {
      response = await doFetch(`${base}api/call`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ method, input }),
      });
    } catch {
      return unavailable('the workbench host does not answer; is it still running?');
    }
    try {
      const body = (await response.json()) as CallResult;
      if (typeof body === 'object' && body !== null && 'ok' in body) return body;
    } catch {
      // Fall through: not our JSON (a proxy error page, a dropped connection).
    }
    return unavailable(`the workbench host answered ${method} with HTTP ${response.status}`);
  }

  async function readStream(controller: AbortController): Promise<void> {
    const response = await doFetch(`${base}api/events`, { headers, signal: controller.signal, cache: 'no-store' });
    if (!response.ok || !response.body) throw new Error(`event stream refused (HTTP ${response.status})`);
    status.set('connected');
    if (hasConnected) for (const listener of reconnectListeners) listener();
    hasConnected = true;
    const parser = new SseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const data of parser.push(value)) {
        let event: unknown;
        try {
          event = JSON.parse(data);
        } catch {
          continue;
        }
        for (const listener of [...listeners]) listener(event);
      }
    }
  }

  function connect(attempt: number): void {
    const controller = new AbortController();
    stream = controller;
    readStream(controller).then(
      () => scheduleReconnect(controller, 0),
      () => scheduleReconnect(controller, attempt + 1),
    );
  }

  function scheduleReconnect(controller: AbortController, attempt: number): void {
    if (controller.signal.aborted || stream !== controller) return;
    status.set('reconnecting');
    retry = setTimeout(() => connect(attempt), reconnectDelay(attempt));
  }

  function disconnect(): void {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    stream?.abort();
    stream = undefined;
  }

  return {
    status,
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) connect(-1);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async upload(file, name) {
      const response = await doFetch(`${base}api/upload?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: file,
      });
      const body = (await response.json()) as { ok: boolean; value?: { path: string; name: string; size: number }; error?: { message: string } };
      if (!body.ok || !body.value) throw new Error(body.error?.message ?? `upload failed (HTTP ${response.status})`);
      return body.value;
    },
    async downloadTarget(name) {
      const response = await doFetch(`${base}api/download-target?name=${encodeURIComponent(name)}`, { method: 'POST', headers });
      const body = (await response.json()) as { ok: boolean; value?: { path: string }; error?: { message: string } };
      if (!body.ok || !body.value) throw new Error(body.error?.message ?? `the host gave no place to write the file (HTTP ${response.status})`);
      return body.value.path;
    },
    async download(path) {
      const response = await doFetch(`${base}api/download?path=${encodeURIComponent(path)}`, { headers, cache: 'no-store' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
        throw new Error(body?.error?.message ?? `the download failed (HTTP ${response.status})`);
      }
      return response.blob();
    },
  };
}
