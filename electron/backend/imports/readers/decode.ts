/**
 * Bytes of a text file to text chunks, choosing the encoding the way the
 * file tells it: a UTF-8 BOM (dropped), a UTF-16 LE/BE BOM, otherwise
 * UTF-8, falling back to Latin-1 (Windows-1252) when the bytes are not valid
 * UTF-8. The fallback is only safe while everything before the bad byte was
 * ASCII (then both encodings read it the same); a file that is valid UTF-8
 * in one place and not in another is rejected with the row it broke at.
 */
import { isAscii } from 'node:buffer';
import { WorkbenchError } from '../../../../shared/domain/errors';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodeState {
  encoding: TextEncodingName | null;
  /** Called when decoding fails, to name the row it failed at. */
  currentRow?: () => number;
}

const SNIFF_BYTES = 8192;

/** True when the start of a file looks like binary data rather than text in a single-byte or UTF-8 encoding. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i += 1) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32) || b === 127) control += 1;
  }
  return control / n > 0.01;
}

function chooseEncoding(first: Uint8Array): { encoding: TextEncodingName; skip: number } {
  if (first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8-bom', skip: 3 };
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: 'utf-8', skip: 0 };
}

/**
 * Decodes a byte stream into text chunks. Throws WorkbenchError
 * ('invalid_file') for binary data or mixed encodings.
 */
export async function* decodeText(bytes: AsyncIterable<Uint8Array>, fileName: string, state: DecodeState): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let allAscii = true;
  let first = true;
  for await (const raw of bytes) {
    let chunk = raw instanceof Uint8Array ? raw : new Uint8Array(raw as ArrayBuffer);
    if (chunk.length === 0) continue;
    if (first) {
      first = false;
      const { encoding, skip } = chooseEncoding(chunk);
      state.encoding = encoding;
      chunk = chunk.subarray(skip);
      if (encoding === 'utf-8' && looksBinary(chunk)) {
        throw new WorkbenchError('invalid_file', 'this is not a text file (it contains binary data); is it a spreadsheet or archive with the wrong extension?', { file: fileName });
      }
      decoder =
        encoding === 'utf-16le' || encoding === 'utf-16be'
          ? new TextDecoder(encoding, { fatal: false })
          : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    }
    if (state.encoding === 'windows-1252') {
      yield (decoder as TextDecoder).decode(chunk, { stream: true });
      continue;
    }
    if (state.encoding === 'utf-8' || state.encoding === 'utf-8-bom') {
      // While every byte so far is ASCII the decoder holds no partial character, and an ASCII chunk
      // decodes to itself: copy it as one-byte text (much faster than TextDecoder, and faster to scan).
      if (allAscii && isAscii(chunk)) {
        yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        continue;
      }
      try {
        const text = (decoder as TextDecoder).decode(chunk, { stream: true });
        allAscii = false;
        yield text;
      } catch {
        if (!allAscii || state.encoding === 'utf-8-bom') {
          const row = state.currentRow?.();
          throw new WorkbenchError('invalid_file', 'the file mixes text encodings: part of it is UTF-8 and part is not; save it again as UTF-8', {
            file: fileName,
            ...(row !== undefined ? { row } : {}),
          });
        }
        state.encoding = 'windows-1252';
        decoder = new TextDecoder('windows-1252');
        yield decoder.decode(chunk, { stream: true });
      }
      continue;
    }
    yield (decoder as TextDecoder).decode(chunk, { stream: true });
  }
  if (decoder) {
    try {
      const rest = decoder.decode();
      if (rest !== '') yield rest;
    } catch {
      throw new WorkbenchError('invalid_file', 'the file ends in the middle of a character (it may be truncated)', { file: fileName });
    }
  }
}
