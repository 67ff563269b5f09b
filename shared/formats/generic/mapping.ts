/**
 * The user's column mapping for a generic CSV/XLSX (LiteLLM, OpenRouter,
 * Portkey or an internal gateway), saved as YAML beside the workspace and
 * reusable from the CLI (`aispend import --mapping FILE`).
 *
 * A field is mapped to a column by name (`model: model_name`), to a
 * constant (`provider: {value: openrouter}`), or to a column with a value
 * map (`usageClass: {column: type, map: {prompt: input, completion: output}}`).
 * A row that carries several counts (prompt and completion tokens) becomes
 * one line per entry of `lines`; the row's cost goes on the first line
 * unless an entry names its own cost column.
 *
 *   version: 1
 *   name: LiteLLM spend logs
 *   columns:
 *     chargePeriodStart: startTime
 *     model: model
 *     provider: { value: litellm }
 *     billedCost: spend
 *     currency: { value: USD }
 *     subAccount: team_id
 *     credential: api_key
 *   tags: [user, end_user]
 *   lines:
 *     - { usageClass: input, quantity: prompt_tokens }
 *     - { usageClass: output, quantity: completion_tokens }
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { WorkbenchError } from '../../domain/errors';
import { USAGE_CLASSES } from '../../domain/usage';
import { LEDGER_LINE_FIELDS, ledgerFieldsWithout } from '../../domain/ledger-line';

const ColumnName = z.string().min(1).max(500);

/** A mapped field: a column name, a constant, or a column with a value map. */
export const FieldSource = z.union([
  ColumnName,
  z.object({ value: z.string().max(500) }).strict(),
  z.object({ column: ColumnName, map: z.record(z.string(), z.string()).optional(), default: z.string().optional() }).strict(),
]);
export type FieldSource = z.infer<typeof FieldSource>;

/** Ledger fields a mapping may fill: all but the raw model name (kept from the model column) and tags (mapped as tag columns). */
export const MAPPABLE_FIELDS = ledgerFieldsWithout(LEDGER_LINE_FIELDS, 'modelRaw', 'tags');
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

const Columns = z
  .object(Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, FieldSource.optional()])) as Record<MappableField, z.ZodOptional<typeof FieldSource>>)
  .strict()
  .refine((c) => c.chargePeriodStart !== undefined, { message: 'chargePeriodStart must be mapped', path: ['chargePeriodStart'] })
  .refine((c) => c.billedCost !== undefined, { message: 'billedCost must be mapped (the cost column the import reconciles to)', path: ['billedCost'] })
  .refine((c) => c.currency !== undefined, { message: 'currency must be mapped (a column or a constant such as {value: USD})', path: ['currency'] });

const LineEntry = z
  .object({
    usageClass: z.enum(USAGE_CLASSES),
    quantity: ColumnName,
    unit: z.string().max(100).optional(),
    billedCost: ColumnName.optional(),
  })
  .strict();

export const GenericMappingSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().max(200).optional(),
    format: z.literal('generic').optional(),
    decimal: z.enum(['.', ',']).optional(),
    dateOrder: z.enum(['mdy', 'dmy']).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    sheet: z.string().max(200).optional(),
    columns: Columns,
    tags: z.union([z.array(ColumnName).max(200), z.record(z.string(), ColumnName)]).optional(),
    lines: z.array(LineEntry).min(1).max(20).optional(),
  })
  .strict();
export type GenericMapping = z.infer<typeof GenericMappingSchema>;

/** Validates a mapping object, naming the field that is wrong. */
export function parseMapping(value: unknown, fileName = 'mapping'): GenericMapping {
  const result = GenericMappingSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new WorkbenchError('bad_input', `column mapping is invalid: ${issue?.message ?? 'unknown problem'}`, { file: fileName, ...(field ? { field } : {}) });
  }
  return result.data;
}

/** Reads a mapping saved as YAML. */
export function parseMappingYaml(text: string, fileName = 'mapping.yaml'): GenericMapping {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 50 });
  } catch (error) {
    throw new WorkbenchError('bad_input', `column mapping is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { file: fileName });
  }
  return parseMapping(value, fileName);
}

/** Writes a mapping as YAML for saving beside the workspace. */
export function mappingToYaml(mapping: GenericMapping): string {
  return `# AI Spend Workbench column mapping (generic CSV/XLSX)\n${stringifyYaml(mapping)}`;
}

/** Column names a mapping reads, for checking against a file's header. */
export function mappedColumns(mapping: GenericMapping): string[] {
  const out = new Set<string>();
  const add = (source: FieldSource | undefined): void => {
    if (source === undefined) return;
    if (typeof source === 'string') out.add(source);
    else if ('column' in source) out.add(source.column);
  };
  for (const f of MAPPABLE_FIELDS) add(mapping.columns[f]);
  if (Array.isArray(mapping.tags)) mapping.tags.forEach((t) => out.add(t));
  else if (mapping.tags) Object.values(mapping.tags).forEach((t) => out.add(t));
  for (const l of mapping.lines ?? []) {
    out.add(l.quantity);
    if (l.billedCost) out.add(l.billedCost);
  }
  return [...out];
}
