/**
 * The reviewed golden push-down queries (test/golden/pushdown): one per
 * source and dialect, written with the team tag and March–April 2026, from
 * the standard export's columns. `npm run golden:pushdown` rewrites them for
 * review in the diff; test/unit/pushdown/dialects.test.ts holds the compiler
 * to them and parses each with a real parser for its dialect.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECT_IDS, type DialectId } from '../../shared/formats/pushdown/dialects';
import { pushdownQuery, SOURCES } from '../../shared/formats/pushdown/query';
import { PUSHDOWN_SOURCES, type PushdownSource } from '../../shared/formats/pushdown/types';

export const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden/pushdown');

export interface GoldenCase {
  source: PushdownSource;
  dialect: DialectId;
  file: string;
  sql: string;
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const source of PUSHDOWN_SOURCES) {
    for (const dialect of DIALECT_IDS) {
      if (SOURCES[source].unsupported?.[dialect]) continue;
      const { sql } = pushdownQuery({ source, dialect, tags: ['team'], from: '2026-03', to: '2026-04' });
      cases.push({ source, dialect, file: path.join(GOLDEN_DIR, `${source}.${dialect}.sql`), sql });
    }
  }
  return cases;
}
