/**
 * A small ledger with many kinds in three currencies, for tests that compare
 * a reader of ledger_rows with the same figures read line by line through the
 * ledger_lines view: kinds alike in everything but their SKU, description or
 * unit (they merge in groupings by fewer fields), a model known only by its
 * billed name, tax, credit and purchase lines, one tag set spelled in two key
 * orders, lines without a reported quantity, effective and list costs on
 * some lines, billing periods that differ from the charge's month or are
 * absent, and ContractApplied on some lines. Lines are written in a shuffled
 * order so that id order is not kind order.
 */
import { ImportRepository } from '../../electron/backend/imports/import-repository';
import type { Workspace } from '../../electron/backend/workspace/workspace';
import type { LedgerLine } from '../../shared/domain/ledger-line';
import { LedgerWriter } from './ledger-writer';
import { usageLine } from './ledger-workspace';

type Kind = Partial<Omit<LedgerLine, 'billedCost' | 'listCost'>>;

const KINDS: Kind[] = [
  { provider: 'openai', model: 'gpt-4.1', usageClass: 'input', currency: 'USD', credential: 'key-1', subAccount: 'proj-a' },
  { provider: 'openai', model: 'gpt-4.1', usageClass: 'input', currency: 'USD', credential: 'key-1', subAccount: 'proj-a', sku: 'sku-in' },
  { provider: 'openai', model: 'gpt-4.1', usageClass: 'output', currency: 'USD', credential: 'key-2', subAccount: 'proj-a', description: 'Output tokens' },
  { provider: 'openai', model: 'gpt-4o-mini', usageClass: 'cached_input', currency: 'JPY', credential: 'key-jp', subAccount: 'proj-jp', unit: 'tokens' },
  { provider: 'openai', model: 'gpt-4o-mini', usageClass: 'cached_input', currency: 'JPY', credential: 'key-jp', subAccount: 'proj-jp', unit: '1K tokens' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', usageClass: 'input', currency: 'EUR', credential: 'key-eu', subAccount: 'proj-eu', region: 'eu-west-1' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', usageClass: 'output', currency: 'EUR', credential: 'key-eu', subAccount: 'proj-eu', region: 'eu-west-1', serviceTier: 'batch' },
  { provider: 'anthropic', model: null, modelRaw: 'claude-x-custom', usageClass: 'output', currency: 'EUR', credential: null, subAccount: 'proj-eu' },
  { provider: 'acme', model: 'acme-large', usageClass: 'output', currency: 'USD', billingAccount: null, publisher: 'acme-labs' },
  { provider: 'openai', model: null, usageClass: 'other', chargeCategory: 'tax', currency: 'USD', description: 'Sales tax', unit: 'unit' },
  { provider: 'openai', model: null, usageClass: 'other', chargeCategory: 'credit', currency: 'USD', description: 'Promotional credit', unit: 'unit' },
  { provider: 'anthropic', model: null, usageClass: 'other', chargeCategory: 'purchase', currency: 'EUR', description: 'Commitment fee', unit: 'unit' },
];

const TAGS: Record<string, string>[] = [{}, { team: 'risk' }, { team: 'lending', env: 'prod' }, { env: 'prod', team: 'lending' }];

/** Deterministic pseudo-random integers (a linear congruential generator; any fixed sequence will do). */
function sequence(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

/** The lines, shuffled: every kind on three days of each of three months, with tags, quantities and costs varying. */
export function mixedLedgerLines(): LedgerLine[] {
  const next = sequence(11);
  const lines: LedgerLine[] = [];
  for (const month of ['2026-01', '2026-02', '2026-03']) {
    for (const day of ['01', '15', '28']) {
      KINDS.forEach((kind, k) => {
        for (let t = 0; t < 3; t++) {
          const tags = TAGS[(k + t + Number(day)) % TAGS.length]!;
          const cents = (kind.chargeCategory === 'credit' ? -1 : 1) * (100 + next(900_000));
          const line = usageLine(`${month}-${day}`, {
            ...kind,
            tags,
            quantity: next(7) === 0 ? null : 1_000 + next(1_000_000),
            billed: `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}7`,
            list: next(3) === 0 ? `${next(10_000)}.123456789` : null,
            effectiveCost: next(4) === 0 ? BigInt(next(1_000_000)) * 1_000n : null,
          });
          // Some lines bill in the next month, some name no billing period at all.
          if (day === '28' && t === 1) line.billingPeriod = month === '2026-03' ? '2026-04' : `2026-0${Number(month.slice(6)) + 1}`;
          if (t === 2 && k % 2 === 0) line.billingPeriod = null;
          lines.push(line);
        }
      });
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines;
}

/** The ContractApplied texts (contract, commitment, applied cost in nano-units, quantity, unit) put on some lines. */
export const MIXED_CONTRACT_APPLIED = [
  JSON.stringify([['c-openai', 'c-openai/commitment', '1500000000', null, null]]),
  JSON.stringify([['c-openai', 'c-openai/commitment', '250000000', null, null], ['c-openai', 'c-openai/credits', '-50000000', null, null]]),
  JSON.stringify([['c-anthropic', 'c-anthropic/commitment', '900000000', null, null]]),
];

/** Writes the mixed ledger as one import, then ContractApplied on every fifth line (by id) of the OpenAI and Anthropic kinds. */
export function writeMixedLedger(ws: Workspace): number {
  const lines = mixedLedgerLines();
  const repo = new ImportRepository(ws.db);
  ws.db.transaction(() => {
    const id = repo.begin({ fileName: 'mixed.csv', filePath: null, fileSize: null, sha256: 'sha-mixed', format: 'test', formatVersion: null, detectionConfidence: 1, provider: null, billingAccount: null, startedAt: new Date().toISOString() });
    const writer = new LedgerWriter(ws.db, id);
    lines.forEach((l, i) => writer.write({ ...l, sourceRow: i + 2 }));
    repo.complete(id, { periodStart: null, periodEnd: null, rowsRead: lines.length, rowsImported: lines.length, rowsRejected: 0, linesWritten: lines.length, finishedAt: new Date().toISOString(), totals: [] });
    const apply = ws.db.prepare('UPDATE ledger_rows SET contract_applied = ? WHERE id % 5 = ? AND kind_id IN (SELECT id FROM ledger_kinds WHERE provider = ?)');
    apply.run(MIXED_CONTRACT_APPLIED[0], 0, 'openai');
    apply.run(MIXED_CONTRACT_APPLIED[1], 1, 'openai');
    apply.run(MIXED_CONTRACT_APPLIED[2], 2, 'anthropic');
  })();
  ws.changed();
  return lines.length;
}
