import { useEffect, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { echarts, type ECElementEvent, type ECharts, type EChartsCoreOption } from './echarts';

/** Props of {@link EChart}. */
export interface EChartProps {
  option: EChartsCoreOption;
  style?: CSSProperties;
  className?: string;
  /** A click on a data element (a polygon, a bar, …). */
  onClick?: (event: ECElementEvent) => void;
  /** Called after every completed render; the map uses it to say it is ready. */
  onRendered?: (chart: ECharts) => void;
  [dataAttribute: `data-${string}`]: string | undefined;
}

/**
 * A plain ECharts host: `echarts.init` on mount, `setOption` (not merged) when `option`
 * changes, resize with the window and the container, dispose on unmount.
 */
export function EChart({ option, style, className, onClick, onRendered, ...rest }: EChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const onClickRef = useRef(onClick);
  const onRenderedRef = useRef(onRendered);
  useLayoutEffect(() => {
    onClickRef.current = onClick;
    onRenderedRef.current = onRendered;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => onClickRef.current?.(event as ECElementEvent));
    chart.on('finished', () => onRenderedRef.current?.(chart));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    // The container also changes size without the window doing so (the menu collapses).
    const observer = new ResizeObserver(resize);
    observer.observe(host);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', resize);
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={hostRef} className={className} style={{ width: '100%', height: 400, ...style }} {...rest} />;
}
