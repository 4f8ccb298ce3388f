/**
 * What the UI needs to know about the levels of the region tree.
 */
import { REGION_LEVELS, type RegionLevel } from '../../../src/shared/region-levels';

/** Chinese labels of the levels: the server's own module. */
export { LEVEL_LABELS } from '../../../src/shared/region-levels';

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
