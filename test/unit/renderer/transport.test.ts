import { afterEach, describe, expect, it, vi } from 'vitest';
import { reconnectDelay } from '../../../renderer/src/api/backoff';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { SseParser } from '../../../renderer/src/api/sse';
import { tokenFromFragment } from '../../../renderer/src/api/token';

describe('server-sent event parser', () => {
  it('splits events at blank lines, across chunk boundaries and line-ending styles', () => {
    const parser = new SseParser();
    expect(parser.push(': connected\n\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\ndata: two\r\n\r')).toEqual(['{"a":1}']);
    expect(parser.push('\ndata: x\rdata: y\r\n\n')).toEqual(['two', 'x\ny']);
  });

  it('ignores comments and fields other than data', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\nevent: job\nid: 7\ndata:no-space\n\n')).toEqual(['no-space']);
  });
});

describe('token from the printed link', () => {
  it('reads #token=… and nothing else', () => {
    expect(tokenFromFragment('#token=abc-123_x')).toBe('abc-123_x');
    expect(tokenFromFragment('#/ledger&token=q%2Bz')).toBe('q+z');
    expect(tokenFromFragment('#/ledger')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
  });
});

describe('reconnect backoff', () => {
  it('doubles from half a second and stops at ten', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

/** A fake host: answers calls from a table and serves event streams from a queue. */
function fakeHost(streams: string[][]) {
  const requests: { url: string; headers: Record<string, string>; body?: string }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, headers: init?.headers as Record<string, string>, body: init?.body as string | undefined });
    if (url.endsWith('/api/events')) {
      const chunks = streams.shift();
      if (!chunks) return new Response('gone', { status: 503 });
      return new Response(
        new ReadableStream({
          start(controller) {
            for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
            controller.close();
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    }
    const { method } = JSON.parse(String(init?.body)) as { method: string };
    if (method === 'workspace.info') return Response.json({ ok: true, value: { name: 'x' } });
    if (method === 'broken') return new Response('<html>proxy error</html>', { status: 502 });
    return Response.json({ ok: false, error: { code: 'not_found', message: `there is no API method called ${method}` } }, { status: 404 });
  }) as typeof fetch;
  return { fetchImpl, requests };
}

describe('HTTP transport', () => {
  afterEach(() => vi.useRealTimers());

  it('posts calls with the token and returns the host’s answer or error as is', async () => {
    const host = fakeHost([]);
    const t = createHttpTransport({ baseUrl: 'http://127.0.0.1:9/', token: 'tok', fetchImpl: host.fetchImpl });
    expect(await t.invoke('workspace.info', {})).toEqual({ ok: true, value: { name: 'x' } });
    expect(await t.invoke('nope', {})).toEqual({ ok: false, error: { code: 'not_found', message: 'there is no API method called nope' } });
    expect(await t.invoke('broken', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'the workbench host answered broken with HTTP 502' } });
    expect(host.requests[0]).toMatchObject({ url: 'http://127.0.0.1:9/api/call', headers: { 'x-workbench-token': 'tok', 'content-type': 'application/json' } });
    expect(JSON.parse(host.requests[0]?.body ?? '')).toEqual({ method: 'workspace.info', input: {} });
  });

  it('delivers pushed events and reconnects with backoff when the stream ends', async () => {
    vi.useFakeTimers();
    const host = fakeHost([['data: {"n":1}\n\n', 'data: {"n"', ':2}\n\n'], ['data: {"n":3}\n\n']]);
    const t = createHttpTransport({ baseUrl: 'http://127.0.0.1:9', token: 'tok', fetchImpl: host.fetchImpl });
    const events: unknown[] = [];
    let reconnects = 0;
    t.onReconnect(() => reconnects++);
    const stop = t.subscribe((e) => events.push(e));
    await vi.advanceTimersByTimeAsync(10);
    expect(events).toEqual([{ n: 1 }, { n: 2 }]);
    expect(t.status.get()).toBe('reconnecting');
    // The first retry waits 500 ms.
    await vi.advanceTimersByTimeAsync(480);
    expect(events).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(40);
    expect(events).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(reconnects).toBe(1);
    expect(host.requests.filter((r) => r.url.endsWith('/api/events')).every((r) => r.headers['x-workbench-token'] === 'tok')).toBe(true);
    stop();
    const before = host.requests.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(host.requests.length).toBe(before);
  });
});
