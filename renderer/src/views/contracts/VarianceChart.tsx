import { useMemo } from 'react';
import type { InvoiceCheckRun } from '../../../../shared/api/contracts';
import { useColorScheme } from '../../app/color-scheme';
import { Chart } from '../../components/Chart';
import { varianceOption } from './variance-option';

/** Billed − contracted: per line by day for one month, per vendor by month otherwise. */
export function VarianceChart({ run, label }: { run: Pick<InvoiceCheckRun, 'lines' | 'months'>; label: string }) {
  const scheme = useColorScheme();
  const option = useMemo(() => varianceOption(run, scheme), [run, scheme]);
  return <Chart option={option} label={label} testId="variance-chart" />;
}
