import { useMemo } from 'react';
import { useColorScheme } from '../../app/color-scheme';
import { Chart } from '../../components/Chart';
import { monthlySpendOption, type MonthlySpend } from './chart-option';

export function MonthlySpendChart({ data, label }: { data: MonthlySpend; label: string }) {
  const scheme = useColorScheme();
  const option = useMemo(() => monthlySpendOption(data, scheme), [data, scheme]);
  return <Chart option={option} label={label} testId="monthly-chart" />;
}
