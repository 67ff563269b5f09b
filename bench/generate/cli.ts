/**
 * npx tsx bench/generate/cli.ts --format focus --rows 1000000 --seed 7 --out focus-1m.csv
 * Writes a seeded vendor statement and prints what it should import to.
 */
import { Command, Option } from 'commander';
import { GENERATED_FORMATS, GENERIC_MAPPING_YAML, generateStatement, type GeneratedFormat } from './index';

const program = new Command()
  .name('generate')
  .description('Write a seeded, reproducible vendor statement for tests and benchmarks.')
  .addOption(new Option('--format <name>', 'statement format').choices(GENERATED_FORMATS).makeOptionMandatory())
  .requiredOption('--out <file>', 'output file (.gz gzips; .parquet writes Parquet from the CSV formats)')
  .option('--rows <n>', 'data rows (or API results)', '1000')
  .option('--seed <n>', 'random seed', '1')
  .option('--varchar', 'Parquet: keep every column as text')
  .option('--row-group-size <n>', 'Parquet: rows per row group')
  .option('--mapping <file>', 'generic format: also write its column mapping YAML here')
  .parse();

const opts = program.opts<{ format: GeneratedFormat; out: string; rows: string; seed: string; varchar?: boolean; rowGroupSize?: string; mapping?: string }>();
const started = performance.now();
const result = await generateStatement({
  format: opts.format,
  rows: Number(opts.rows),
  seed: Number(opts.seed),
  out: opts.out,
  varchar: opts.varchar,
  rowGroupSize: opts.rowGroupSize ? Number(opts.rowGroupSize) : undefined,
});
if (opts.mapping) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(opts.mapping, GENERIC_MAPPING_YAML);
}
console.log(
  JSON.stringify(
    {
      path: result.path,
      formatId: result.formatId,
      rows: result.expected.rows,
      lines: result.expected.lines,
      totals: result.expected.totals(),
      tokens: result.expected.tokens,
      bytes: result.bytes,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    },
    null,
    2,
  ),
);
