import { Flex, Statistic } from 'antd';
import type { RegionDetail } from '../api/types';
import { LEVEL_LABELS, levelsBelow } from './levels';

/** How many regions of each lower level lie under a region. */
export function RegionCounts({ region, compact = false }: { region: RegionDetail; compact?: boolean }) {
  // Areas are optional; a count of 0 there would only puzzle people.
  const levels = levelsBelow(region.level).filter((level) => level !== 'area' || (region.descendants.area ?? 0) > 0);
  if (levels.length === 0) return null;
  return (
    <Flex gap={compact ? 16 : 32} wrap>
      {levels.map((level) => (
        <Statistic
          key={level}
          title={`下辖${LEVEL_LABELS[level]}`}
          value={region.descendants[level] ?? 0}
          styles={{ content: { fontSize: compact ? 18 : 22 } }}
        />
      ))}
    </Flex>
  );
}
