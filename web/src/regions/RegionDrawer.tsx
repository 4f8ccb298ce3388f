import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Divider, Drawer, Skeleton, Tag } from 'antd';
import { errorMessage } from '../api/client';
import type { RegionFeatureProperties } from '../api/types';
import { useApi } from '../api/useApi';
import { fetchRegion } from './api';
import { LEVEL_COLORS, LEVEL_LABELS } from './levels';
import { RegionChain } from './RegionChain';
import { RegionCounts } from './RegionCounts';

/** Props of {@link RegionDrawer}. */
export interface RegionDrawerProps {
  /** The clicked polygon; null keeps the drawer closed. */
  region: RegionFeatureProperties | null;
  onClose: () => void;
  /** Makes the region the page's selection. */
  onDrill: (code: string) => void;
  /** See {@link RegionChain}. */
  scopeRoots?: ReadonlySet<string>;
}

/** The details of a region clicked on the map, with a button to go into it. */
export function RegionDrawer({ region, onClose, onDrill, scopeRoots }: RegionDrawerProps) {
  const code = region?.code ?? null;
  const detail = useApi((signal) => (code ? fetchRegion(code, signal) : null), [code]);
  const data = detail.data?.code === code ? detail.data : undefined;

  return (
    <Drawer
      open={region !== null}
      onClose={onClose}
      size={420}
      title={region ? `${region.name} · ${LEVEL_LABELS[region.level] ?? ''}` : ''}
      data-testid="region-drawer"
      extra={
        region && (
          <Button type="primary" icon={<AimOutlined />} onClick={() => onDrill(region.code)} data-testid="region-drill">
            进入该区域
          </Button>
        )
      }
    >
      {detail.error ? (
        <Alert type="error" showIcon title={`加载失败:${errorMessage(detail.error)}`} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'name', label: '名称', children: data.name },
              { key: 'code', label: '编码', children: data.code },
              {
                key: 'level',
                label: '层级',
                children: (
                  <>
                    <Tag color={LEVEL_COLORS[data.level]}>{data.levelLabel}</Tag>
                    {data.townKind && <Tag>{data.townKind}</Tag>}
                  </>
                ),
              },
              {
                key: 'chain',
                label: '上级',
                children: <RegionChain chain={data.chain} onSelect={onDrill} scopeRoots={scopeRoots} />,
              },
              { key: 'children', label: '直接下级', children: `${data.children} 个` },
              { key: 'geometry', label: '地理范围', children: data.hasGeometry ? '已标绘' : '未标绘' },
              { key: 'updated', label: '更新时间', children: new Date(data.updatedAt).toLocaleString('zh-CN') },
              { key: 'version', label: '版本', children: data.version },
            ]}
          />
          {data.level !== 'microgrid' && (
            <>
              <Divider titlePlacement="start" plain>
                下辖区域
              </Divider>
              <RegionCounts region={data} compact />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
