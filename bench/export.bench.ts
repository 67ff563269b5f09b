/**
 * The board workbook export: the demo's board question (three scenarios, 24
 * months, every formula, named cell, style and chart), and the same with a
 * 100,000-line ledger extract streamed into the file. Measured: building the
 * workbook from the engine's results and writing it. Anchor, in the same
 * run: the same cell values (formulas as their results) written plainly with
 * the same library's streaming writer — no styles, names, charts or
 * formulas. The engine's own runs (the projection, Monte Carlo, savings by
 * lever) are reported beside, not counted.
 *
 * Run: npx tsx bench/export.bench.ts   (or npm run bench -- export)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFile } from 'node:fs/promises';
import { Workbook, WorkbookWriter } from '@cj-tech-master/excelts';
import { prepareExport } from '../electron/backend/export/export-service';
import { writeWorkbook } from '../electron/backend/export/workbook-writer';
import { ImportRepository } from '../electron/backend/imports/import-repository';
import { enginePool } from '../electron/backend/scenarios/engine-pool';
import { Workspace } from '../electron/backend/workspace/workspace';
import type { LedgerLine } from '../shared/domain/ledger-line';
import { parseMoney, priceQuantity } from '../shared/domain/money';
import type { CellValue, WorkbookData } from '../shared/workbook/model';
import { LedgerWriter } from '../test/helpers/ledger-writer';
import { peakRssMb, writeBenchResult } from './lib/result';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const LEDGER_LINES = 100_000;
const ROUNDS = 3;

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - t0), value };
}

/** The fastest of a few rounds: the machines are shared and a round can be slowed by a neighbour. */
async function best<T>(rounds: number, work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let fastest: { ms: number; value: T } | null = null;
  for (let i = 0; i < rounds; i++) {
    const r = await time(work);
    if (!fastest || r.ms < fastest.ms) fastest = r;
  }
  return fastest!;
}

const plainValue = (c: { value: CellValue } | null | undefined): CellValue => (c === null || c === undefined ? null : typeof c.value === 'number' && !Number.isFinite(c.value) ? null : c.value);

/** An anchor: every cell's value (a formula's cached result) with the same writer the export uses (excelts' Workbook), nothing else. */
async function plainInMemory(data: WorkbookData, file: string): Promise<number> {
  const wb = new Workbook();
  let cells = 0;
  for (const sheet of data.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) => {
      if (!row) return;
      const values = row.map(plainValue);
      ws.getRow(r + 1).values = values as never;
      cells += values.length;
    });
  }
  await writeFile(file, await wb.xlsx.writeBuffer({ validate: false }));
  return cells;
}

/** An anchor: every cell's value with excelts' streaming writer, nothing else (streamed rows too). */
async function plainWrite(data: WorkbookData, file: string): Promise<number> {
  const wb = new WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  let cells = 0;
  for (const sheet of data.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const row of sheet.rows) {
      const values = (row ?? []).map(plainValue);
      ws.addRow(values).commit();
      cells += values.length;
    }
    if (sheet.stream) {
      for await (const values of sheet.stream.rows()) {
        ws.addRow(values as CellValue[]).commit();
        cells += values.length;
      }
    }
    ws.commit();
  }
  await wb.commit();
  return cells;
}

function addLedgerLines(file: string, count: number): void {
  const ws = Workspace.open(file, { appVersion: 'bench' });
  const repo = new ImportRepository(ws.db);
  ws.db.transaction(() => {
    const id = repo.begin({ fileName: 'bench-lines.csv', filePath: null, fileSize: null, sha256: 'bench-lines', format: 'bench', formatVersion: null, detectionConfidence: 1, provider: null, billingAccount: null, startedAt: new Date().toISOString() });
    const writer = new LedgerWriter(ws.db, id);
    const start = Date.parse('2026-11-01T00:00:00Z');
    const models = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o-mini'];
    for (let i = 0; i < count; i++) {
      const t = new Date(start + i * 60_000).toISOString().replace('.000Z', 'Z');
      const quantity = 1000 + ((i * 7919) % 90_000);
      const line: LedgerLine = {
        chargePeriodStart: t, chargePeriodEnd: t, billingPeriod: t.slice(0, 7), chargeCategory: 'usage', provider: 'bench-gateway', publisher: null,
        billingAccount: 'acct', subAccount: `project-${i % 12}`, credential: null, model: models[i % 3]!, modelRaw: null, usageClass: i % 2 ? 'input' : 'output', serviceTier: 'standard',
        contextBand: null, region: null, resourceId: null, sku: null, description: null, tags: { team: `team-${i % 7}` }, quantity, unit: 'tokens',
        billedCost: priceQuantity(quantity, parseMoney('2.00'), 1_000_000n), effectiveCost: null, listCost: null, contractedCost: null, currency: 'USD', sourceRow: i + 2,
      };
      writer.write(line);
    }
    repo.complete(id, { periodStart: null, periodEnd: null, rowsRead: count, rowsImported: count, rowsRejected: 0, linesWritten: count, finishedAt: new Date().toISOString(), totals: [] });
  })();
  ws.close();
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-bench-export-'));
try {
  const demo = path.join(dir, 'demo.aispend');
  const built = spawnSync(process.execPath, [path.join(root, 'bin', 'aispend.cjs'), 'demo', '--workspace', demo], { cwd: root, encoding: 'utf8', env: { ...process.env, AISPEND_HOME: path.join(dir, 'home') } });
  if (built.status !== 0) throw new Error(`aispend demo failed: ${built.stderr}`);
  const withLines = path.join(dir, 'demo-lines.aispend');
  copyFileSync(demo, withLines);
  addLedgerLines(withLines, LEDGER_LINES);

  for (const c of [
    { name: 'export-demo', file: demo, ledger: 'none' as const, rows: null as number | null },
    { name: 'export-demo-ledger-100k', file: withLines, ledger: 'lines' as const, rows: LEDGER_LINES },
  ]) {
    const ws = Workspace.open(c.file, { appVersion: 'bench' });
    const request = { files: [{ id: 'board-question.yaml' }], out: path.join(dir, `${c.name}.xlsx`), force: true, ledger: c.ledger, draws: 2000 };
    // The engine's runs and the workbook as data, once in full (reported), then the workbook's own work.
    const engine = await time(() => prepareExport(ws, request));
    const prepared = engine.value;
    const build = await best(ROUNDS, async () => (await prepareExport(ws, { ...request, draws: 0 })).data);
    // Rounds alternate between the export's write and the anchors, so a neighbour's load falls on both alike.
    const rounds = c.ledger === 'none' ? 3 * ROUNDS : ROUNDS;
    let write: Awaited<ReturnType<typeof time<Awaited<ReturnType<typeof writeWorkbook>>>>> | null = null;
    let streaming: { ms: number; value: number } | null = null;
    let memory: { ms: number; value: number } | null = null;
    for (let i = 0; i < rounds; i++) {
      const w = await time(() => writeWorkbook(prepared.data, path.join(dir, `${c.name}.xlsx`)));
      if (!write || w.ms < write.ms) write = w;
      const s = await time(() => plainWrite(prepared.data, path.join(dir, `${c.name}-plain.xlsx`)));
      if (!streaming || s.ms < streaming.ms) streaming = s;
      if (c.ledger === 'none') {
        const m = await time(() => plainInMemory(prepared.data, path.join(dir, `${c.name}-plain-memory.xlsx`)));
        if (!memory || m.ms < memory.ms) memory = m;
      }
    }
    // The demo: the same writer, plain; with 100,000 streamed lines: the library's streaming writer, plain (the in-memory one would hold them all).
    const anchor = memory ?? streaming!;
    const value = write!.ms;
    const bytes = statSync(path.join(dir, `${c.name}.xlsx`)).size;
    process.stderr.write(
      `${c.name}: engine + workbook data ${engine.ms} ms (draws 2000), without draws ${build.ms} ms; write ${write!.ms} ms (${write!.value.formulas} formulas, ${write!.value.streamedRows} streamed rows, ${bytes} bytes); plain write ${anchor.ms} ms (${anchor.value} cells), plain streaming write ${streaming!.ms} ms\n`,
    );
    ws.close();
    writeBenchResult({
      name: c.name,
      value,
      unit: 'ms',
      anchor:
        c.ledger === 'none'
          ? 'the same cell values written plainly by the same excelts writer (no formulas, styles, names or charts), same run'
          : 'the same cell values, the 100,000 lines included, written plainly by excelts’ streaming writer, same run',
      anchorValue: anchor.ms,
      ratio: Math.round((value / anchor.ms) * 100) / 100,
      peakRssMb: peakRssMb(),
      rows: c.rows,
      target: 'writing the board workbook (formulas, styles, names, native charts) within 1.5× a plain write of the same cells',
      passed: value / anchor.ms <= 1.5,
      extra: {
        formulas: write!.value.formulas,
        sheets: prepared.data.sheets.length,
        names: prepared.data.names.length,
        bytes,
        streamedRows: write!.value.streamedRows,
        engineAndDataMs: engine.ms,
        dataWithoutDrawsMs: build.ms,
        plainCells: anchor.value,
        plainStreamingMs: streaming!.ms,
      },
    });
  }
  await enginePool().close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
