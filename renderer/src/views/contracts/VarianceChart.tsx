import { BarChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsReactModule from 'echarts-for-react/lib/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InvoiceCheckRun } from '../../../../shared/api/contracts';
import { useColorScheme } from '../../app/color-scheme';
import { varianceOption } from './variance-option';

echarts.use([BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

// echarts-for-react ships CommonJS: its default export arrives wrapped when bundled as ESM.
const ReactEChartsCore = ((EChartsReactModule as unknown as { default?: typeof EChartsReactModule }).default ?? EChartsReactModule) as typeof EChartsReactModule;
const RENDER_OPTS = { renderer: 'svg' as const };

/** Billed − contracted: per line by day for one month, per vendor by month otherwise. */
export function VarianceChart({ run, label }: { run: Pick<InvoiceCheckRun, 'lines' | 'months'>; label: string }) {
  const scheme = useColorScheme();
  const option = useMemo(() => varianceOption(run, scheme), [run, scheme]);
  const frame = useRef<HTMLDivElement>(null);
  // ECharts measures its container when it starts: wait until there is one to measure (a hidden tab has none).
  const [hasSize, setHasSize] = useState(false);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0 && entry.contentRect.height > 0) setHasSize(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} className="chart" role="figure" aria-label={label} data-testid="variance-chart">
      {hasSize ? <ReactEChartsCore echarts={echarts} option={option} notMerge theme={scheme === 'dark' ? 'dark' : undefined} opts={RENDER_OPTS} style={{ height: '100%', width: '100%' }} /> : null}
    </div>
  );
}
