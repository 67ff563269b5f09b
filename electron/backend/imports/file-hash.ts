import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { StageClock } from './import-profile';

/**
 * SHA-256 of a file, streamed in 1 MiB chunks: each chunk is hashed between
 * turns of the event loop, so hashing a large statement never blocks the
 * thread for long (about 0.5 s per 500 MB in all).
 */
export async function sha256File(filePath: string, signal?: AbortSignal, clock?: StageClock): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20, signal })) {
      const since = clock?.now();
      hash.update(chunk as Buffer);
      if (since) clock?.add('sha256 of the file', since);
    }
  } catch (error) {
    if (signal?.aborted) throw new WorkbenchError('cancelled', 'import cancelled', { file: path.basename(filePath) });
    throw new WorkbenchError('not_found', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path.basename(filePath), cause: error });
  }
  return hash.digest('hex');
}
