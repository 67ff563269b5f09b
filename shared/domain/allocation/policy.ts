/**
 * Loads and checks an allocation policy file. Every problem comes back with
 * the field it is about, so the editor can mark them all and the CLI can say
 * "rules.yaml, field rules[3].precedence: …". What is checked here holds for
 * any ledger: ids unique and known, percentages that add up to 100, budgets
 * above zero, and no two rules of equal precedence that could both claim one
 * line (which one would win?). What depends on the data (a split basis whose
 * total is zero in some month) is checked when the ledger is allocated.
 */
import { WorkbenchError } from '../errors';
import { fieldPath, parseExactYaml } from '../yaml-text';
import { parseScaledDecimal, rescale } from '../money';
import {
  AllocationPolicySchema,
  MATCH_FIELDS,
  UNALLOCATED,
  type AllocationPolicyFile,
  type AllowanceFile,
  type BudgetFile,
  type MatchField,
  type MatchFile,
  type RuleFile,
  type SplitBasis,
} from './policy-file';

export interface PolicyIssue {
  field: string;
  message: string;
}

export interface Team {
  id: string;
  name: string;
  costCentre: string | null;
  businessUnit: string | null;
}

/** Each constrained field as the set of values it accepts; tags per key ("*" = any value). */
export interface Match {
  fields: Partial<Record<Exclude<MatchField, 'tag'>, ReadonlySet<string>>>;
  tags: ReadonlyMap<string, ReadonlySet<string>>;
}

export type RuleTarget =
  | { kind: 'team'; team: string; product: string | null }
  | { kind: 'tag'; key: string; product: string | null }
  | { kind: 'split'; basis: SplitBasis; teams: string[]; /** basis percent: per team, in millionths of a percent */ percents: bigint[] | null; whenZero: 'error' | 'even' };

export interface Rule {
  id: string;
  /** Position in the file, for messages ("rules[3]"). */
  index: number;
  precedence: number;
  description: string | null;
  match: Match;
  target: RuleTarget;
}

export interface Policy {
  /** The file name, for every message. */
  file: string;
  name: string;
  cost: 'billed' | 'effective';
  fiscalYearStart: number;
  teams: Team[];
  teamById: ReadonlyMap<string, Team>;
  /** Highest precedence first (then file order): the first that matches a line wins. */
  rules: Rule[];
  budgets: BudgetFile[];
  allowances: AllowanceFile[];
  /** The validated file, for writing it back. */
  parsed: AllocationPolicyFile;
}

export type PolicyValidation = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

/** Percent text to an exact integer of millionths of a percent ("33.3" → 33_300_000n). */
function percentUnits(text: string): bigint {
  return rescale(parseScaledDecimal(text), 6);
}
const HUNDRED_PERCENT = 100_000_000n;

function toSet(value: string | readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(typeof value === 'string' ? [value] : value);
}

function compileMatch(m: MatchFile): Match {
  const fields: Match['fields'] = {};
  for (const f of MATCH_FIELDS) {
    if (f === 'tag') continue;
    const set = toSet(m[f] as string | string[] | undefined);
    if (set) fields[f] = set;
  }
  const tags = new Map<string, ReadonlySet<string>>();
  for (const [key, value] of Object.entries(m.tag ?? {})) tags.set(key, toSet(value)!);
  return { fields, tags };
}

/** Whether some line could satisfy both matches: every field both constrain shares a value. */
export function matchesOverlap(a: Match, b: Match): { overlap: boolean; on: string[] } {
  const on: string[] = [];
  for (const [field, values] of Object.entries(a.fields) as [string, ReadonlySet<string>][]) {
    const other = b.fields[field as keyof Match['fields']];
    if (!other) continue;
    if (![...values].some((v) => other.has(v))) return { overlap: false, on: [] };
    on.push(field);
  }
  for (const [key, values] of a.tags) {
    const other = b.tags.get(key);
    if (!other) continue;
    const any = values.has('*') || other.has('*');
    if (!any && ![...values].some((v) => other.has(v))) return { overlap: false, on: [] };
    on.push(`tag ${key}`);
  }
  return { overlap: true, on };
}

function describeMatch(m: Match): string {
  const parts: string[] = [];
  for (const [field, values] of Object.entries(m.fields) as [string, ReadonlySet<string>][]) parts.push(`${field} ${[...values].join('|')}`);
  for (const [key, values] of m.tags) parts.push(`tag ${key}=${[...values].join('|')}`);
  return parts.join(', ');
}

function compileRule(r: RuleFile, index: number, teams: ReadonlySet<string>, issues: PolicyIssue[]): Rule {
  const at = `rules[${index}]`;
  let target: RuleTarget;
  if (r.team !== undefined) {
    if (!teams.has(r.team)) issues.push({ field: `${at}.team`, message: `names team "${r.team}", which is not declared under teams` });
    target = { kind: 'team', team: r.team, product: r.product ?? null };
  } else if (r.teamFromTag !== undefined) {
    target = { kind: 'tag', key: r.teamFromTag, product: r.product ?? null };
  } else {
    const s = r.split!;
    if (r.product !== undefined) issues.push({ field: `${at}.product`, message: 'a product is given to direct allocations only, not to a shared split' });
    let splitTeams: string[];
    let percents: bigint[] | null = null;
    if (s.basis === 'percent') {
      if (s.teams !== undefined) issues.push({ field: `${at}.split.teams`, message: 'is not used with basis percent: the keys of percent name the teams' });
      if (s.percent === undefined || Object.keys(s.percent).length === 0) {
        issues.push({ field: `${at}.split.percent`, message: 'is required with basis percent: team → percentage, adding up to 100' });
        splitTeams = [];
      } else {
        splitTeams = Object.keys(s.percent);
        percents = splitTeams.map((t) => percentUnits(s.percent![t]!));
        const sum = percents.reduce((a, b) => a + b, 0n);
        if (sum !== HUNDRED_PERCENT) {
          const shown = Object.values(s.percent).join(' + ');
          issues.push({ field: `${at}.split.percent`, message: `the percentages add up to ${formatPercentUnits(sum)} (${shown}), not 100` });
        }
        if (percents.every((p) => p === 0n)) issues.push({ field: `${at}.split.percent`, message: 'gives every team 0%' });
      }
    } else {
      if (s.percent !== undefined) issues.push({ field: `${at}.split.percent`, message: `is used with basis percent only, not ${s.basis}` });
      splitTeams = s.teams ?? [...teams];
    }
    const seen = new Set<string>();
    splitTeams.forEach((t, j) => {
      const field = s.basis === 'percent' ? `${at}.split.percent.${t}` : `${at}.split.teams[${j}]`;
      if (!teams.has(t)) issues.push({ field, message: `names team "${t}", which is not declared under teams` });
      if (seen.has(t)) issues.push({ field, message: `names team "${t}" twice` });
      seen.add(t);
    });
    target = { kind: 'split', basis: s.basis, teams: splitTeams, percents, whenZero: s.whenZero };
  }
  return { id: r.id, index, precedence: r.precedence, description: r.description ?? null, match: compileMatch(r.match), target };
}

function formatPercentUnits(units: bigint): string {
  const whole = units / 1_000_000n;
  const frac = (units % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

function checkDuplicates(ids: readonly string[], field: (i: number) => string, what: string, issues: PolicyIssue[]): void {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    const earlier = first.get(id);
    if (earlier !== undefined) issues.push({ field: field(i), message: `${what} id "${id}" is also used by ${field(earlier).replace(/\.id$/, '')}` });
    else first.set(id, i);
  });
}

/**
 * Validates a policy object (from YAML or the editor) and compiles it.
 * Returns every problem with its field path rather than stopping at the first.
 */
export function validatePolicy(input: unknown, file: string): PolicyValidation {
  const parsed = AllocationPolicySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })) };
  const p = parsed.data;
  const issues: PolicyIssue[] = [];
  checkDuplicates(p.teams.map((t) => t.id), (i) => `teams[${i}].id`, 'team', issues);
  checkDuplicates(p.rules.map((r) => r.id), (i) => `rules[${i}].id`, 'rule', issues);
  checkDuplicates(p.budgets.map((b) => b.id), (i) => `budgets[${i}].id`, 'budget', issues);
  checkDuplicates(p.allowances.map((a) => a.id), (i) => `allowances[${i}].id`, 'allowance', issues);
  const teamIds = new Set(p.teams.map((t) => t.id));
  const rules = p.rules.map((r, i) => compileRule(r, i, teamIds, issues));

  // Two rules of equal precedence that can claim the same line: the file must say which wins.
  for (let j = 0; j < rules.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = rules[i]!;
      const b = rules[j]!;
      if (a.precedence !== b.precedence) continue;
      const { overlap } = matchesOverlap(a.match, b.match);
      if (!overlap) continue;
      issues.push({
        field: `rules[${j}].precedence`,
        message: `rules "${a.id}" (${describeMatch(a.match)}) and "${b.id}" (${describeMatch(b.match)}) both have precedence ${a.precedence} and can match the same line; give one a higher precedence or narrow its match`,
      });
    }
  }

  p.budgets.forEach((b, i) => {
    if (b.scope.team !== undefined && !teamIds.has(b.scope.team)) issues.push({ field: `budgets[${i}].scope.team`, message: `names team "${b.scope.team}", which is not declared under teams` });
  });
  p.allowances.forEach((a, i) => {
    if (a.team !== undefined && !teamIds.has(a.team)) issues.push({ field: `allowances[${i}].team`, message: `names team "${a.team}", which is not declared under teams` });
    checkDuplicates(a.overrides.map((o) => o.who), (j) => `allowances[${i}].overrides[${j}].who`, 'override', issues);
  });
  if (issues.length > 0) return { ok: false, issues };

  const teams: Team[] = p.teams.map((t) => ({ id: t.id, name: t.name ?? t.id, costCentre: t.costCentre ?? null, businessUnit: t.businessUnit ?? null }));
  const sorted = [...rules].sort((a, b) => b.precedence - a.precedence || a.index - b.index);
  return {
    ok: true,
    policy: {
      file,
      name: p.name ?? file.replace(/\.(ya?ml)$/i, ''),
      cost: p.cost,
      fiscalYearStart: p.fiscalYearStart,
      teams,
      teamById: new Map(teams.map((t) => [t.id, t])),
      rules: sorted,
      budgets: p.budgets,
      allowances: p.allowances,
      parsed: p,
    },
  };
}

/** Parses and validates policy YAML, returning every issue (a YAML syntax error becomes one issue). */
export function checkPolicyYaml(text: string, file: string): PolicyValidation {
  let input: unknown;
  try {
    input = parseExactYaml(text, file);
  } catch (error) {
    if (error instanceof WorkbenchError) return { ok: false, issues: [{ field: '', message: error.message }] };
    throw error;
  }
  return validatePolicy(input ?? {}, file);
}

/** Validates and compiles, throwing one WorkbenchError that names the file and the first field (all issues in `details`). */
export function loadPolicyYaml(text: string, file: string): Policy {
  const result = checkPolicyYaml(text, file);
  if (result.ok) return result.policy;
  const first = result.issues[0]!;
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problem${result.issues.length > 2 ? 's' : ''})` : '';
  throw new WorkbenchError('invalid_file', `${first.message}${more}`, { file, ...(first.field ? { field: first.field } : {}), details: { issues: result.issues } });
}

export { UNALLOCATED };
