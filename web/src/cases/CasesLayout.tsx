/**
 * 事件闭环: the module's tabs above its pages (工作台, 巡查上报, 分类目录, 统计分析). A case's
 * page and the intake form belong to 工作台.
 */
import { Tabs } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { canPatrol, canReadMetrics } from './format';
import { LoadingBlock } from './widgets';

/** The module's pages, in tab order, each with who sees its tab. */
const PAGES: readonly { path: string; label: string; shown: (role: Role) => boolean }[] = [
  { path: '/events', label: '工作台', shown: () => true },
  { path: '/events/patrol', label: '巡查上报', shown: canPatrol },
  { path: '/events/categories', label: '分类目录', shown: () => true },
  { path: '/events/metrics', label: '统计分析', shown: canReadMetrics },
];

/** The tab of a path: its own page, else 工作台 (a case, the intake form). */
function tabOf(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return PAGES.some((p) => p.path === trimmed) ? trimmed : '/events';
}

/** The module's frame. */
export function CasesLayout() {
  const { role } = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <>
      <Tabs
        activeKey={tabOf(pathname)}
        items={PAGES.filter((p) => p.shown(role)).map((p) => ({ key: p.path, label: p.label }))}
        onChange={navigate}
        style={{ marginTop: -8 }}
        data-testid="cases-tabs"
      />
      <Suspense fallback={<LoadingBlock />}>
        <Outlet />
      </Suspense>
    </>
  );
}
