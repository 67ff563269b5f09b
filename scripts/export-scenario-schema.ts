/**
 * Writes scenarios/scenario.schema.json from the zod schema of scenario files,
 * so editors complete and check scenario YAML (the example files point to it
 * with a `# yaml-language-server: $schema=./scenario.schema.json` line).
 *
 * Run: npx tsx scripts/export-scenario-schema.ts [--check]
 * --check exits with 1 when the file on disk is out of date (for CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scenarioFileJsonSchema } from '../shared/engine/schema';

const target = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'scenarios', 'scenario.schema.json');
const text = `${JSON.stringify(scenarioFileJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    process.stderr.write(`${target} is out of date: run npx tsx scripts/export-scenario-schema.ts\n`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stderr.write(`wrote ${target} (${text.length} bytes)\n`);
}
