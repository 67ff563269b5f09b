import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parse, stringify } from 'yaml';
import type { ContractIssue, ContractSummary } from '../../../../shared/api/contracts';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { providerName } from '../../format/labels';
import { useWorkspace } from '../../state/StoresContext';
import { useApiData } from '../../state/useApiData';
import { CommitmentDraftsPanel, type CommitmentDraft, type CommitmentDrafts } from './CommitmentDraftsPanel';
import { ContractForm } from './ContractForm';
import { newContractFile } from './contract-forms';
import { ContractDrawdownPanel } from './ContractDrawdownPanel';
import { ContractMonthsTable } from './ContractMonthsTable';
import { ContractYamlEditor } from './ContractYamlEditor';
import { NewContractDialog } from './NewContractDialog';

/** What the editor holds: a stored contract, or a draft (new, or read from a file) not stored yet. */
type Editing = { kind: 'stored'; id: string; fileName: string } | { kind: 'draft'; fileName: string | null };

/** The file name a new contract is stored under: its id, when the YAML says one. */
function draftFileName(yaml: string): string {
  try {
    const doc = parse(yaml) as { id?: unknown } | null;
    if (doc && typeof doc.id === 'string' && /^[a-z0-9][a-z0-9._-]*$/.test(doc.id)) return `${doc.id}.yaml`;
  } catch {
    // Not valid YAML yet: validation says so.
  }
  return 'contract.yaml';
}

export function ContractsTab({ active }: { active: boolean }) {
  const client = useClient();
  const files = useFiles();
  const { info } = useWorkspace();
  const [reload, setReload] = useState(0);
  const list = useApiData((c) => c.call('contracts.list', {}), [reload]);
  const contracts = list.data?.contracts ?? [];

  const [editing, setEditing] = useState<Editing | null>(null);
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [issues, setIssues] = useState<ContractIssue[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [creating, setCreating] = useState(false);
  // A draft just opened has not been checked yet: it is not called valid until it has.
  const [checking, setChecking] = useState(false);
  // Drafts read from a FOCUS Contract Commitment dataset, and the one open in the editor.
  const [commitmentDrafts, setCommitmentDrafts] = useState<CommitmentDrafts | null>(null);
  const [openedDraft, setOpenedDraft] = useState<string | null>(null);

  // Another workspace: nothing selected from the old one. An import into this one (which also moves the revision) keeps the contract the user is on.
  const workspaceKey = info ? `${info.path}\n${info.id}` : null;
  const shownWorkspace = useRef(workspaceKey);
  useEffect(() => {
    if (workspaceKey === null || shownWorkspace.current === workspaceKey) return;
    const first = shownWorkspace.current === null;
    shownWorkspace.current = workspaceKey;
    if (first) return;
    setEditing(null);
    setCommitmentDrafts(null);
  }, [workspaceKey]);


  const previousId = editing?.kind === 'stored' ? editing.id : undefined;
  const fileName = editing?.kind === 'stored' ? editing.fileName : (editing?.fileName ?? draftFileName(text));

  // Validate as the user types (debounced): every problem, next to its field.
  useEffect(() => {
    if (editing === null) return;
    let current = true;
    const timer = setTimeout(() => {
      client.call('contracts.validate', { yaml: text, fileName, ...(previousId ? { previousId } : {}) }).then(
        (r) => {
          if (!current) return;
          setIssues(r.issues);
          setChecking(false);
        },
        (e: unknown) => {
          if (!current) return;
          setError(describeError(e));
          setChecking(false);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text, fileName, previousId, editing]);

  // The latest opening wins: the first contract opened by default must not replace one the user clicked while it loaded.
  const openRequest = useRef(0);
  const openStored = useCallback(
    async (summary: ContractSummary) => {
      const request = ++openRequest.current;
      setError(null);
      setStatus(null);
      try {
        const got = await client.call('contracts.get', { id: summary.id });
        if (request !== openRequest.current) return;
        setOpenedDraft(null);
        setEditing({ kind: 'stored', id: summary.id, fileName: summary.file });
        setText(got.yaml);
        setSavedText(got.yaml);
        setIssues([]);
      } catch (e) {
        if (request === openRequest.current) setError(describeError(e));
      }
    },
    [client],
  );

  // Open the first contract when the list arrives and nothing is open.
  const first = contracts[0];
  useEffect(() => {
    if (editing === null && first && active) void openStored(first);
  }, [editing, first, active, openStored]);

  function openDraft(yaml: string, name: string | null, found: ContractIssue[] = [], fromDataset: string | null = null) {
    openRequest.current += 1;
    setOpenedDraft(fromDataset);
    setEditing({ kind: 'draft', fileName: name });
    setChecking(true);
    setText(yaml);
    setSavedText('');
    setIssues(found);
    setStatus(null);
    setError(null);
  }

  async function importFile() {
    setError(null);
    try {
      const picked = await files.pickFile({ title: 'Import a contract', kind: 'Contract (YAML or term-sheet workbook)', extensions: ['yaml', 'yml', 'xlsx'] });
      if (!picked) return;
      setBusy(true);
      const read = await client.call('contracts.importFile', { path: picked.path });
      openDraft(read.yaml, read.fileName.replace(/\.(xlsx|xlsm)$/i, '.yaml'), read.issues);
      setStatus(`Read ${picked.name}: review the terms, then save.`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  /** FOCUS 1.3's Contract Commitment dataset read into drafts, each to complete and save. */
  async function importCommitments() {
    setError(null);
    try {
      const picked = await files.pickFile({ title: 'Import FOCUS contract commitments', kind: 'FOCUS Contract Commitment dataset (CSV or Parquet)', extensions: ['csv', 'parquet'] });
      if (!picked) return;
      setBusy(true);
      const read = await client.call('contracts.draftsFromFocusCommitments', { path: picked.path });
      setCommitmentDrafts(read);
      const only = read.drafts.length === 1 ? read.drafts[0] : undefined;
      if (only) openCommitmentDraft(only);
      else setStatus(`Read ${read.drafts.length} draft contracts from ${picked.name}: open each, complete it, then save.`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  function openCommitmentDraft(draft: CommitmentDraft) {
    openDraft(draft.yaml, draft.fileName, draft.issues, draft.contractId);
    setStatus(
      draft.toComplete.length === 0
        ? `Draft ${draft.contractId}: the dataset holds commitments only; add the contract's other terms, then save.`
        : `Draft ${draft.contractId}: complete the ${draft.toComplete.length === 1 ? 'item' : `${draft.toComplete.length} items`} listed above (and at the top of the YAML), then save.`,
    );
  }

  /** The stored contracts' commitments as FOCUS 1.3's Contract Commitment dataset (the rows the FOCUS cost export's ContractApplied names). */
  async function exportCommitments() {
    setError(null);
    try {
      const dataset = await client.call('contracts.exportFocusCommitments', {});
      await files.saveText({
        title: 'Export FOCUS contract commitments',
        fileName: 'contract-commitments.csv',
        kind: 'CSV',
        extensions: ['csv'],
        text: dataset.csv,
        writeTo: (path) => client.call('contracts.exportFocusCommitments', { path }),
      });
      setStatus(`Contract Commitment dataset: ${dataset.rows} commitment period${dataset.rows === 1 ? '' : 's'} of ${dataset.contracts} contract${dataset.contracts === 1 ? '' : 's'}.`);
    } catch (e) {
      setError(describeError(e));
    }
  }

  /** The stored contract as procurement's term-sheet workbook, to send for review; an edited sheet comes back in through Import. */
  async function exportTermSheet(id: string) {
    setError(null);
    try {
      let versions = 0;
      const saved = await files.saveFile({
        title: 'Export the term sheet',
        fileName: `${id}-term-sheet.xlsx`,
        kind: 'Excel workbook',
        extensions: ['xlsx'],
        writeTo: async (path, overwrite) => {
          versions = (await client.call('contracts.exportTermSheet', { id, path, overwrite })).versions;
        },
      });
      if (saved) setStatus(`Term sheet of ${id} written${versions > 0 ? `: the terms as signed and ${versions} version${versions === 1 ? '' : 's'}` : ''}.`);
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function save() {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const saved = await client.call('contracts.save', { yaml: text, fileName, ...(previousId ? { previousId } : {}) });
      setEditing({ kind: 'stored', id: saved.id, fileName: saved.file });
      setSavedText(text);
      setStatus(`Saved ${saved.name}.`);
      // A saved draft of the dataset leaves the list of drafts.
      if (openedDraft !== null) {
        const done = openedDraft;
        setCommitmentDrafts((d) => (d ? { ...d, drafts: d.drafts.filter((x) => x.contractId !== done) } : d));
        setOpenedDraft(null);
      }
      setReload((n) => n + 1);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (editing?.kind !== 'stored') return;
    setBusy(true);
    try {
      await client.call('contracts.delete', { id: editing.id });
      setEditing(null);
      setText('');
      setStatus('Deleted.');
      setReload((n) => n + 1);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      setConfirmDelete(false);
    }
  }

  const dirty = editing !== null && text !== savedText;
  const selected = editing?.kind === 'stored' ? contracts.find((c) => c.id === editing.id) : undefined;
  const title = useMemo(() => (editing?.kind === 'stored' ? (selected?.name ?? editing.id) : editing ? 'New contract (not saved)' : ''), [editing, selected]);

  return (
    <div className="contracts-layout">
      <aside className="panel contract-list" aria-label="Stored contracts">
        <div className="panel-header">
          <h2>Stored contracts</h2>
        </div>
        <div className="contract-actions">
          <button type="button" className="button small" onClick={() => setCreating(true)} data-testid="new-contract">
            New contract
          </button>
          <button type="button" className="button small" onClick={() => void importFile()} disabled={busy} data-testid="import-contract">
            Import YAML or term sheet…
          </button>
          <button type="button" className="button small" onClick={() => void importCommitments()} disabled={busy} data-testid="import-commitments" title="FOCUS 1.3 Contract Commitment dataset (CSV or Parquet): one draft contract per ContractId">
            Import FOCUS commitments…
          </button>
          <button type="button" className="button small" onClick={() => void exportCommitments()} disabled={busy || contracts.length === 0} data-testid="export-commitments" title="FOCUS 1.3 Contract Commitment dataset: one row per true-up period of each commitment">
            Export FOCUS commitments…
          </button>
        </div>
        {list.error ? <ErrorNote message={describeError(list.error)} /> : null}
        {contracts.length === 0 && !list.loading ? <p className="muted small">No contracts yet: add one, or import a term sheet.</p> : null}
        <ul className="contract-items" data-testid="contract-list">
          {contracts.map((c) => (
            <li key={c.id}>
              <button type="button" className={editing?.kind === 'stored' && editing.id === c.id ? 'contract-item active' : 'contract-item'} onClick={() => void openStored(c)} aria-current={editing?.kind === 'stored' && editing.id === c.id ? 'true' : undefined}>
                <span className="contract-name">{c.name}</span>
                <span className="muted small">
                  {providerName(c.vendor)} · {c.start} to {c.end} · {c.currency}
                </span>
                {c.highlights.length > 0 ? <span className="small contract-terms">{c.highlights.join(' · ')}</span> : null}
                {c.versions.length > 0 ? (
                  <span className="small muted contract-terms" data-testid="contract-version-list">
                    {c.versions.map((v) => `v${v.number} from ${v.effectiveFrom} (${v.reason})${v.changes.length > 0 ? `: ${v.changes.join('; ')}` : ''}`).join(' · ')}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="contract-detail">
        {commitmentDrafts ? <CommitmentDraftsPanel drafts={commitmentDrafts} opened={openedDraft} onOpen={openCommitmentDraft} onDismiss={() => setCommitmentDrafts(null)} /> : null}
        {editing === null ? (
          <EmptyState title="No contract open" icon="contracts">
            Choose a contract on the left, start a new one, or import a YAML file or a term-sheet workbook (layout in scenarios/contracts/README.md).
          </EmptyState>
        ) : (
          <>
            <div className="panel">
              <div className="panel-header">
                <h2 data-testid="contract-title">{title}</h2>
                <div className="toolbar-inline">
                  <span className={checking ? 'badge badge-neutral' : issues.length === 0 ? 'badge badge-good' : 'badge badge-bad'} data-testid="contract-validity">
                    {checking ? 'Checking…' : issues.length === 0 ? 'Valid' : `${issues.length} problem${issues.length === 1 ? '' : 's'}`}
                  </span>
                  {dirty ? <span className="badge badge-neutral">Unsaved changes</span> : null}
                  <button type="button" className="button primary small" onClick={() => void save()} disabled={busy || checking || issues.length > 0 || !dirty} data-testid="save-contract">
                    Save
                  </button>
                  {editing.kind === 'stored' ? (
                    <>
                      <button type="button" className="button small" onClick={() => setText(savedText)} disabled={!dirty}>
                        Revert
                      </button>
                      <button type="button" className="button small" onClick={() => void exportTermSheet(editing.id)} disabled={busy || dirty} data-testid="export-term-sheet" title={dirty ? 'Save or revert first: the term sheet is written from the stored contract' : 'The terms as a term-sheet workbook (.xlsx), in the layout Import reads back'}>
                        Export term sheet…
                      </button>
                      <button type="button" className="button small ghost" onClick={() => setConfirmDelete(true)} disabled={busy}>
                        Delete…
                      </button>
                    </>
                  ) : null}
                </div>
              </div>
              <p className="muted small">
                {fileName}. The terms as forms and as YAML, one text: an edit on either side shows on the other, and each problem shows beside its field and its line. Amounts are decimal text, percentages are “15” for 15%, dates are 2026-01-31.
              </p>
              {status ? (
                <p className="status-note" role="status">
                  {status}
                </p>
              ) : null}
              {error ? <ErrorNote message={error} /> : null}
              <div className="contract-edit-split">
                <ContractForm text={text} onChange={setText} issues={issues} />
                <ContractYamlEditor value={text} onChange={setText} issues={issues} label={`Contract YAML: ${title}`} />
              </div>
            </div>
            {editing.kind === 'stored' && !dirty ? <ContractMonthsTable id={editing.id} reload={reload} /> : null}
            {editing.kind === 'stored' && !dirty ? <ContractDrawdownPanel id={editing.id} reload={reload} /> : null}
          </>
        )}
      </div>
      {creating ? (
        <NewContractDialog
          providers={info?.providers ?? []}
          existing={contracts.map((c) => ({ name: c.name, vendor: c.vendor, start: c.start, end: c.end }))}
          onClose={() => setCreating(false)}
          onCreate={(input) => {
            setCreating(false);
            openDraft(stringify(newContractFile(input, contracts.map((c) => c.id)), { lineWidth: 0 }), null);
            setStatus('A new contract: fill in its terms, then save.');
          }}
        />
      ) : null}
      {confirmDelete && editing?.kind === 'stored' ? (
        <Dialog
          title="Delete this contract?"
          description={`${title} is removed from the workspace, with its stored invoice checks. The ledger is not changed.`}
          onClose={() => setConfirmDelete(false)}
          onSubmit={() => void remove()}
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
              <button type="submit" className="button primary" disabled={busy}>
                Delete
              </button>
            </>
          }
        />
      ) : null}
    </div>
  );
}
