/**
 * Writes test/fixtures/formats/<id>/<file>.expected.csv for every statement
 * in the fixture corpus: the ledger lines today's mappers produce, in the
 * workbench's own ledger CSV. Review the diff against the folder's README
 * (its hand-computed totals) before committing: the runner,
 * test/unit/formats/fixtures.test.ts, then holds the mappers to it.
 *
 * A statement that fails to map, or is detected as another format than its
 * folder's (or another version than its fixtures.yaml says), is not written:
 * fix the fixture or the detector first.
 *
 * Run: npm run fixtures:update
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FORMAT_IDS } from '../shared/formats/registry';
import { corpusProblems, detectionMismatch, fixtureCases, mapFixture, type FixtureCase } from '../test/unit/formats/fixture-corpus';

/** Writes one expected file; returns what happened to it, or throws saying why it was not written. */
async function update(fixture: FixtureCase): Promise<'written' | 'updated' | 'unchanged'> {
  const mapped = await mapFixture(fixture);
  const mismatch = detectionMismatch(fixture, mapped);
  if (mismatch !== null) throw new Error(mismatch);
  const before = existsSync(fixture.expectedFile) ? readFileSync(fixture.expectedFile, 'utf8') : null;
  if (before === mapped.csv) return 'unchanged';
  writeFileSync(fixture.expectedFile, mapped.csv);
  return before === null ? 'written' : 'updated';
}

async function main(): Promise<number> {
  const problems = corpusProblems(FORMAT_IDS);
  for (const fixture of fixtureCases()) {
    try {
      process.stdout.write(`${path.relative(process.cwd(), fixture.expectedFile)}: ${await update(fixture)}\n`);
    } catch (error) {
      problems.push(`${fixture.name}: ${(error as Error).message}; not written`);
    }
  }
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
