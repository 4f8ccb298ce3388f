/**
 * What the UI needs to know about the levels of the region tree.
 */
import { REGION_LEVELS, type RegionLevel } from '../api/types';

/** Chinese labels of the levels, as the server names them. */
export const LEVEL_LABELS: Record<RegionLevel, string> = {
  district: '区县',
  town: '镇街',
  area: '片区',
  community: '村社',
  grid: '网格',
  microgrid: '微网格',
};

/** Tag colours per level, so the tree, the card and the drawer read alike. */
export const LEVEL_COLORS: Record<RegionLevel, string> = {
  district: 'magenta',
  town: 'blue',
  area: 'purple',
  community: 'cyan',
  grid: 'green',
  microgrid: 'orange',
};

/** The levels strictly below `level`. */
export function levelsBelow(level: RegionLevel): RegionLevel[] {
  return REGION_LEVELS.slice(REGION_LEVELS.indexOf(level) + 1);
}

/**
 * Which level the map shows first under a region, best first. Only grids and micro-grids
 * must have polygons, so each list ends in levels that always have them; the map takes the
 * first one that has any.
 */
export function mapLevelCandidates(level: RegionLevel): RegionLevel[] {
  switch (level) {
    case 'district':
      return ['town', 'community', 'grid', 'microgrid'];
    case 'town':
      return ['grid', 'community', 'microgrid'];
    case 'area':
      return ['grid', 'community', 'microgrid'];
    case 'community':
      return ['grid', 'microgrid'];
    case 'grid':
      return ['microgrid'];
    case 'microgrid':
      return [];
  }
}
