import { Chart } from '../../components/Chart';

/** One chart of the compare view; `label` describes it for screen readers. */
export function ScenarioChart({ option, label, testId, height = 280 }: { option: object; label: string; testId: string; height?: number }) {
  return <Chart option={option} label={label} testId={testId} className="sc-chart" style={{ height }} />;
}
