/**
 * Formulas that carry their value: every expression is built once as Excel
 * formula text and evaluated alongside in IEEE doubles, the arithmetic Excel
 * and LibreOffice use. The value becomes the cell's cached result; the text
 * its formula. ROUND follows Excel (half away from zero, on the number as
 * shown to 15 significant digits).
 */

export interface Expr {
  /** Formula text (no leading "="). */
  readonly f: string;
  readonly v: number;
  /** Binding strength: 3 atom or function call, 2 product, 1 sum, 0 comparison. */
  readonly p: number;
}

export interface Cond {
  readonly f: string;
  readonly v: boolean;
}

function literal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  return s.includes('e') ? s.toUpperCase().replace('E+', 'E') : s;
}

export function num(n: number): Expr {
  return { f: n < 0 ? `(${literal(n)})` : literal(n), v: n, p: 3 };
}

/** A cell or a name: its text and its (cached) value. */
export function ref(text: string, value: number): Expr {
  return { f: text, v: value, p: 3 };
}

const wrap = (e: Expr, min: number): string => (e.p < min ? `(${e.f})` : e.f);

export function add(...xs: Expr[]): Expr {
  const terms = xs.filter((x) => !(x.p === 3 && x.f === '0'));
  if (terms.length === 0) return num(0);
  if (terms.length === 1) return terms[0]!;
  let v = terms[0]!.v;
  for (let i = 1; i < terms.length; i++) v += terms[i]!.v;
  return { f: terms.map((x) => wrap(x, 1)).join('+'), v, p: 1 };
}

export function sub(a: Expr, b: Expr): Expr {
  return { f: `${wrap(a, 1)}-${wrap(b, 2)}`, v: a.v - b.v, p: 1 };
}

export function mul(...xs: Expr[]): Expr {
  if (xs.length === 1) return xs[0]!;
  let v = xs[0]!.v;
  for (let i = 1; i < xs.length; i++) v *= xs[i]!.v;
  return { f: xs.map((x) => wrap(x, 2)).join('*'), v, p: 2 };
}

export function div(a: Expr, b: Expr): Expr {
  return { f: `${wrap(a, 2)}/${wrap(b, 3)}`, v: a.v / b.v, p: 2 };
}

function call(name: string, args: Expr[], v: number): Expr {
  return { f: `${name}(${args.map((a) => a.f).join(',')})`, v, p: 3 };
}

export function min(...xs: Expr[]): Expr {
  return call('MIN', xs, Math.min(...xs.map((x) => x.v)));
}

export function max(...xs: Expr[]): Expr {
  return call('MAX', xs, Math.max(...xs.map((x) => x.v)));
}

/** Clamped to 0–1, as the engine clamps drawn shares and rates. */
export function clamp01(x: Expr): Expr {
  return min(num(1), max(num(0), x));
}

/** Excel's ROUND: half away from zero, on the value as displayed to 15 significant digits. */
export function excelRound(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = 10 ** digits;
  const shown = Number((Math.abs(x) * scale).toPrecision(15));
  const r = Math.floor(shown + 0.5) / scale;
  return x < 0 ? -r : r;
}

export function round(x: Expr, digits: number): Expr {
  return call('ROUND', [x, num(digits)], excelRound(x.v, digits));
}

export function sum(range: string, value: number): Expr {
  return { f: `SUM(${range})`, v: value, p: 3 };
}

/** x^n for a whole n ≥ 0. */
export function powInt(x: Expr, n: number): Expr {
  return { f: `${wrap(x, 3)}^${n}`, v: x.v ** n, p: 2 };
}

export function cmp(a: Expr, op: '>' | '<' | '=' | '>=' | '<=' | '<>', b: Expr): Cond {
  const v = op === '>' ? a.v > b.v : op === '<' ? a.v < b.v : op === '=' ? a.v === b.v : op === '>=' ? a.v >= b.v : op === '<=' ? a.v <= b.v : a.v !== b.v;
  return { f: `${wrap(a, 1)}${op}${wrap(b, 1)}`, v };
}

export function and(...cs: Cond[]): Cond {
  return { f: `AND(${cs.map((c) => c.f).join(',')})`, v: cs.every((c) => c.v) };
}

export function iff(c: Cond, a: Expr, b: Expr): Expr {
  return { f: `IF(${c.f},${a.f},${b.f})`, v: c.v ? a.v : b.v, p: 3 };
}

/** NA() where the engine refuses (a price it does not have for a quantity it needs). */
export function naIf(c: Cond): Expr {
  return { f: `IF(${c.f},NA(),0)`, v: c.v ? Number.NaN : 0, p: 3 };
}

export const ZERO = num(0);
export const ONE = num(1);

/**
 * Rounded to `digits` decimals half to even, as the engine rounds an amount
 * divided by a count (perCount): Excel's ROUND goes half away from zero, so
 * on an exact tie (to 15 significant digits) the result steps back one unit
 * when the digit kept is even.
 */
export function roundHalfEven(x: Expr, digits: number): Expr {
  const scale = 10 ** digits;
  const s = `1E${digits}`;
  const step = `1E-${digits}`;
  const a = `ABS(${x.f})`;
  const t = `${a}*${s}`;
  const f = `SIGN(${x.f})*(ROUND(${a},${digits})-IF(AND(ISEVEN(TRUNC(${t})),ROUND(${t}-TRUNC(${t}),6)=0.5),${step},0))`;
  const ax = Math.abs(x.v);
  const tv = ax * scale;
  const tr = Math.trunc(tv);
  const tie = tr % 2 === 0 && excelRound(tv - tr, 6) === 0.5;
  const v = Math.sign(x.v) * (excelRound(ax, digits) - (tie ? 1 / scale : 0));
  return { f, v, p: 2 };
}
