/**
 * App, CLI and workbook are three doors into one ledger: the demo built by
 * the CLI, its months' lines and billed cost read through `aispend ledger
 * summary --json`, through the API the app calls (ledger.summary and the
 * Overview's ledger.overview) and through the workbook's ledger extract, must
 * be the same figures. Each door reads the ledger with its own SQL (grouped
 * per month and kind on the month × kind index since migration 012), so a
 * reader that drifted would show here.
 */
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerExtract } from '../../../electron/backend/export/ledger-extract';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { nanosToDecimal } from '../../../shared/domain/money';
import { startBackend } from '../../helpers/backend';
import { aispend } from '../../helpers/cli';
import { demoBilledLines } from '../../helpers/demo-statements';
import { tempDir } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;
const { dir, cleanup } = tempDir();
const workspace = path.join(dir, 'demo.aispend');
const env = { AISPEND_HOME: path.join(dir, 'home') };

/** Per month: lines and billed cost as exact decimal text. */
type Months = Map<string, { lines: number; billed: string }>;

describe('one ledger through three doors: CLI, app API and workbook', () => {
  let s: Started;
  beforeAll(async () => {
    const built = aispend(['demo', '--workspace', workspace], env);
    expect(built.status, built.stderr).toBe(0);
    s = await startBackend({ openDemo: false });
    await s.client.call('workspace.open', { path: workspace });
  });
  afterAll(async () => {
    await s.stop();
    cleanup();
  });

  it('gives each month the same lines and billed cost, and they add up to the vendors’ files', async () => {
    const cli = JSON.parse(aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'month', '--json'], env).stdout) as {
      rows: { month: string; currency: string; lines: number; billedCost: string }[];
    };
    const fromCli: Months = new Map(cli.rows.map((r) => [r.month, { lines: r.lines, billed: r.billedCost }]));

    const summary = await s.client.call('ledger.summary', { by: ['month'] });
    const fromSummary: Months = new Map(summary.rows.map((r) => [String(r.key.month), { lines: r.lines, billed: r.billedCost }]));

    const overview = await s.client.call('ledger.overview', { today: '2026-12-06' });
    const fromOverview: Months = new Map(overview.months.filter((m) => m.billed !== null).map((m) => [m.month, { lines: m.lines, billed: m.billed!.exact }]));

    // The workbook's extract holds numbers of the currency per month × provider × model × class × tier: its lines are
    // counted exactly, its money is what Excel shows (to the cent, and here to 1e-6).
    const ws = Workspace.open(workspace, { appVersion: 'test' });
    const workbookMonths = new Map<string, { lines: number; billed: number }>();
    try {
      for (const row of ledgerExtract(ws, 'aggregated').rows ?? []) {
        const month = row[0] as string;
        const m = workbookMonths.get(month) ?? { lines: 0, billed: 0 };
        m.lines += row[10] as number;
        m.billed += row[8] as number;
        workbookMonths.set(month, m);
      }
    } finally {
      ws.close();
    }

    // The demo's year in one currency: 12 months, every door the same.
    expect(cli.rows.every((r) => r.currency === 'USD')).toBe(true);
    expect([...fromCli.keys()]).toHaveLength(12);
    expect(fromSummary).toEqual(fromCli);
    expect(fromOverview).toEqual(fromCli);
    expect([...workbookMonths.keys()].sort()).toEqual([...fromCli.keys()].sort());
    for (const [month, { lines, billed }] of fromCli) {
      expect(workbookMonths.get(month)?.lines, month).toBe(lines);
      expect(workbookMonths.get(month)?.billed, month).toBeCloseTo(Number(billed), 6);
    }

    // And independently of the app: the vendors' files summed with decimal.js. May 2026 by hand: 556.048786419 (OpenAI
    // costs) + 431.87011365 (Anthropic cost report) + 27.2965 (AWS CUR) = 1015.215400069.
    const expected = new Map<string, Decimal>();
    for (const l of demoBilledLines()) expected.set(l.month, (expected.get(l.month) ?? new Decimal(0)).plus(nanosToDecimal(l.billedCost)));
    for (const [month, { billed }] of fromCli) expect(new Decimal(billed).equals(expected.get(month)!), month).toBe(true);
    expect(fromCli.get('2026-05')?.billed).toBe('1015.215400069');
    const lines = [...fromCli.values()].reduce((n, m) => n + m.lines, 0);
    expect(overview.total.lines).toBe(lines);
  });
});
