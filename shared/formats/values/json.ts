/**
 * JSON values as the exact JSON reader produces them: numbers stay the text
 * the vendor wrote (`4.2e-05` reaches parseMoney as "4.2e-05", never as a
 * binary float), and objects remember the line they started on so a
 * rejection can point at it.
 */

/** A JSON number kept as its source text. */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Symbol under which the reader stores an object's 1-based starting line. */
export const SOURCE_LINE: unique symbol = Symbol.for('aispend.sourceLine');

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

/** The line an object started on in its file, when the reader recorded it. */
export function lineOf(value: unknown, fallback: number): number {
  if (isJsonObject(value)) {
    const line = (value as unknown as Record<symbol, unknown>)[SOURCE_LINE];
    if (typeof line === 'number') return line;
  }
  return fallback;
}

/** Member of an object, or undefined. Never reads inherited properties (a key "__proto__" is data, not a prototype). */
export function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  if (!isJsonObject(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** Walks a dotted path ("amount.value"). */
export function pathOf(value: JsonValue | undefined, path: string): JsonValue | undefined {
  if (!path.includes('.')) return member(value, path);
  let current: JsonValue | undefined = value;
  for (const key of path.split('.')) {
    current = member(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * Text of a scalar: strings as they are, numbers as their source text,
 * booleans as "true"/"false"; null, missing, objects and arrays give null.
 */
export function textOf(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
}

/**
 * Turns exact JSON back into plain JS for storage of small structured values
 * (tags, labels): numbers become their text.
 */
export function toPlain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    // defineProperty, so a key named "__proto__" stays data instead of replacing the prototype.
    for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: toPlain(value[key] as JsonValue), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** Plain JS (e.g. from JSON.parse in a test) to exact JSON, numbers via their shortest text. */
export function fromPlain(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return new JsonNumber(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromPlain);
  if (typeof value === 'object') {
    const out = Object.create(null) as JsonObject;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromPlain(v);
    return out;
  }
  return String(value);
}
