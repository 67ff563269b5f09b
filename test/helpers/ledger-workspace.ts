import { ImportRepository } from '../../electron/backend/imports/import-repository';
import { LedgerWriter } from './ledger-writer';
import { ledgerLine } from './ledger-line';
import { Workspace } from '../../electron/backend/workspace/workspace';
import type { LedgerLine } from '../../shared/domain/ledger-line';
import { parseMoney } from '../../shared/domain/money';

/** A ledger line with sensible defaults: one day of usage, billed in USD. Money given as decimal text. */
export function usageLine(day: string, fields: Partial<Omit<LedgerLine, 'billedCost' | 'listCost'>> & { billed: string; list?: string | null }): LedgerLine {
  const { billed, list, ...rest } = fields;
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace('.000Z', 'Z');
  return ledgerLine({
    chargePeriodStart: `${day}T00:00:00Z`,
    chargePeriodEnd: next,
    billingPeriod: day.slice(0, 7),
    ...rest,
    billedCost: parseMoney(billed),
    listCost: list === undefined || list === null ? null : parseMoney(list),
  });
}

/** A new workspace file holding these lines as one import (what an importer would have written). */
export function createLedgerWorkspace(file: string, lines: readonly LedgerLine[]): void {
  const ws = Workspace.create(file, { appVersion: 'test', name: 'fixture' });
  const repo = new ImportRepository(ws.db);
  ws.db.transaction(() => {
    const id = repo.begin({ fileName: 'fixture.csv', filePath: null, fileSize: null, sha256: `sha-${file}`, format: 'test', formatVersion: null, detectionConfidence: 1, provider: null, billingAccount: null, startedAt: new Date().toISOString() });
    const writer = new LedgerWriter(ws.db, id);
    lines.forEach((l, i) => writer.write({ ...l, sourceRow: i + 2 }));
    repo.complete(id, { periodStart: null, periodEnd: null, rowsRead: lines.length, rowsImported: lines.length, rowsRejected: 0, linesWritten: lines.length, finishedAt: new Date().toISOString(), totals: [] });
  })();
  ws.close();
}
