import { describe, expect, it } from 'vitest';
import { isValidDefinedName, kpiName, nameSegment, NameRegistry, pascal } from '../../../shared/engine/assumption-names';
import { isValidSheetName, looksLikeFormula, safeText, SheetNames, MAX_CELL_CHARS, columnLetter, sheetRef } from '../../../shared/workbook/grid';

describe('the naming rule', () => {
  it('never takes a name Excel would read as a cell reference', () => {
    for (const bad of ['AB12', 'ab12', 'XFD1048576', 'A1', 'R1C1', 'r2c3', 'R', 'c', 'R12', 'TRUE', 'false', 'KPI1.total', '1abc', 'a-b', 'a b', '']) expect(isValidDefinedName(bad), bad).toBe(false);
    // XFE is past Excel's last column and 1048577 past its last row: not references, so valid names.
    for (const good of ['Driver.loans.Units', 'Kpi.baseline.TotalCost', 'XFE1', 'A1048577', 'Workload.x.openai.gpt_4.1.Share', '_x', 'Price.openai.o3.Input']) expect(isValidDefinedName(good), good).toBe(true);
    expect(isValidDefinedName('x'.repeat(255))).toBe(true);
    expect(isValidDefinedName('x'.repeat(256))).toBe(false);
  });

  it('writes ids as segments and fields in PascalCase', () => {
    expect(nameSegment('loan-document-extraction')).toBe('loan_document_extraction');
    expect(nameSegment('gpt-4.1')).toBe('gpt_4.1');
    expect(nameSegment('claude/ünicode')).toBe('claude__nicode');
    expect(pascal('cacheableShare')).toBe('CacheableShare');
    expect(pascal('cache_write_5m')).toBe('CacheWrite5m');
    expect(kpiName('ai-does-more', 'CostPerUnit')).toBe('Kpi.ai_does_more.CostPerUnit');
  });

  it('makes names distinct the way Excel compares them (case-insensitively) and repairs invalid ones', () => {
    const r = new NameRegistry();
    expect(r.claim('Driver.loans.Units')).toBe('Driver.loans.Units');
    expect(r.claim('driver.LOANS.units')).toBe('driver.LOANS.units_2');
    expect(r.claim('AB12')).toBe('N_AB12');
    expect(isValidDefinedName(r.claim('R1C1'))).toBe(true);
  });
});

describe('sheet names and cell text', () => {
  it('keeps sheet names within 31 characters, without []:*?/\\, unique without regard to case', () => {
    const names = new SheetNames();
    expect(names.claim('Monthly a/b:c*d?e[f]g\\h')).toBe('Monthly a-b-c-d-e-f-g-h');
    const long = names.claim('Monthly an-extremely-long-scenario-identifier');
    expect(long).toHaveLength(31);
    const again = names.claim('MONTHLY an-extremely-long-scenario-identifier');
    expect(again).toHaveLength(31);
    expect(again.endsWith('(2)')).toBe(true);
    expect(names.claim("'quoted'")).toBe('quoted');
    expect(names.claim('History')).toBe('Sheet 5');
    for (const n of [long, again]) expect(isValidSheetName(n)).toBe(true);
    expect(isValidSheetName('a:b')).toBe(false);
  });

  it('cuts text at Excel’s cell limit and drops characters XML cannot carry; formula-looking text is recognised', () => {
    expect(safeText('x'.repeat(40_000))).toHaveLength(MAX_CELL_CHARS);
    expect(safeText('a\u0000b\u0007c\td')).toBe('a\uFFFDb\uFFFDc\td');
    for (const t of ['=1+1', '+cmd', '-2', '@SUM(A1)', '\tx', '\rx']) expect(looksLikeFormula(t)).toBe(true);
    expect(looksLikeFormula('gpt-4.1')).toBe(false);
  });

  it('addresses columns and quotes sheet names in references', () => {
    expect([0, 25, 26, 701, 702, 16_383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(sheetRef('Summary')).toBe('Summary');
    expect(sheetRef('Monthly no-ai')).toBe("'Monthly no-ai'");
    expect(sheetRef("Bob's")).toBe("'Bob''s'");
    expect(sheetRef('AB12')).toBe("'AB12'");
  });
});
