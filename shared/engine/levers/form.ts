/**
 * How the scenario builder shows a lever: every field with its unit and a
 * sentence of help, in the words of scenarios/README.md. Plain data: the
 * renderer (renderer/src/views/scenarios) draws it, the engine never reads it.
 * `path` is relative to the lever; the form writes exactly that key of the YAML.
 */

export type FieldKind =
  | 'share' // 0–1, may be a range or distribution
  | 'number' // may be a range or distribution
  | 'money' // decimal text, may be a range or distribution
  | 'int'
  | 'month'
  | 'model'
  | 'text'
  | 'enum'
  | 'workloads'
  | 'contract';

export interface FieldSpec {
  path: string[];
  label: string;
  kind: FieldKind;
  /** Shown after the input: "share of 0–1", "% change", "USD a month". */
  unit: string;
  help: string;
  options?: readonly { value: string; label: string }[];
  /** The lever needs it (the form says so; the YAML check enforces it). */
  required?: boolean;
  /** Shown only when another field has one of these values. */
  when?: { path: string[]; is: readonly (string | undefined)[] };
}

export interface LeverForm {
  /** The lever's name in the builder's menu and on its card. */
  title: string;
  /** One sentence: what the lever does. */
  summary: string;
  /** Its own fields, shown after the fields every lever has (COMMON_FIELDS). */
  fields: FieldSpec[];
  /** A list the lever holds (the adjacent lever's costs): each entry drawn with these fields, and what "add" appends. */
  entries?: { path: string; fields: FieldSpec[]; added: Record<string, unknown>; addLabel: string; removeLabel: string };
  /** Parts the form does not edit, with the note shown when the lever has them. */
  yamlOnly?: { path: string[]; note: string }[];
}

/** Fields every lever has, shown first. */
export const COMMON_FIELDS: FieldSpec[] = [
  { path: ['name'], label: 'Name', kind: 'text', unit: '', help: 'What this lever does, in a few words; shown in the savings waterfall.' },
  { path: ['start'], label: 'Start month', kind: 'month', unit: 'month', help: 'The first month the lever acts.', required: true },
  { path: ['rampMonths'], label: 'Ramp', kind: 'int', unit: 'months', help: 'Months to reach full effect, growing linearly; 0 or 1 is full effect from the start month.' },
  { path: ['workloads'], label: 'Workloads', kind: 'workloads', unit: '', help: 'The workloads the lever touches; none ticked means all of them.' },
];

export const SHARE_UNIT = 'share, 0–1';
export const A_MONTH = 'a month';
