import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { mappingToYaml, parseMappingYaml } from '../../../shared/formats/generic/mapping-schema';
import { fixture, importFixture, quantityBy, reconciliation } from './helpers';

const mapping = parseMappingYaml(readFileSync(fixture('generic', 'litellm-mapping.yaml'), 'utf8'), 'litellm-mapping.yaml');

describe('generic CSV/XLSX with a column mapping', () => {
  it('is not detected without a mapping: the file is unrecognised', async () => {
    const error = await importFixture(fixture('generic', 'litellm-spend.csv')).catch((e: unknown) => e);
    expect(isWorkbenchError(error) && error.code).toBe('unrecognised_format');
    expect(isWorkbenchError(error) && error.file).toBe('litellm-spend.csv');
  });

  it('imports the LiteLLM spend log through the saved YAML mapping', async () => {
    const { formatId, version, summary, lines } = await importFixture(fixture('generic', 'litellm-spend.csv'), { mapping });
    expect([formatId, version]).toEqual(['generic', 'LiteLLM spend logs']);
    expect(summary.rowsRead).toBe(4);
    expect(lines).toHaveLength(8);
    // 0.0045 + 0.0135 + 0 + 0.001 = 0.019
    expect(reconciliation(summary, 'USD')).toMatchObject({ sourceTotal: '0.019', importedTotal: '0.019', reconciles: true });
    expect(quantityBy(lines, (l) => l.usageClass)).toEqual({ input: 3150, output: 715 });
    expect(lines[0]).toMatchObject({ model: 'gpt-4o', provider: 'openai', usageClass: 'input', billedCost: 4_500_000n, subAccount: 'team-a', credential: 'sk-a', tags: { user: 'alice', request_id: 'r1' } });
    expect(lines[1]).toMatchObject({ usageClass: 'output', billedCost: 0n });
    expect(lines[2]).toMatchObject({ model: 'claude-3-5-sonnet', publisher: null, provider: 'anthropic' });
    expect(summary.unknownModels.map((u) => u.raw)).toContain('my-finetune');
    // Formula-looking text stays plain text; nothing is evaluated.
    const injected = lines.filter((l) => l.sourceRow === 5);
    expect(injected[0]?.modelRaw).toBe("+cmd|' /C calc'!A0");
    expect(injected[0]?.tags.user).toBe('@SUM(A1:A9)');
  });

  it('imports the same rows from an XLSX workbook with the same totals', async () => {
    const rows = readFileSync(fixture('generic', 'litellm-spend.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    // Numbers as numbers and the first timestamp as a real Excel date cell, the way a user's sheet holds them.
    const aoa: unknown[][] = rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j >= 7 ? Number(c) : c))));
    aoa[1]![1] = new Date(Date.UTC(2026, 2, 1, 10, 0, 0));
    const sheet = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'spend');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-generic-'));
    const file = path.join(dir, 'litellm-spend.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const { formatId, summary, lines } = await importFixture(file, { mapping });
    expect(formatId).toBe('generic');
    expect(reconciliation(summary, 'USD').sourceTotal).toBe('0.019');
    expect(lines).toHaveLength(8);
    expect(lines[0]?.chargePeriodStart).toBe('2026-03-01T10:00:00Z');
    expect(lines[0]?.sourceRow).toBe(2);
  });

  it('round-trips a mapping through YAML and names the field a bad mapping gets wrong', () => {
    expect(parseMappingYaml(mappingToYaml(mapping))).toEqual(mapping);
    const bad = () => parseMappingYaml('columns:\n  chargePeriodStart: startTime\n  currency: { value: USD }\n', 'bad.yaml');
    expect(bad).toThrow(/billedCost must be mapped/);
    try {
      bad();
    } catch (error) {
      expect(isWorkbenchError(error) && [error.code, error.file, error.field]).toEqual(['bad_input', 'bad.yaml', 'columns.billedCost']);
    }
    expect(() => parseMappingYaml('columns: [1, 2', 'broken.yaml')).toThrow(/not valid YAML/);
  });
});
