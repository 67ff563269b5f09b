/**
 * Walks the page → bucket → result shape both OpenAI's and Anthropic's admin
 * APIs return. A record may be a whole page ({data: [...]}, e.g. one line of
 * a JSON Lines file of pages), one bucket ({results: [...]}) or one result
 * already flattened (with its bucket times inline).
 */
import type { RowSink } from './types';
import { JsonNumber, isJsonObject, member, type JsonObject, type JsonValue } from './values/json';

const MAX_DEPTH = 4;

export function forEachResult(
  record: JsonValue,
  visit: (bucket: JsonObject, result: JsonObject) => void,
  invalid: (value: JsonValue) => void = () => undefined,
  depth = 0,
): void {
  if (depth > MAX_DEPTH) return invalid(record);
  if (Array.isArray(record)) {
    for (const item of record) forEachResult(item, visit, invalid, depth + 1);
    return;
  }
  if (!isJsonObject(record)) return invalid(record);
  const data = member(record, 'data');
  if (Array.isArray(data)) {
    for (const item of data) forEachResult(item, visit, invalid, depth + 1);
    return;
  }
  const results = member(record, 'results');
  if (Array.isArray(results)) {
    for (const result of results) {
      if (isJsonObject(result)) visit(record, result);
      else invalid(result);
    }
    return;
  }
  visit(record, record);
}

/** Rejects a record that is not an object where one was expected. */
export function rejectNonObject(sink: RowSink, row: number): (value: JsonValue) => void {
  return (value) => {
    sink.begin(row);
    const text =
      value === null ? 'null' : Array.isArray(value) ? 'an array' : value instanceof JsonNumber ? 'a number' : typeof value === 'string' ? 'a string' : typeof value === 'boolean' ? 'a boolean' : 'a value nested too deep';
    sink.reject('record', `expected a JSON object, found ${text}`);
  };
}

/** The first result found in a few records, for detection. */
export function firstResults(records: readonly JsonValue[], limit = 5): { bucket: JsonObject; result: JsonObject }[] {
  const out: { bucket: JsonObject; result: JsonObject }[] = [];
  for (const record of records) {
    forEachResult(record, (bucket, result) => {
      if (out.length < limit) out.push({ bucket, result });
    });
    if (out.length >= limit) break;
  }
  return out;
}
