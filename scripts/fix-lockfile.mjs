#!/usr/bin/env node
// The npm registry mirror on our build machines lacks DuckDB's prebuilt
// bindings for other platforms (macOS, Windows, Linux arm64), so `npm install`
// here leaves them out of package-lock.json and `npm ci` then refuses the lock
// ("Missing: @duckdb/node-bindings-darwin-arm64@ from lock file"). This adds
// the missing optional, platform-restricted entries back: npm skips them on
// other platforms and fetches them (from the public registry) where they apply.
// Run it after any `npm install` that rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const PLATFORM = /^@duckdb\/node-bindings-(darwin|linux|win32)-(x64|arm64)(-musl)?$/;
let added = 0;
for (const [key, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const match = PLATFORM.exec(name);
    const path = `node_modules/${name}`;
    if (!match || packages[path]) continue;
    const [, os, cpu, musl] = match;
    packages[path] = { version, cpu: [cpu], dev: entry.dev ?? false, license: 'MIT', optional: true, os: [os], ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}) };
    added += 1;
    void key;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stderr.write(`package-lock.json: added ${added} platform-specific optional entries\n`);
