import { describe, expect, it } from 'vitest';
import { CellInterner } from '../../../electron/backend/imports/readers/cell-interner';
import { CsvTokenizer, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';

describe('cell interning in the CSV tokenizer', () => {
  it('gives back the same string for a value seen before in the same column, exactly as written', () => {
    const interner = new CellInterner();
    const chunk = 'x,2026-03-01T00:00:00Z,y,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z';
    const a = interner.text(1, chunk, 2, 22);
    const b = interner.text(1, chunk, 25, 45);
    const c = interner.text(1, chunk, 46, 66);
    expect(a).toBe('2026-03-01T00:00:00Z');
    expect(Object.is(a, b)).toBe(true);
    expect(c).toBe('2026-03-02T00:00:00Z');
    expect(interner.text(1, chunk, 0, 0)).toBe('');
  });

  it('unescapes quoted cells once and never confuses two values that share the sampled characters', () => {
    const interner = new CellInterner();
    const one = '{""k"":""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1""}';
    const two = '{""k"":""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2""}';
    const s = `${one},${two},${one}`;
    const first = interner.unescaped(0, s, 0, one.length);
    const second = interner.unescaped(0, s, one.length + 1, one.length + 1 + two.length);
    const third = interner.unescaped(0, s, 2 * one.length + 2, s.length);
    expect(first).toBe('{"k":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1"}');
    expect(second).toBe('{"k":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2"}');
    expect(third).toBe(first);
  });

  it('keeps interning a month of daily timestamps in any order (days that differ in one digit do not share a slot)', () => {
    const interner = new CellInterner();
    // 4096 rows, each a day of March 2026 picked by a fixed stride (7 is prime to 31, so all 31 days recur).
    const days = Array.from({ length: 4096 }, (_, i) => `2026-03-${String(((i * 7) % 31) + 1).padStart(2, '0')}T00:00:00Z`);
    const s = days.join(',');
    let at = 0;
    for (const day of days) {
      expect(interner.text(3, s, at, at + day.length)).toBe(day);
      at += day.length + 1;
    }
    expect(interner.interning(3)).toBe(true);
  });

  it('tokenizes a file with repeated and distinct cells to exactly the cells a spreadsheet shows', () => {
    const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 'f.csv' });
    const rows = ['a,"{""x"":1}",2026-03-01', 'b,"{""x"":1}",2026-03-01', 'c,"{""x"":2}",2026-03-02'];
    const out: RawRecord[] = [];
    // Fed in two pieces cut mid-cell, as chunks arrive.
    const text = `${rows.join('\n')}\n`;
    tokenizer.push(text.slice(0, 17), out);
    tokenizer.push(text.slice(17), out);
    tokenizer.finish(out);
    expect(out.map((r) => r.fields)).toEqual([
      ['a', '{"x":1}', '2026-03-01'],
      ['b', '{"x":1}', '2026-03-01'],
      ['c', '{"x":2}', '2026-03-02'],
    ]);
  });
});
