/**
 * Scenario files: YAML text → a validated ScenarioFile, with the line of every
 * problem, and `extends` resolved (a file may take its baseline from another
 * file). Reading files is the caller's business (CLI, backend): this module
 * only gets text.
 */
import { LineCounter, parseDocument, visit } from 'yaml';
import { ScenarioFile, type Baseline, type Scenario } from './schema';
import { WorkbenchError } from '../domain/errors';

export interface ScenarioIssue {
  /** Dotted path of the field ("scenarios.0.levers.1.share"), empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the YAML text, when known. */
  line: number | null;
}

export interface CheckedScenarioFile {
  file: ScenarioFile | null;
  issues: ScenarioIssue[];
}

/** How many alias uses (*name) a scenario file may expand; a real file repeats a few levers, not thousands. */
const MAX_ALIAS_COUNT = 100;

function firstAliasLine(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): number | null {
  let line: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) line = lineCounter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** Parses and validates scenario YAML without throwing (for editors and `scenarios.validate`). */
export function checkScenarioYaml(text: string): CheckedScenarioFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      file: null,
      issues: doc.errors.map((e) => ({ path: '', message: e.message.split('\n')[0] ?? e.message, line: lineCounter.linePos(e.pos[0]).line })),
    };
  }
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library stops expanding aliases past the count (a "billion laughs" file would need gigabytes).
    if (!(error instanceof ReferenceError)) throw error;
    return { file: null, issues: [{ path: '', message: `the file repeats its content through aliases (*name) more than ${MAX_ALIAS_COUNT} times; write the values out instead`, line: firstAliasLine(doc, lineCounter) }] };
  }
  const parsed = ScenarioFile.safeParse(plain ?? {});
  if (parsed.success) return { file: parsed.data, issues: [] };
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  return {
    file: null,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: messageOf(issue as ZodIssueLike, doc.getIn(issue.path as (string | number)[])), line: lineOf(issue.path) })),
  };
}

interface ZodIssueLike {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  expected?: string;
  errors?: ZodIssueLike[][];
}

const SHAPES: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a range {min, max}, a distribution or another object',
  array: 'a list',
  record: 'month: value entries',
  boolean: 'true or false',
};

/**
 * The issue of the union alternative the value nearly matched: a wrong field
 * inside it (strong) before unknown keys (weak, e.g. a distribution read as
 * a range); null when every alternative failed on the value's type alone.
 */
function nearMiss(alternatives: readonly ZodIssueLike[][]): ZodIssueLike | null {
  let weak: ZodIssueLike | null = null;
  for (const issues of alternatives) {
    for (const i of issues) {
      if (i.code === 'invalid_union' && i.errors) {
        const deeper = nearMiss(i.errors);
        if (deeper && deeper.code !== 'unrecognized_keys') return { ...deeper, path: [...i.path, ...deeper.path] };
        if (deeper) weak ??= { ...deeper, path: [...i.path, ...deeper.path] };
      } else if (i.code === 'unrecognized_keys') weak ??= i;
      else if (i.code !== 'invalid_type' || i.path.length > 0) return i;
    }
  }
  return weak;
}

function expectedTypes(alternatives: readonly ZodIssueLike[][], into: Set<string>): void {
  for (const issues of alternatives) {
    for (const i of issues) {
      if (i.code === 'invalid_type' && i.expected) into.add(i.expected);
      if (i.code === 'invalid_union' && i.errors) expectedTypes(i.errors, into);
    }
  }
}

/** zod's "Invalid input" for a union says nothing useful: say what was written and what would do. */
function messageOf(issue: ZodIssueLike, value: unknown): string {
  if (issue.code !== 'invalid_union' || !issue.errors) return issue.message;
  const near = nearMiss(issue.errors);
  if (near) return near.path.length > 0 ? `${near.path.map(String).join('.')}: ${near.message}` : near.message;
  const expected = new Set<string>();
  expectedTypes(issue.errors, expected);
  const shown = typeof value === 'string' ? `"${value}"` : value === null || value === undefined ? 'nothing' : JSON.stringify(value);
  const wanted = [...expected].map((e) => SHAPES[e] ?? e);
  return wanted.length > 0 ? `${shown} is not valid here: write ${wanted.join(', or ')}` : issue.message;
}

/** Parses scenario YAML or throws a WorkbenchError naming the file, line and field of the first problem (all issues in details). */
export function parseScenarioYaml(text: string, fileName: string): ScenarioFile {
  const { file, issues } = checkScenarioYaml(text);
  if (file) return file;
  const first = issues[0]!;
  throw new WorkbenchError('invalid_file', first.message, {
    file: fileName,
    ...(first.line !== null ? { row: first.line } : {}),
    ...(first.path !== '' ? { field: first.path } : {}),
    details: issues,
  });
}

export interface ScenarioText {
  path: string;
  text: string;
}

/** A scenario file with its baseline in hand. */
export interface ResolvedScenarioFile {
  name: string;
  path: string;
  baseline: Baseline;
  scenarios: Scenario[];
}

/**
 * Resolves `extends` (up to a few files deep). `readRelative(fromPath, relative)`
 * reads the file a path names relative to another file; the CLI and the backend
 * supply it.
 */
export function resolveScenarioFile(entry: ScenarioText, readRelative: (fromPath: string, relative: string) => ScenarioText): ResolvedScenarioFile {
  const top = parseScenarioYaml(entry.text, entry.path);
  let current = top;
  let currentPath = entry.path;
  const seen = new Set<string>([entry.path]);
  while (current.baseline === undefined) {
    const next = readRelative(currentPath, current.extends!);
    if (seen.has(next.path) || seen.size > 8) {
      throw new WorkbenchError('invalid_file', `extends goes round in a circle (${[...seen, next.path].join(' → ')})`, { file: currentPath, field: 'extends' });
    }
    seen.add(next.path);
    current = parseScenarioYaml(next.text, next.path);
    currentPath = next.path;
  }
  const ids = new Set<string>();
  top.scenarios.forEach((s, i) => {
    if (ids.has(s.id) || s.id === 'baseline') {
      throw new WorkbenchError('invalid_file', `scenario id ${s.id} is used twice (or is the reserved id "baseline")`, { file: entry.path, field: `scenarios.${i}.id` });
    }
    ids.add(s.id);
  });
  const baseline = top.baselineLevers.length === 0 ? current.baseline : { ...current.baseline, levers: [...current.baseline.levers, ...top.baselineLevers] };
  return { name: top.name ?? current.name ?? entry.path, path: entry.path, baseline, scenarios: top.scenarios };
}
