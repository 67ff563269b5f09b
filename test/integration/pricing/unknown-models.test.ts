import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unknownModels } from '../../../electron/backend/pricing/unknown-models';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';
import { tempDir } from '../../helpers/temp';

const book = fixtureBook();
const temp = tempDir();
afterAll(temp.cleanup);

describe('unknown models in the ledger', () => {
  it('lists unknown models with their line counts and billed cost', () => {
    const file = path.join(temp.dir, 'unknown.aispend');
    const base = { provider: 'acme', modelRaw: null };
    createLedgerWorkspace(file, [
      usageLine('2026-01-03', { ...base, model: 'acme-large', billed: '1' }),
      usageLine('2026-01-03', { ...base, model: null, modelRaw: 'acme-next-preview', billed: '2.5' }),
      usageLine('2026-03-09', { ...base, model: null, modelRaw: 'acme-next-preview', billed: '0.5' }),
    ]);
    const ws = Workspace.open(file, { appVersion: 'test' });
    try {
      const report = unknownModels(ws.db, book);
      expect(report.map((r) => [r.model, r.lines, r.firstMonth, r.lastMonth, nanosToDecimal(parseMoney(r.billedCost), 2)])).toEqual([['acme-next-preview', 2, '2026-01', '2026-03', '3.00']]);
    } finally {
      ws.close();
    }
  });
});
