import { providerName } from '../../format/labels';
import { formatCount } from '../../format/money';
import { useApiData } from '../../state/useApiData';

/** The providers in this workspace with their line counts, from the backend. */
export function ProviderPicker({ value, onChange }: { value: string; onChange: (provider: string) => void }) {
  const { data } = useApiData((c) => c.call('ledger.values', { field: 'provider' }), []);
  const values = data?.values ?? [];
  return (
    <label className="field-inline">
      <span>Provider</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="provider-picker">
        <option value="">All providers</option>
        {values.map((v) => (
          <option key={String(v.value)} value={String(v.value ?? '')}>
            {providerName(String(v.value ?? ''))} ({formatCount(v.lines)})
          </option>
        ))}
      </select>
    </label>
  );
}
