/**
 * The child regions of a cockpit as a map coloured by the chosen metric (the regions page's
 * approach: one registered ECharts map per feature set, matched by code). A click drills down.
 */
import { Empty, Spin } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../api/useApi';
import type { RegionLevel } from '../api/types';
import { EChart } from '../charts/EChart';
import { echarts, type ECElementEvent, type EChartsCoreOption } from '../charts/echarts';
import { isDrawable, type DrawableFeature } from '../regions/RegionMap';
import { COCKPIT_METRIC_LABELS, type CockpitMetric } from '../../../src/shared/cockpit-vocabulary';
import { arrivedChildShapes, fetchChildShapes, prefetchCockpit, type CockpitChild } from './api';
import { COLOUR_FILL, metricText, NO_DATA_FILL } from './format';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Props of {@link CockpitMap}. */
export interface CockpitMapProps {
  regionCode: string;
  childLevel: RegionLevel | null;
  items: CockpitChild[];
  metric: CockpitMetric;
  height: number | string;
  dark?: boolean;
  onDrill: (code: string) => void;
}

/** The coloured map of the child regions. */
export function CockpitMap({ regionCode, childLevel, items, metric, height, dark, onDrill }: CockpitMapProps) {
  // Shapes fetched beside the figures (fetchCockpit) are usually here already: drawn in this
  // render, not one effect and one render later.
  const ready = childLevel ? arrivedChildShapes(regionCode, childLevel) : undefined;
  const geo = useApi((signal) => (childLevel && !ready && !signal.aborted ? fetchChildShapes(regionCode, childLevel) : null), [regionCode, childLevel, ready]);
  // Until the new region's shapes arrive the old ones stay up; `drawn` says whose they are.
  const shown = ready ?? geo.data;
  const drawn = shown?.code;
  const features = useMemo(() => (shown?.collection.features ?? []).filter(isDrawable) as DrawableFeature[], [shown]);
  const byCode = useMemo(() => new Map(items.map((c) => [c.code, c])), [items]);

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (features.length === 0) return null;
    const mapName = `shuzhi-cockpit-${drawn}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features });
    const text = dark ? '#e6f4ff' : '#1f1f1f';
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { name?: string }) => {
          const child = byCode.get(params.name ?? '');
          if (!child) return '';
          return `<b>${escapeHtml(child.name)}</b><br/>${COCKPIT_METRIC_LABELS[metric]} ${metricText(metric, child.value)}<br/>本年受理 ${child.received} 件,超期在办 ${child.overdueOpen} 件`;
        },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          selectedMode: false,
          animation: false,
          data: features.map((f) => {
            const child = byCode.get(f.properties.code);
            return { name: f.properties.code, itemStyle: { areaColor: child?.colour ? COLOUR_FILL[child.colour] : NO_DATA_FILL } };
          }),
          itemStyle: { borderColor: dark ? '#0b1a33' : '#ffffff', borderWidth: 1 },
          label: {
            show: features.length <= 60,
            color: text,
            fontSize: dark ? 14 : 11,
            formatter: (params: { name?: string }) => {
              const child = byCode.get(params.name ?? '');
              return child ? `${child.name}\n${metricText(metric, child.value)}` : '';
            },
          },
          emphasis: { itemStyle: { areaColor: '#1677ff' }, label: { color: '#fff' } },
        },
      ],
    };
  }, [features, byCode, metric, drawn, dark]);

  if (!childLevel) return <Empty description="微网格没有下级区域" style={{ height }} />;
  if (geo.loading && !option) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!option) return <Empty description="下级区域没有边界数据" style={{ height }} />;
  const onClick = (event: ECElementEvent) => {
    if (event.componentType === 'series' && byCode.has(event.name)) {
      prefetchCockpit(event.name, metric);
      onDrill(event.name);
    }
  };
  return <EChart option={option} style={{ height }} onClick={onClick} data-testid="cockpit-map" data-region-code={drawn} />;
}
