/**
 * The reading half of an import: open the file (by its bytes), detect or
 * take the user's format, bind the mapper, then map every record and hand
 * accepted lines on in encoded batches. Memory stays flat: the reader holds
 * one chunk, the mapper one batch, and `emit` may wait (back-pressure) while
 * the writer catches up.
 */
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { GenericMapping } from '../../../shared/formats/generic/mapping';
import type { ImportSummary } from '../../../shared/formats/accumulator';
import { costBasisOf } from '../../../shared/formats/registry';
import { runMapper } from '../../../shared/formats/run';
import { offersKeepAi } from '../../../shared/formats/keep';
import { prepareStatement, type PreparedStatement } from './readers';
import type { StageClock } from './import-profile';
import { LineEncoder, type EncodedLines } from './line-codec';
import type { ParseProgress, ReadOptions, StatementMeta } from './protocol';

/**
 * Records per reader batch and lines per encoded batch handed to the writer.
 * Small on purpose: a batch must die young. A few thousand lines held across
 * a scavenge get promoted with the 1 MiB chunk strings their cells point
 * into, and collecting them from the old generation made mapping a third
 * slower (measured on a million FOCUS rows: 250 against 2,000/4,000).
 */
export const LINES_PER_BATCH = 250;

export interface ParseHooks {
  meta(meta: StatementMeta): void | Promise<void>;
  lines(batch: EncodedLines): void | Promise<void>;
  progress?(progress: ParseProgress): void;
  signal?: AbortSignal;
  /** Times the reading thread's stages. */
  clock?: StageClock;
}

/** The reader's batches, with the time spent getting each one (file, decompression, tokenising) added to the clock. */
async function* timedBatches<T>(batches: AsyncGenerator<T>, clock: StageClock, stage: string): AsyncGenerator<T> {
  try {
    for (;;) {
      const since = clock.now();
      const next = await batches.next();
      clock.add(stage, since);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await batches.return(undefined);
  }
}

/**
 * The column mapping's schema and YAML form (zod and yaml), loaded by an
 * import thread only when its file comes with a mapping: loading them took
 * each thread about 45 ms of every import's start (mapping-schema.ts).
 */
export const mappingSchema = () => import('../../../shared/formats/generic/mapping-schema');

/** The user's mapping checked: a WorkbenchError naming the field that is wrong. */
export async function checkedMapping(mapping: unknown, fileName: string): Promise<GenericMapping> {
  return (await mappingSchema()).parseMapping(mapping, fileName);
}

export interface PreparedImport extends PreparedStatement {
  /** The mapping's YAML when the file is read through one (the import keeps it). */
  mappingYaml: string | null;
}

export async function prepare(filePath: string, options: ReadOptions, signal?: AbortSignal): Promise<PreparedImport> {
  const mapping = options.mapping === undefined ? undefined : await checkedMapping(options.mapping, options.mappingName ?? 'mapping');
  const prepared = await prepareStatement(filePath, {
    fileName: options.fileName ?? path.basename(filePath),
    format: options.format ?? (mapping !== undefined ? 'generic' : undefined),
    version: options.version,
    mapping,
    decimal: options.decimal,
    dateOrder: options.dateOrder,
    keep: options.keep,
    signal,
    batchSize: LINES_PER_BATCH,
    ...(mapping?.delimiter ? { delimiter: mapping.delimiter } : {}),
    ...(mapping?.sheet ? { sheet: mapping.sheet } : {}),
  });
  // The YAML the import keeps of its mapping (mappingSchema is loaded by then).
  return { ...prepared, mappingYaml: mapping === undefined ? null : (await mappingSchema()).mappingToYaml(mapping) };
}

export function describeStatement(prepared: PreparedImport, filePath: string | null, options: ReadOptions): StatementMeta {
  const { chosen, source } = prepared;
  const detection = chosen.detection;
  const usesMapping = detection.formatId === 'generic' && options.mapping !== undefined;
  return {
    fileName: source.fileName,
    filePath,
    fileSize: source.totalBytes,
    fileKind: source.kind,
    detection,
    label: chosen.format.label,
    alternatives: chosen.alternatives,
    reader: { ...source.details },
    costBasis: costBasisOf(chosen.format, detection.version),
    mappingName: usesMapping ? (options.mappingName ?? null) : null,
    mappingYaml: usesMapping ? prepared.mappingYaml : null,
  };
}

/**
 * Reads and maps a whole statement. Throws WorkbenchError (unrecognised or
 * invalid file, cancelled); rows that cannot be mapped are rejections in
 * the summary, not errors.
 */
export async function parseStatement(filePath: string, options: ReadOptions & { rememberPath?: boolean }, hooks: ParseHooks): Promise<ImportSummary> {
  const clock = hooks.clock;
  const opened = clock?.now();
  const prepared = await prepare(filePath, options, hooks.signal);
  if (clock && opened) clock.add('open, detect and bind the format', opened);
  const { source } = prepared;
  try {
    await hooks.meta(describeStatement(prepared, options.rememberPath === false ? null : filePath, options));
    const encoder = new LineEncoder(source.fileName);
    const READ = 'read the file (decompress, decode, tokenise)';
    const ENCODE = 'encode lines for the writer (columnar, dictionary)';
    const handedOver = { wall: 0, cpu: 0 };
    const started = clock?.now();
    const keep = options.keep === 'ai' && offersKeepAi(prepared.chosen.detection.formatId) ? 'ai' : 'all';
    const { summary } = await runMapper(prepared.mapper, source.fileName, clock ? timedBatches(source.batches(), clock, READ) : source.batches(), {
      batchSize: LINES_PER_BATCH,
      keep,
      signal: hooks.signal,
      onLines: async (lines) => {
        if (!clock) return hooks.lines(encoder.encode(lines, source.bytesRead()));
        const encoded = clock.now();
        const batch = encoder.encode(lines, source.bytesRead());
        const sent = clock.add(ENCODE, encoded);
        await hooks.lines(batch);
        const done = clock.now();
        handedOver.wall += done.wall - sent.wall;
        handedOver.cpu += done.cpu - sent.cpu;
      },
      onProgress: (rowsRead) => hooks.progress?.({ rowsRead, bytesRead: source.bytesRead(), totalBytes: source.totalBytes }),
    });
    // What is left of the loop is the mappers' own work: values parsed (exact decimals, dates), normalised and reconciled.
    if (clock && started) {
      const end = clock.now();
      const read = clock.get(READ);
      const encode = clock.get(ENCODE);
      clock.addMs('map rows (exact decimals, dates, models, reconciliation)', end.wall - started.wall - read.wall - encode.wall - handedOver.wall, end.cpu - started.cpu - read.cpu - encode.cpu - handedOver.cpu);
    }
    hooks.progress?.({ rowsRead: summary.rowsRead, bytesRead: source.totalBytes, totalBytes: source.totalBytes });
    return summary;
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError('internal', `reading ${source.fileName} failed: ${(error as Error).message}`, { file: source.fileName, cause: error });
  } finally {
    await source.close();
  }
}
