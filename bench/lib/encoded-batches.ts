/**
 * A statement read and encoded once, as the import's reading thread hands it
 * to the writer: the benches that time the writing side alone (write-thread,
 * ledger-layout) replay these batches without the reader's cost or noise.
 */
import type { EncodedLines } from '../../electron/backend/imports/line-codec';
import type { StatementMeta } from '../../electron/backend/imports/protocol';
import { parseStatement } from '../../electron/backend/imports/statement-parser';
import type { ImportSummary } from '../../shared/formats/accumulator';

export interface EncodedStatement {
  meta: StatementMeta;
  batches: EncodedLines[];
  summary: ImportSummary;
}

export async function readEncodedStatement(file: string): Promise<EncodedStatement> {
  const batches: EncodedLines[] = [];
  let meta: StatementMeta | null = null;
  const summary = await parseStatement(file, {}, {
    signal: new AbortController().signal,
    meta: (m: StatementMeta) => {
      meta = m;
    },
    lines: async (b: EncodedLines) => {
      batches.push(b);
    },
  });
  if (meta === null) throw new Error(`${file}: the statement was not described`);
  return { meta, batches, summary };
}
