/**
 * 重点项目: the module's pages, loaded together on first visit: the library, a project's page,
 * the stage approvals and the tag and threshold settings.
 */
import { Flex, Tabs } from 'antd';
import { Outlet, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApprovalsPage } from './ApprovalsPage';
import { LibraryPage } from './LibraryPage';
import { ProjectPage } from './ProjectPage';
import { SettingsPage } from './SettingsPage';

const PAGES = [
  { key: '/projects', label: '项目库' },
  { key: '/projects/approvals', label: '节点审批' },
  { key: '/projects/settings', label: '分类与阈值' },
];

function ProjectsLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '');
  const active = PAGES.find((p) => p.key !== '/projects' && path === p.key)?.key ?? '/projects';
  return (
    <Flex vertical gap={0}>
      <Tabs activeKey={active} items={PAGES} onChange={(key) => navigate(key)} style={{ marginTop: -8 }} data-testid="project-tabs" />
      <Outlet />
    </Flex>
  );
}

/** The routes under /projects. */
export function ProjectsModule() {
  return (
    <Routes>
      <Route element={<ProjectsLayout />}>
        <Route index element={<LibraryPage />} />
        <Route path="approvals" element={<ApprovalsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path=":id" element={<ProjectPage />} />
      </Route>
    </Routes>
  );
}
