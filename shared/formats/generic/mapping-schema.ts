/**
 * The column mapping's schema (zod) and its YAML form: what a mapping must
 * hold, checked where one comes in (the wizard, the CLI's --mapping file,
 * the API, the import threads) and written out beside the workspace. Apart
 * from mapping.ts, whose use on every import (which columns a mapping
 * reads) needs neither library: zod and yaml take about 45 ms to load, and
 * each import thread then loads them only for a generic file (measured in
 * a worker thread: zod 27-33 ms, yaml 13-15 ms).
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { WorkbenchError } from '../../domain/errors';
import { USAGE_CLASSES } from '../../domain/usage';
import { MAPPABLE_FIELDS, type MappableField } from './mapping';

const ColumnName = z.string().min(1).max(500);

/** A mapped field: a column name, a constant, or a column with a value map. */
export const FieldSource = z.union([
  ColumnName,
  z.object({ value: z.string().max(500) }).strict(),
  z.object({ column: ColumnName, map: z.record(z.string(), z.string()).optional(), default: z.string().optional() }).strict(),
]);
export type FieldSource = z.infer<typeof FieldSource>;

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
