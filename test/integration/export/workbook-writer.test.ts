import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../../electron/backend/export/workbook-writer';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { buildWorkbook } from '../../../shared/workbook/build';
import { prepareFileRun } from '../../../shared/workbook/file-run';
import type { CellValue, WorkbookData } from '../../../shared/workbook/model';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { readWorkbook, zipEntries } from '../../helpers/xlsx';

const { dir, cleanup } = tempDir('aispend-writer-');
afterAll(cleanup);

const read = (from: string, relative: string): ScenarioText => {
  const p = path.resolve(path.dirname(from), relative);
  return { path: p, text: readFileSync(p, 'utf8') };
};

function board(extra: Partial<Parameters<typeof buildWorkbook>[0]> = {}): WorkbookData {
  const p = path.join(REPO_ROOT, 'scenarios', 'example-loans-triple.yaml');
  const file = resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
  return buildWorkbook({
    title: 'Writer test',
    workspace: null,
    asOf: '2026-12-06',
    catalogueAsOf: null,
    appVersion: '0.1.0',
    runs: [prepareFileRun({ label: 'example-loans-triple.yaml', file, ctx: {}, contracts: [] })],
    contracts: { contracts: new Map(), book: null },
    created: new Date('2026-12-06T00:00:00Z'),
    invoiceCheck: null,
    imports: [],
    files: [],
    contractTerms: [],
    ledger: null,
    allocation: null,
    ...extra,
  });
}

describe('the workbook writer', () => {
  it('writes every cell, formula and name so that SheetJS reads them back unchanged', async () => {
    const data = board();
    const file = path.join(dir, 'board.xlsx');
    const written = await writeWorkbook(data, file);
    const wb = readWorkbook(file);
    expect(wb.SheetNames).toEqual(data.sheets.map((s) => s.name));
    let cells = 0;
    let formulas = 0;
    for (const sheet of data.sheets) {
      const ws = wb.Sheets[sheet.name]!;
      sheet.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (!cell || (cell.value === null && cell.formula === undefined)) return;
          const got = ws[XLSX.utils.encode_cell({ r, c })];
          const where = `${sheet.name}!${XLSX.utils.encode_cell({ r, c })}`;
          expect(got, where).toBeDefined();
          if (cell.formula !== undefined) {
            formulas++;
            expect(got!.f, where).toBe(cell.formula);
          }
          if (typeof cell.value === 'number' && Number.isFinite(cell.value)) expect(got!.v, where).toBe(cell.value);
          else if (typeof cell.value === 'string' && cell.value !== '#N/A') expect(got!.v ?? '', where).toBe(cell.value);
          else if (typeof cell.value === 'boolean') expect(got!.v, where).toBe(cell.value);
          cells++;
        }),
      );
    }
    expect(formulas).toBe(written.formulas);
    expect(cells).toBeGreaterThan(formulas);
    const names = new Map((wb.Workbook?.Names ?? []).map((n) => [n.Name, n.Ref]));
    for (const n of data.names) expect(names.get(n.name), n.name).toBe(n.ref);
    // Document properties.
    expect(wb.Props).toMatchObject({ Title: 'Writer test', Author: 'AI Spend Workbench', Category: 'Board workbook' });
  });

  it('streams a large sheet into the file: every row, styles kept, formula-looking text as text', async () => {
    const planted = ['=HYPERLINK("http://evil.example","click")', "=cmd|' /C calc'!A0", '+1+1', '-2', '@SUM(A1)', '\tx', '\rx', 'a<b>&"c"', 'nul\u0000byte'];
    const rows = 25_000;
    const data = board({
      ledger: {
        mode: 'lines',
        note: null,
        columns: [
          { header: 'Model', style: 'text', width: 20 },
          { header: 'Quantity', style: 'count', width: 10 },
          { header: 'Billed', style: 'moneyExact', width: 10 },
        ],
        rows: null,
        stream: {
          styles: ['text', 'count', 'moneyExact'],
          expectedRows: rows,
          async *rows(): AsyncIterable<CellValue[]> {
            for (let i = 0; i < rows; i++) yield [planted[i % planted.length]!, i, i / 8];
          },
        },
      },
      sheets: ['ledger'],
    });
    const file = path.join(dir, 'stream.xlsx');
    const written = await writeWorkbook(data, file);
    expect(written.streamedRows).toBe(rows);
    const wb = readWorkbook(file);
    const ws = wb.Sheets['Ledger extract']!;
    expect(XLSX.utils.decode_range(ws['!ref']!).e.r).toBe(4 + rows - 1);
    for (let i = 0; i < planted.length; i++) {
      const cell = ws[XLSX.utils.encode_cell({ r: 4 + i, c: 0 })];
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
      expect(cell.v).toBe(planted[i]!.replace('\u0000', '\uFFFD'));
    }
    expect(ws[XLSX.utils.encode_cell({ r: 4 + rows - 1, c: 1 })].v).toBe(rows - 1);
    expect(ws[XLSX.utils.encode_cell({ r: 4 + 9, c: 2 })]).toMatchObject({ v: 9 / 8, z: '"$"#,##0.0000;-"$"#,##0.0000' });
    // The autofilter covers the streamed rows.
    const parts = zipEntries(file);
    const sheetXml = Object.entries(parts).find(([p, x]) => p.startsWith('xl/worksheets/sheet') && x.includes('inlineStr'))![1];
    expect(sheetXml).toMatch(new RegExp(`<autoFilter ref="A4:C${4 + rows}"`));
  });
});
