/**
 * OpenAI Admin API JSON: organisation costs (`/v1/organization/costs`) and
 * usage (`/v1/organization/usage/completions` and the other usage
 * endpoints), as saved pages, arrays of buckets or JSON Lines.
 *
 * Costs: source total is amount.value per amount.currency, parsed exactly
 * from the JSON text (the API writes small amounts as 4.2e-05). Buckets are
 * [start_time, end_time) in Unix seconds; empty buckets are simply empty.
 * Usage carries no cost (usage-only: billed cost 0, priced later).
 */
import { CellReader } from '../cells';
import { firstResults, forEachResult, rejectNonObject } from '../buckets';
import type { Detection, FormatModule, FormatSample, RecordMapper } from '../types';
import { isJsonObject, lineOf, member, pathOf, textOf, type JsonObject, type JsonValue } from '../values/json';
import { mapCostItem, mapUsageItem, type Getter } from './common';

const COST_OBJECT = 'organization.costs.result';
const USAGE_OBJECT = /^organization\.usage\.[a-z_]+\.result$/;
const USAGE_KEYS = ['input_tokens', 'output_tokens', 'num_model_requests', 'input_cached_tokens', 'images', 'seconds', 'characters', 'usage_bytes', 'num_sessions'];

function bucketTimes(sample: FormatSample): boolean {
  if (sample.kind !== 'json') return false;
  return sample.records.some((r) => {
    const first = firstResults([r], 1)[0];
    const bucket = first?.bucket ?? (isJsonObject(r) ? (Array.isArray(member(r, 'data')) ? undefined : r) : undefined);
    return bucket !== undefined && member(bucket, 'start_time') !== undefined;
  });
}

function isOpenAiPage(sample: FormatSample): boolean {
  if (sample.kind !== 'json') return false;
  return sample.records.some((r) => {
    if (!isJsonObject(r)) return false;
    const object = textOf(member(r, 'object'));
    if (object === 'page' || object === 'bucket') return true;
    const data = member(r, 'data');
    return Array.isArray(data) && data.some((b) => isJsonObject(b) && textOf(member(b, 'object')) === 'bucket');
  });
}

function detectCosts(sample: FormatSample): Detection | null {
  if (sample.kind !== 'json') return null;
  const results = firstResults(sample.records);
  if (results.some(({ result }) => textOf(member(result, 'object')) === COST_OBJECT)) {
    return { formatId: 'openai-costs', version: 'v1', confidence: 1, decidedBy: ['object: organization.costs.result', 'amount.value'], kind: 'json' };
  }
  if (results.some(({ result }) => pathOf(result, 'amount.value') !== undefined) && bucketTimes(sample)) {
    return { formatId: 'openai-costs', version: 'v1', confidence: 0.8, decidedBy: ['amount.value', 'start_time'], kind: 'json' };
  }
  // A page of empty buckets says "OpenAI" but not which endpoint: costs is the likelier download.
  if (results.length === 0 && isOpenAiPage(sample)) {
    return { formatId: 'openai-costs', version: 'v1', confidence: 0.3, decidedBy: ['object: page', 'object: bucket'], kind: 'json' };
  }
  return null;
}

function detectUsage(sample: FormatSample): Detection | null {
  if (sample.kind !== 'json') return null;
  const results = firstResults(sample.records);
  const usageObject = results.find(({ result }) => USAGE_OBJECT.test(textOf(member(result, 'object')) ?? ''));
  if (usageObject) {
    const object = textOf(member(usageObject.result, 'object')) ?? '';
    return { formatId: 'openai-usage', version: object.split('.')[2] ?? 'completions', confidence: 1, decidedBy: [`object: ${object}`], kind: 'json' };
  }
  const keys = results.flatMap(({ result }) => USAGE_KEYS.filter((k) => member(result, k) !== undefined));
  if (keys.includes('input_tokens') && keys.includes('num_model_requests') && bucketTimes(sample)) {
    return { formatId: 'openai-usage', version: 'completions', confidence: 0.8, decidedBy: [...new Set(keys)], kind: 'json' };
  }
  return null;
}

/** Logical field → JSON path inside a result (bucket fields are read from the bucket). */
const COST_PATHS: Record<string, string> = { amount: 'amount.value', currency: 'amount.currency' };

function getterFor(bucket: JsonObject, result: JsonObject, paths: Record<string, string>): Getter {
  return (field) => {
    if (field === 'start' || field === 'end') {
      const key = field === 'start' ? 'start_time' : 'end_time';
      return textOf(member(result, key)) ?? textOf(member(bucket, key));
    }
    const path = paths[field] ?? field;
    const value = textOf(pathOf(result, path));
    return value === null || value.trim() === '' ? null : value;
  };
}

function costsMapper(): RecordMapper {
  // JSON numbers are always written with a decimal point.
  const cells = new CellReader('.', 'mdy');
  return {
    map(record, row, sink) {
      forEachResult(record as JsonValue, (bucket, result) => {
        mapCostItem(getterFor(bucket, result, COST_PATHS), lineOf(result, row), cells, sink, 'amount.value');
      }, rejectNonObject(sink, row));
    },
  };
}

function usageMapper(): RecordMapper {
  const cells = new CellReader('.', 'mdy');
  return {
    map(record, row, sink) {
      forEachResult(record as JsonValue, (bucket, result) => {
        mapUsageItem(getterFor(bucket, result, {}), lineOf(result, row), cells, sink);
      }, rejectNonObject(sink, row));
    },
  };
}

export const openAiCostsFormat: FormatModule<'openai-costs'> = {
  id: 'openai-costs',
  label: 'OpenAI costs API (JSON)',
  kinds: ['json'],
  costBasis: 'amount.value per amount.currency',
  detect: detectCosts,
  createMapper: () => costsMapper(),
};

export const openAiUsageFormat: FormatModule<'openai-usage'> = {
  id: 'openai-usage',
  label: 'OpenAI usage API (JSON)',
  kinds: ['json'],
  costBasis: null,
  detect: detectUsage,
  createMapper: () => usageMapper(),
};
