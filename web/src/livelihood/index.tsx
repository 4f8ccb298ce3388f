/**
 * 民生实事: the module's pages, loaded together on first visit.
 */
import { Routes, Route } from 'react-router-dom';
import { PlaceholderPage } from '../layout/PlaceholderPage';
import { moduleByKey } from '../layout/modules';

/** The routes under /livelihood. */
export function LivelihoodModule() {
  return (
    <Routes>
      <Route path="*" element={<PlaceholderPage module={moduleByKey('livelihood')} />} />
    </Routes>
  );
}

/** The deputy's ballot on a phone (/ballot/:sessionId), full screen without the menu. */
export function BallotPhonePage() {
  return <PlaceholderPage module={moduleByKey('livelihood')} />;
}

/** The public promises page (/public/promises): no login, no personal data. */
export function PublicPromisesPage() {
  return <div>民生实事承诺</div>;
}
