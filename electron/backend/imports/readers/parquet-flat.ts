/**
 * Decodes a flat Parquet column chunk (a top-level column that is not a
 * struct, list or map) into one array of a row group's values, null where
 * the row has none.
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
 * A version 1 data page of a flat column: hyparquet's readDataPage, but with
 * the definition levels (0 or 1 in a flat column) in bytes, and none at all
 * when the page has no nulls. hyparquet's made a JS array per page and then
 * emptied it when nothing was null: on a million FOCUS rows those two were a
 * seventh of reading the Parquet file. The values are read exactly as
 * hyparquet reads them, with its own decoders.
 */
function readFlatDataPage(bytes: Uint8Array, daph: DataPageHeader, { type, element, schemaPath }: ColumnDecoder): { levels: Uint8Array | undefined; data: DecodedArray } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  let levels: Uint8Array | undefined;
  let nulls = 0;
  const maxLevel = getMaxDefinitionLevel(schemaPath);
  if (maxLevel > 0) {
    levels = new Uint8Array(daph.num_values);
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
      const indices = new Array<number>(nValues);
      if (type === 'BOOLEAN') {
        readRleBitPackedHybrid(reader, width, indices);
        data = indices.map((x) => !!x);
      } else {
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

/**
 * The values of one flat column chunk: `bytes` is the chunk (dictionary page
 * first, if any), `rows` the row group's rows.
 */
export function readFlatColumn(bytes: Uint8Array, chunk: ColumnChunk, schemaPath: SchemaTree[], rows: number, compressors: Compressors): unknown[] {
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
  const out = new Array<unknown>(rows);
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
    const values = convertWithDictionary(data, dictionary, encoding as Parameters<typeof convertWithDictionary>[2], decoder);
    if (!optional || levels === undefined || levels.length === 0) {
      // Every row of the page has a value.
      if (values.length !== count) throw pageError(`a page holds ${values.length} values where it claims ${count}`);
      for (let i = 0; i < count; i += 1) out[filled + i] = values[i];
    } else {
      if (levels.length !== count) throw pageError(`a page has ${levels.length} definition levels where it claims ${count} values`);
      let v = 0;
      for (let i = 0; i < count; i += 1) out[filled + i] = levels[i] === 1 ? values[v++] : null;
      if (v !== values.length) throw pageError(`a page holds ${values.length} values where its levels say ${v}`);
    }
    filled += count;
  }
  return out;
}
