/**
 * 报告: the scorecard (成绩单) written from live data, and figures imported from published reports.
 */
import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { RequireRole } from '../auth/RequireAuth';
import { ImportPage } from './ImportPage';
import { ScorecardPage } from './ScorecardPage';

/** Who imports figures from reports; the server checks again (reports-policy.ts). */
const IMPORT_ROLES = ['admin', 'town_admin'] as const;

/** The routes under /reports, with tabs for the two pages. */
export function ReportsModule() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const active = location.pathname.includes('/reports/import') ? 'import' : 'scorecard';
  const canImport = !!user && (IMPORT_ROLES as readonly string[]).includes(user.role);
  return (
    <>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/reports/${key}`)}
        items={[
          { key: 'scorecard', label: '成绩单' },
          ...(canImport ? [{ key: 'import', label: '报告导入' }] : []),
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="scorecard" replace />} />
        <Route path="scorecard" element={<ScorecardPage />} />
        <Route
          path="import"
          element={
            <RequireRole roles={IMPORT_ROLES}>
              <ImportPage />
            </RequireRole>
          }
        />
      </Routes>
    </>
  );
}
