/**
 * The workbench's filters live in the address (?queue=dispatch&status=…&page=2), so a list can
 * be bookmarked, shared and returned to with the back button.
 */
import { CASE_CHANNELS, CASE_STATES } from '../../../src/shared/case-vocabulary';
import type { CaseChannel, CaseQuery, CaseQueue, CaseSort, CaseState } from './types';

/** The filters a person sets (everything but queue, page and size). */
export type CaseFilters = Omit<CaseQuery, 'queue' | 'page' | 'pageSize'>;

const SORTS: readonly CaseSort[] = ['received_desc', 'received_asc', 'deadline_asc'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A region code of any level (the cockpit links below the district select by region). */
const REGION = /^[0-9]{6,17}$/;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function textOf(value: string | null): string | undefined {
  return value ? value : undefined;
}

/** The list query of the address, the queue defaulting to the first of `queues`. */
export function readQuery(params: URLSearchParams, queues: readonly CaseQueue[]): CaseQuery {
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is CaseState => (CASE_STATES as readonly string[]).includes(s));
  const from = params.get('from');
  const to = params.get('to');
  return {
    queue: pick(params.get('queue'), queues) ?? queues[0],
    status: statuses.length ? statuses : undefined,
    town: textOf(params.get('town')),
    region: REGION.test(params.get('region') ?? '') ? (params.get('region') as string) : undefined,
    department: textOf(params.get('department')),
    category: textOf(params.get('category')),
    channel: pick<CaseChannel>(params.get('channel'), CASE_CHANNELS),
    sla: pick(params.get('sla'), ['yellow', 'red'] as const),
    overdue: pick(params.get('overdue'), ['true'] as const),
    q: textOf(params.get('q')),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    sort: pick(params.get('sort'), SORTS),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(10, Number(params.get('pageSize')) || 20)),
  };
}

/** The address parameters of a query; defaults are left out. */
export function writeQuery(query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else if (!(key === 'page' && value === 1) && !(key === 'pageSize' && value === 20)) {
      params.set(key, String(value));
    }
  }
  return params;
}
