import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsReactModule from 'echarts-for-react/lib/core';
import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { useColorScheme } from '../app/color-scheme';

// Only what the app's charts draw; SVG keeps text crisp and lets tests read the legend.
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

// echarts-for-react ships CommonJS: its default export arrives wrapped when bundled as ESM.
const ReactEChartsCore = ((EChartsReactModule as unknown as { default?: typeof EChartsReactModule }).default ?? EChartsReactModule) as typeof EChartsReactModule;
const RENDER_OPTS = { renderer: 'svg' as const };
const FILL = { height: '100%', width: '100%' };

/** Whether the element has been laid out with a size (a view or tab kept mounted but hidden has none). */
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

/**
 * An ECharts chart in the OS colour scheme, as a figure named by `label`.
 * ECharts measures its container when it starts, so the chart is created
 * only once the frame has a size.
 */
export function Chart({ option, label, testId, className = 'chart', style }: { option: object; label: string; testId: string; className?: string; style?: CSSProperties }) {
  const scheme = useColorScheme();
  const frame = useRef<HTMLDivElement>(null);
  const hasSize = useHasSize(frame);
  return (
    <div ref={frame} className={className} style={style} role="figure" aria-label={label} data-testid={testId}>
      {hasSize ? <ReactEChartsCore echarts={echarts} option={option} notMerge theme={scheme === 'dark' ? 'dark' : undefined} opts={RENDER_OPTS} style={FILL} /> : null}
    </div>
  );
}
