/**
 * OpenAI usage dashboard CSV downloads (platform.openai.com/usage → Export).
 * The Cost view exports flattened costs results (amount_value,
 * amount_currency, line_item, project_id, ...); the Activity view exports
 * flattened usage results (input_tokens, output_tokens, model, batch, ...).
 * Both carry start_time/end_time (Unix seconds) and *_iso twins.
 *
 * Source total (costs): amount_value per amount_currency. Activity is
 * usage-only.
 */
import { CellReader } from '../cells';
import { Columns, cell, presentColumns } from '../columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper } from '../types';
import { inferDecimalStyle } from '../values/numbers';
import { mapCostItem, mapUsageItem, type Getter } from './common';

const COST_COLUMNS = ['amount_value', 'amount_currency', 'start_time'];
const ACTIVITY_COLUMNS = ['input_tokens', 'output_tokens', 'num_model_requests', 'start_time'];
const SHARED = ['start_time_iso', 'end_time', 'project_id', 'line_item', 'model', 'api_key_id'];

function detect(sample: FormatSample): Detection | null {
  if (sample.kind !== 'tabular') return null;
  const cost = presentColumns(sample.header, COST_COLUMNS);
  const activity = presentColumns(sample.header, ACTIVITY_COLUMNS);
  const shared = presentColumns(sample.header, SHARED);
  if (cost.length === COST_COLUMNS.length) {
    return { formatId: 'openai-dashboard-csv', version: 'costs', confidence: shared.length >= 2 ? 1 : 0.85, decidedBy: [...cost, ...shared], kind: 'tabular' };
  }
  if (activity.length === ACTIVITY_COLUMNS.length) {
    return { formatId: 'openai-dashboard-csv', version: 'activity', confidence: shared.length >= 2 ? 1 : 0.85, decidedBy: [...activity, ...shared], kind: 'tabular' };
  }
  return null;
}

const FIELDS: Record<string, string[]> = {
  amount: ['amount_value', 'amount'],
  currency: ['amount_currency', 'currency'],
  start: ['start_time_iso', 'start_time'],
  end: ['end_time_iso', 'end_time'],
};

function createMapper(sample: FormatSample, options: MapOptions, detection?: Detection): RecordMapper {
  if (sample.kind !== 'tabular') throw new TypeError('the OpenAI dashboard export is a CSV');
  const c = new Columns(sample.header, options.fileName);
  const version = options.version ?? detection?.version ?? (c.has('amount_value') ? 'costs' : 'activity');
  if (version === 'costs') {
    c.require('amount_value', 'amount');
    c.require('amount_currency', 'currency');
  } else {
    c.require('input_tokens');
  }
  c.require('start_time_iso', 'start_time');
  const indexCache = new Map<string, number>();
  const indexOf = (field: string): number => {
    let i = indexCache.get(field);
    if (i === undefined) {
      i = c.index(...(FIELDS[field] ?? [field]));
      indexCache.set(field, i);
    }
    return i;
  };
  const amountIndex = indexOf('amount');
  const decimal = options.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, amountIndex >= 0 ? amountIndex : indexOf('input_tokens'))));
  const cells = new CellReader(decimal, options.dateOrder ?? 'mdy');
  const amountField = c.name(amountIndex, 'amount_value');
  return {
    map(record, row, sink) {
      const values = record as readonly string[];
      const get: Getter = (field) => {
        const v = cell(values, indexOf(field)).trim();
        return v === '' ? null : v;
      };
      if (version === 'costs') mapCostItem(get, row, cells, sink, amountField);
      else mapUsageItem(get, row, cells, sink);
    },
  };
}

export const openAiDashboardCsvFormat: FormatModule<'openai-dashboard-csv'> = {
  id: 'openai-dashboard-csv',
  label: 'OpenAI usage dashboard export (CSV)',
  kinds: ['tabular'],
  costBasis: 'amount_value per amount_currency (Cost export); none for the Activity export',
  usageOnlyVersions: ['activity'],
  detect,
  createMapper,
};
