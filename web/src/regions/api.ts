/**
 * The regions endpoints.
 */
import { apiGet } from '../api/client';
import type { LocateResult, RegionDetail, RegionFeatureCollection, RegionLevel, RegionView } from '../api/types';

/** The server's largest page of `GET /api/regions`; a parent never has more children. */
const CHILDREN_LIMIT = 5000;

/** The regions the user starts from (their own region, or every district for a global admin). */
export async function fetchRootRegions(signal?: AbortSignal): Promise<RegionView[]> {
  return (await apiGet<{ regions: RegionView[] }>('/api/regions/roots', { signal })).regions;
}

/** The direct children of a region. */
export async function fetchChildRegions(parent: string, signal?: AbortSignal): Promise<RegionView[]> {
  const body = await apiGet<{ regions: RegionView[] }>('/api/regions', {
    query: { parent, limit: CHILDREN_LIMIT },
    signal,
  });
  return body.regions;
}

/** Regions whose name or code matches `q`. */
export async function searchRegions(q: string, limit = 20, signal?: AbortSignal): Promise<RegionView[]> {
  return (await apiGet<{ regions: RegionView[] }>('/api/regions', { query: { q, limit }, signal })).regions;
}

/** One region with its chain and counts. */
export function fetchRegion(code: string, signal?: AbortSignal): Promise<RegionDetail> {
  return apiGet<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, { signal });
}

/** The polygons of the regions of `level` inside `within`. */
export function fetchRegionGeoJson(
  within: string,
  level: RegionLevel,
  signal?: AbortSignal,
): Promise<RegionFeatureCollection> {
  return apiGet<RegionFeatureCollection>('/api/regions/geojson', { query: { within, level }, signal });
}

/** The micro-grid that holds a point. */
export function locatePoint(lon: number, lat: number, signal?: AbortSignal): Promise<LocateResult> {
  return apiGet<LocateResult>('/api/regions/locate', { query: { lon, lat }, signal });
}
