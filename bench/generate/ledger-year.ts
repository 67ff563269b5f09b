/**
 * A seeded year of ledger lines written straight into a workspace (no file
 * to import): hourly lines of several models, projects and keys, tagged with
 * the team that runs them; one shared gateway key and monthly tax lines for
 * the allocation's shared costs. Used by the allocation benchmark.
 */
import { ImportRepository } from '../../electron/backend/imports/import-repository';
import { LedgerWriter } from '../../test/helpers/ledger-writer';
import type { Workspace } from '../../electron/backend/workspace/workspace';
import type { LedgerLine } from '../../shared/domain/ledger-line';
import { parseMoney, priceQuantity } from '../../shared/domain/money';
import type { UsageClass } from '../../shared/domain/usage';
import { Random } from './random';

const MODELS = [
  { provider: 'openai', model: 'gpt-4.1', prices: { input: '2.00', cached_input: '0.50', output: '8.00' } },
  { provider: 'openai', model: 'gpt-4o-mini', prices: { input: '0.15', cached_input: '0.075', output: '0.60' } },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', prices: { input: '3.00', cached_input: '0.30', output: '15.00' } },
  { provider: 'anthropic', model: 'claude-haiku-4-5', prices: { input: '1.00', cached_input: '0.10', output: '5.00' } },
] as const;
export const BENCH_TEAMS = ['lending', 'risk', 'servicing', 'marketing', 'platform'] as const;
const CLASSES: UsageClass[] = ['input', 'cached_input', 'output'];

/** Lines per hour: 4 models × 10 keys × 3 classes = 120, so 365 × 24 × 120 = 1,051,200 lines a year, plus 12 tax lines. */
export function writeLedgerYear(ws: Workspace, seed = 7, year = 2026): number {
  const random = new Random(seed);
  const repo = new ImportRepository(ws.db);
  let n = 0;
  ws.db.transaction(() => {
    const id = repo.begin({ fileName: 'bench-year.csv', filePath: null, fileSize: null, sha256: `bench-year-${seed}`, format: 'bench', formatVersion: null, detectionConfidence: 1, provider: null, billingAccount: null, startedAt: new Date().toISOString() });
    const writer = new LedgerWriter(ws.db, id);
    const start = Date.parse(`${year}-01-01T00:00:00Z`);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const write = (line: LedgerLine) => {
      writer.write(line);
      n += 1;
    };
    for (let h = 0; h < 365 * 24; h++) {
      const t = iso(start + h * 3_600_000);
      const end = iso(start + (h + 1) * 3_600_000);
      for (const m of MODELS) {
        for (let k = 0; k < 10; k++) {
          // Key 9 is the shared gateway: no team tag, split by the policy.
          const team = k === 9 ? null : BENCH_TEAMS[k % BENCH_TEAMS.length]!;
          for (const cls of CLASSES) {
            const quantity = 5_000 + random.int(0, 95_000);
            write({
              chargePeriodStart: t, chargePeriodEnd: end, billingPeriod: t.slice(0, 7), chargeCategory: 'usage', provider: m.provider, publisher: null,
              billingAccount: 'acct', subAccount: `project-${k % 4}`, credential: `key-${k}`, model: m.model, modelRaw: null, usageClass: cls, serviceTier: 'standard',
              contextBand: null, region: null, resourceId: null, sku: null, description: null, tags: team ? { team } : {}, quantity, unit: 'tokens',
              billedCost: priceQuantity(quantity, parseMoney(m.prices[cls as keyof typeof m.prices]), 1_000_000n), effectiveCost: null, listCost: null, contractedCost: null,
              currency: 'USD', sourceRow: n + 2,
            });
          }
        }
      }
    }
    for (let month = 0; month < 12; month++) {
      const t = `${year}-${String(month + 1).padStart(2, '0')}-01T00:00:00Z`;
      write({
        chargePeriodStart: t, chargePeriodEnd: t, billingPeriod: t.slice(0, 7), chargeCategory: 'tax', provider: 'openai', publisher: null, billingAccount: 'acct', subAccount: null,
        credential: null, model: null, modelRaw: null, usageClass: 'other', serviceTier: 'standard', contextBand: null, region: null, resourceId: null, sku: null, description: 'Sales tax',
        tags: {}, quantity: 1, unit: 'unit', billedCost: parseMoney('1234.57'), effectiveCost: null, listCost: null, contractedCost: null, currency: 'USD', sourceRow: n + 2,
      });
    }
    repo.complete(id, { periodStart: null, periodEnd: null, rowsRead: n, rowsImported: n, rowsRejected: 0, linesWritten: n, finishedAt: new Date().toISOString(), totals: [] });
  })();
  ws.changed();
  return n;
}

export const BENCH_POLICY = `
version: 1
name: Bench showback
teams: [{ id: lending }, { id: risk }, { id: servicing }, { id: marketing }, { id: platform }]
rules:
  - { id: team-tag, precedence: 10, match: { tag: { team: "*" } }, teamFromTag: team }
  - { id: gateway, precedence: 20, match: { credential: key-9 }, split: { basis: tokens } }
  - { id: tax, precedence: 30, match: { chargeCategory: tax }, split: { basis: percent, percent: { lending: 30, risk: 25, servicing: 20, marketing: 15, platform: 10 } } }
`;
