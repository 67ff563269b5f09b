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
import { LEDGER_LINE_FIELDS, ledgerFieldsWithout } from '../../domain/ledger-line';
import type { FieldSource, GenericMapping } from './mapping-schema';

// The schema, parseMapping and the YAML form are in mapping-schema.ts (zod and yaml load with it).
export type { FieldSource, GenericMapping } from './mapping-schema';

/** Ledger fields a mapping may fill: all but the raw model name (kept from the model column) and tags (mapped as tag columns). */
export const MAPPABLE_FIELDS = ledgerFieldsWithout(LEDGER_LINE_FIELDS, 'modelRaw', 'tags');
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

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
