import { Suspense, useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { download } from '../api/files';
import { useColorScheme } from '../app/color-scheme';
import { chartFileName, chartPng } from './chart-image';
import { preloadable } from './preloadable';

// ECharts is over half a megabyte: loaded beside the first data, not before the first paint (bench/open-demo).
const { Component: EChartCanvas, preload: preloadChart } = preloadable(() => import('./EChartCanvas').then((m) => m.default));

/** Fetches and parses ECharts ahead of the first chart (the app calls it after its first paint). */
export { preloadChart };

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

interface LegendOption {
  legend?: { show?: boolean; data?: (string | { name: string })[] };
  series?: { name?: string }[];
}

/** The names the chart's legend shows (its own list, else every named series); empty when it has none. */
export function legendNames(option: object): string[] {
  const { legend, series } = option as LegendOption;
  if (!legend || legend.show === false) return [];
  if (legend.data) return legend.data.map((d) => (typeof d === 'string' ? d : d.name));
  return (series ?? []).map((s) => s.name ?? '').filter((name) => name !== '');
}

/** Copy the chart to the clipboard as an image, or save it as a PNG: for a slide or an email. */
function ChartActions({ frame, label }: { frame: RefObject<HTMLDivElement | null>; label: string }) {
  const [status, setStatus] = useState('');
  const image = () => {
    if (!frame.current) throw new Error('the chart is not on screen');
    return chartPng(frame.current);
  };
  const copy = async () => {
    try {
      // The promise goes to the clipboard at once, so the browser still counts the click as the user's.
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': image() })]);
      setStatus('Copied the chart as an image.');
    } catch (error) {
      setStatus(`Could not copy the chart (${error instanceof Error ? error.message : String(error)}): save it as a PNG instead.`);
    }
  };
  const save = async () => {
    try {
      download(await image(), chartFileName(label));
      setStatus('');
    } catch (error) {
      setStatus(`Could not save the chart: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="chart-actions">
      <output className="muted small" aria-live="polite">
        {status}
      </output>
      <button type="button" className="button ghost small" onClick={() => void copy()} aria-label={`Copy the chart “${label}” as an image`} data-testid="chart-copy">
        Copy
      </button>
      <button type="button" className="button ghost small" onClick={() => void save()} aria-label={`Save PNG of the chart “${label}”`} data-testid="chart-save">
        Save PNG
      </button>
    </div>
  );
}

/**
 * An ECharts chart in the OS colour scheme, as a figure named by `label`,
 * with its copy and save-as-PNG actions. ECharts measures its container when
 * it starts, so the chart is created only once the frame has a size.
 */
export function Chart({ option, label, testId, className = 'chart', style }: { option: object; label: string; testId: string; className?: string; style?: CSSProperties }) {
  const scheme = useColorScheme();
  const frame = useRef<HTMLDivElement>(null);
  const hasSize = useHasSize(frame);
  return (
    <div className={`chart-figure ${className}`} style={style} role="figure" aria-label={label} data-testid={testId} data-legend={JSON.stringify(legendNames(option))}>
      <div ref={frame} className="chart-canvas">
        {hasSize ? (
          <Suspense fallback={null}>
            <EChartCanvas option={option} dark={scheme === 'dark'} />
          </Suspense>
        ) : null}
      </div>
      <ChartActions frame={frame} label={label} />
    </div>
  );
}
