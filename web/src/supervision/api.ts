/**
 * The supervision endpoints (/api/supervision/*), through the shared client.
 */
import { apiGet, apiPost } from '../api/client';
import type { Item, ItemDetail, ItemPage, Ratings, RaiseOutcome, Source, SuggestionStats, Unit } from './types';

const BASE = '/api/supervision';

/** The board's filters. */
export interface ItemQuery {
  state?: string;
  colour?: string;
  source?: string;
  unit?: string;
  overdue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Items matching the filters. */
export function fetchItems(query: ItemQuery, signal?: AbortSignal): Promise<ItemPage> {
  return apiGet<ItemPage>(`${BASE}/items`, { query: { ...query, overdue: query.overdue ? 'true' : undefined }, signal });
}

/** One item with its timeline and notices. */
export function fetchItem(ref: string, signal?: AbortSignal): Promise<ItemDetail> {
  return apiGet(`${BASE}/items/${encodeURIComponent(ref)}`, { signal });
}

/** What 立项 sends. */
export interface RaiseBody {
  sourceType: string;
  sourceId?: string | null;
  title: string;
  description?: string;
  regionCode: string;
  leadUnit: { kind: string; code: string };
  assistingUnits?: { kind: string; code: string }[];
  deadline: string;
  feedbackIntervalDays?: number | null;
  deputyName?: string | null;
  deputyUserId?: string | null;
  assign?: boolean;
}

/** Raises an item. */
export async function raiseItem(body: RaiseBody): Promise<Item> {
  return (await apiPost<{ item: Item }>(`${BASE}/items`, body)).item;
}

/** What a step sends. */
export interface ActionBody {
  action: string;
  version: number;
  note?: string | null;
  progress?: number | null;
  date?: string | null;
  satisfaction?: string | null;
  deadline?: string | null;
}

/** Takes a step on an item. */
export async function actOnItem(ref: string, body: ActionBody): Promise<Item> {
  return (await apiPost<{ item: Item }>(`${BASE}/items/${encodeURIComponent(ref)}/actions`, body)).item;
}

/** Sources of one kind. */
export async function fetchSources(kind: string, period: string | undefined, signal?: AbortSignal): Promise<Source[]> {
  return (await apiGet<{ sources: Source[] }>(`${BASE}/sources`, { query: { kind, period }, signal })).sources;
}

/** 立项督办 from sources (bulk). */
export async function raiseFromSources(body: { sources: { kind: string; id: string }[]; deadline: string; feedbackIntervalDays?: number | null; assign?: boolean }): Promise<RaiseOutcome[]> {
  return (await apiPost<{ results: RaiseOutcome[] }>(`${BASE}/sources/raise`, body)).results;
}

/** Deputies' suggestions with the three rates. */
export function fetchSuggestionStats(signal?: AbortSignal): Promise<SuggestionStats> {
  return apiGet(`${BASE}/suggestions/stats`, { signal });
}

/** Unit ratings and the 红黄黑榜 of a month. */
export function fetchRatings(period: string | undefined, signal?: AbortSignal): Promise<Ratings> {
  return apiGet<Ratings>(`${BASE}/ratings`, { query: { period }, signal });
}

/** Units one may choose as lead or assisting. */
export async function fetchUnits(signal?: AbortSignal): Promise<Unit[]> {
  return (await apiGet<{ units: Unit[] }>(`${BASE}/units`, { signal })).units;
}
