/**
 * 工作日历: the module's page, loaded on first visit.
 */
export { CalendarPage } from './CalendarPage';
