import { Card, Flex, Tag, Typography } from 'antd';
import type { RegionDetail } from '../api/types';
import { LEVEL_COLORS } from './levels';
import { RegionChain } from './RegionChain';
import { RegionCounts } from './RegionCounts';

/** The selected region's card: name, code, level, chain of parents and what lies below. */
export function RegionSummary({
  region,
  onSelect,
  scopeRoots,
}: {
  region: RegionDetail;
  onSelect: (code: string) => void;
  /** See {@link RegionChain}. */
  scopeRoots?: ReadonlySet<string>;
}) {
  return (
    <Card
      size="small"
      data-testid="region-summary"
      title={
        <Flex align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {region.name}
          </Typography.Text>
          <Tag color={LEVEL_COLORS[region.level]}>{region.levelLabel}</Tag>
          {region.townKind && <Tag>{region.townKind}</Tag>}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" copyable={{ text: region.code, tooltips: ['复制编码', '已复制'] }}>
          编码 {region.code}
        </Typography.Text>
      }
    >
      <Flex justify="space-between" align="center" gap={24} wrap>
        <Flex vertical gap={6}>
          <RegionChain chain={region.chain} self={{ name: region.name }} onSelect={onSelect} scopeRoots={scopeRoots} />
          <Typography.Text type="secondary">
            直接下级 {region.children} 个 · {region.hasGeometry ? '已标绘地理范围' : '未标绘地理范围'}
          </Typography.Text>
        </Flex>
        <RegionCounts region={region} compact />
      </Flex>
    </Card>
  );
}
