import { useMemo } from 'react';
import type { SpendOverview } from '../../../../shared/api/overview';
import { Term } from '../../components/Term';
import { DataTable, type TableColumn, type TableGroups } from '../../components/table/DataTable';
import { providerName } from '../../format/labels';
import { withCurrencyCode } from '../../format/locale';
import { formatCount, formatExactAmount, formatMoney } from '../../format/money';

/** One model's line of the table (or a provider's other models summed), under its provider. */
interface ModelRow {
  provider: string;
  /** The model id; null for lines without one (fees, credits, tax). */
  model: string | null;
  /** How many models "other models" stands for; 0 for a named model. */
  others: number;
  lines: number;
  /** Exact billed cost: the table foots it, providers to the total and models to their provider. */
  billed: string;
}

const modelName = (r: ModelRow): string => (r.others > 0 ? `${formatCount(r.others)} other ${r.others === 1 ? 'model' : 'models'}` : r.model ?? 'no model (fees, credits, tax)');

const COLUMNS: TableColumn<ModelRow>[] = [
  {
    id: 'model',
    header: 'Provider and model',
    type: 'text',
    value: modelName,
    rowHeader: true,
    render: (r, text) => (r.model !== null && r.others === 0 ? <span className="mono">{text}</span> : <span className="muted">{text}</span>),
  },
  { id: 'lines', header: 'Lines', type: 'count', value: (r) => r.lines, total: true },
  { id: 'billed', header: 'Billed', type: 'money', value: (r) => r.billed, total: true },
];

const BY_PROVIDER: TableGroups<ModelRow> = { key: (r) => r.provider, label: providerName, header: 'Provider' };

function modelRows(o: SpendOverview): ModelRow[] {
  return o.providers.flatMap((p) => [
    ...p.models.map((m) => ({ provider: p.provider, model: m.model, others: 0, lines: m.lines, billed: m.billed.exact })),
    ...(p.otherModels ? [{ provider: p.provider, model: null, others: p.otherModels.count, lines: p.otherModels.lines, billed: p.otherModels.billed.exact }] : []),
  ]);
}

/**
 * Spend by provider and model over the whole ledger, dearest first: each
 * provider's row (folds away its models) with its subtotal, its models (the
 * rest summed as other models) under it, and the grand total. The shared
 * table foots the exact amounts by the one rounding rule: providers to the
 * total, models to their provider, so each level adds up as printed (the
 * backend's shown amounts, worked out the same way).
 */
export function SpendTable({ o }: { o: SpendOverview }) {
  const currency = o.currency ?? 'USD';
  const rows = useMemo(() => modelRows(o), [o]);
  // A provider the footing moved a cent from its own rounding: said under the table, since its statement reads the other figure.
  const moved = o.providers.filter((p) => formatMoney(p.billed.exact, currency) !== formatMoney(p.billed.shown, currency));
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Billed spend by provider and model{o.currency ? ` (${o.currency})` : ''}</h2>
        <span className="muted small">
          <Term name="roundedTotals">Rows add up to their totals</Term>
        </span>
      </div>
      <DataTable
        rows={rows}
        columns={COLUMNS}
        groups={BY_PROVIDER}
        groupProps={(provider) => ({ 'data-testid': 'spend-provider', 'data-provider': provider })}
        rowProps={() => ({ 'data-testid': 'spend-model' })}
        label="Billed spend by provider and model"
        currency={currency}
        rowKey={(r) => `${r.provider}/${r.others > 0 ? '*others' : r.model ?? ''}`}
        testId="spend-table"
        className="spend-table"
        footer
      />
      {moved.length > 0 ? (
        <p className="muted small spend-footing-note" data-testid="spend-footing-note">
          {`Rows are rounded so that they add up to the total as printed: ${moved
            .map((p) => `${providerName(p.provider)}’s exact ${withCurrencyCode(formatExactAmount(p.billed.exact), currency)} shows as ${formatMoney(p.billed.shown, currency)} (rounded on its own, as its statements’ totals read: ${formatMoney(p.billed.exact, currency)})`)
            .join('; ')}.`}
        </p>
      ) : null}
    </div>
  );
}
