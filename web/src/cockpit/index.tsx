/**
 * 驾驶舱: the region cockpit, the big screen and the public portal.
 */
import { Route, Routes } from 'react-router-dom';
import { moduleByKey } from '../layout/modules';
import { PlaceholderPage } from '../layout/PlaceholderPage';

/** The routes under /dashboard (inside the app layout). */
export function CockpitModule() {
  return (
    <Routes>
      <Route path="*" element={<PlaceholderPage module={moduleByKey('dashboard')} />} />
    </Routes>
  );
}

/** The command-centre wall (/screen/*): full screen, dark, no menu. Login required. */
export function BigScreenPage() {
  return <PlaceholderPage module={moduleByKey('dashboard')} />;
}

/** The public portal (/public/*, no login): statistics, report a problem, status by number. */
export function PublicPortal() {
  return <div>数智公众服务</div>;
}
