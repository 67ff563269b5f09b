#!/usr/bin/env node
// Writes the README's benchmark table from bench/results/*.json, between the
// <!-- bench:start --> and <!-- bench:end --> markers, so the figures there are
// always the latest run's. `npm run bench` calls it; it also runs on its own.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function figure(value, unit) {
  if (value === undefined || value === null || value === '') return '';
  return `${Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 })} ${unit}`;
}

export function benchTable(results) {
  const lines = [
    '| benchmark | target | result | anchor (same run) | ratio | peak RSS | rows | met | measured |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of [...results].sort((a, b) => a.name.localeCompare(b.name))) {
    const cells = [
      `\`${r.name}\``,
      r.target ?? '',
      figure(r.value, r.unit),
      r.anchor ? `${r.anchor}: ${figure(r.anchorValue, r.unit)}` : '',
      r.ratio ?? '',
      r.peakRssMb !== undefined ? `${Math.round(r.peakRssMb)} MB` : '',
      r.rows !== undefined ? Number(r.rows).toLocaleString('en-US') : '',
      r.passed === true ? 'yes' : r.passed === false ? '**no**' : '',
      (r.measuredAt ?? '').slice(0, 10),
    ];
    lines.push(`| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function readResults(dir = path.join(root, 'bench', 'results')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}

export function updateReadme(readmePath = path.join(root, 'README.md')) {
  const text = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
  const next = `${text.slice(0, a + start.length)}\n${benchTable(readResults())}\n${text.slice(b)}`;
  if (next !== text) writeFileSync(readmePath, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) updateReadme();
