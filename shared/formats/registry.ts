/**
 * All format modules and the choice between them: every detector looks at
 * the sample, the most confident wins, and the user may override by id.
 */
import { WorkbenchError } from '../domain/errors';
import { aispendLedgerFormat } from './aispend-ledger';
import { anthropicCostFormat, anthropicUsageFormat } from './anthropic';
import { awsCurFormat } from './aws-cur';
import { azureCostFormat } from './azure-cost';
import { focusFormat } from './focus';
import { gcpBillingFormat } from './gcp-billing';
import { ledgerAggregateFormat } from './ledger-aggregate';
import { detectWithMapping, genericFormat } from './generic/generic';
import type { GenericMapping } from './generic/mapping';
import { openAiCostsFormat, openAiUsageFormat } from './openai/api';
import { openAiDashboardCsvFormat } from './openai/dashboard-csv';
import type { Detection, FormatModule, FormatSample } from './types';

/** Every format module, in the order ties between detections are broken. A format's id exists by being listed here. */
export const FORMATS = [
  focusFormat,
  openAiCostsFormat,
  openAiUsageFormat,
  openAiDashboardCsvFormat,
  anthropicUsageFormat,
  anthropicCostFormat,
  awsCurFormat,
  azureCostFormat,
  gcpBillingFormat,
  aispendLedgerFormat,
  ledgerAggregateFormat,
  genericFormat,
] as const satisfies readonly FormatModule<string>[];

export type FormatId = (typeof FORMATS)[number]['id'];

const BY_ID = new Map<string, FormatModule>(FORMATS.map((f) => [f.id, f]));

export const FORMAT_IDS: readonly FormatId[] = FORMATS.map((f) => f.id);

export function formatById(id: string): FormatModule | undefined {
  return BY_ID.get(id);
}

/** Every format that recognises the sample, most confident first (ties keep registry order). */
export function detectFormats(sample: FormatSample, options: { mapping?: GenericMapping } = {}): Detection[] {
  const found: Detection[] = [];
  for (const format of FORMATS) {
    if (!format.kinds.includes(sample.kind)) continue;
    let detection: Detection | null;
    try {
      detection = format.detect(sample);
    } catch {
      detection = null; // a detector that chokes on odd input simply does not claim the file
    }
    if (detection) found.push(detection);
  }
  if (options.mapping !== undefined) {
    const generic = detectWithMapping(sample, options.mapping);
    if (generic) found.push(generic);
  }
  return found.sort((a, b) => b.confidence - a.confidence);
}

export interface ChosenFormat {
  format: FormatModule;
  detection: Detection;
  /** The other formats that also claimed the file, for the wizard's override list. */
  alternatives: Detection[];
}

/**
 * The format to import a sample with: the user's choice when given (it must
 * exist and read this kind of record), else the most confident detection.
 * Throws WorkbenchError('unrecognised_format') naming the file when nothing
 * matches.
 */
export function chooseFormat(sample: FormatSample, options: { override?: string; version?: string; mapping?: GenericMapping } = {}): ChosenFormat {
  const detections = detectFormats(sample, { mapping: options.mapping });
  if (options.override !== undefined) {
    const format = formatById(options.override);
    if (!format) {
      throw new WorkbenchError('bad_input', `unknown format "${options.override}"; known formats: ${FORMAT_IDS.join(', ')}`, { file: sample.fileName, field: 'format' });
    }
    if (!format.kinds.includes(sample.kind)) {
      throw new WorkbenchError('unrecognised_format', `${format.label} cannot read a ${sample.kind === 'json' ? 'JSON' : 'tabular'} file`, { file: sample.fileName, field: 'format' });
    }
    const detected = detections.find((d) => d.formatId === format.id);
    const detection: Detection = detected
      ? { ...detected, version: options.version ?? detected.version }
      : { formatId: format.id, version: options.version ?? 'override', confidence: 0, decidedBy: [], kind: sample.kind };
    return { format, detection, alternatives: detections.filter((d) => d !== detected) };
  }
  const best = detections[0];
  if (!best) {
    const what = sample.kind === 'tabular' ? `columns ${sample.header.slice(0, 8).map((h) => `"${h}"`).join(', ')}${sample.header.length > 8 ? ', …' : ''}` : 'its JSON keys';
    throw new WorkbenchError('unrecognised_format', `no known statement format matches ${what}; choose a format or map the columns yourself`, { file: sample.fileName });
  }
  const format = formatById(best.formatId) as FormatModule;
  return { format, detection: options.version ? { ...best, version: options.version } : best, alternatives: detections.slice(1) };
}

/**
 * What an import's money is: 'billed' when the statement says what the vendor
 * billed (it reconciles to the file's cost column), 'list' when it carries
 * usage only and its cost comes from the price book at list prices.
 */
export function costBasisOf(format: FormatModule, version: string): 'billed' | 'list' {
  return format.costBasis === null || (format.usageOnlyVersions ?? []).includes(version) ? 'list' : 'billed';
}
