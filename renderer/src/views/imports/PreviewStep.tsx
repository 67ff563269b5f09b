import type { KeepChoice as Keep, PreviewOutput } from '../../../../shared/api/imports';
import { offersKeepAi } from '../../../../shared/formats/keep';
import { formatDay, formatLastDay } from '../../format/dates';
import { chargeCategoryLabel, providerName, serviceTierLabel, usageClassLabel } from '../../format/labels';
import { formatCount, formatExactAmount, formatQuantity } from '../../format/money';
import { ReconciliationTable, RejectionList } from './ReconciliationTable';

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
      <div className="table-scroll preview-lines">
        <table className="table compact" data-testid="preview-lines">
          <caption className="sr-only">Ledger lines as they will land</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Period</th>
              <th scope="col">Category</th>
              <th scope="col">Provider</th>
              <th scope="col">Model</th>
              <th scope="col">Usage class</th>
              <th scope="col">Tier</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col">Unit</th>
              <th scope="col" className="num">
                Billed cost
              </th>
              <th scope="col">Currency</th>
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((l, i) => (
              <tr key={`${l.sourceRow}-${i}`}>
                <td className="num">{l.sourceRow}</td>
                <td className="nowrap">{formatDay(l.chargePeriodStart)}</td>
                <td>{chargeCategoryLabel(l.chargeCategory)}</td>
                <td>{providerName(l.provider)}</td>
                <td title={l.modelRaw ?? undefined}>{l.model ?? <span className="muted">—</span>}</td>
                <td>{usageClassLabel(l.usageClass)}</td>
                <td>{serviceTierLabel(l.serviceTier)}</td>
                <td className="num">{l.quantity === null ? <span className="muted">not reported</span> : formatQuantity(l.quantity)}</td>
                <td>{l.unit}</td>
                <td className="num money">{l.billedCost === null ? <span className="muted">list price</span> : formatExactAmount(l.billedCost)}</td>
                <td>{l.currency}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
