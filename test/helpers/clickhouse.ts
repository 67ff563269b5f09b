/**
 * A ClickHouse server for tests: Debian's clickhouse-server (18.16) started
 * as a plain process on loopback with a minimal config, one per shard, and
 * stopped (by its own pid) when the test ends. It is not optional: when the
 * binary is missing the test fails with how to install it (CI installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse'];

export function clickhouseBinary(): { file: string; args: string[] } {
  for (const file of CANDIDATES) {
    if (existsSync(file)) return { file, args: file.endsWith('/clickhouse') ? ['server'] : [] };
  }
  throw new Error(
    'clickhouse-server is not installed, and the ClickHouse push-down test needs it: `apt-get install -y clickhouse-server clickhouse-client` (Debian; .ci/run installs it)',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ClickHouseShard {
  http: number;
  tcp: number;
  process: ChildProcess;
  dir: string;
  query(sql: string, body?: string): Promise<string>;
}

export interface ClickHouseCluster {
  shards: ClickHouseShard[];
  /** The cluster name the Distributed table names. */
  cluster: string;
  stop(): Promise<void>;
}

/** Starts `count` ClickHouse servers on loopback that each know the cluster of all of them. */
export async function startClickHouseCluster(root: string, count = 2): Promise<ClickHouseCluster> {
  const binary = clickhouseBinary();
  const ports = [];
  for (let i = 0; i < count; i += 1) ports.push({ http: await freePort(), tcp: await freePort() });
  const cluster = 'aispend_shards';
  const remote = ports.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port></replica></shard>`).join('');
  const shards: ClickHouseShard[] = [];
  try {
    for (const [i, p] of ports.entries()) {
      const dir = path.join(root, `shard-${i + 1}`);
      mkdirSync(path.join(dir, 'data'), { recursive: true });
      mkdirSync(path.join(dir, 'tmp'), { recursive: true });
      const config = path.join(dir, 'config.xml');
      writeFileSync(
        config,
        `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${p.http}</http_port>
  <tcp_port>${p.tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>5368709120</mark_cache_size>
  <remote_servers><${cluster}>${remote}</${cluster}></remote_servers>
</yandex>
`,
      );
      const child = spawn(binary.file, [...binary.args, `--config-file=${config}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
      });
      const query = async (sql: string, body?: string): Promise<string> => {
        // A query with data (INSERT … FORMAT CSV) goes in the URL and the rows in the body; any other query is the body.
        const url = body === undefined ? `http://127.0.0.1:${p.http}/` : `http://127.0.0.1:${p.http}/?query=${encodeURIComponent(sql)}`;
        const response = await fetch(url, { method: 'POST', body: body ?? sql });
        const text = await response.text();
        if (!response.ok) throw new Error(`ClickHouse (shard ${i + 1}), HTTP ${response.status} for ${sql.slice(0, 60)}…: ${text.trim() || response.statusText}`);
        return text;
      };
      const shard: ClickHouseShard = { ...p, process: child, dir, query };
      shards.push(shard);
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`clickhouse-server (shard ${i + 1}) exited with ${child.exitCode}: ${stderr}`);
        try {
          if ((await shard.query('SELECT 1')).trim() === '1') break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`clickhouse-server (shard ${i + 1}) did not answer within 30 s: ${stderr}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (error) {
    for (const s of shards) s.process.kill('SIGTERM');
    throw error;
  }
  return {
    shards,
    cluster,
    async stop() {
      for (const s of shards) {
        if (s.process.exitCode !== null) continue;
        const exited = new Promise((r) => s.process.once('exit', r));
        s.process.kill('SIGTERM');
        const timer = setTimeout(() => s.process.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      for (const s of shards) rmSync(s.dir, { recursive: true, force: true });
    },
  };
}
