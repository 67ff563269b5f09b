import type { KeepChoice as Keep, PreviewLine, PreviewOutput } from '../../../../shared/api/imports';
import { offersKeepAi } from '../../../../shared/formats/keep';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { formatDay, formatLastDay } from '../../format/dates';
import { chargeCategoryLabel, providerName, serviceTierLabel, usageClassLabel } from '../../format/labels';
import { formatCount, formatExactAmount, formatQuantity } from '../../format/money';
import { ReconciliationTable, RejectionList } from './ReconciliationTable';

/** The previewed lines as they will land: every digit of the cost as the file gave it, an unreported quantity said so (never 0). */
const PREVIEW_COLUMNS: TableColumn<PreviewLine>[] = [
  { id: 'row', header: 'Row', type: 'count', value: (l) => l.sourceRow, text: (l) => String(l.sourceRow) },
  { id: 'period', header: 'Period', type: 'text', value: (l) => formatDay(l.chargePeriodStart), className: 'nowrap' },
  { id: 'category', header: 'Category', type: 'text', value: (l) => chargeCategoryLabel(l.chargeCategory) },
  { id: 'provider', header: 'Provider', type: 'text', value: (l) => providerName(l.provider) },
  { id: 'model', header: 'Model', type: 'text', value: (l) => l.model ?? '', render: (l, text) => (l.model === null ? <span className="muted">—</span> : <span title={l.modelRaw ?? undefined}>{text}</span>) },
  { id: 'usageClass', header: 'Usage class', type: 'text', value: (l) => usageClassLabel(l.usageClass) },
  { id: 'tier', header: 'Tier', type: 'text', value: (l) => serviceTierLabel(l.serviceTier) },
  { id: 'quantity', header: 'Quantity', type: 'quantity', value: (l) => l.quantity, text: (l) => (l.quantity === null ? 'not reported' : formatQuantity(l.quantity)), render: (l, text) => (l.quantity === null ? <span className="muted">{text}</span> : text) },
  { id: 'unit', header: 'Unit', type: 'text', value: (l) => l.unit },
  {
    id: 'billedCost',
    header: 'Billed cost',
    type: 'money',
    value: (l) => l.billedCost,
    currency: (l) => l.currency,
    text: (l) => (l.billedCost === null ? 'list price' : formatExactAmount(l.billedCost)),
    csv: (l) => l.billedCost,
    render: (l, text) => (l.billedCost === null ? <span className="muted">{text}</span> : text),
  },
  { id: 'currency', header: 'Currency', type: 'text', value: (l) => l.currency },
];

export type OnRejects = 'import' | 'abort';
export type OnOverlap = 'ask' | 'skip' | 'replace' | 'keep';

export function OverlapChoice({ value, onChange }: { value: OnOverlap; onChange: (value: OnOverlap) => void }) {
  const options: [OnOverlap, string][] = [
    ['skip', 'Skip this file'],
    ['replace', 'Replace the earlier import (its lines are removed in the same step)'],
    ['keep', 'Keep both'],
  ];
  return (
    <fieldset className="choices" data-testid="overlap-choice">
      <legend>The period overlaps an earlier import of the same provider and account</legend>
      {options.map(([v, label]) => (
        <label key={v} className="radio-row">
          <input type="radio" name="overlap" checked={value === v} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** A whole cloud account's export: every line, or the AI lines with the rest summed (the workspace remembers the choice). */
export function KeepChoice({ value, onChange }: { value: Keep; onChange: (value: Keep) => void }) {
  return (
    <fieldset className="choices" data-testid="keep-choice">
      <legend>Lines to keep from this cloud export</legend>
      <label className="radio-row">
        <input type="radio" name="keep" checked={value === 'all'} onChange={() => onChange('all')} />
        Every line
      </label>
      <label className="radio-row">
        <input type="radio" name="keep" checked={value === 'ai'} onChange={() => onChange('ai')} />
        AI lines one by one; the rest summed per day, service, account, charge category and currency (same totals, a much smaller workspace)
      </label>
    </fieldset>
  );
}

/** The first rows as they will land, the rows that will be rejected and why; nothing is written yet. */
export function PreviewStep({
  preview,
  onRejects,
  onRejectsChange,
  onOverlap,
  onOverlapChange,
  keep,
  onKeepChange,
}: {
  preview: PreviewOutput;
  keep: Keep;
  onKeepChange: (value: Keep) => void;
  onRejects: OnRejects;
  onRejectsChange: (value: OnRejects) => void;
  onOverlap: OnOverlap;
  onOverlapChange: (value: OnOverlap) => void;
}) {
  const usageOnly = preview.costBasis === 'list';
  return (
    <div className="wizard-step" data-testid="wizard-preview">
      <p>
        <strong>{preview.detection.label}</strong> <span className="muted">version {preview.detection.version}</span>. The first {formatCount(preview.rowsRead)} rows give{' '}
        {formatCount(preview.lines.length)} ledger lines{preview.rowsRejected > 0 ? `; ${formatCount(preview.rowsRejected)} rows would be rejected` : ''}.
        {usageOnly ? ' This statement carries usage only: its lines are priced from the price book at list prices.' : ''}
      </p>

      {offersKeepAi(preview.detection.formatId) ? <KeepChoice value={keep} onChange={onKeepChange} /> : null}
      {offersKeepAi(preview.detection.formatId) && keep === 'ai' ? (
        <p className="muted small" data-testid="keep-preview-note">
          The preview lists every line as read; the import sums the lines that are not AI into one per day, service, account, charge category and currency.
        </p>
      ) : null}

      {preview.likelyOverlaps.length > 0 ? (
        <div className="notice" data-testid="likely-overlaps">
          <p>
            These rows fall into the period of{' '}
            {preview.likelyOverlaps.map((o) => `import #${o.id} (${o.fileName}, ${formatDay(o.periodStart)} – ${formatLastDay(o.periodEnd)})`).join(' and ')} of the same provider and account.
          </p>
          <OverlapChoice value={onOverlap === 'ask' ? 'keep' : onOverlap} onChange={onOverlapChange} />
        </div>
      ) : null}

      {preview.rowsRejected > 0 ? (
        <>
          <RejectionList rejected={preview.rejected} total={preview.rowsRejected} caption="Rows that will be rejected" />
          <fieldset className="choices" data-testid="rejects-choice">
            <legend>When rows are rejected</legend>
            <label className="radio-row">
              <input type="radio" name="rejects" checked={onRejects === 'import'} onChange={() => onRejectsChange('import')} />
              Import the other rows (the rejected ones are listed with the import)
            </label>
            <label className="radio-row">
              <input type="radio" name="rejects" checked={onRejects === 'abort'} onChange={() => onRejectsChange('abort')} />
              Import nothing
            </label>
          </fieldset>
        </>
      ) : null}

      {preview.linesWithoutQuantity > 0 ? (
        <p className="note" role="note" data-testid="preview-without-quantity">
          {formatCount(preview.linesWithoutQuantity)} of the {formatCount(preview.lines.length)} previewed lines give a cost but no quantity: they land as “not reported”, never as 0. The
          invoice check can re-price them only with the vendor’s usage report for the same days, imported beside this file.
        </p>
      ) : null}
      <DataTable rows={preview.lines} columns={PREVIEW_COLUMNS} label="Ledger lines as they will land" rowKey={(l, i) => `${l.sourceRow}-${i}`} testId="preview-lines" className="preview-lines" compact />
      {!usageOnly ? (
        <>
          <h3 className="subhead">Totals of the previewed rows</h3>
          <ReconciliationTable totals={preview.totals} caption="Totals of the previewed rows" />
        </>
      ) : null}
      {preview.unknownModels.length > 0 ? (
        <p className="muted small">Models not in the price book (imported as they are, listed for pricing): {preview.unknownModels.map((m) => m.modelId).join(', ')}.</p>
      ) : null}
    </div>
  );
}
