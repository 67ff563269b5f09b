import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsReactModule from 'echarts-for-react/lib/core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useColorScheme } from '../../app/color-scheme';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

// echarts-for-react ships CommonJS: its default export arrives wrapped when bundled as ESM.
const ReactEChartsCore = ((EChartsReactModule as unknown as { default?: typeof EChartsReactModule }).default ?? EChartsReactModule) as typeof EChartsReactModule;
const RENDER_OPTS = { renderer: 'svg' as const };

/** Whether the element has a size yet (a view kept mounted but hidden has none, and ECharts measures on start). */
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

/** One chart of the compare view; `label` describes it for screen readers. */
export function ScenarioChart({ option, label, testId, height = 280 }: { option: object; label: string; testId: string; height?: number }) {
  const scheme = useColorScheme();
  const frame = useRef<HTMLDivElement>(null);
  const hasSize = useHasSize(frame);
  return (
    <div ref={frame} className="sc-chart" style={{ height }} role="figure" aria-label={label} data-testid={testId}>
      {hasSize ? <ReactEChartsCore echarts={echarts} option={option} notMerge theme={scheme === 'dark' ? 'dark' : undefined} opts={RENDER_OPTS} style={{ height: '100%', width: '100%' }} /> : null}
    </div>
  );
}
