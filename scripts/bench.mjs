#!/usr/bin/env node
// Runs every bench/*.bench.ts in its own process (so each peak RSS is its own)
// and prints a table of the results. `npm run bench -- import` runs only the
// benchmarks whose file name contains "import".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readResults, updateReadme } from './bench-table.mjs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stderr.write(`\n▶ ${file}\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('bench', file)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (run.status !== 0) {
    failed += 1;
    process.stderr.write(`✗ ${file} exited with ${run.status}\n`);
  }
}

const results = readResults();
console.log('\nname | value | unit | anchor | ratio | peak RSS MB | rows | target | passed');
for (const r of results) {
  console.log([r.name, r.value, r.unit, r.anchor ?? '', r.ratio ?? '', r.peakRssMb, r.rows ?? '', r.target ?? '', r.passed ?? ''].join(' | '));
}
updateReadme();
process.exit(failed > 0 ? 1 : 0);
