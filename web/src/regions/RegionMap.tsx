import { useMemo } from 'react';
import type { PolygonGeometry, RegionFeature, RegionFeatureProperties } from '../api/types';
import { EChart } from '../charts/EChart';
import { echarts, type ECElementEvent, type EChartsCoreOption } from '../charts/echarts';

/** A feature the map can draw. */
export interface DrawableFeature extends RegionFeature {
  geometry: PolygonGeometry;
}

/** True when the feature has a polygon to draw. */
export function isDrawable(feature: RegionFeature): feature is DrawableFeature {
  const type = feature.geometry?.type;
  return type === 'Polygon' || type === 'MultiPolygon';
}

interface MapDatum {
  name: string;
  regionName: string;
  itemStyle: { areaColor: string };
}

// Soft fills that keep dark borders and labels readable; neighbours under one parent share one.
const PALETTE = ['#bae0ff', '#d9f7be', '#fff1b8', '#ffd8bf', '#efdbff', '#b5f5ec', '#ffd6e7', '#d6e4ff', '#f4ffb8'];

/** Above this many polygons every label would overlap; names then show on hover only. */
const MAX_LABELLED = 60;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function centreLatitude(features: DrawableFeature[]): number {
  let min = 90;
  let max = -90;
  for (const feature of features) {
    const rings = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
    for (const ring of rings) {
      for (const point of ring) {
        const lat = point[1];
        if (lat === undefined) continue;
        if (lat < min) min = lat;
        if (lat > max) max = lat;
      }
    }
  }
  return min <= max ? (min + max) / 2 : 30;
}

/** Props of {@link RegionMap}. */
export interface RegionMapProps {
  /** Names the registered map: the same key for the same region and level. */
  mapKey: string;
  features: DrawableFeature[];
  /** Shown in `data-region-name` so tests and people can tell which map is up. */
  regionName: string;
  height: number | string;
  onRegionClick: (properties: RegionFeatureProperties) => void;
  onRendered?: () => void;
}

/**
 * The polygons of a set of regions as an ECharts map: one registered map per feature set,
 * matched by code (names repeat across towns), coloured by parent, with hover and tooltip.
 */
export function RegionMap({ mapKey, features, regionName, height, onRegionClick, onRendered }: RegionMapProps) {
  const byCode = useMemo(() => new Map(features.map((f) => [f.properties.code, f.properties])), [features]);

  const option = useMemo<EChartsCoreOption>(() => {
    // One name per region and level: re-registering replaces the parsed shapes, and the
    // registry (which has no unregister) stays as small as the places visited.
    const mapName = `shuzhi-${mapKey}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features });

    const parents = [...new Set(features.map((f) => f.properties.parent_code ?? ''))].sort();
    const colourOf = new Map(parents.map((p, i) => [p, PALETTE[i % PALETTE.length] as string]));
    const data: MapDatum[] = features.map((f) => ({
      name: f.properties.code,
      regionName: f.properties.name,
      itemStyle: { areaColor: colourOf.get(f.properties.parent_code ?? '') ?? '#e6f4ff' },
    }));
    const labelOf = (params: { data?: unknown; name?: string }) =>
      (params.data as MapDatum | undefined)?.regionName ?? params.name ?? '';
    const labelled = features.length <= MAX_LABELLED;
    // Degrees of longitude shrink with latitude; this keeps shapes true at the map's centre.
    const aspectScale = Math.cos((centreLatitude(features) * Math.PI) / 180);

    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { data?: unknown; name?: string }) => {
          const datum = params.data as MapDatum | undefined;
          if (!datum) return '';
          return `<b>${escapeHtml(datum.regionName)}</b><br/>编码 ${escapeHtml(datum.name)}`;
        },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          scaleLimit: { min: 0.8, max: 40 },
          aspectScale,
          layoutCenter: ['50%', '50%'],
          layoutSize: '94%',
          selectedMode: false,
          animation: false,
          data,
          itemStyle: { borderColor: '#1d39c4', borderWidth: 0.6, areaColor: '#e6f4ff' },
          label: { show: labelled, formatter: labelOf, fontSize: 11, color: '#1f1f1f' },
          emphasis: {
            itemStyle: { areaColor: '#ffc53d', borderColor: '#ad4e00', borderWidth: 1.2 },
            label: { show: true, formatter: labelOf, fontWeight: 'bold', color: '#000' },
          },
        },
      ],
    };
  }, [features, mapKey]);

  const onClick = (event: ECElementEvent) => {
    if (event.componentType !== 'series') return;
    const properties = byCode.get(event.name);
    if (properties) onRegionClick(properties);
  };

  return (
    <EChart
      option={option}
      style={{ height }}
      onClick={onClick}
      onRendered={onRendered}
      data-testid="region-map-chart"
      data-region-name={regionName}
    />
  );
}
