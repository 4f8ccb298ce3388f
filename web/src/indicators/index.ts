/**
 * 目标指标: the module's pages, loaded together on first visit.
 */
export { BoardPage } from './BoardPage';
export { DetailPage } from './DetailPage';
export { EntryPage } from './EntryPage';
export { IndicatorsLayout } from './IndicatorsLayout';
export { OverviewPage } from './OverviewPage';
export { TargetsPage } from './TargetsPage';
