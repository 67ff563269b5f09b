import { describe, expect, it } from 'vitest';
import { isWorkbenchError, type WorkbenchError } from '../../../shared/domain/errors';
import { chooseFormat, detectFormats, FORMAT_IDS } from '../../../shared/formats/registry';
import type { FormatSample } from '../../../shared/formats/types';
import { fromPlain } from '../../../shared/formats/values/json';
import { fixture, importFixture } from './helpers';

function catchError(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (error) {
    if (isWorkbenchError(error)) return error;
    throw error;
  }
  throw new Error('expected a WorkbenchError');
}

const focusSample: FormatSample = {
  kind: 'tabular',
  fileName: 'bill.csv',
  header: ['BilledCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ChargeCategory', 'EffectiveCost', 'ListCost', 'ServiceName', 'SkuPriceDetails'],
  rows: [],
};

describe('format registry', () => {
  it('lists every format once', () => {
    expect(new Set(FORMAT_IDS).size).toBe(FORMAT_IDS.length);
    expect(FORMAT_IDS).toEqual(['focus', 'openai-costs', 'openai-usage', 'openai-dashboard-csv', 'anthropic-usage', 'anthropic-cost', 'aws-cur', 'azure-cost', 'gcp-billing', 'aispend-ledger', 'ledger-aggregate', 'generic']);
  });

  it('names the version, the confidence and the columns that decided it', () => {
    const [best] = detectFormats(focusSample);
    expect(best).toEqual({ formatId: 'focus', version: '1.1', confidence: 1, decidedBy: ['BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'ChargeCategory', 'SkuPriceDetails'], kind: 'tabular' });
  });

  it('lets the user override detection by format id and version', () => {
    const chosen = chooseFormat(focusSample, { override: 'focus', version: '1.0' });
    expect(chosen.detection).toMatchObject({ formatId: 'focus', version: '1.0' });
    const error = catchError(() => chooseFormat(focusSample, { override: 'quickbooks' }));
    expect([error.code, error.field, error.file]).toEqual(['bad_input', 'format', 'bill.csv']);
    const wrongKind = catchError(() => chooseFormat(focusSample, { override: 'openai-costs' }));
    expect(wrongKind.code).toBe('unrecognised_format');
  });

  it('says which columns it saw when nothing matches', () => {
    const error = catchError(() => chooseFormat({ kind: 'tabular', fileName: 'x.csv', header: ['a', 'b'], rows: [['1', '2']] }));
    expect(error.code).toBe('unrecognised_format');
    expect(error.message).toContain('"a", "b"');
    expect(error.file).toBe('x.csv');
  });

  it('takes an OpenAI page of empty buckets for a costs download, with low confidence', () => {
    const sample: FormatSample = { kind: 'json', fileName: 'p.json', records: [fromPlain({ object: 'bucket', start_time: 1, end_time: 2, results: [] })] };
    expect(detectFormats(sample)[0]).toMatchObject({ formatId: 'openai-costs', confidence: 0.3 });
  });

  it('reports a required column missing under a forced format, naming the field', async () => {
    const error = await importFixture(fixture('anthropic-cost', 'cost-report.csv'), { format: 'focus' }).catch((e: unknown) => e);
    expect(isWorkbenchError(error) && [error.code, error.field, error.row, error.file]).toEqual(['invalid_file', 'BilledCost', 1, 'cost-report.csv']);
  });
});
