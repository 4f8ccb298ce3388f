import { Alert, Card, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { RegionDetail, RegionFeatureProperties, RegionLevel } from '../api/types';
import { useApi } from '../api/useApi';
import { fetchRegionGeoJson } from './api';
import { LEVEL_LABELS, levelsBelow, mapLevelCandidates } from './levels';
import { isDrawable, RegionMap, type DrawableFeature } from './RegionMap';

interface MapContent {
  /** The level drawn; null when the region is drawn by itself (a micro-grid). */
  level: RegionLevel | null;
  features: DrawableFeature[];
}

async function loadMapContent(region: RegionDetail, chosen: RegionLevel | null, signal: AbortSignal): Promise<MapContent> {
  if (region.level === 'microgrid') {
    const self = {
      type: 'Feature' as const,
      properties: { code: region.code, name: region.name, level: region.level, parent_code: region.parentCode },
      geometry: region.geometry,
    };
    return { level: null, features: isDrawable(self) ? [self] : [] };
  }
  const candidates = chosen
    ? [chosen]
    : mapLevelCandidates(region.level).filter((level) => (region.descendants[level] ?? 0) > 0);
  for (const level of candidates) {
    const collection = await fetchRegionGeoJson(region.code, level, signal);
    const features = collection.features.filter(isDrawable);
    if (features.length > 0 || chosen) return { level, features };
  }
  return { level: candidates[0] ?? null, features: [] };
}

/** Props of {@link RegionMapPanel}. */
export interface RegionMapPanelProps {
  region: RegionDetail;
  height: number;
  onRegionClick: (properties: RegionFeatureProperties) => void;
}

/**
 * The map card of the selected region: its children's polygons at the most useful level
 * (a district's towns, a town's grids, a grid's micro-grids), with a switch between levels.
 * Mount it with `key={region.code}` so the level choice starts afresh for each region.
 */
export function RegionMapPanel({ region, height, onRegionClick }: RegionMapPanelProps) {
  const [chosen, setChosen] = useState<RegionLevel | null>(null);
  const [renderedKey, setRenderedKey] = useState<string | null>(null);
  const content = useApi((signal) => loadMapContent(region, chosen, signal), [region, chosen]);
  const data = content.data;
  const shown = data?.level ?? null;
  const mapKey = `${region.code}-${shown ?? 'self'}`;
  const levelOptions = levelsBelow(region.level).filter((level) => (region.descendants[level] ?? 0) > 0);

  let state: 'loading' | 'error' | 'empty' | 'rendering' | 'ready';
  if (content.loading || (!data && !content.error)) state = 'loading';
  else if (content.error) state = 'error';
  else if (!data || data.features.length === 0) state = 'empty';
  else state = renderedKey === mapKey ? 'ready' : 'rendering';

  const title =
    region.level === 'microgrid'
      ? `${region.name} · 地理范围`
      : `${region.name} · 下辖${shown ? LEVEL_LABELS[shown] : '区域'}分布`;

  return (
    <Card
      size="small"
      title={
        <Flex align="baseline" gap={8}>
          <span>{title}</span>
          {data && data.level && data.features.length > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              共 {data.features.length} 个
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        levelOptions.length > 1 &&
        (chosen ?? shown) && (
          <Segmented<RegionLevel>
            size="small"
            value={chosen ?? shown ?? undefined}
            options={levelOptions.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
            onChange={(level) => setChosen(level)}
          />
        )
      }
    >
      <div
        data-testid="region-map"
        data-state={state}
        data-region-code={region.code}
        data-region-name={region.name}
        style={{ position: 'relative', height }}
      >
        {state === 'error' && (
          <Alert type="error" showIcon title={`地图数据加载失败:${errorMessage(content.error)}`} />
        )}
        {state === 'empty' && (
          <Flex align="center" justify="center" style={{ height: '100%' }}>
            <Empty
              description={
                region.level === 'microgrid'
                  ? '该微网格暂无地理范围数据'
                  : `${shown ? `下辖${LEVEL_LABELS[shown]}` : '下级区域'}暂无地理范围数据`
              }
            />
          </Flex>
        )}
        {data && data.features.length > 0 && (
          <RegionMap
            key={mapKey}
            mapKey={mapKey}
            features={data.features}
            regionName={region.name}
            height={height}
            onRegionClick={onRegionClick}
            onRendered={() => setRenderedKey(mapKey)}
          />
        )}
        {state === 'loading' && (
          <Flex
            align="center"
            justify="center"
            style={{ position: 'absolute', inset: 0, background: 'rgba(255, 255, 255, 0.6)', zIndex: 1 }}
          >
            <Spin description="正在加载地图…">
              <div style={{ width: 160, height: 60 }} />
            </Spin>
          </Flex>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        滚轮缩放、拖动平移;点击区域查看详情。
      </Typography.Text>
    </Card>
  );
}
