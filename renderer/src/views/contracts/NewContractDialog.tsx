import { useId, useState } from 'react';
import { addDays } from '../../../../shared/domain/calendar';
import type { ContractTermKey } from '../../../../shared/domain/contracts/types';
import { Dialog } from '../../components/Dialog';
import { providerName } from '../../format/labels';
import { TERM_FORMS, type NewContract } from './contract-forms';

export interface ExistingContract {
  name: string;
  vendor: string;
  start: string;
  end: string;
}

/**
 * A year's term for a new contract with `provider`: from the first day of
 * next month, or the day after the provider's last contract ends when that
 * is later (one contract per vendor on a day), to the day before the same
 * day a year later.
 */
export function defaultTerm(provider: string, existing: readonly ExistingContract[], today = new Date()): { start: string; end: string } {
  let start = new Date(Date.UTC(today.getFullYear(), today.getMonth() + 1, 1)).toISOString().slice(0, 10);
  for (const c of existing) if (c.vendor === provider && c.end >= start) start = addDays(c.end, 1);
  const end = addDays(`${Number(start.slice(0, 4)) + 1}${start.slice(4)}`, -1);
  return { start, end };
}

/**
 * "New contract" asks who and when first (provider, currency, the term's
 * dates) and which term to start with, so the contract opens valid and the
 * forms take it from there.
 */
export function NewContractDialog({ providers, existing, onClose, onCreate }: { providers: readonly string[]; existing: readonly ExistingContract[]; onClose: () => void; onCreate: (input: NewContract) => void }) {
  const ids = { provider: useId(), currency: useId(), start: useId(), end: useId(), term: useId() };
  const [provider, setProviderText] = useState(providers[0] ?? 'openai');
  const [currency, setCurrency] = useState('USD');
  const [start, setStart] = useState(() => defaultTerm(provider, existing).start);
  const [end, setEnd] = useState(() => defaultTerm(provider, existing).end);
  // Another provider: a term that does not overlap its contracts.
  const setProvider = (next: string) => {
    setProviderText(next);
    const term = defaultTerm(next.trim(), existing);
    setStart(term.start);
    setEnd(term.end);
  };
  const overlap = existing.find((c) => c.vendor === provider.trim() && c.start <= end && start <= c.end);
  const [firstTerm, setFirstTerm] = useState<ContractTermKey | ''>('discounts');
  const problem = !/^[a-z0-9][a-z0-9-]*$/.test(provider.trim())
    ? 'The provider is its id as the ledger writes it, in lower case ("openai").'
    : !/^[A-Z]{3}$/.test(currency.trim())
      ? 'The currency is a three-letter ISO code ("USD").'
      : !start || !end || end < start
        ? 'The term ends on or after the day it starts.'
        : overlap
          ? `The term overlaps ${overlap.name} (${overlap.start} to ${overlap.end}): a provider has one contract in force on a day.`
          : null;
  return (
    <Dialog
      title="New contract"
      description="Who it is with and when it runs; the terms are filled in next, in forms or YAML."
      onClose={onClose}
      onSubmit={() => {
        if (problem) return;
        onCreate({ provider: provider.trim(), providerName: providerName(provider.trim()), currency: currency.trim(), start, end, firstTerm: firstTerm || null });
      }}
      testId="new-contract-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={problem !== null}>
            Create
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={ids.provider}>Provider</label>
        <input id={ids.provider} className="input" list={`${ids.provider}-list`} value={provider} onChange={(e) => setProvider(e.target.value)} autoFocus />
        <datalist id={`${ids.provider}-list`}>
          {providers.map((p) => (
            <option key={p} value={p}>
              {providerName(p)}
            </option>
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={ids.currency}>Currency</label>
        <input id={ids.currency} className="input" value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} maxLength={3} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.start}>Term starts</label>
          <input id={ids.start} className="input" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.end}>Term ends</label>
          <input id={ids.end} className="input" type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.term}>Start with</label>
        <select id={ids.term} value={firstTerm} onChange={(e) => setFirstTerm(e.target.value as ContractTermKey | '')}>
          <option value="">no terms yet</option>
          {(Object.entries(TERM_FORMS) as [ContractTermKey, { title: string }][]).map(([key, form]) => (
            <option key={key} value={key}>
              {form.title}
            </option>
          ))}
        </select>
      </div>
      {problem ? (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}
