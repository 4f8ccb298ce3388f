/**
 * 督查督办: the module's pages (督办台账, 立项督办来源, 人大代表建议, 红黄黑榜) under tabs, and an
 * item's page with its timeline and actions.
 */
import { Tabs } from 'antd';
import { Outlet, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { BoardPage } from './BoardPage';
import { isOffice } from './format';
import { ItemPage } from './ItemPage';
import { RatingsPage } from './RatingsPage';
import { SourcesPage } from './SourcesPage';
import { SuggestionsPage } from './SuggestionsPage';

const PAGES: readonly { path: string; label: string; shown: (role: Role) => boolean }[] = [
  { path: '/supervision', label: '督办台账', shown: () => true },
  { path: '/supervision/sources', label: '立项督办', shown: isOffice },
  { path: '/supervision/suggestions', label: '人大代表建议', shown: () => true },
  { path: '/supervision/ratings', label: '红黄黑榜', shown: (role) => role !== 'deputy' },
];

function tabOf(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return PAGES.some((p) => p.path === trimmed) ? trimmed : '/supervision';
}

function SupervisionLayout() {
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
        data-testid="supervision-tabs"
      />
      <Outlet />
    </>
  );
}

/** The routes under /supervision. */
export function SupervisionModule() {
  return (
    <Routes>
      <Route element={<SupervisionLayout />}>
        <Route index element={<BoardPage />} />
        <Route path="items/:ref" element={<ItemPage />} />
        <Route path="sources" element={<SourcesPage />} />
        <Route path="suggestions" element={<SuggestionsPage />} />
        <Route path="ratings" element={<RatingsPage />} />
        <Route path="*" element={<BoardPage />} />
      </Route>
    </Routes>
  );
}
