/**
 * 事发位置: the case's point on the polygon of its micro-grid (or of the region it was filed
 * under when it has no micro-grid), with the address and coordinates.
 */
import { Card, Typography } from 'antd';
import { useApi } from '../api/useApi';
import { CaseMap, loadRegionFeatures } from './CaseMap';
import type { CaseDetail } from './types';

/** The most specific region of a case: its micro-grid, else the last link of its chain. */
function regionOf(detail: CaseDetail): string | null {
  const chain = detail.regionChain;
  return chain[chain.length - 1]?.code ?? detail.regionCode ?? detail.townCode ?? null;
}

/** The map card of a case. */
export function CaseLocation({ detail }: { detail: CaseDetail }) {
  const code = regionOf(detail);
  const features = useApi((signal) => (code ? loadRegionFeatures(code, signal) : null), [code]);
  const point = detail.lon !== null && detail.lat !== null ? { lon: detail.lon, lat: detail.lat } : null;
  return (
    <Card size="small" title="事发位置" data-testid="case-location">
      <CaseMap mapKey={`case-${code ?? 'none'}`} features={features.data} loading={features.loading} point={point} height={260} />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {detail.address ?? '未填写地址'}
        {point ? ` · 经度 ${point.lon},纬度 ${point.lat}` : ' · 无坐标'}
      </Typography.Paragraph>
    </Card>
  );
}
