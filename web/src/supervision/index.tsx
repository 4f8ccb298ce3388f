/**
 * 督查督办: the module's pages, loaded together on first visit.
 */
import { Routes, Route } from 'react-router-dom';
import { PlaceholderPage } from '../layout/PlaceholderPage';
import { moduleByKey } from '../layout/modules';

/** The routes under /supervision. */
export function SupervisionModule() {
  return (
    <Routes>
      <Route path="*" element={<PlaceholderPage module={moduleByKey('supervision')} />} />
    </Routes>
  );
}
