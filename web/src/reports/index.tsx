/**
 * 报告: the scorecard (成绩单) written from live data.
 */
import { Navigate, Route, Routes } from 'react-router-dom';
import { ScorecardPage } from './ScorecardPage';

/** The routes under /reports. */
export function ReportsModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="scorecard" replace />} />
      <Route path="scorecard" element={<ScorecardPage />} />
    </Routes>
  );
}
