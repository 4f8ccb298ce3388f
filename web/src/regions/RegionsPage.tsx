import { Alert, Card, Empty, Flex, Skeleton } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import type { RegionFeatureProperties, RegionView } from '../api/types';
import { useApi } from '../api/useApi';
import { useWindowHeight } from '../layout/useWindowHeight';
import { fetchRegion } from './api';
import { LocateCard } from './LocateCard';
import { RegionDrawer } from './RegionDrawer';
import { RegionMapPanel } from './RegionMapPanel';
import { RegionSummary } from './RegionSummary';
import { RegionTree } from './RegionTree';

/**
 * 区域与网格: the region tree and the coordinate locator on the left; the selected region's
 * card and the map of what lies below it on the right. The selection lives in `?code=`, so
 * the back button and shared links work.
 */
export function RegionsPage() {
  const [params, setParams] = useSearchParams();
  const selectedCode = params.get('code');
  const [clicked, setClicked] = useState<RegionFeatureProperties | null>(null);
  const [scopeRoots, setScopeRoots] = useState<ReadonlySet<string> | undefined>(undefined);
  const windowHeight = useWindowHeight();

  const select = useCallback(
    (code: string, replace = false) => {
      if (code === selectedCode) return;
      setParams({ code }, { replace });
    },
    [setParams, selectedCode],
  );

  const onRootsLoaded = useCallback(
    (roots: RegionView[]) => {
      setScopeRoots(new Set(roots.map((r) => r.code)));
      const first = roots[0];
      if (!selectedCode && first) select(first.code, true);
    },
    [selectedCode, select],
  );

  const detail = useApi((signal) => (selectedCode ? fetchRegion(selectedCode, signal) : null), [selectedCode]);
  const region = detail.data?.code === selectedCode ? detail.data : undefined;

  // Fill the window below the header: the tree leaves room for the locate card under it,
  // the map for the region card above it.
  const treeHeight = Math.max(280, windowHeight - 430);
  const mapHeight = Math.max(420, windowHeight - 320);

  return (
    <Flex gap={16} align="start">
      <Flex vertical gap={16} style={{ width: 320, flex: 'none' }}>
        <Card title="区域树" size="small">
          <RegionTree
            selectedCode={selectedCode}
            selectedChain={region?.chain ?? null}
            onSelect={(code) => select(code)}
            onRootsLoaded={onRootsLoaded}
            height={treeHeight}
          />
        </Card>
        <LocateCard onSelect={(code) => select(code)} scopeRoots={scopeRoots} />
      </Flex>
      <Flex vertical gap={16} style={{ flex: 1, minWidth: 0 }}>
        {detail.error ? (
          <Alert type="error" showIcon title={`区域加载失败:${errorMessage(detail.error)}`} />
        ) : !selectedCode ? (
          <Card>
            <Empty description="请在左侧选择区域" />
          </Card>
        ) : !region ? (
          <Card>
            <Skeleton active paragraph={{ rows: 3 }} />
          </Card>
        ) : (
          <>
            <RegionSummary region={region} onSelect={(code) => select(code)} scopeRoots={scopeRoots} />
            <RegionMapPanel key={region.code} region={region} height={mapHeight} onRegionClick={setClicked} />
          </>
        )}
      </Flex>
      <RegionDrawer
        region={clicked}
        scopeRoots={scopeRoots}
        onClose={() => setClicked(null)}
        onDrill={(code) => {
          setClicked(null);
          select(code);
        }}
      />
    </Flex>
  );
}
