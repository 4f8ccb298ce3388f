/**
 * 驾驶舱: the region cockpit (/dashboard, /dashboard/:code), the big screen of the command
 * centre (/screen, /screen/:code) and the public portal (/public/*).
 */
import { FullscreenOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, theme } from 'antd';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { COCKPIT_METRICS, type CockpitMetric } from '../../../src/shared/cockpit-vocabulary';
import { CockpitView } from './CockpitView';
import { PublicPortal as Portal } from './PublicPortal';

const PRINT_CSS = `
@media print {
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  @page { size: A4 landscape; margin: 10mm; }
}`;

const SCREEN_CSS = `
.cockpit-wall { --wall-h: 100vh; width: 100vw; height: 100vh; overflow: hidden; padding: 16px 20px; box-sizing: border-box;
  background: radial-gradient(ellipse at top, #0d2250 0%, #050b1f 70%); color: #e6f4ff; }
.cockpit-wall .ant-card-head-title { font-size: 18px; }
.cockpit-wall .ant-table { font-size: 15px; }
.cockpit-wall .ant-table-cell { padding: 4px 8px !important; }
.cockpit-wall .ant-tag { line-height: 18px; }
/* A 4K wall shows the 1080p layout at twice the size (vh inside a zoomed box is not zoomed). */
@media (min-width: 3000px) { .cockpit-wall { zoom: 2; width: 50vw; height: 50vh; --wall-h: 50vh; } }
`;

function useMetric(): [CockpitMetric, (m: CockpitMetric) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('metric');
  const metric = (COCKPIT_METRICS as readonly string[]).includes(raw ?? '') ? (raw as CockpitMetric) : 'on_time_closure_rate';
  return [
    metric,
    (m) => {
      const next = new URLSearchParams(params);
      next.set('metric', m);
      setParams(next, { replace: true });
    },
  ];
}

function DesktopCockpit() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [metric, setMetric] = useMetric();
  const open = (next: string | undefined) => navigate(`/dashboard${next ? `/${next}` : ''}?metric=${metric}`);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <CockpitView
        code={code}
        metric={metric}
        onMetric={setMetric}
        onOpen={open}
        variant="desktop"
        extra={
          <>
            <Button icon={<FullscreenOutlined />} onClick={() => navigate(`/screen${code ? `/${code}` : ''}?metric=${metric}`)} data-testid="open-screen">
              大屏模式
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印 / PDF
            </Button>
          </>
        }
      />
    </>
  );
}

/** The routes under /dashboard (inside the app layout). */
export function CockpitModule() {
  return (
    <Routes>
      <Route index element={<DesktopCockpit />} />
      <Route path=":code" element={<DesktopCockpit />} />
    </Routes>
  );
}

function WallCockpit() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [metric, setMetric] = useMetric();
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorBgContainer: 'transparent', colorLink: '#69b1ff' } }}>
      <style>{SCREEN_CSS}</style>
      <div className="cockpit-wall" data-testid="big-screen">
        <CockpitView
          code={code}
          metric={metric}
          onMetric={setMetric}
          onOpen={(next) => navigate(`/screen${next ? `/${next}` : ''}?metric=${metric}`)}
          variant="screen"
          extra={
            <Button size="small" onClick={() => navigate(`/dashboard${code ? `/${code}` : ''}?metric=${metric}`)}>
              退出大屏
            </Button>
          }
        />
      </div>
    </ConfigProvider>
  );
}

/** The command-centre wall (/screen/*): full screen, dark, no menu, no scrolling. Login required. */
export function BigScreenPage() {
  return (
    <Routes>
      <Route index element={<WallCockpit />} />
      <Route path=":code" element={<WallCockpit />} />
    </Routes>
  );
}

/** The public portal (/public/*, no login): statistics, report a problem, status by number. */
export function PublicPortal() {
  return <Portal />;
}
