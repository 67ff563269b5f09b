import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsReactModule from 'echarts-for-react/lib/core';

// Only what the app's charts draw; SVG keeps text crisp and lets tests read the legend.
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

// echarts-for-react ships CommonJS: its default export arrives wrapped when bundled as ESM.
const ReactEChartsCore = ((EChartsReactModule as unknown as { default?: typeof EChartsReactModule }).default ?? EChartsReactModule) as typeof EChartsReactModule;
const RENDER_OPTS = { renderer: 'svg' as const };
const FILL = { height: '100%', width: '100%' };

/** The ECharts drawing itself: its own chunk (Chart.tsx loads it lazily), so the app paints before ECharts is parsed. */
export default function EChartCanvas({ option, dark }: { option: object; dark: boolean }) {
  return <ReactEChartsCore echarts={echarts} option={option} notMerge theme={dark ? 'dark' : undefined} opts={RENDER_OPTS} style={FILL} />;
}
