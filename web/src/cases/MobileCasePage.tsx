/**
 * A case opened from the patrol page on a phone: the same case page in the phone frame.
 */
import { CasePage } from './CasePage';
import { MobileFrame } from './MobileFrame';

/** 事件详情 for phones. */
export function MobileCasePage() {
  return (
    <MobileFrame title="事件详情" testId="mobile-case-page">
      <CasePage />
    </MobileFrame>
  );
}
