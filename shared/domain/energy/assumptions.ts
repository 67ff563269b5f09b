/**
 * Energy and carbon assumptions: per model, the energy of a request (or of
 * 1,000 output tokens) and, where a vendor published it, the carbon of one
 * directly; per region, the grid's carbon intensity. Every figure is a range
 * (low, mid, high) with its published source and date, because these are
 * estimates, never measurements of this workspace's usage. The shipped file
 * is data/energy/assumptions.yaml; a workspace may keep its own edited copy.
 */
import { z } from 'zod';
import { WorkbenchError } from '../errors';
import { fieldPath, parseExactYaml } from '../yaml-text';

const Figure = z
  .union([z.string(), z.number()])
  .transform((v) => Number(v))
  .refine((v) => Number.isFinite(v) && v >= 0, 'must be a number of at least 0');

export const RangeSchema = z
  .object({ low: Figure, mid: Figure, high: Figure })
  .strict()
  .refine((r) => r.low <= r.mid && r.mid <= r.high, 'low ≤ mid ≤ high');
export type Range = z.output<typeof RangeSchema>;

const Source = {
  /** Who published the figure, where, and what it measured. */
  source: z.string().min(1, 'name the published source').max(1000),
  /** When it was published (YYYY-MM or YYYY-MM-DD). */
  sourceDate: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date such as 2025-08 or 2025-08-21'),
  note: z.string().max(1000).optional(),
};

export const ModelAssumptionSchema = z
  .object({
    id: z.string().min(1).max(100),
    /** Provider and model id; a trailing "*" matches a prefix ("gemini-*"). Omitted: any. */
    match: z.object({ provider: z.string().min(1).optional(), model: z.string().min(1).optional() }).strict(),
    /** What the figures are per: one request (response), or 1,000 output tokens. */
    per: z.enum(['request', '1k_output_tokens']),
    wh: RangeSchema,
    /** Carbon per unit where the source measured it (it then replaces energy × grid intensity). */
    gCo2e: RangeSchema.optional(),
    ...Source,
  })
  .strict();
export type ModelAssumption = z.output<typeof ModelAssumptionSchema>;

export const GridAssumptionSchema = z
  .object({
    /** A region as the ledger names it ("us-east-1", "eu"), or "*" for every other. */
    region: z.string().min(1).max(100),
    gCo2ePerKwh: RangeSchema,
    ...Source,
  })
  .strict();

export const EnergyAssumptionsSchema = z
  .object({
    version: z.literal(1),
    /** Output tokens in one response, to count requests from tokens when the ledger has no request lines. */
    outputTokensPerRequest: z.object({ value: z.number().positive(), ...Source }).strict(),
    /** The first matching entry wins; put specific models before a catch-all. */
    models: z.array(ModelAssumptionSchema).min(1, 'needs at least one model entry (a catch-all with no match is usual)'),
    grid: z.array(GridAssumptionSchema).min(1, 'needs at least the "*" region'),
  })
  .strict()
  .refine((a) => a.grid.some((g) => g.region === '*'), { message: 'needs a "*" grid entry for regions not listed', path: ['grid'] });
export type EnergyAssumptions = z.output<typeof EnergyAssumptionsSchema>;

export interface AssumptionIssue {
  field: string;
  message: string;
}

export type AssumptionsCheck = { ok: true; assumptions: EnergyAssumptions } | { ok: false; issues: AssumptionIssue[] };

/** Parses and validates assumptions YAML, returning every issue with its field (a YAML syntax error becomes one issue). */
export function checkEnergyAssumptionsYaml(text: string, file: string): AssumptionsCheck {
  let input: unknown;
  try {
    input = parseExactYaml(text, file);
  } catch (error) {
    if (error instanceof WorkbenchError) return { ok: false, issues: [{ field: '', message: error.message }] };
    throw error;
  }
  const parsed = EnergyAssumptionsSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, assumptions: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })) };
}

/** Validates, throwing one WorkbenchError that names the file and the first field (all issues in `details`). */
export function loadEnergyAssumptions(text: string, file: string): EnergyAssumptions {
  const check = checkEnergyAssumptionsYaml(text, file);
  if (check.ok) return check.assumptions;
  const first = check.issues[0]!;
  throw new WorkbenchError('invalid_file', first.message, { file, ...(first.field ? { field: first.field } : {}), details: { issues: check.issues } });
}

function matchesPattern(pattern: string | undefined, value: string | null): boolean {
  if (pattern === undefined) return true;
  if (value === null) return false;
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

export function modelAssumption(a: EnergyAssumptions, provider: string, model: string | null): ModelAssumption | null {
  return a.models.find((m) => matchesPattern(m.match.provider, provider) && matchesPattern(m.match.model, model)) ?? null;
}

export function gridFor(a: EnergyAssumptions, region: string | null): EnergyAssumptions['grid'][number] {
  return a.grid.find((g) => g.region !== '*' && g.region === region) ?? a.grid.find((g) => g.region === '*')!;
}
