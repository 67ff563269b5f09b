/**
 * Every numeric input of a run becomes a parameter: a base value for the
 * deterministic run, an optional distribution for Monte Carlo, the range of
 * values that make sense (a share stays within 0–1), and a stable key so the
 * same input gets the same random stream in every run.
 *
 * The evaluator reads parameters from a Float64Array by index, so a Monte
 * Carlo draw is "copy the base values, overwrite the uncertain ones".
 */
import type { Distribution, MoneyInput, NumberInput } from './schema';
import { WorkbenchError } from '../domain/errors';
import { nanosToNumber, parseMoney, type Nanos } from '../domain/money';
import { lognormalFromMeanSd, pointValue, type Dist } from './distributions';
import { hashString } from './random';

export interface Domain {
  lo: number;
  hi: number;
}

export const SHARE: Domain = { lo: 0, hi: 1 };
export const NON_NEGATIVE: Domain = { lo: 0, hi: Number.POSITIVE_INFINITY };
/** A change in percent: −100 at most (free), no upper limit. */
export const PERCENT_CHANGE: Domain = { lo: -100, hi: Number.POSITIVE_INFINITY };
export const ANY: Domain = { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY };

export interface ParamSpec {
  /** Stable name: "baseline.workloads.customer-support.requestsPerUnit", "cascade.levers.0.share". */
  key: string;
  /** In users' words, for the tornado. */
  label: string;
  base: number;
  /** Exact base for money inputs, read from the decimal text. */
  baseNanos: Nanos | null;
  dist: Dist | null;
  domain: Domain;
  hash: number;
}

type RangeLike = { min: number; max: number; base?: number | undefined };

function toDist(input: Distribution | RangeLike): Dist {
  if (!('dist' in input)) return { kind: 'uniform', min: input.min, max: input.max };
  switch (input.dist) {
    case 'uniform':
      return { kind: 'uniform', min: input.min, max: input.max };
    case 'triangular':
      return { kind: 'triangular', min: input.min, mode: input.mode, max: input.max };
    case 'pert':
      return { kind: 'pert', min: input.min, mode: input.mode, max: input.max };
    case 'normal':
      return { kind: 'normal', mean: input.mean, sd: input.sd };
    case 'lognormal':
      return lognormalFromMeanSd(input.mean, input.sd);
  }
}

export class ParamTable {
  readonly specs: ParamSpec[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(private readonly file: string | undefined = undefined) {}

  private add(spec: Omit<ParamSpec, 'hash'>): number {
    const existing = this.byKey.get(spec.key);
    if (existing !== undefined) return existing;
    if (!(spec.base >= spec.domain.lo && spec.base <= spec.domain.hi)) {
      const range = spec.domain.hi === Number.POSITIVE_INFINITY ? `at least ${spec.domain.lo}` : `between ${spec.domain.lo} and ${spec.domain.hi}`;
      throw new WorkbenchError('bad_input', `${spec.label} is ${spec.base}; it must be ${range}`, { file: this.file, field: spec.key });
    }
    const index = this.specs.length;
    this.specs.push({ ...spec, hash: hashString(spec.key) });
    this.byKey.set(spec.key, index);
    return index;
  }

  /** A numeric input; `fallback` is used when the file leaves it out (no fallback: the input is required). */
  number(input: NumberInput | undefined, fallback: number | undefined, key: string, label: string, domain: Domain): number {
    if (input === undefined) {
      if (fallback === undefined) throw new WorkbenchError('bad_input', `${label} is missing`, { file: this.file, field: key });
      return this.add({ key, label, base: fallback, baseNanos: null, dist: null, domain });
    }
    if (typeof input === 'number') return this.add({ key, label, base: input, baseNanos: null, dist: null, domain });
    const dist = toDist(input);
    return this.add({ key, label, base: input.base ?? pointValue(dist), baseNanos: null, dist, domain });
  }

  /** A money input, kept exact for the deterministic run; -1 when absent. */
  money(input: MoneyInput | undefined, key: string, label: string, domain: Domain = NON_NEGATIVE): number {
    if (input === undefined) return -1;
    if (typeof input === 'number' || typeof input === 'string') {
      const baseNanos = parseMoney(String(input));
      return this.add({ key, label, base: nanosToNumber(baseNanos), baseNanos, dist: null, domain });
    }
    const dist = toDist(input);
    const base = input.base ?? pointValue(dist);
    return this.add({ key, label, base, baseNanos: parseMoney(String(base)), dist, domain });
  }

  /** A fixed number the model needs (e.g. a default share of 0). */
  constant(value: number): number {
    return this.add({ key: `const:${value}`, label: String(value), base: value, baseNanos: null, dist: null, domain: ANY });
  }

  get size(): number {
    return this.specs.length;
  }

  baseValues(): Float64Array {
    return Float64Array.from(this.specs, (s) => s.base);
  }

  /** Indices of the inputs that have a distribution. */
  uncertain(): number[] {
    const out: number[] = [];
    this.specs.forEach((s, i) => {
      if (s.dist !== null) out.push(i);
    });
    return out;
  }
}
