import { Flex, Spin, Tabs } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { canEditIndicators } from './format';

/** The pages of the module, in tab order; 数据填报 only for those who report. */
const PAGES = [
  { key: '/indicators', label: '指标总览' },
  { key: '/indicators/board', label: '红黄黑榜' },
  { key: '/indicators/targets', label: '目标管理' },
  { key: '/indicators/entry', label: '数据填报', editorsOnly: true },
] as const;

/** The active tab of a path; an indicator's detail page belongs to 指标总览. */
function activeKey(pathname: string): string {
  const path = pathname.replace(/\/+$/, '');
  return PAGES.find((p) => p.key !== '/indicators' && path === p.key)?.key ?? '/indicators';
}

/** 目标指标: the module's tabs above the page. */
export function IndicatorsLayout() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const editor = canEditIndicators(user.role);
  const items = PAGES.filter((p) => !('editorsOnly' in p) || editor).map((p) => ({ key: p.key, label: p.label }));

  return (
    <Flex vertical gap={0}>
      <Tabs
        activeKey={activeKey(location.pathname)}
        items={items}
        onChange={(key) => navigate(key)}
        style={{ marginTop: -8 }}
        data-testid="indicator-tabs"
      />
      <Suspense
        fallback={
          <Flex align="center" justify="center" style={{ padding: 80 }}>
            <Spin size="large" />
          </Flex>
        }
      >
        <Outlet />
      </Suspense>
    </Flex>
  );
}
