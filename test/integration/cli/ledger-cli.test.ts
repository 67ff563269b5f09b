import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanosToDecimal } from '../../../shared/domain/money';
import { aispend } from '../../helpers/cli';
import { demoBilledLines } from '../../helpers/demo-statements';
import { tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'demo.aispend');

/** Per-month totals of the demo statements, computed from the vendors' files with decimal.js, independently of the app. */
function monthlyTotals(): Map<string, Decimal> {
  const totals = new Map<string, Decimal>();
  for (const l of demoBilledLines()) totals.set(l.month, (totals.get(l.month) ?? new Decimal(0)).plus(nanosToDecimal(l.billedCost)));
  return totals;
}

describe('aispend demo + ledger summary', () => {
  beforeAll(() => {
    const built = aispend(['demo', '--workspace', workspace], env);
    expect(built.status, built.stderr).toBe(0);
  });
  afterAll(cleanup);

  it('prints per-month totals that match the demo statements to the last digit', () => {
    const run = aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'month', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { rows: { month: string; currency: string; billedCost: string; lines: number }[] };
    const expected = monthlyTotals();
    expect(doc.rows.map((r) => r.month)).toEqual([...expected.keys()].sort());
    for (const row of doc.rows) {
      expect(row.currency).toBe('USD');
      expect(new Decimal(row.billedCost).equals(expected.get(row.month)!), `${row.month}: ${row.billedCost} vs ${expected.get(row.month)}`).toBe(true);
    }
    // Spot-check one month by hand from the statements: May 2026 = 556.048786419 (OpenAI costs export, 15% off
    // list under the demo's enterprise agreement) + 431.87011365 (Anthropic cost report: 43187.011365 cents, at
    // list) + 27.2965 (AWS CUR, Bedrock at list) = 1015.215400069.
    expect(doc.rows.find((r) => r.month === '2026-05')?.billedCost).toBe('1015.215400069');
  });

  it('groups by month, provider and model, and stdout is exactly one JSON document', () => {
    const run = aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'month,provider,model', '--json'], env);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { by: string[]; rows: { month: string; provider: string; model: string }[]; totals: { billedCost: string }[] };
    expect(doc.by).toEqual(['month', 'provider', 'model']);
    // 12 months × 5 models (2 OpenAI, 2 Anthropic, 1 on Bedrock), and January's AWS credit, which names no
    // model (October's refund names the Bedrock model it refunds).
    expect(doc.rows).toHaveLength(12 * 5 + 1);
    expect(new Set(doc.rows.map((r) => `${r.provider}/${r.model}`))).toEqual(
      new Set(['openai/gpt-4.1', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5', 'anthropic/claude-haiku-4-5', 'aws/claude-haiku-4-5', 'aws/null']),
    );
    const grand = [...monthlyTotals().values()].reduce((a, b) => a.plus(b), new Decimal(0));
    expect(doc.totals[0]?.billedCost).toBe(grand.toFixed());
  });

  it('filters by tag and by provider', () => {
    const run = aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'provider', '--filter', 'tag:user_workload=fraud-screening', '--json'], env);
    const doc = JSON.parse(run.stdout) as { rows: { provider: string }[] };
    expect(doc.rows.map((r) => r.provider)).toEqual(['aws']);
    const anthropic = aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'provider', '--filter', 'subAccount=wrkspc_underwriting', '--json'], env);
    expect((JSON.parse(anthropic.stdout) as { rows: { provider: string }[] }).rows.map((r) => r.provider)).toEqual(['anthropic']);
  });

  it('exits 2 with a clear message on bad input, and 0 on --help for every command', () => {
    const missing = aispend(['ledger', 'summary', '--workspace', path.join(dir, 'nope.aispend'), '--json'], env);
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'not_found', field: '--workspace' } });
    expect(missing.stderr).toContain('no such workspace file');
    const badDim = aispend(['ledger', 'summary', '--workspace', workspace, '--by', 'month,colour'], env);
    expect(badDim.status).toBe(2);
    expect(badDim.stderr).toContain('cannot group by "colour"');
    const unknown = aispend(['frobnicate'], env);
    expect(unknown.status).toBe(2);
    for (const args of [['--help'], ['demo', '--help'], ['ledger', 'summary', '--help'], ['ledger', 'lines', '--help'], ['workspace', 'info', '--help']]) {
      const help = aispend(args, env);
      expect(help.status, args.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: aispend');
    }
  });

  it('refuses to overwrite a workspace without --force', () => {
    const again = aispend(['demo', '--workspace', workspace, '--json'], env);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('conflict');
  });
});
