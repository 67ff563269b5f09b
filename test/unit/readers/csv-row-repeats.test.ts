/**
 * Row starts and ends the tokenizer has split before are recognised whole
 * (see row-heads.ts, row-tails.ts). That must change nothing: the same
 * records, row and line numbers, truncation facts and kept cells as
 * splitting every row, for rows built to trip it (quoted cells with line
 * breaks, CR LF and lone CRs, ragged rows, blank and quoted-blank cells,
 * pieces cut anywhere), and the cells of columns nobody reads blank from the
 * moment the tokenizer is told.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvTokenizerOptions, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';

const RUNS = 1000;

interface Run {
  text: string;
  cuts: number[];
  /** Unread columns from this record on (1 each), or none. */
  skip?: { from: number; columns: number[] };
}

type Repeats = CsvTokenizerOptions['rowRepeats'];
/** Never recognises a row start or end. */
const NONE: Repeats = { fromRecord: Number.POSITIVE_INFINITY };

/** Tokenizes in pieces. */
function tokenize({ text, cuts, skip }: Run, repeats: Repeats): RawRecord[] {
  const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 'repeats.csv', rowRepeats: repeats });
  const out: RawRecord[] = [];
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  for (const p of [...points, text.length]) {
    if (skip && tokenizer.recordsSeen >= skip.from && tokenizer.skipped === null) {
      const columns = new Uint8Array(8);
      for (const c of skip.columns) columns[c] = 1;
      tokenizer.skipped = columns;
    }
    tokenizer.push(text.slice(last, p), out);
    last = p;
  }
  tokenizer.finish(out);
  return out;
}

describe('repeated row starts and ends in the CSV tokenizer', () => {
  // Few distinct starts and ends, so that they repeat: plain, quoted with delimiters and escapes, blank, a line break inside quotes, a lone CR.
  const end = fc.constantFrom(
    'Tokens,inv-USD,Google Cloud,global',
    'Tokens,inv-EUR,OpenAI,global',
    '"a,b","say ""hi""",x',
    '"{""k"":""v""}",z',
    ',,',
    '""',
    '"two\nlines",y',
    '"q"tail,w',
    'cr\rinside,v',
    'x',
  );
  const first = fc.oneof(fc.constantFrom('acct-1', 'acct-1', '"quoted, first"', '', '"open\nstart"', '"a""b"'), fc.nat({ max: 99 }).map(String));
  const second = fc.constantFrom('USD', 'EUR', '"x,y"', '', '"two\nlines"', 'cr\rin');
  const middle = fc.oneof(fc.nat({ max: 9 }).map(String), fc.constantFrom('"q"tail', ''));
  const row = fc.tuple(first, second, middle, end).map((cells) => cells.join(','));
  const file = fc.record({
    rows: fc.array(fc.oneof(row, row, row, fc.constantFrom('', 'solo', '"x"\rrest,1')), { minLength: 1, maxLength: 40 }),
    crlf: fc.boolean(),
    lastBreak: fc.boolean(),
    cuts: fc.array(fc.nat({ max: 2000 }), { maxLength: 6 }),
    repeats: fc.record({
      fromRecord: fc.integer({ min: 1, max: 6 }),
      startCells: fc.integer({ min: 2, max: 3 }),
      endFrom: fc.integer({ min: 1, max: 5 }),
      learn: fc.integer({ min: 1, max: 4 }),
    }),
    skip: fc.option(fc.record({ from: fc.nat({ max: 20 }), columns: fc.subarray([1, 2, 3, 4]) }), { nil: undefined }),
  });

  it(`gives the records of splitting every row (${RUNS} files, whole and in pieces)`, () => {
    fc.assert(
      fc.property(file, ({ rows, crlf, lastBreak, cuts, repeats, skip }) => {
        const text = rows.join(crlf ? '\r\n' : '\n') + (lastBreak ? (crlf ? '\r\n' : '\n') : '');
        const run: Run = { text, cuts, ...(skip ? { skip } : {}) };
        expect(tokenize(run, repeats)).toEqual(tokenize(run, NONE));
        expect(tokenize({ text, cuts: [] }, repeats)).toEqual(tokenize({ text, cuts: [] }, NONE));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a file of repeated row starts and ends as csv-parse does', () => {
    // 3,000 rows, 3 distinct starts and 4 distinct ends around a number that differs: past the trials, most are recognised.
    const starts = ['acct-1,USD,"Usage, metered"', 'acct-2,EUR,Credit', '"x""y",,z'];
    const ends = ['Tokens,inv-USD,"Google, Cloud",global', 'Tokens,inv-EUR,OpenAI,', '"{""k"":""v""}",,x,y', 'a,b,c,d'];
    const lines = Array.from({ length: 3000 }, (_, i) => `${starts[i % 3] as string},${i},${ends[(i * 7) % 4] as string}`);
    const text = `${lines.join('\r\n')}\r\n`;
    const expected = parse(text, { relax_column_count: true }) as string[][];
    expect(tokenize({ text, cuts: [4096, 70_000] }, { fromRecord: 1, startCells: 3, endFrom: 5, learn: 2 }).map((r) => r.fields)).toEqual(expected);
    expect(tokenize({ text, cuts: [] }, {}).map((r) => r.fields)).toEqual(expected);
  });

  it('reads on the same when starts and ends stop repeating and the tables turn themselves off', () => {
    // 6,000 rows of 3 starts and 4 ends, then 6,000 whose starts and ends are all different (past a window of lookups with too few hits).
    const lines = Array.from({ length: 12_000 }, (_, i) =>
      i < 6000 ? `acct-${i % 3},USD,${i},unit-${(i * 7) % 4},"p, q",x` : `acct-${i},USD,${i},unit-${i},"p, q",x${i}`,
    );
    const text = `${lines.join('\n')}\n`;
    const expected = parse(text, { relax_column_count: true }) as string[][];
    const read = tokenize({ text, cuts: [65_536, 200_000] }, { fromRecord: 1, startCells: 2, endFrom: 4, learn: 2 });
    expect(read.map((r) => r.fields)).toEqual(expected);
    expect(read).toEqual(tokenize({ text, cuts: [65_536, 200_000] }, NONE));
  });

  it('hands out blanks for unread columns once told, also for a row end recognised before', () => {
    const text = 'id,a,b,c\n1,x,y,z\n2,x,y,z\n3,x,y,z\n4,x,y,z\n';
    const records = tokenize({ text, cuts: [18, 26, 34], skip: { from: 3, columns: [2] } }, { fromRecord: 1 });
    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'a', 'b', 'c'],
      ['1', 'x', 'y', 'z'],
      ['2', 'x', 'y', 'z'],
      ['3', 'x', '', 'z'],
      ['4', 'x', '', 'z'],
    ]);
    const starts = 'id,a,b,c\nk,x,1,z\nk,x,2,z\nk,x,3,z\nk,x,4,z\n';
    const fromStarts = tokenize({ text: starts, cuts: [18, 26, 34], skip: { from: 3, columns: [1] } }, { fromRecord: 1, startCells: 2, endFrom: 4, learn: 1 });
    expect(fromStarts.map((r) => r.fields)).toEqual([
      ['id', 'a', 'b', 'c'],
      ['k', 'x', '1', 'z'],
      ['k', 'x', '2', 'z'],
      ['k', '', '3', 'z'],
      ['k', '', '4', 'z'],
    ]);
  });
});
