import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsReactModule from 'echarts-for-react/lib/core';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useColorScheme } from '../../app/color-scheme';
import { monthlySpendOption, type MonthlySpend } from './chart-option';

// Only what this chart draws; SVG keeps text crisp and lets tests read the legend.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

// echarts-for-react ships CommonJS: its default export arrives wrapped when bundled as ESM.
const ReactEChartsCore = ((EChartsReactModule as unknown as { default?: typeof EChartsReactModule }).default ?? EChartsReactModule) as typeof EChartsReactModule;

const RENDER_OPTS = { renderer: 'svg' as const };

/** Whether the element has been laid out with a size (a view kept mounted but hidden has none). */
function useHasSize(ref: RefObject<HTMLElement | null>): boolean {
  const [hasSize, setHasSize] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0 && entry.contentRect.height > 0) setHasSize(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return hasSize;
}

export function MonthlySpendChart({ data, label }: { data: MonthlySpend; label: string }) {
  const scheme = useColorScheme();
  const option = useMemo(() => monthlySpendOption(data, scheme), [data, scheme]);
  const frame = useRef<HTMLDivElement>(null);
  // ECharts measures its container when it starts: wait until there is one to measure.
  const hasSize = useHasSize(frame);
  return (
    <div ref={frame} className="chart" role="figure" aria-label={label} data-testid="monthly-chart">
      {hasSize ? (
        <ReactEChartsCore echarts={echarts} option={option} notMerge theme={scheme === 'dark' ? 'dark' : undefined} opts={RENDER_OPTS} style={{ height: '100%', width: '100%' }} />
      ) : null}
    </div>
  );
}
