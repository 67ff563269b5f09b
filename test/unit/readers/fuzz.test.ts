/**
 * Fuzzing the readers with fast-check, 10,000 generated inputs each: the
 * CSV tokenizer, the text decoder, the JSON tokenizer, and the Parquet and
 * XLSX readers over mutated real files. They may only ever fail with a
 * WorkbenchError, must not hang (each run has a time limit), and the
 * tokenizers must give the same records however the input is chunked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvTokenizer, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';
import { decodeText } from '../../../electron/backend/imports/readers/decode';
import { JsonTokenizer, type JsonRecordOut } from '../../../electron/backend/imports/readers/json-tokenizer';
import { bufferSource, openParquetBuffer } from '../../../electron/backend/imports/readers/parquet';
import type { StatementSource } from '../../../electron/backend/imports/readers/source';
import { openXlsxBytes } from '../../../electron/backend/imports/readers/xlsx';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { toPlain } from '../../../shared/formats/values/json';
import { FORMAT_FIXTURES, csvToParquet, tempDir } from './helpers';

// AISPEND_FUZZ_RUNS raises the count for a longer hunt; the test run uses 10,000.
const RUNS = Math.max(10_000, Number(process.env.AISPEND_FUZZ_RUNS ?? 0));

function onlyWorkbenchErrors(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (isWorkbenchError(error)) return false;
    throw error;
  }
}

async function drain(source: StatementSource): Promise<number> {
  let n = 0;
  for await (const batch of source.batches()) n += batch.length;
  return n;
}

async function onlyWorkbenchErrorsAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!isWorkbenchError(error)) throw error;
  }
}

/** Splits text at the given cut points. */
function chunks(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

describe('fuzzing the CSV tokenizer', () => {
  const csvText = fc.string({ unit: fc.constantFrom('a', '1', '.', ',', ';', '\t', '"', '"', '\n', '\r', '\r\n', ' ', 'é', '€', '\uFEFF'), maxLength: 60 });

  it(`never throws anything but WorkbenchError, and chunking never changes the records (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(',', ';', '\t'), fc.array(fc.nat(), { maxLength: 6 }), fc.option(fc.integer({ min: 1, max: 20 })), (text, delimiter, cuts, limit) => {
        const parse = (parts: string[]): RawRecord[] | 'error' => {
          const out: RawRecord[] = [];
          const tokenizer = new CsvTokenizer({ delimiter, fileName: 'fuzz.csv', ...(limit ? { maxCellChars: limit, maxRecordChars: limit * 4 } : {}) });
          const ok = onlyWorkbenchErrors(() => {
            for (const p of parts) tokenizer.push(p, out);
            tokenizer.finish(out);
          });
          return ok ? out : 'error';
        };
        const whole = parse([text]);
        const pieces = parse(chunks(text, cuts));
        if (whole !== 'error' && pieces !== 'error') {
          expect(pieces.map((r) => [r.record, r.line, r.fields, r.unterminated])).toEqual(whole.map((r) => [r.record, r.line, r.fields, r.unterminated]));
        } else if (limit === null) {
          // Without size limits nothing is an error at all.
          expect([whole, pieces]).not.toContain('error');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the text decoder', () => {
  it(`decodes any bytes or refuses them with a WorkbenchError (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat({ max: 64 }), { maxLength: 4 }), async (bytes, cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parts: Uint8Array[] = [];
        let last = 0;
        for (const p of points) {
          if (p > last && p < bytes.length) {
            parts.push(bytes.subarray(last, p));
            last = p;
          }
        }
        parts.push(bytes.subarray(last));
        await onlyWorkbenchErrorsAsync(async () => {
          let text = '';
          for await (const t of decodeText((async function* () { yield* parts; })(), 'fuzz.csv', { encoding: null })) text += t;
          expect(typeof text).toBe('string');
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the JSON tokenizer', () => {
  const broken = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'a', '1', '-', '.', 'e', 'true', 'null', ' ', '\n', '"data"', '\\u00e9'), maxLength: 40 });
  const text = fc.oneof(fc.json({ maxDepth: 3 }), broken, fc.json({ maxDepth: 2 }).map((j) => `{"data":[${j},${j}],"has_more":false}`), fc.array(fc.json({ maxDepth: 2 }), { maxLength: 3 }).map((a) => a.join('\n')));

  it(`never throws anything but WorkbenchError, chunking changes nothing, valid JSON reads back exactly (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), fc.integer({ min: 1, max: 8 }), (input, cuts, depth) => {
        const parse = (parts: string[]): JsonRecordOut[] | 'error' => {
          const out: JsonRecordOut[] = [];
          const tokenizer = new JsonTokenizer({ fileName: 'fuzz.json', maxDepth: depth });
          return onlyWorkbenchErrors(() => {
            for (const p of parts) tokenizer.push(p, out);
            tokenizer.finish(out);
          })
            ? out
            : 'error';
        };
        const whole = parse([input]);
        const pieces = parse(chunks(input, cuts));
        expect(pieces === 'error').toBe(whole === 'error');
        if (whole !== 'error' && pieces !== 'error') {
          expect(pieces.map((r) => [r.line, toPlain(r.value)])).toEqual(whole.map((r) => [r.line, toPlain(r.value)]));
          // A single valid document that is not an array or page is one record equal to JSON.parse's (numbers as text).
          let parsed: unknown;
          try {
            parsed = JSON.parse(input);
          } catch {
            return;
          }
          if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && !('data' in parsed) && whole.length === 1) {
            const normalise = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && /^-?\d/.test(x) && Number.isFinite(Number(x)) ? Number(x) : x)));
            expect(normalise(toPlain(whole[0]!.value))).toEqual(normalise(parsed));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the binary readers over mutated files', () => {
  let parquet: Uint8Array;
  let xlsx: Uint8Array;

  beforeAll(async () => {
    const dir = tempDir('aispend-fuzz-');
    const file = path.join(dir, 'small.parquet');
    await csvToParquet(path.join(FORMAT_FIXTURES, 'anthropic-cost', 'cost-report.csv'), file, { allVarchar: true });
    parquet = new Uint8Array(readFileSync(file));
    const sheet = XLSX.utils.aoa_to_sheet([
      ['starting_at', 'amount', 'currency', 'cost_type'],
      ['2026-03-01T00:00:00Z', 12.5, 'USD', 'tokens'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'costs');
    xlsx = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  });

  /** Byte edits biased towards the end of the file, where Parquet keeps its footer and a zip its directory. */
  const edits = fc.array(fc.tuple(fc.oneof(fc.nat(), fc.integer({ min: -600, max: -1 })), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
  function mutate(bytes: Uint8Array, changes: [number, number][], cut: number | null): Uint8Array {
    const copy = bytes.slice();
    for (const [at, value] of changes) {
      const i = at < 0 ? copy.length + at : at % copy.length;
      if (i >= 0 && i < copy.length) copy[i] = value;
    }
    return cut === null ? copy : copy.subarray(0, cut % (copy.length + 1));
  }

  it(`Parquet: mutated files are read or refused with a WorkbenchError, in bounded time (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(edits, fc.option(fc.nat(), { freq: 10 }), async (changes, cut) => {
        const bytes = mutate(parquet, changes, cut);
        await onlyWorkbenchErrorsAsync(async () => drain(await openParquetBuffer(bufferSource(bytes), { fileName: 'fuzz.parquet' })));
      }),
      { numRuns: RUNS, timeout: 2000 },
    );
  });

  it(`XLSX: mutated workbooks are read or refused with a WorkbenchError, in bounded time (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(edits, fc.option(fc.nat(), { freq: 10 }), async (changes, cut) => {
        const bytes = mutate(xlsx, changes, cut);
        await onlyWorkbenchErrorsAsync(async () => drain(await openXlsxBytes(bytes, { fileName: 'fuzz.xlsx' })));
      }),
      { numRuns: RUNS, timeout: 2000 },
    );
  });
});
