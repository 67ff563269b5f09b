/**
 * Decodes a flat Parquet column chunk (a top-level column that is not a
 * struct, list or map) into a row group's values (a FlatColumn).
 *
 * hyparquet's own column reader puts every page, flat or not, through its
 * general nested-list assembly (Dremel levels), which walks a stack per
 * value: on a million FOCUS rows of 33 columns that was the largest single
 * cost of reading the file. A flat column needs only its definition levels,
 * so this reads the pages with hyparquet's own page decoders (headers,
 * decompression through the guarded decompressors, dictionaries, encodings,
 * type conversion) and places the values itself. Nested columns still go
 * through hyparquet's reader.
 *
 * Every count a page claims is checked against the row group before
 * anything is allocated for it; a chunk that holds more or fewer values
 * than the row group's rows is refused.
 *
 * A chunk is handed back as compactly as its pages allow, because a row
 * group's columns live until its last batch is made: a dictionary-encoded
 * column as its dictionary and one small integer per row, a column of
 * numbers as a typed array and its nulls. As JS arrays of 50,000 values
 * each (400 KB, in V8's large-object space) a FOCUS row group's columns
 * were promoted and lingered until a full GC: 30-40 MB of the reading
 * thread's peak on a million FOCUS rows, most of what importing Parquet
 * cost over CSV.
 */
import type { ColumnChunk, Compressors, DecodedArray, FileMetaData, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS, convert, convertWithDictionary } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { deltaBinaryUnpack, deltaByteArray, deltaLengthByteArray } from 'hyparquet/src/delta.js';
import { byteStreamSplit, readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getSchemaPath } from 'hyparquet/src/schema.js';
import type { ColumnDecoder, DataPageHeader } from 'hyparquet/src/types.js';

/** The schema path of a top-level column when it is flat (one leaf under the root, not repeated), else null. */
export function flatColumnPath(metadata: FileMetaData, name: string): SchemaTree[] | null {
  const path = getSchemaPath(metadata.schema, [name]);
  const leaf = path[1];
  if (path.length !== 2 || !leaf || leaf.children.length > 0 || leaf.element.num_children) return null;
  if (leaf.element.repetition_type === 'REPEATED') return null;
  return path;
}

function pageError(message: string): Error {
  return new Error(`column chunk: ${message}`);
}

/**
 * A flat column chunk's values, row by row:
 * - `dictionary`: row r is `dictionary[indices[r]]`, and the index
 *   `dictionary.length` means no value (also given for an index the
 *   dictionary does not hold, which hyparquet reads as undefined);
 * - `numbers` / `bigints`: row r is `data[r]`, or no value where `nulls[r]` is 1;
 * - `values`: anything else, null where the row has no value.
 */
export type FlatColumn =
  | { kind: 'dictionary'; dictionary: DecodedArray; indices: Uint8Array | Uint16Array | Uint32Array }
  | { kind: 'numbers'; data: Float64Array; nulls: Uint8Array }
  | { kind: 'bigints'; data: BigInt64Array; nulls: Uint8Array }
  | { kind: 'values'; values: unknown[] };

type RowArray = Uint8Array | Uint16Array | Uint32Array | Float64Array | BigInt64Array;
type RowArrayType = Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor | BigInt64ArrayConstructor;

/**
 * The typed arrays of the row group last read, handed back for the next row
 * group's columns. Row groups are about the same size (a writer cuts them at
 * a few thousand rows either side of its target: an array is allocated with
 * an eighth to spare and lent out as a view of the rows needed), so after the
 * first one a reader allocates nothing per row for its columns. Freshly
 * allocated, each row group's few megabytes of arrays outlived many
 * scavenges, were promoted and stayed until a full GC: two or three row
 * groups' worth were held at once.
 */
export class RowArrays {
  private free = new Map<RowArrayType, RowArray[]>();

  /** An array of `length` elements, not cleared. */
  take<T extends RowArrayType>(type: T, length: number): InstanceType<T> {
    const kept = this.free.get(type);
    let best = -1;
    if (kept) {
      for (let i = 0; i < kept.length; i += 1) {
        const size = (kept[i] as RowArray).length;
        if (size >= length && (best < 0 || size < (kept[best] as RowArray).length)) best = i;
      }
    }
    const array = best >= 0 ? (kept as RowArray[]).splice(best, 1)[0] as InstanceType<T> : (new type(length + (length >> 3)) as InstanceType<T>);
    return (array.length === length ? array : array.subarray(0, length)) as InstanceType<T>;
  }

  /** The arrays of the row group just read: from now on the only ones kept (what the group before left unused is let go). */
  recycle(columns: readonly FlatColumn[]): void {
    this.free = new Map();
    for (const column of columns) {
      if (column.kind === 'dictionary') this.keep(column.indices);
      else if (column.kind === 'numbers' || column.kind === 'bigints') {
        this.keep(column.data);
        this.keep(column.nulls);
      }
    }
  }

  private keep(view: RowArray): void {
    const type = view.constructor as RowArrayType;
    // The whole array the view was lent from.
    const array = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : new type(view.buffer as ArrayBuffer);
    let list = this.free.get(type);
    if (!list) this.free.set(type, (list = []));
    list.push(array);
  }
}

/**
 * The definition levels of the page being read, reused from page to page
 * (a flat column's are copied out before the next page). Not kept when a
 * page is huge.
 */
let levelScratch = new Uint8Array(0);
const MAX_KEPT_LEVELS = 1 << 20;

function scratchLevels(count: number): Uint8Array {
  if (count > MAX_KEPT_LEVELS) return new Uint8Array(count);
  if (levelScratch.length < count) levelScratch = new Uint8Array(Math.max(count, levelScratch.length * 2));
  return levelScratch.subarray(0, count);
}

/**
 * The dictionary indices of the page being read, reused from page to page
 * (the decoder writes into a JS array, and one that grows past the page's
 * count is how an overlong run shows). Not kept when a page is huge.
 */
const indexScratch: number[] = [];
const MAX_KEPT_SCRATCH = 1 << 16;

function scratchIndices(count: number): number[] {
  const scratch = count <= MAX_KEPT_SCRATCH ? indexScratch : [];
  scratch.length = count;
  return scratch;
}

/**
 * A version 1 data page of a flat column: hyparquet's readDataPage, but with
 * the definition levels (0 or 1 in a flat column) in bytes, and none at all
 * when the page has no nulls. hyparquet's made a JS array per page and then
 * emptied it when nothing was null: on a million FOCUS rows those two were a
 * seventh of reading the Parquet file. The values are read exactly as
 * hyparquet reads them, with its own decoders; dictionary indices go into
 * the reused scratch array.
 */
function readFlatDataPage(bytes: Uint8Array, daph: DataPageHeader, { type, element, schemaPath }: ColumnDecoder): { levels: Uint8Array | undefined; data: DecodedArray } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  let levels: Uint8Array | undefined;
  let nulls = 0;
  const maxLevel = getMaxDefinitionLevel(schemaPath);
  if (maxLevel > 0) {
    levels = scratchLevels(daph.num_values);
    readRleBitPackedHybrid(reader, 32 - Math.clz32(maxLevel), levels);
    for (let i = 0; i < levels.length; i += 1) if (levels[i] !== maxLevel) nulls += 1;
    if (nulls === 0) levels = undefined;
  }
  const nValues = daph.num_values - nulls;
  let data: DecodedArray;
  if (daph.encoding === 'PLAIN') {
    data = readPlain(reader, type, nValues, element.type_length);
  } else if (daph.encoding === 'PLAIN_DICTIONARY' || daph.encoding === 'RLE_DICTIONARY' || daph.encoding === 'RLE') {
    const width = type === 'BOOLEAN' ? 1 : view.getUint8(reader.offset++);
    if (width) {
      if (type === 'BOOLEAN') {
        const indices = new Array<number>(nValues);
        readRleBitPackedHybrid(reader, width, indices);
        data = indices.map((x) => !!x);
      } else {
        const indices = scratchIndices(nValues);
        readRleBitPackedHybrid(reader, width, indices, view.byteLength - reader.offset);
        data = indices;
      }
    } else {
      data = new Uint8Array(nValues);
    }
  } else if (daph.encoding === 'BYTE_STREAM_SPLIT') {
    data = byteStreamSplit(reader, nValues, type, element.type_length);
  } else if (daph.encoding === 'DELTA_BINARY_PACKED') {
    data = type === 'INT32' ? new Int32Array(nValues) : new BigInt64Array(nValues);
    deltaBinaryUnpack(reader, nValues, data);
  } else if (daph.encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    data = new Array<Uint8Array>(nValues);
    deltaLengthByteArray(reader, nValues, data as Uint8Array[]);
  } else if (daph.encoding === 'DELTA_BYTE_ARRAY') {
    data = new Array<Uint8Array>(nValues);
    deltaByteArray(reader, nValues, data as Uint8Array[]);
  } else {
    throw new Error(`parquet unsupported encoding: ${daph.encoding}`);
  }
  return { levels, data };
}

function hasValue(levels: ArrayLike<number>): boolean {
  for (let i = 0; i < levels.length; i += 1) if (levels[i] === 1) return true;
  return false;
}

/** Typed arrays whose elements are JS numbers (not bigints). */
function isNumberArray(values: DecodedArray): boolean {
  return ArrayBuffer.isView(values) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array) && !(values instanceof DataView);
}

/**
 * Collects a chunk's pages into the most compact form that holds them all:
 * it starts in the form of the first data page (dictionary indices, numbers,
 * bigints) and falls back to a plain array of values, copying what it holds
 * so far, at the first page that does not fit (a writer's fallback from a
 * dictionary to plain pages, say).
 */
class ColumnBuilder {
  private kind: FlatColumn['kind'] | null = null;
  private dictionary: DecodedArray | undefined;
  private indices: Uint8Array | Uint16Array | Uint32Array | undefined;
  private numbers: Float64Array | BigInt64Array | undefined;
  private nulls: Uint8Array | undefined;
  private values: unknown[] | undefined;

  constructor(
    private readonly rows: number,
    private readonly arrays: RowArrays,
  ) {}

  /**
   * Dictionary indices of `count` rows from row `at`: `data` holds the rows that have a
   * value, `levels` (when given) is 1 for those rows. False when the column is not held
   * as indices into this dictionary.
   */
  addIndices(at: number, count: number, data: ArrayLike<number>, levels: ArrayLike<number> | undefined, dictionary: DecodedArray): boolean {
    if (this.kind === null) {
      this.kind = 'dictionary';
      this.dictionary = dictionary;
      const size = dictionary.length + 1;
      this.indices = this.arrays.take(size <= 0x100 ? Uint8Array : size <= 0x10000 ? Uint16Array : Uint32Array, this.rows);
    } else if (this.kind !== 'dictionary' || this.dictionary !== dictionary) {
      return false;
    }
    const indices = this.indices as Uint8Array | Uint16Array | Uint32Array;
    const none = dictionary.length;
    if (levels === undefined) {
      if (data.length !== count) throw pageError(`a page holds ${data.length} values where it claims ${count}`);
      for (let i = 0; i < count; i += 1) {
        const x = data[i] as number;
        indices[at + i] = x < none ? x : none;
      }
    } else {
      let v = 0;
      for (let i = 0; i < count; i += 1) {
        if (levels[i] === 1) {
          const x = data[v++] as number;
          indices[at + i] = x < none ? x : none;
        } else {
          indices[at + i] = none;
        }
      }
      if (v !== data.length) throw pageError(`a page holds ${data.length} values where its levels say ${v}`);
    }
    return true;
  }

  /**
   * `count` rows from row `at` without a value (a page whose levels mark none), in whatever form the
   * column is held; a column that starts so is held as indices into an empty dictionary, one byte a row.
   */
  addEmpty(at: number, count: number): void {
    if (this.kind === null) {
      this.kind = 'dictionary';
      this.dictionary = [];
      this.indices = this.arrays.take(Uint8Array, this.rows);
    }
    if (this.kind === 'dictionary') (this.indices as Uint8Array).fill((this.dictionary as DecodedArray).length, at, at + count);
    else if (this.kind === 'values') (this.values as unknown[]).fill(null, at, at + count);
    else (this.nulls as Uint8Array).fill(1, at, at + count);
  }

  /** Decoded values of `count` rows from row `at`, as addIndices. */
  addValues(at: number, count: number, values: DecodedArray, levels: ArrayLike<number> | undefined): void {
    const kind = values instanceof BigInt64Array ? 'bigints' : isNumberArray(values) ? 'numbers' : 'values';
    if (this.kind === null) {
      this.kind = kind;
      if (kind === 'values') this.values = new Array<unknown>(this.rows);
      else {
        this.numbers = kind === 'numbers' ? this.arrays.take(Float64Array, this.rows) : this.arrays.take(BigInt64Array, this.rows);
        this.nulls = this.arrays.take(Uint8Array, this.rows).fill(0);
      }
    } else if (this.kind !== kind && this.kind !== 'values') {
      this.toValues(at);
    }
    if (levels === undefined && values.length !== count) throw pageError(`a page holds ${values.length} values where it claims ${count}`);
    if (this.kind === 'values') {
      const out = this.values as unknown[];
      if (levels === undefined) {
        for (let i = 0; i < count; i += 1) out[at + i] = values[i];
      } else {
        let v = 0;
        for (let i = 0; i < count; i += 1) out[at + i] = levels[i] === 1 ? values[v++] : null;
        if (v !== values.length) throw pageError(`a page holds ${values.length} values where its levels say ${v}`);
      }
      return;
    }
    const data = this.numbers as (number | bigint)[] & (Float64Array | BigInt64Array);
    const nulls = this.nulls as Uint8Array;
    if (levels === undefined) {
      for (let i = 0; i < count; i += 1) data[at + i] = values[i] as number | bigint;
    } else {
      let v = 0;
      for (let i = 0; i < count; i += 1) {
        if (levels[i] === 1) data[at + i] = values[v++] as number | bigint;
        else nulls[at + i] = 1;
      }
      if (v !== values.length) throw pageError(`a page holds ${values.length} values where its levels say ${v}`);
    }
  }

  /** Rows [0, filled) so far as a plain array of values, from here on the column's form. */
  private toValues(filled: number): void {
    const out = new Array<unknown>(this.rows);
    if (this.kind === 'dictionary') {
      const dictionary = this.dictionary as DecodedArray;
      const indices = this.indices as Uint8Array | Uint16Array | Uint32Array;
      const none = dictionary.length;
      for (let i = 0; i < filled; i += 1) {
        const x = indices[i] as number;
        // No value (or an index the dictionary does not hold, which hyparquet reads as undefined: formatted alike).
        out[i] = x < none ? dictionary[x] : null;
      }
    } else if (this.kind === 'numbers' || this.kind === 'bigints') {
      const data = this.numbers as Float64Array | BigInt64Array;
      const nulls = this.nulls as Uint8Array;
      for (let i = 0; i < filled; i += 1) out[i] = nulls[i] === 1 ? null : data[i];
    }
    this.kind = 'values';
    this.values = out;
    this.dictionary = undefined;
    this.indices = undefined;
    this.numbers = undefined;
    this.nulls = undefined;
  }

  column(): FlatColumn {
    if (this.kind === 'dictionary') return { kind: 'dictionary', dictionary: this.dictionary as DecodedArray, indices: this.indices as Uint8Array | Uint16Array | Uint32Array };
    if (this.kind === 'numbers') return { kind: 'numbers', data: this.numbers as Float64Array, nulls: this.nulls as Uint8Array };
    if (this.kind === 'bigints') return { kind: 'bigints', data: this.numbers as BigInt64Array, nulls: this.nulls as Uint8Array };
    return { kind: 'values', values: this.values ?? new Array<unknown>(this.rows) };
  }
}

/**
 * The values of one flat column chunk: `bytes` is the chunk (dictionary page
 * first, if any), `rows` the row group's rows. The column's typed arrays are
 * taken from `arrays`, to be given back once the row group is read.
 */
export function readFlatColumn(bytes: Uint8Array, chunk: ColumnChunk, schemaPath: SchemaTree[], rows: number, compressors: Compressors, arrays = new RowArrays()): FlatColumn {
  const meta = chunk.meta_data;
  if (!meta) throw pageError('no metadata');
  const element = (schemaPath[1] as SchemaTree).element;
  const decoder: ColumnDecoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element,
    schemaPath,
    codec: meta.codec,
    parsers: DEFAULT_PARSERS,
    compressors,
  };
  const optional = element.repetition_type !== 'REQUIRED';
  const builder = new ColumnBuilder(rows, arrays);
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  let dictionary: DecodedArray | undefined;
  let filled = 0;
  while (filled < rows) {
    if (reader.offset >= bytes.byteLength - 1) throw pageError(`it ends after ${filled} of the row group's ${rows} values`);
    const header = parquetHeader(reader);
    const size = header.compressed_page_size;
    if (!Number.isSafeInteger(size) || size < 0 || reader.offset + size > bytes.byteLength) throw pageError(`a page claims ${size} bytes beyond the chunk`);
    const compressed = new Uint8Array(bytes.buffer, bytes.byteOffset + reader.offset, size);
    reader.offset += size;
    if (header.type === 'DICTIONARY_PAGE') {
      const count = header.dictionary_page_header?.num_values ?? 0;
      if (!Number.isSafeInteger(count) || count < 0 || count > rows) throw pageError(`a dictionary claims ${count} values for ${rows} rows`);
      const page = decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, compressors);
      const values = readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, meta.type, count, element.type_length);
      dictionary = convert(values, decoder);
      continue;
    }
    if (header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2') continue;
    const count = header.type === 'DATA_PAGE' ? header.data_page_header?.num_values : header.data_page_header_v2?.num_values;
    if (count === undefined || !Number.isSafeInteger(count) || count < 0 || count > rows - filled) {
      throw pageError(`a page claims ${String(count)} values where ${rows - filled} rows are left`);
    }
    let levels: ArrayLike<number> | undefined;
    let data: DecodedArray;
    let encoding: string;
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header!;
      const page = decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, compressors);
      const decoded = readFlatDataPage(page, daph, decoder);
      levels = decoded.levels;
      data = decoded.data;
      encoding = daph.encoding;
    } else {
      const decoded = readDataPageV2(compressed, header, decoder);
      levels = decoded.definitionLevels;
      data = decoded.dataPage;
      encoding = header.data_page_header_v2!.encoding;
    }
    // Every row of the page has a value when the column is required or the page has no levels.
    if (!optional || levels === undefined || levels.length === 0) levels = undefined;
    else if (levels.length !== count) throw pageError(`a page has ${levels.length} definition levels where it claims ${count} values`);
    if (levels !== undefined && data.length === 0 && !hasValue(levels)) {
      // No row of the page has a value (a column nobody filled in): nothing to decode or look up.
      builder.addEmpty(filled, count);
      filled += count;
      continue;
    }
    // Dictionary indices stay indices (hyparquet would look each one up into a new array of values).
    const indexed = dictionary !== undefined && encoding.endsWith('_DICTIONARY') && builder.addIndices(filled, count, data as ArrayLike<number>, levels, dictionary);
    if (!indexed) builder.addValues(filled, count, convertWithDictionary(data, dictionary, encoding as Parameters<typeof convertWithDictionary>[2], decoder), levels);
    filled += count;
  }
  return builder.column();
}
