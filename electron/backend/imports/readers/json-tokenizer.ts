/**
 * An incremental, exact JSON parser for vendor API pages.
 *
 * Why not JSON.parse: amounts must reach parseMoney as the text the vendor
 * wrote (OpenAI writes `4.2e-05`; a double would not round-trip every
 * decimal), and a file of pages must not be read whole. So numbers become
 * JsonNumber(text), objects get their starting line (SOURCE_LINE) for
 * rejections, and records are emitted as they complete:
 *   - each element of a top-level array,
 *   - each element of the `data` array of a top-level object (an API page;
 *     its other keys such as has_more are dropped),
 *   - any other top-level value (so JSON Lines and concatenated JSON work).
 * Limits: nesting depth and characters per record, so hostile input cannot
 * exhaust the stack or memory.
 */
import { WorkbenchError } from '../../../../shared/domain/errors';
import { JsonNumber, SOURCE_LINE, type JsonObject, type JsonValue } from '../../../../shared/formats/values/json';

export interface JsonRecordOut {
  value: JsonValue;
  /** 1-based line the record starts on. */
  line: number;
}

export interface JsonTokenizerOptions {
  fileName: string;
  maxDepth?: number;
  maxRecordChars?: number;
}

export const DEFAULT_MAX_JSON_DEPTH = 64;
export const DEFAULT_MAX_JSON_RECORD_CHARS = 64 << 20;

interface Frame {
  kind: 'object' | 'array';
  value: JsonObject | JsonValue[];
  /** object: 'key' | 'colon' | 'value' | 'next'; array: 'value' | 'next' (first element may be ']'). */
  expect: 'key' | 'colon' | 'value' | 'next' | 'first';
  key: string;
  /** Elements of this array are emitted as records instead of stored. */
  streaming: boolean;
  /** This top-level object's `data` array was streamed: do not emit the object itself. */
  page: boolean;
  line: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INCOMPLETE = Symbol('incomplete');

export class JsonTokenizer {
  private buf = '';
  private pos = 0;
  private line = 1;
  private readonly stack: Frame[] = [];
  private recordChars = 0;
  private recordLine = 1;
  private readonly maxDepth: number;
  private readonly maxRecord: number;
  private readonly fileName: string;
  private sawValue = false;

  constructor(options: JsonTokenizerOptions) {
    this.fileName = options.fileName;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
    this.maxRecord = options.maxRecordChars ?? DEFAULT_MAX_JSON_RECORD_CHARS;
  }

  /** True once any JSON value has started. */
  get started(): boolean {
    return this.sawValue;
  }

  push(chunk: string, out: JsonRecordOut[]): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.run(false, out);
  }

  finish(out: JsonRecordOut[]): void {
    this.run(true, out);
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1] as Frame;
      throw this.error(`the file ends inside ${open.kind === 'object' ? 'an object' : 'an array'} opened on line ${open.line} (it may be truncated)`);
    }
  }

  /** A syntax error at the current line. */
  error(message: string): WorkbenchError {
    return new WorkbenchError('invalid_file', `not valid JSON: ${message}`, { file: this.fileName, row: this.line });
  }

  private skipWhitespace(): void {
    const s = this.buf;
    let p = this.pos;
    for (; p < s.length; p += 1) {
      const c = s.charCodeAt(p);
      if (c === 10) this.line += 1;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
    }
    this.pos = p;
  }

  private run(final: boolean, out: JsonRecordOut[]): void {
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.buf.length) return;
      const before = this.pos;
      const done = this.step(final, out);
      this.recordChars += this.pos - before;
      if (this.recordChars > this.maxRecord) {
        throw new WorkbenchError('invalid_file', `a JSON record is larger than the ${Math.round(this.maxRecord / (1 << 20))} MB limit`, { file: this.fileName, row: this.recordLine });
      }
      if (!done) {
        if (final) throw this.error('the file ends in the middle of a value (it may be truncated)');
        return;
      }
    }
  }

  /** Consumes one token; false when the buffer ends inside it. */
  private step(final: boolean, out: JsonRecordOut[]): boolean {
    const s = this.buf;
    const c = s[this.pos] as string;
    const top = this.stack[this.stack.length - 1];

    if (top && top.kind === 'object' && (top.expect === 'key' || top.expect === 'first')) {
      if (c === '}' && top.expect === 'first') {
        this.pos += 1;
        this.closeContainer(out);
        return true;
      }
      if (c !== '"') throw this.error(`expected a key in quotes, found "${c}"`);
      const key = this.readString(final);
      if (key === INCOMPLETE) return false;
      top.key = key;
      top.expect = 'colon';
      return true;
    }
    if (top && top.kind === 'object' && top.expect === 'colon') {
      if (c !== ':') throw this.error(`expected ":" after the key "${top.key.slice(0, 40)}"`);
      this.pos += 1;
      top.expect = 'value';
      return true;
    }
    if (top && top.expect === 'next') {
      if (c === ',') {
        this.pos += 1;
        top.expect = top.kind === 'object' ? 'key' : 'value';
        return true;
      }
      if ((c === '}' && top.kind === 'object') || (c === ']' && top.kind === 'array')) {
        this.pos += 1;
        this.closeContainer(out);
        return true;
      }
      throw this.error(`expected "," or "${top.kind === 'object' ? '}' : ']'}", found "${c}"`);
    }
    if (top && top.kind === 'array' && top.expect === 'first' && c === ']') {
      this.pos += 1;
      this.closeContainer(out);
      return true;
    }

    // A value.
    if (!top) {
      this.recordLine = this.line;
      this.recordChars = 0;
      this.sawValue = true;
    } else if (top.streaming) {
      this.recordLine = this.line;
      this.recordChars = 0;
    }
    if (c === '{' || c === '[') {
      if (this.stack.length >= this.maxDepth) throw this.error(`values are nested deeper than ${this.maxDepth} levels`);
      this.pos += 1;
      const isObject = c === '{';
      const value: JsonObject | JsonValue[] = isObject ? (Object.create(null) as JsonObject) : [];
      if (isObject) (value as unknown as Record<symbol, number>)[SOURCE_LINE] = this.line;
      // Top-level arrays and the data array of a top-level object stream their elements.
      const streaming = !isObject && (this.stack.length === 0 || (this.stack.length === 1 && top?.kind === 'object' && top.key === 'data'));
      if (streaming && top) top.page = true;
      this.stack.push({ kind: isObject ? 'object' : 'array', value, expect: 'first', key: '', streaming, page: false, line: this.line });
      return true;
    }
    let value: JsonValue;
    if (c === '"') {
      const text = this.readString(final);
      if (text === INCOMPLETE) return false;
      value = text;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      // The run of number characters must be complete before it is judged (a chunk may end at "4.").
      let runEnd = this.pos + 1;
      while (runEnd < s.length && isNumberChar(s.charCodeAt(runEnd))) runEnd += 1;
      if (runEnd >= s.length && !final) return false;
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(s);
      if (!m || this.pos + m[0].length !== runEnd) throw this.error(`"${s.slice(this.pos, runEnd).slice(0, 40)}" is not a number`);
      const next = s[runEnd];
      if (next !== undefined && /[A-Za-z_]/.test(next)) throw this.error(`"${s.slice(this.pos, runEnd + 1).slice(0, 40)}" is not a number`);
      value = new JsonNumber(m[0]);
      this.pos = runEnd;
    } else {
      const literal = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : null;
      if (literal === null) throw this.error(`unexpected character "${c}"`);
      const have = s.slice(this.pos, this.pos + literal.length);
      if (have.length < literal.length && literal.startsWith(have) && !final) return false;
      if (have !== literal) throw this.error(`unexpected "${have}"`);
      this.pos += literal.length;
      value = literal === 'true' ? true : literal === 'false' ? false : null;
    }
    this.completeValue(value, out);
    return true;
  }

  private readString(final: boolean): string | typeof INCOMPLETE {
    const s = this.buf;
    const start = this.pos + 1;
    const close = s.indexOf('"', start);
    if (close === -1) {
      if (!final) return INCOMPLETE;
      throw this.error('a string is not closed');
    }
    const backslash = s.indexOf('\\', start);
    if (backslash === -1 || backslash > close) {
      const text = s.slice(start, close);
      this.checkControl(text);
      this.pos = close + 1;
      return text;
    }
    let out = '';
    let p = start;
    while (p < s.length) {
      const ch = s.charCodeAt(p);
      if (ch === 34) {
        this.pos = p + 1;
        return out;
      }
      if (ch < 0x20) throw this.controlError();
      if (ch === 92) {
        if (p + 1 >= s.length) break;
        const e = s[p + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            p += 2;
            continue;
          case 'b':
            out += '\b';
            p += 2;
            continue;
          case 'f':
            out += '\f';
            p += 2;
            continue;
          case 'n':
            out += '\n';
            p += 2;
            continue;
          case 'r':
            out += '\r';
            p += 2;
            continue;
          case 't':
            out += '\t';
            p += 2;
            continue;
          case 'u': {
            // An escape cut off by the chunk boundary: wait for more text.
            if (p + 6 > s.length) break;
            const hex = s.slice(p + 2, p + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error(`bad escape "\\u${hex}"`);
            out += String.fromCharCode(parseInt(hex, 16));
            p += 6;
            continue;
          }
          default:
            throw this.error(`bad escape "\\${e ?? ''}"`);
        }
        break;
      }
      out += s[p];
      p += 1;
    }
    if (!final) return INCOMPLETE;
    throw this.error('a string is not closed');
  }

  private controlError(): WorkbenchError {
    return this.error('a string contains a raw control character (line break or tab) that JSON requires to be escaped');
  }

  private checkControl(text: string): void {
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) < 0x20) throw this.controlError();
  }

  private closeContainer(out: JsonRecordOut[]): void {
    const frame = this.stack.pop() as Frame;
    if (frame.streaming) {
      // A streamed array's elements already went out as records.
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.expect = 'next';
      return;
    }
    if (frame.page && this.stack.length === 0) {
      // An API page whose data was streamed: its has_more / next_page are not records.
      return;
    }
    this.completeValue(frame.value as JsonValue, out, frame.line);
  }

  private completeValue(value: JsonValue, out: JsonRecordOut[], startLine?: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      out.push({ value, line: startLine ?? this.recordLine });
      return;
    }
    if (parent.streaming) {
      out.push({ value, line: startLine ?? this.recordLine });
      parent.expect = 'next';
      return;
    }
    if (parent.kind === 'array') (parent.value as JsonValue[]).push(value);
    else (parent.value as JsonObject)[parent.key] = value;
    parent.expect = 'next';
  }
}

/** Digits, sign, decimal point and exponent: the characters a JSON number is made of. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69;
}
