/**
 * 民生实事: the module's pages, loaded together on first visit. Inside the layout
 * (/livelihood/*): cycles, one cycle, the chair's live count, one result. Full screen: the
 * deputy's phone ballot (/ballot/:sessionId). Without login: the public promises page.
 */
import { Routes, Route } from 'react-router-dom';
import { BallotPage } from './BallotPhonePage';
import { CyclePage } from './CyclePage';
import { CyclesPage } from './CyclesPage';
import { LiveCountPage } from './LiveCountPage';
import { PromisesPage } from './PublicPromisesPage';
import { ResultPage } from './ResultPage';

/** The routes under /livelihood. */
export function LivelihoodModule() {
  return (
    <Routes>
      <Route index element={<CyclesPage />} />
      <Route path="sessions/:sessionId/live" element={<LiveCountPage />} />
      <Route path="results/:resultId" element={<ResultPage />} />
      <Route path=":cycleId" element={<CyclePage />} />
    </Routes>
  );
}

/** The deputy's ballot on a phone (/ballot/:sessionId), full screen without the menu. */
export function BallotPhonePage() {
  return <BallotPage />;
}

/** The public promises page (/public/promises): no login, no personal data. */
export function PublicPromisesPage() {
  return <PromisesPage />;
}
