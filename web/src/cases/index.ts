/**
 * 事件闭环: the module's pages, loaded together on first visit.
 */
export { CasePage } from './CasePage';
export { CasesLayout } from './CasesLayout';
export { CataloguePage } from './CataloguePage';
export { IntakePage } from './IntakePage';
export { MetricsPage } from './MetricsPage';
export { MobileCasePage } from './MobileCasePage';
export { PatrolPage } from './PatrolPage';
export { WorkbenchPage } from './WorkbenchPage';
