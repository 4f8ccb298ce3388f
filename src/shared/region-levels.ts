/**
 * The levels of the region tree and their Chinese labels. Free of Node.js and browser
 * APIs: the server and the web UI import this same file.
 */

/** The levels of the region tree, from the top. */
export const REGION_LEVELS = ['district', 'town', 'area', 'community', 'grid', 'microgrid'] as const;

/** A level of the region tree. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Chinese labels of the levels. */
export const LEVEL_LABELS: Record<RegionLevel, string> = {
  district: '区县',
  town: '镇街',
  area: '片区',
  community: '村社',
  grid: '网格',
  microgrid: '微网格',
};
