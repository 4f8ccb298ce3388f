/**
 * A case's place on a map of region polygons: the polygons as an ECharts `geo` component and
 * the point as a pin, optionally picked by a click or a tap (the click is converted back to
 * longitude/latitude). There are no base tiles: the polygons are the map.
 */
import { Empty, Flex, Spin } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import type { RegionDetail, RegionFeature } from '../api/types';
import { useApi } from '../api/useApi';
import { EChart } from '../charts/EChart';
import { echarts, type ECharts, type EChartsCoreOption } from '../charts/echarts';
import { fetchRegion, fetchRegionGeoJson, fetchRootRegions } from '../regions/api';
import { mapLevelCandidates } from '../regions/levels';
import { isDrawable, type DrawableFeature } from '../regions/RegionMap';

// The shared assembly draws regions only; a pin needs the geo component and scatter series.
echarts.use([GeoComponent, ScatterChart]);

/** A longitude/latitude pair (WGS-84). */
export interface LonLat {
  lon: number;
  lat: number;
}

/** The polygons of one region itself, when it has any. */
function selfFeature({ code, name, level, parentCode, geometry }: RegionDetail): DrawableFeature[] {
  const feature: RegionFeature = { type: 'Feature', properties: { code, name, level, parent_code: parentCode }, geometry };
  return isDrawable(feature) ? [feature] : [];
}

/** The polygons under a region at the first level below it that has any (towns, grids …). */
export async function loadRegionFeatures(code: string, signal: AbortSignal): Promise<DrawableFeature[]> {
  const region = await fetchRegion(code, signal);
  if (region.level === 'microgrid') return selfFeature(region);
  const levels = mapLevelCandidates(region.level).filter((level) => (region.descendants[level] ?? 0) > 0);
  for (const level of levels) {
    const features = (await fetchRegionGeoJson(region.code, level, signal)).features.filter(isDrawable);
    if (features.length > 0) return features;
  }
  return selfFeature(region);
}

/** The polygons of the caller's own scope, for picking a point. */
export async function loadScopeFeatures(signal: AbortSignal): Promise<DrawableFeature[]> {
  const root = (await fetchRootRegions(signal))[0];
  return root ? loadRegionFeatures(root.code, signal) : [];
}

/** The middle latitude of the polygons (their first rings are enough for the scale). */
function centreLatitude(features: DrawableFeature[]): number {
  const lats = features.flatMap((f) => {
    const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0];
    return (ring ?? []).map((point) => point[1] ?? 0);
  });
  return lats.length ? (Math.min(...lats) + Math.max(...lats)) / 2 : 30;
}

function pinData(point: LonLat | null): number[][] {
  return point ? [[point.lon, point.lat]] : [];
}

/** Props of {@link CaseMap}. */
export interface CaseMapProps {
  /** Names the registered map: the same key for the same polygons. */
  mapKey: string;
  features: DrawableFeature[] | undefined;
  loading?: boolean;
  point: LonLat | null;
  height: number;
  /** Makes the map a picker: a click anywhere places the point there. */
  onPick?: (point: LonLat) => void;
}

/** The polygons with the point as a red pin; a click picks a point when `onPick` is given. */
export function CaseMap({ mapKey, features, loading, point, height, onPick }: CaseMapProps) {
  const onPickRef = useRef(onPick);
  const pointRef = useRef(point);
  const chartRef = useRef<ECharts | null>(null);
  useEffect(() => {
    onPickRef.current = onPick;
    pointRef.current = point;
  });

  // A new point moves the pin only; re-setting the whole option would undo the person's zoom.
  useEffect(() => {
    chartRef.current?.setOption({ series: [{ id: 'pin', data: pinData(point) }] });
  }, [point]);

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!features || features.length === 0) return null;
    const mapName = `shuzhi-case-${mapKey}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features });
    // Names stay readable for a handful of polygons; with more they show on hover or tap.
    const labelled = features.length <= 8;
    const names = new Map(features.map((f) => [f.properties.code, f.properties.name]));
    const nameOf = (p: { name?: string }) => names.get(p.name ?? '') ?? '';
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: mapName,
        nameProperty: 'code',
        // Degrees of longitude shrink with latitude; this keeps shapes true at the map's centre.
        aspectScale: Math.cos((centreLatitude(features) * Math.PI) / 180),
        tooltip: { show: true, formatter: nameOf },
        roam: true,
        scaleLimit: { min: 0.8, max: 60 },
        layoutCenter: ['50%', '50%'],
        layoutSize: '94%',
        selectedMode: false,
        itemStyle: { areaColor: '#e6f4ff', borderColor: '#1d39c4', borderWidth: 0.6 },
        emphasis: { itemStyle: { areaColor: '#bae0ff' }, label: { show: true } },
        label: {
          show: labelled,
          fontSize: 11,
          color: '#595959',
          formatter: nameOf,
        },
      },
      series: [
        {
          id: 'pin',
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'pin',
          symbolSize: 30,
          symbolOffset: [0, '-50%'],
          itemStyle: { color: '#f5222d' },
          data: pinData(pointRef.current),
          tooltip: { formatter: '事件位置' },
          animation: false,
          z: 10,
        },
      ],
    };
  }, [features, mapKey]);

  const attach = (chart: ECharts) => {
    if (chartRef.current === chart) return;
    chartRef.current = chart;
    chart.getZr().on('click', (event) => {
      const pick = onPickRef.current;
      if (!pick) return;
      const value = chart.convertFromPixel({ geoIndex: 0 }, [event.offsetX, event.offsetY]) as number[] | undefined;
      const [lon, lat] = value ?? [];
      if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
      pick({ lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) });
    });
  };

  if (loading) {
    return (
      <Flex align="center" justify="center" style={{ height }}>
        <Spin description="正在加载地图…">
          <div style={{ width: 120, height: 40 }} />
        </Spin>
      </Flex>
    );
  }
  if (!option) {
    return (
      <Flex align="center" justify="center" style={{ height }}>
        <Empty description="暂无地图数据" />
      </Flex>
    );
  }
  return (
    <EChart
      option={option}
      style={{ height, cursor: onPick ? 'crosshair' : undefined }}
      onRendered={attach}
      data-testid="case-map"
      data-point={point ? `${point.lon},${point.lat}` : ''}
    />
  );
}

/** The polygons of the caller's scope, loaded once, for a picker map. */
export function useScopeFeatures() {
  return useApi((signal) => loadScopeFeatures(signal), []);
}
