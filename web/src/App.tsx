import { Button, Flex, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { DEFAULT_LANDING, LoginPage } from './auth/LoginPage';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { isCockpitAddress } from './cockpit/api';
import { AppLayout } from './layout/AppLayout';
import { lazyPage } from './layout/lazyPage';
import { moduleByKey } from './layout/modules';
import { PlaceholderPage } from './layout/PlaceholderPage';

// Pages load on first visit, so the login page never downloads ECharts.
const RegionsPage = lazy(() => import('./regions/RegionsPage').then((m) => ({ default: m.RegionsPage })));
const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));
const CalendarPage = lazy(() => import('./calendar').then((m) => ({ default: m.CalendarPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const IndicatorsLayout = lazy(() => import('./indicators').then((m) => ({ default: m.IndicatorsLayout })));
const IndicatorOverview = lazy(() => import('./indicators').then((m) => ({ default: m.OverviewPage })));
const IndicatorDetail = lazy(() => import('./indicators').then((m) => ({ default: m.DetailPage })));
const IndicatorBoard = lazy(() => import('./indicators').then((m) => ({ default: m.BoardPage })));
const IndicatorTargets = lazy(() => import('./indicators').then((m) => ({ default: m.TargetsPage })));
const IndicatorEntry = lazy(() => import('./indicators').then((m) => ({ default: m.EntryPage })));
const CasesLayout = lazy(() => import('./cases').then((m) => ({ default: m.CasesLayout })));
const CaseWorkbench = lazy(() => import('./cases').then((m) => ({ default: m.WorkbenchPage })));
const CaseIntake = lazy(() => import('./cases').then((m) => ({ default: m.IntakePage })));
const CaseDetail = lazy(() => import('./cases').then((m) => ({ default: m.CasePage })));
const CaseCatalogue = lazy(() => import('./cases').then((m) => ({ default: m.CataloguePage })));
const CaseMetrics = lazy(() => import('./cases').then((m) => ({ default: m.MetricsPage })));
const CasePatrol = lazy(() => import('./cases').then((m) => ({ default: m.PatrolPage })));
const ProjectsModule = lazy(() => import('./projects').then((m) => ({ default: m.ProjectsModule })));
const LivelihoodModule = lazy(() => import('./livelihood').then((m) => ({ default: m.LivelihoodModule })));
const BallotPhonePage = lazy(() => import('./livelihood').then((m) => ({ default: m.BallotPhonePage })));
const PublicPromisesPage = lazy(() => import('./livelihood').then((m) => ({ default: m.PublicPromisesPage })));
const CockpitModule = lazyPage(() => import('./cockpit').then((m) => m.CockpitModule));
const BigScreenPage = lazyPage(() => import('./cockpit').then((m) => m.BigScreenPage));
const PublicPortal = lazyPage(() => import('./cockpit').then((m) => m.PublicPortal));
const ReportsModule = lazy(() => import('./reports').then((m) => ({ default: m.ReportsModule })));
const SupervisionModule = lazy(() => import('./supervision').then((m) => ({ default: m.SupervisionModule })));
const CaseMobileDetail = lazy(() => import('./cases').then((m) => ({ default: m.MobileCasePage })));

/**
 * On the cockpit's addresses (whose code the entry has started already, see main.tsx) resolves
 * once that code is here, so the first render draws the page instead of a fallback that React
 * would then keep up to 300 ms; elsewhere at once.
 */
export function preloadOpenedPage(): Promise<unknown> {
  if (!isCockpitAddress(window.location.pathname)) return Promise.resolve();
  return Promise.all([CockpitModule, BigScreenPage, PublicPortal].map((page) => page.preload())).catch(() => undefined);
}

/** Who reports figures (数据填报); the server checks again. Same list as indicators/format.ts. */
const INDICATOR_EDITORS = ['admin', 'town_admin'] as const;
/** Who takes cases in (新建事件) and who reports from patrol; same lists as cases/format.ts. */
const CASE_INTAKE_ROLES = ['operator', 'admin'] as const;
const CASE_PATROL_ROLES = ['grid_worker', 'admin'] as const;
const CASE_METRICS_ROLES = ['admin', 'supervisor', 'town_admin', 'operator', 'dispatcher', 'department_handler'] as const;

function PageLoading() {
  return (
    <Flex align="center" justify="center" style={{ padding: 80 }}>
      <Spin size="large" />
    </Flex>
  );
}

function ModuleRoute({ moduleKey, children }: { moduleKey: string; children?: ReactNode }) {
  const module = moduleByKey(moduleKey);
  return (
    <RequireRole roles={module.roles}>
      <Suspense fallback={<PageLoading />}>{children ?? <PlaceholderPage module={module} />}</Suspense>
    </RequireRole>
  );
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => navigate(DEFAULT_LANDING)}>
          返回区域与网格
        </Button>
      }
    />
  );
}

/** The routes of the web shell. */
export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {/* Public pages: no login, no personal data. */}
          <Route
            path="/public/promises/*"
            element={
              <Suspense fallback={<PageLoading />}>
                <PublicPromisesPage />
              </Suspense>
            }
          />
          <Route
            path="/public/*"
            element={
              <Suspense fallback={<PageLoading />}>
                <PublicPortal />
              </Suspense>
            }
          />
          {/* The command-centre wall: full screen, without the menu. */}
          <Route
            path="/screen/*"
            element={
              <RequireAuth>
                <ModuleRoute moduleKey="dashboard">
                  <BigScreenPage />
                </ModuleRoute>
              </RequireAuth>
            }
          />
          {/* The deputy's ballot is for phones: full screen, without the menu. */}
          <Route
            path="/ballot/:sessionId"
            element={
              <RequireAuth>
                <ModuleRoute moduleKey="livelihood">
                  <BallotPhonePage />
                </ModuleRoute>
              </RequireAuth>
            }
          />
          {/* The patrol pages are for phones: full screen, without the menu and header. */}
          <Route
            path="/events/patrol"
            element={
              <RequireAuth>
                <ModuleRoute moduleKey="events">
                  <RequireRole roles={CASE_PATROL_ROLES}>
                    <CasePatrol />
                  </RequireRole>
                </ModuleRoute>
              </RequireAuth>
            }
          />
          <Route
            path="/events/patrol/:id"
            element={
              <RequireAuth>
                <ModuleRoute moduleKey="events">
                  <CaseMobileDetail />
                </ModuleRoute>
              </RequireAuth>
            }
          />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<Navigate to={DEFAULT_LANDING} replace />} />
            <Route
              path="/dashboard/*"
              element={
                <ModuleRoute moduleKey="dashboard">
                  <CockpitModule />
                </ModuleRoute>
              }
            />
            <Route
              path="/events"
              element={
                <ModuleRoute moduleKey="events">
                  <CasesLayout />
                </ModuleRoute>
              }
            >
              <Route index element={<CaseWorkbench />} />
              <Route
                path="new"
                element={
                  <RequireRole roles={CASE_INTAKE_ROLES}>
                    <CaseIntake />
                  </RequireRole>
                }
              />
              <Route path="categories" element={<CaseCatalogue />} />
              <Route
                path="metrics"
                element={
                  <RequireRole roles={CASE_METRICS_ROLES}>
                    <CaseMetrics />
                  </RequireRole>
                }
              />
              <Route path=":id" element={<CaseDetail />} />
            </Route>
            <Route path="/targets" element={<Navigate to="/indicators" replace />} />
            <Route
              path="/indicators"
              element={
                <ModuleRoute moduleKey="targets">
                  <IndicatorsLayout />
                </ModuleRoute>
              }
            >
              <Route index element={<IndicatorOverview />} />
              <Route path="board" element={<IndicatorBoard />} />
              <Route path="targets" element={<IndicatorTargets />} />
              <Route
                path="entry"
                element={
                  <RequireRole roles={INDICATOR_EDITORS}>
                    <IndicatorEntry />
                  </RequireRole>
                }
              />
              <Route path=":code" element={<IndicatorDetail />} />
            </Route>
            <Route
              path="/projects/*"
              element={
                <ModuleRoute moduleKey="projects">
                  <ProjectsModule />
                </ModuleRoute>
              }
            />
            <Route
              path="/livelihood/*"
              element={
                <ModuleRoute moduleKey="livelihood">
                  <LivelihoodModule />
                </ModuleRoute>
              }
            />
            <Route
              path="/supervision/*"
              element={
                <ModuleRoute moduleKey="supervision">
                  <SupervisionModule />
                </ModuleRoute>
              }
            />
            <Route
              path="/reports/*"
              element={
                <ModuleRoute moduleKey="reports">
                  <ReportsModule />
                </ModuleRoute>
              }
            />
            <Route
              path="/regions"
              element={
                <ModuleRoute moduleKey="regions">
                  <RegionsPage />
                </ModuleRoute>
              }
            />
            <Route
              path="/calendar"
              element={
                <ModuleRoute moduleKey="calendar">
                  <CalendarPage />
                </ModuleRoute>
              }
            />
            <Route
              path="/users"
              element={
                <ModuleRoute moduleKey="users">
                  <UsersPage />
                </ModuleRoute>
              }
            />
            <Route
              path="/audit"
              element={
                <ModuleRoute moduleKey="audit">
                  <AuditPage />
                </ModuleRoute>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
