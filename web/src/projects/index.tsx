/**
 * 重点项目: the module's pages, loaded together on first visit.
 */
import { Routes, Route } from 'react-router-dom';
import { PlaceholderPage } from '../layout/PlaceholderPage';
import { moduleByKey } from '../layout/modules';

/** The routes under /projects. */
export function ProjectsModule() {
  return (
    <Routes>
      <Route path="*" element={<PlaceholderPage module={moduleByKey('projects')} />} />
    </Routes>
  );
}
