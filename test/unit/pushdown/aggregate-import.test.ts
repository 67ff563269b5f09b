/**
 * Importing a push-down result: it must reconcile to its control rows, or it
 * is refused with the numbers and nothing is imported.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatement } from '../../../electron/backend/imports/readers';
import { WorkbenchError } from '../../../shared/domain/errors';

const fixture = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/formats/ledger-aggregate/focus-aggregate.csv');
const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-aggregate-'));
const lines = readFileSync(fixture, 'utf8').trimEnd().split('\n');

function variant(name: string, keep: (line: string, index: number) => boolean): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.filter(keep).join('\n')}\n`);
  return file;
}

async function refusal(file: string): Promise<WorkbenchError> {
  const error = await readStatement(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbenchError);
  return error as WorkbenchError;
}

describe('a push-down result reconciles to its control rows', () => {
  it('imports the whole result (the fixture: 4 groups imported, 1 rejected, both currencies reconciled)', async () => {
    const { summary, chosen } = await readStatement(fixture);
    expect(chosen.format.id).toBe('ledger-aggregate');
    expect(summary.rowsImported).toBe(4);
    expect(summary.rowsRejected).toBe(1);
    expect(summary.reconciliation.map((r) => [r.currency, r.sourceTotal, r.importedTotal, r.rejectedTotal, r.reconciles])).toEqual([
      ['EUR', '4.00', '4.00', '0.00', true],
      ['USD', '9.875', '9.375', '0.50', true],
    ]);
  });

  it('refuses a result missing a group, naming both sums and row counts', async () => {
    // Line 4 of the file is the first group: USD 10.25 over 3 source rows.
    const error = await refusal(variant('truncated.csv', (_, i) => i !== 3));
    expect(error.code).toBe('invalid_file');
    expect(error.message).toContain('USD: the groups sum to -0.375000000000 over 4 source rows, the control row says 9.875000000000 over 7 rows');
    expect(error.message).not.toContain('EUR');
  });

  it('refuses a result without its control rows', async () => {
    const error = await refusal(variant('no-control.csv', (line) => !line.startsWith('control,')));
    expect(error.message).toContain('no control rows');
  });

  it('refuses a group whose source row count was edited (3 → 30: 30 + 2 + 1 + 1 = 34 against 7)', async () => {
    const file = path.join(dir, 'edited-rows.csv');
    writeFileSync(file, `${lines.map((l, i) => (i === 3 ? l.replace('group,focus,1.3,3,', 'group,focus,1.3,30,') : l)).join('\n')}\n`);
    const error = await refusal(file);
    expect(error.message).toContain('over 34 source rows, the control row says 9.875000000000 over 7 rows');
  });
});
