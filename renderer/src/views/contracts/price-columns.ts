import type { ColDef } from 'ag-grid-community';
import type { PriceRowListed } from '../../../../shared/api/pricing';
import { contextBandLabel } from '../../../../shared/domain/pricebook/context-band';
import { providerName, serviceTierLabel, usageClassLabel } from '../../format/labels';
import { formatPrice } from '../../format/money';

/** "1000000 token" → "1M tokens". */
export function perLabel(per: number, unit: string): string {
  const u = unit.replace('_', '-');
  if (per === 1) return u;
  const n = per % 1_000_000 === 0 ? `${per / 1_000_000}M` : per % 1_000 === 0 ? `${per / 1_000}k` : String(per);
  return `${n} ${u}s`;
}

/** The price book's rows as the grid shows them: key, dates, price, where it comes from. */
export function priceColumns(): ColDef<PriceRowListed>[] {
  return [
    { colId: 'provider', headerName: 'Provider', width: 116, valueGetter: (p) => p.data?.row.provider, valueFormatter: (p) => providerName(p.value as string) },
    { colId: 'model', headerName: 'Model', width: 200, valueGetter: (p) => p.data?.row.model },
    { colId: 'usageClass', headerName: 'Usage class', width: 196, valueGetter: (p) => p.data?.row.usageClass, valueFormatter: (p) => usageClassLabel(p.value as string) },
    { colId: 'tier', headerName: 'Tier', width: 95, valueGetter: (p) => p.data?.row.serviceTier, valueFormatter: (p) => serviceTierLabel(p.value as string) },
    { colId: 'band', headerName: 'Prompt band', width: 120, headerTooltip: 'The prompt-length band the price is for: "base" up to a long-context threshold, ">200k" for prompts over 200,000 tokens', valueGetter: (p) => contextBandLabel(p.data?.row.contextAbove ?? null) },
    { colId: 'from', headerName: 'From', width: 100, valueGetter: (p) => p.data?.row.effectiveFrom ?? '' },
    {
      colId: 'price',
      headerName: 'Price',
      width: 95,
      type: 'rightAligned',
      cellClass: 'num',
      valueGetter: (p) => p.data?.row.price,
      valueFormatter: (p) => (p.value && p.data ? formatPrice(p.value as string, p.data.row.currency) : ''),
    },
    { colId: 'per', headerName: 'Per', width: 95, valueGetter: (p) => (p.data ? perLabel(p.data.row.per, p.data.row.unit) : '') },
    {
      colId: 'source',
      headerName: 'Source',
      width: 95,
      valueGetter: (p) => p.data?.row.source,
      cellClassRules: { 'source-user': (p) => p.value === 'user' },
    },
    {
      colId: 'checked',
      headerName: 'Checked',
      width: 100,
      valueGetter: (p) => p.data?.row.checkedOn ?? '',
      headerTooltip: 'The day a hand-kept row was last checked against its source page',
      tooltip: (p) => p.data?.row.sourceUrl ?? '',
    },
    {
      colId: 'overridden',
      headerName: 'Overridden from',
      width: 150,
      valueGetter: (p) => p.data?.overriddenFrom ?? '',
      headerTooltip: 'A row of yours takes over this price from that day',
    },
    {
      colId: 'note',
      headerName: 'Source note',
      flex: 1,
      minWidth: 260,
      valueGetter: (p) => (p.data ? `${p.data.verify ? '⚠ verify: ' : ''}${p.data.row.note}${p.data.row.sourceUrl ? ` — source ${p.data.row.sourceUrl}` : ''}` : ''),
      tooltip: (p) => p.value as string,
      cellClassRules: { 'verify-cell': (p) => p.data?.verify === true },
    },
    { colId: 'to', headerName: 'Until', width: 100, valueGetter: (p) => p.data?.row.effectiveTo ?? '', headerTooltip: 'The first day the row no longer applies' },
    { colId: 'region', headerName: 'Region', width: 80, valueGetter: (p) => p.data?.row.region ?? 'any' },
    { colId: 'meter', headerName: 'Meter', width: 90, valueGetter: (p) => p.data?.row.meter ?? '' },
    { colId: 'id', headerName: 'Row id', width: 300, valueGetter: (p) => p.data?.row.id, cellClass: 'mono small' },
  ];
}
