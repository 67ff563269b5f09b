/**
 * The fixture runner: every statement under test/fixtures/formats/<id>/ is
 * detected as format <id> (and the version its fixtures.yaml names) and maps
 * to exactly the ledger lines of the <file>.expected.csv beside it. The
 * expected files come from `npm run fixtures:update`; the totals worked out by
 * hand stay in each folder's README and the per-format tests.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_IDS } from '../../../shared/formats/registry';
import { corpusProblems, detectionMismatch, fixtureCases, mapFixture, readExpected } from './fixture-corpus';
import { fixture } from './helpers';

/** CSV text as lines, so a difference shows as the rows that differ. */
const rows = (csv: string) => csv.split('\n');

describe('format fixture corpus', () => {
  it('has one folder per registered format, each with a statement, and nothing stale', () => {
    expect(corpusProblems(FORMAT_IDS)).toEqual([]);
  });

  for (const c of fixtureCases()) {
    it(`${c.name} maps to ${path.basename(c.expectedFile)}`, async () => {
      const mapped = await mapFixture(c);
      expect(detectionMismatch(c, mapped)).toBeNull();
      expect(rows(mapped.csv)).toEqual(rows(readExpected(c)));
    });
  }
});

describe('the runner itself', () => {
  const corpus = () => mkdtempSync(path.join(os.tmpdir(), 'aispend-corpus-'));

  it('fails a new statement that has no expected file, saying how to write it', async () => {
    const root = corpus();
    mkdirSync(path.join(root, 'focus'));
    copyFileSync(fixture('focus', 'focus-1.3-hosted.csv'), path.join(root, 'focus', 'bill.csv'));
    const [only, ...rest] = fixtureCases(root);
    expect(rest).toEqual([]);
    expect(only?.name).toBe('focus/bill.csv');
    expect(detectionMismatch(only!, await mapFixture(only!))).toBeNull();
    expect(() => readExpected(only!)).toThrow('focus/bill.csv has no expected ledger bill.csv.expected.csv: run `npm run fixtures:update`');
  });

  it('fails a statement detected as another format or version than its folder says', async () => {
    const root = corpus();
    mkdirSync(path.join(root, 'aws-cur'));
    mkdirSync(path.join(root, 'focus'));
    copyFileSync(fixture('focus', 'focus-1.3-hosted.csv'), path.join(root, 'aws-cur', 'bill.csv'));
    copyFileSync(fixture('focus', 'focus-1.3-hosted.csv'), path.join(root, 'focus', 'bill.csv'));
    writeFileSync(path.join(root, 'focus', 'fixtures.yaml'), "bill.csv: { version: '1.2' }\n");
    const [asCur, asFocus] = fixtureCases(root);
    expect(detectionMismatch(asCur!, await mapFixture(asCur!))).toBe("aws-cur/bill.csv is detected as focus, not as its folder's format aws-cur");
    expect(detectionMismatch(asFocus!, await mapFixture(asFocus!))).toBe('focus/bill.csv is detected as version 1.3, not 1.2 as fixtures.yaml says');
  });

  it('names a missing folder, an unknown folder, a stale manifest entry and an orphaned expected file', () => {
    const root = corpus();
    mkdirSync(path.join(root, 'focus'));
    mkdirSync(path.join(root, 'quickbooks'));
    writeFileSync(path.join(root, 'focus', 'bill.csv'), 'BilledCost\n1\n');
    writeFileSync(path.join(root, 'focus', 'fixtures.yaml'), "gone.csv: { version: '1.2' }\n");
    writeFileSync(path.join(root, 'focus', 'old.csv.expected.csv'), 'sourceRow\n');
    expect(corpusProblems(['focus', 'aws-cur'], root)).toEqual([
      `format aws-cur has no fixture folder: add ${path.join(root, 'aws-cur')}/ with a statement, a README.md working out its totals, and run \`npm run fixtures:update\``,
      'focus/fixtures.yaml names gone.csv, which is not in the folder',
      'focus/old.csv.expected.csv has no statement beside it: delete it or run `npm run fixtures:update`',
      'quickbooks/ is not a registered format id (focus, aws-cur)',
    ]);
  });
});
