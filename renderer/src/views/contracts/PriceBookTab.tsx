import type { GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ListCostStatus, PriceBorrowing, PriceRowListed, UnknownModel } from '../../../../shared/api/pricing';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { GRID_COLUMN_DEFAULTS, gridTheme } from '../../components/grid-theme';
import { formatCount, formatMoney, formatPrice } from '../../format/money';
import { providerName } from '../../format/labels';
import { useApiData } from '../../state/useApiData';
import './grid-modules';
import { perLabel, priceColumns } from './price-columns';

type EditDialog = { kind: 'override'; row: PriceRowListed } | { kind: 'clone'; row: PriceRowListed | null; provider: string; toModel: string } | null;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The workspace's price book: the shipped catalogue (and its as-of date), the
 * supplement and your own rows, searchable, with the edits procurement makes
 * — override a price from a date, add a model by cloning a row, import and
 * export CSV — and the models in the ledger nothing prices yet.
 */
export function PriceBookTab() {
  const client = useClient();
  const files = useFiles();
  const [reload, setReload] = useState(0);
  const [search, setSearch] = useState('');
  const [provider, setProvider] = useState('');
  const [source, setSource] = useState('');
  const [asOf, setAsOf] = useState('');
  const [selected, setSelected] = useState<PriceRowListed | null>(null);
  const [dialog, setDialog] = useState<EditDialog>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apiRef = useRef<GridApi | null>(null);

  const info = useApiData(
    (c) => Promise.all([c.call('pricing.info', {}), c.call('pricing.listCostStatus', {}), c.call('pricing.unknownModels', {}), c.call('pricing.borrowing', {})]),
    [reload],
  );
  const [book, listCosts, unknown, borrowing] = info.data ?? [];
  const [query, setQuery] = useState({ search: '', provider: '', source: '', asOf: '' });
  // Typing waits a moment before asking again.
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ search, provider, source, asOf }), 200);
    return () => clearTimeout(timer);
  }, [search, provider, source, asOf]);
  const rows = useApiData(
    (c) =>
      c.call('pricing.rows', {
        limit: 5000,
        ...(query.search ? { search: query.search } : {}),
        ...(query.provider ? { provider: query.provider } : {}),
        ...(query.source ? { source: query.source as 'catalogue' | 'supplement' | 'user' } : {}),
        ...(/^\d{4}-\d{2}-\d{2}$/.test(query.asOf) ? { asOf: query.asOf } : {}),
      }),
    [query, reload],
  );
  const columns = useMemo(() => priceColumns(), []);

  const changed = (message: string) => {
    setStatus(message);
    setSelected(null);
    setReload((n) => n + 1);
  };

  const importCsv = async () => {
    setError(null);
    try {
      const picked = await files.pickFile({ title: 'Import price rows', kind: 'Price book CSV', extensions: ['csv'] });
      if (!picked) return;
      setStatus(`Reading ${picked.name}…`);
      const result = await client.runJob('pricing.importCsv', { path: picked.path, fileName: picked.name }, (event) => setStatus(event.message)).result;
      changed(`Imported ${picked.name}: ${result.added} rows added, ${result.replaced} replaced, ${result.unchanged} unchanged. List costs are being refilled.`);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const exportCsv = async () => {
    setError(null);
    try {
      const result = await client.call('pricing.exportCsv', {});
      await files.saveText({ title: 'Export the price book', fileName: 'price-book.csv', kind: 'CSV', extensions: ['csv'], text: result.csv, writeTo: (path) => client.call('pricing.exportCsv', { path }) });
    } catch (e) {
      setError(describeError(e));
    }
  };

  const fillListCosts = async () => {
    setError(null);
    try {
      const result = await client.runJob('pricing.fillListCosts', {}).result;
      changed(`List costs filled from the price book: ${formatCount(result.filled)} lines changed, ${formatCount(result.unpriced)} lines without a price.`);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const remove = async (row: PriceRowListed) => {
    setError(null);
    try {
      await client.call('pricing.deleteUserRow', { id: row.row.id });
      changed(`Deleted your row ${row.row.id}.`);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const providers = book?.providers ?? [];
  const list = rows.data?.rows ?? [];

  return (
    <div className="price-book">
      <div className="panel book-facts" data-testid="price-book-info">
        {book ? (
          <dl className="facts-inline">
            <div>
              <dt>Catalogue</dt>
              <dd>
                {book.cataloguePackage} {book.catalogueVersion}, as of <strong data-testid="catalogue-as-of">{book.catalogueAsOf}</strong>
              </dd>
            </div>
            <div>
              <dt>Supplement</dt>
              <dd>{book.supplementAsOf ? `as of ${book.supplementAsOf}` : 'none'}</dd>
            </div>
            <div>
              <dt>Rows</dt>
              <dd>
                {formatCount(book.rows)}, {formatCount(book.userRows)} of them yours
              </dd>
            </div>
            {listCosts ? (
              <div>
                <dt>Ledger list costs</dt>
                <dd>
                  {formatCount(listCosts.vendor)} from vendors · {formatCount(listCosts.priceBook)} from the price book · {formatCount(listCosts.missing)} unknown
                  {listCosts.missing > 0 ? ` (${unknownListCostReasons(listCosts)})` : ''}
                  {listCosts.borrowed.length > 0 ? (
                    <span data-testid="borrowed-lines">
                      {' '}
                      · {formatCount(listCosts.borrowed.reduce((n, b) => n + b.lines, 0))} at a publisher&apos;s price (borrowed)
                    </span>
                  ) : null}{' '}
                  <button type="button" className="button small ghost" onClick={() => void fillListCosts()}>
                    Fill again
                  </button>
                </dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
      {info.error ? <ErrorNote message={describeError(info.error)} /> : null}
      {borrowing && listCosts ? <BorrowedPrices borrowing={borrowing} status={listCosts} /> : null}
      {unknown && unknown.models.length > 0 ? <UnknownModels models={unknown.models} onAdd={(m) => setDialog({ kind: 'clone', row: null, provider: m.provider, toModel: m.model })} /> : null}
      <div className="toolbar" role="toolbar" aria-label="Price book">
        <label className="field-inline">
          <span>Search</span>
          <input type="search" className="input" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="model, row id or note" data-testid="price-search" />
        </label>
        <label className="field-inline">
          <span>Provider</span>
          <select value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">All</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.models})
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Source</span>
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">All</option>
            <option value="catalogue">Catalogue</option>
            <option value="supplement">Supplement</option>
            <option value="user">Yours</option>
          </select>
        </label>
        <label className="field-inline">
          <span>In force on</span>
          <input type="date" className="input" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <div className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => void importCsv()} data-testid="import-prices">
          Import CSV…
        </button>
        <button type="button" className="button" onClick={() => void exportCsv()} data-testid="export-prices">
          Export CSV
        </button>
      </div>
      <div className="toolbar selection-bar" role="toolbar" aria-label="Selected price row">
        <span className="muted small" data-testid="selected-row">
          {selected
            ? `${selected.row.provider} ${selected.row.model} · ${selected.row.usageClass} · ${selected.row.serviceTier} · ${formatPrice(selected.row.price, selected.row.currency)} per ${perLabel(selected.row.per, selected.row.unit)}${selected.row.sourceUrl ? ` · source ${selected.row.sourceUrl}` : ''}${selected.row.checkedOn ? ` · checked ${selected.row.checkedOn}` : ''}`
            : 'Select a row to override its price or clone it.'}
        </span>
        <div className="toolbar-spacer" />
        <button type="button" className="button small" disabled={!selected} onClick={() => selected && setDialog({ kind: 'override', row: selected })} data-testid="override-price">
          Override from a date…
        </button>
        <button type="button" className="button small" disabled={!selected} onClick={() => selected && setDialog({ kind: 'clone', row: selected, provider: selected.row.provider, toModel: '' })} data-testid="clone-row">
          Clone as a new model…
        </button>
        <button type="button" className="button small ghost" disabled={selected?.row.source !== 'user'} onClick={() => selected && void remove(selected)}>
          Delete your row
        </button>
        <output className="toolbar-status">{rows.data ? `${formatCount(rows.data.total)} rows` : '…'}</output>
      </div>
      {status ? (
        <p className="status-note" role="status" data-testid="price-status">
          {status}
        </p>
      ) : null}
      {error ? <ErrorNote message={error} /> : null}
      {rows.error ? <ErrorNote message={describeError(rows.error)} /> : null}
      <div className="grid-host price-grid" data-testid="price-grid">
        <AgGridReact
          theme={gridTheme}
          rowData={list}
          columnDefs={columns}
          defaultColDef={GRID_COLUMN_DEFAULTS}
          getRowId={(p) => p.data.row.id}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          tooltipShowDelay={300}
        />
      </div>
      {dialog?.kind === 'override' ? <OverrideDialog row={dialog.row} onClose={() => setDialog(null)} onDone={changed} /> : null}
      {dialog?.kind === 'clone' ? <CloneDialog row={dialog.row} provider={dialog.provider} toModel={dialog.toModel} onClose={() => setDialog(null)} onDone={changed} /> : null}
    </div>
  );
}

/**
 * Where a reseller's line is priced at the publisher's list price: each
 * usage class borrowed for the same model, the ledger lines priced so, and
 * the names shared with a different model where nothing is borrowed.
 */
type BorrowedLine = ListCostStatus['borrowed'][number];
const BORROWED_LINE_COLUMNS: TableColumn<BorrowedLine>[] = [
  { id: 'reseller', header: 'Reseller', type: 'text', value: (b) => providerName(b.provider) },
  { id: 'model', header: 'Model', type: 'text', value: (b) => b.model, className: 'mono' },
  { id: 'usageClass', header: 'Usage class', type: 'text', value: (b) => b.usageClass },
  { id: 'pricedAt', header: 'Priced at', type: 'text', value: (b) => `${providerName(b.from)} list price` },
  { id: 'why', header: 'Why', type: 'text', value: (b) => (b.scope === 'model' ? 'the reseller does not list the model' : 'the reseller lists no price for this class') },
  { id: 'lines', header: 'Lines', type: 'count', value: (b) => b.lines },
];

type Borrowed = PriceBorrowing['borrowed'][number];
const BORROWED_COLUMNS: TableColumn<Borrowed>[] = [
  { id: 'reseller', header: 'Reseller', type: 'text', value: (b) => providerName(b.provider) },
  { id: 'model', header: 'Model', type: 'text', value: (b) => b.model, className: 'mono' },
  { id: 'usageClass', header: 'Usage class', type: 'text', value: (b) => `${b.usageClass}${b.meter ? ` (${b.meter})` : ''}` },
  { id: 'from', header: 'From', type: 'text', value: (b) => `${providerName(b.from)} ${b.fromModel}` },
  { id: 'row', header: 'Publisher’s row', type: 'text', value: (b) => b.rowId, className: 'mono small' },
];

type SharedName = PriceBorrowing['sharedNames'][number];
const SHARED_NAME_COLUMNS: TableColumn<SharedName>[] = [
  { id: 'reseller', header: 'Reseller', type: 'text', value: (n) => providerName(n.provider) },
  { id: 'model', header: 'Model', type: 'text', value: (n) => n.model, className: 'mono' },
  { id: 'notSame', header: 'Not the same as', type: 'text', value: (n) => `${providerName(n.publisher)} ${n.model}` },
  { id: 'evidence', header: 'Evidence', type: 'text', value: (n) => n.why, className: 'small' },
];

/** Billed in each model's own currency, so it prints and exports with it. */
function unknownModelColumns(onAdd: (m: UnknownModel) => void): TableColumn<UnknownModel>[] {
  return [
    { id: 'provider', header: 'Provider', type: 'text', value: (m) => providerName(m.provider) },
    { id: 'model', header: 'Model', type: 'text', value: (m) => m.model, className: 'mono' },
    { id: 'asBilled', header: 'As billed', type: 'text', value: (m) => m.modelRaw ?? '', className: 'mono small' },
    { id: 'lines', header: 'Lines', type: 'count', value: (m) => m.lines },
    { id: 'months', header: 'Months', type: 'text', value: (m) => `${m.firstMonth} to ${m.lastMonth}` },
    { id: 'billed', header: 'Billed', type: 'money', value: (m) => m.billedCost, text: (m) => formatMoney(m.billedCost, m.currency), csv: (m) => `${m.billedCost} ${m.currency}` },
    {
      id: 'action',
      header: 'Action',
      type: 'text',
      value: () => '',
      csv: () => null,
      render: (m) => (
        <button type="button" className="button small" onClick={() => onAdd(m)}>
          Add by cloning…
        </button>
      ),
    },
  ];
}

function BorrowedPrices({ borrowing, status }: { borrowing: PriceBorrowing; status: ListCostStatus }) {
  const lines = status.borrowed.reduce((n, b) => n + b.lines, 0);
  return (
    <details className="panel borrowed-prices" data-testid="borrowed-prices">
      <summary className="padded">
        <strong>Borrowed prices</strong>{' '}
        <span className="muted small">
          {formatCount(borrowing.borrowed.length)} reseller prices taken from the same model&apos;s publisher · {formatCount(lines)} ledger lines priced with one ·{' '}
          {formatCount(borrowing.sharedNames.length)} shared names never borrowed
        </span>
      </summary>
      <div className="padded">
        {status.borrowed.length > 0 ? (
          <>
            <p className="muted small">Ledger lines at a borrowed price (last fill)</p>
            <DataTable rows={status.borrowed} columns={BORROWED_LINE_COLUMNS} label="Ledger lines at a borrowed price" rowKey={(b) => `${b.provider}|${b.model}|${b.usageClass}|${b.from}`} />
          </>
        ) : null}
        <p className="muted small">Usage classes a reseller does not price, at the same model&apos;s publisher price</p>
        <DataTable rows={borrowing.borrowed} columns={BORROWED_COLUMNS} label="Borrowed prices" rowKey={(b) => `${b.provider}|${b.model}|${b.usageClass}|${b.meter ?? ''}`} />
        {borrowing.sharedNames.length > 0 ? (
          <>
            <p className="muted small">Same name, different model: nothing is borrowed between them</p>
            <DataTable rows={borrowing.sharedNames} columns={SHARED_NAME_COLUMNS} label="Same name, different model" rowKey={(n) => `${n.provider}|${n.model}`} />
          </>
        ) : null}
      </div>
    </details>
  );
}

/** Why lines have no list cost: "12 without a quantity, 3 not in the price book". */
function unknownListCostReasons(s: ListCostStatus): string {
  const unpriced = s.missing - s.withoutQuantity;
  return [s.withoutQuantity > 0 ? `${formatCount(s.withoutQuantity)} without a quantity` : null, unpriced > 0 ? `${formatCount(unpriced)} not priced by the price book` : null].filter(Boolean).join(', ');
}

function UnknownModels({ models, onAdd }: { models: UnknownModel[]; onAdd: (m: UnknownModel) => void }) {
  return (
    <div className="panel table-panel unknown-models" data-testid="unknown-models" tabIndex={0} role="region" aria-label="Models to price">
      <div className="panel-header padded">
        <h2>Models to price</h2>
        <span className="muted small">In the ledger, but nothing in the price book prices them: their list cost stays empty (never zero) until you add them.</span>
      </div>
      <DataTable rows={models} columns={unknownModelColumns(onAdd)} label="Models to price" rowKey={(m) => `${m.provider}|${m.model}|${m.currency}`} />
    </div>
  );
}

function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

function OverrideDialog({ row, onClose, onDone }: { row: PriceRowListed; onClose: () => void; onDone: (message: string) => void }) {
  const client = useClient();
  const [price, setPrice] = useState(row.row.price);
  const [from, setFrom] = useState(today());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await client.call('pricing.override', { baseRowId: row.row.id, price: price.trim(), effectiveFrom: from, note });
      onDone(`${row.row.model} ${row.row.usageClass} costs ${formatPrice(saved.price, saved.currency)} per ${perLabel(saved.per, saved.unit)} from ${from} (your row ${saved.id}); earlier days keep the old price.`);
      onClose();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Override a price from a date"
      description={`${providerName(row.row.provider)} ${row.row.model}, ${row.row.usageClass}, ${row.row.serviceTier}: now ${formatPrice(row.row.price, row.row.currency)} per ${perLabel(row.row.per, row.row.unit)} (${row.row.source} row).`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="override-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Override'}
          </button>
        </>
      }
    >
      <Field label={`New price (${row.row.currency} per ${perLabel(row.row.per, row.row.unit)})`}>{(id) => <input id={id} className="input mono" value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" required />}</Field>
      <Field label="From (this day on)">{(id) => <input id={id} className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />}</Field>
      <Field label="Source note" hint="Where the new price comes from (a price letter, the vendor page and its date).">
        {(id) => <input id={id} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}

function CloneDialog({ row, provider, toModel, onClose, onDone }: { row: PriceRowListed | null; provider: string; toModel: string; onClose: () => void; onDone: (message: string) => void }) {
  const client = useClient();
  const [model, setModel] = useState(toModel);
  const [fromModel, setFromModel] = useState(row?.row.model ?? '');
  const [from, setFrom] = useState(today());
  const [note, setNote] = useState('');
  const [whole, setWhole] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Which models of the provider can be copied (for a model found in the ledger, chosen here).
  const models = useApiData((c) => c.call('pricing.rows', { provider, limit: 5000 }), [provider]);
  const choices = useMemo(() => [...new Set((models.data?.rows ?? []).map((r) => r.row.model).filter((m) => m !== '*'))].sort(), [models.data]);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (row && !whole) {
        const saved = await client.call('pricing.cloneRow', { rowId: row.row.id, model: model.trim(), effectiveFrom: from, ...(note ? { note } : {}) });
        onDone(`Added ${model.trim()}: ${saved.usageClass} at ${formatPrice(saved.price, saved.currency)} per ${perLabel(saved.per, saved.unit)} from ${from}.`);
      } else {
        const result = await client.call('pricing.cloneModel', { provider, fromModel, toModel: model.trim(), effectiveFrom: from, note });
        onDone(`Added ${model.trim()} with ${result.rows.length} prices copied from ${fromModel}, from ${from}. List costs are being refilled.`);
      }
      onClose();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Add a model by cloning"
      description={`A new ${providerName(provider)} model priced like an existing one until its own prices are known. The copies are your rows, with a source note.`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="clone-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || model.trim() === '' || (whole || !row ? fromModel === '' : false)}>
            {busy ? 'Adding…' : 'Add the model'}
          </button>
        </>
      }
    >
      <Field label="New model id">{(id) => <input id={id} className="input mono" value={model} onChange={(e) => setModel(e.target.value)} required placeholder="gpt-5.5-mini" />}</Field>
      {row ? (
        <fieldset className="radio-group">
          <legend>Copy</legend>
          <label className="checkbox-row">
            <input type="radio" name="clone-scope" checked={whole} onChange={() => setWhole(true)} />
            <span>every price of {row.row.model} in force on the start day</span>
          </label>
          <label className="checkbox-row">
            <input type="radio" name="clone-scope" checked={!whole} onChange={() => setWhole(false)} />
            <span>
              only this row ({row.row.usageClass}, {row.row.serviceTier})
            </span>
          </label>
        </fieldset>
      ) : (
        <Field label="Copy the prices of">
          {(id) => (
            <select id={id} value={fromModel} onChange={(e) => setFromModel(e.target.value)} required>
              <option value="">Choose a model…</option>
              {choices.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Prices start on">{(id) => <input id={id} className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />}</Field>
      <Field label="Source note" hint="Why these prices (e.g. “priced like gpt-4.1 until OpenAI publishes”).">
        {(id) => <input id={id} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}
