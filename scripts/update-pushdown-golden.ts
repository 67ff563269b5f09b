/**
 * Writes test/golden/pushdown/<source>.<dialect>.sql: the push-down query the
 * compiler writes today for each source and dialect. Review the diff before
 * committing; the dialect test then holds the compiler to these files and
 * parses each with its dialect's parser.
 *
 * Run: npm run golden:pushdown
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { GOLDEN_DIR, goldenCases } from '../test/helpers/pushdown-golden';

mkdirSync(GOLDEN_DIR, { recursive: true });
for (const c of goldenCases()) {
  const before = existsSync(c.file) ? readFileSync(c.file, 'utf8') : null;
  if (before !== c.sql) writeFileSync(c.file, c.sql);
  process.stdout.write(`${c.file}: ${before === null ? 'written' : before === c.sql ? 'unchanged' : 'updated'}\n`);
}
