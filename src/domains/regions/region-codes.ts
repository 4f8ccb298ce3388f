/**
 * Region and grid codes (STANDARDS.md §1). Pure rules, no I/O.
 *
 * - district: 6 digits, the national county-level code (330109 萧山区); never ending in 00,
 *   which is a prefecture's code.
 * - town: district + 3 digits (GB/T 10114: 001–099 街道, 100–199 镇, 200–399 乡,
 *   400–599 other township-level units such as development zones).
 * - community: town + 3 digits (001–199 居委会 / community, 200–399 村委会 / village).
 * - area (片区): not a national division. Shuzhi numbers a town's areas town + 901–999,
 *   a range the national scheme leaves unused, so an area's code is 12 digits like a
 *   community's but never collides with one. A community under an area keeps its town prefix.
 * - grid: community + 3 digits (001–999); micro-grid: grid + 2 digits (01–99).
 */

import { LEVEL_LABELS, type RegionLevel } from '@/shared/region-levels.js';

export { LEVEL_LABELS, REGION_LEVELS, type RegionLevel } from '@/shared/region-levels.js';

/** Which levels may be the parent of each level. */
export const PARENT_LEVELS: Record<RegionLevel, readonly RegionLevel[]> = {
  district: [],
  town: ['district'],
  area: ['town'],
  community: ['town', 'area'],
  grid: ['community'],
  microgrid: ['grid'],
};

/** Levels whose regions must have a polygon. */
export const LEVELS_REQUIRING_GEOMETRY: readonly RegionLevel[] = ['grid', 'microgrid'];

/** What a well-formed code tells about itself. */
export interface ParsedRegionCode {
  code: string;
  level: RegionLevel;
  districtCode: string;
  /** The 9-digit town code, for every level below the district. */
  townCode: string | null;
  /** The code a parent's code must equal (for a community under an area: the town's). */
  prefixCode: string | null;
}

/** Why a code is malformed, or null when it is well-formed. */
export type CodeProblem = string | null;

/**
 * Parses `code`, returning its level and prefixes, or a reason (in Chinese and English)
 * why it is malformed.
 */
export function parseRegionCode(code: string): ParsedRegionCode | { problem: string } {
  if (!/^[0-9]+$/.test(code)) return { problem: `编码只能由数字组成 (code must be digits only): ${code}` };
  const district = code.slice(0, 6);
  if (!/^[1-9][0-9]{3}[0-9]{2}$/.test(district) || district.endsWith('00')) {
    return { problem: `区县编码须为6位且末两位不为00 (invalid district code): ${district}` };
  }
  const base = { code, districtCode: district };
  switch (code.length) {
    case 6:
      return { ...base, level: 'district', townCode: null, prefixCode: null };
    case 9: {
      const seq = Number(code.slice(6, 9));
      if (seq < 1 || seq > 599) return { problem: `镇街序号须在001–599之间 (town sequence out of range): ${code}` };
      return { ...base, level: 'town', townCode: code, prefixCode: district };
    }
    case 12: {
      const seq = Number(code.slice(9, 12));
      const townCode = code.slice(0, 9);
      if (seq >= 901) return { ...base, level: 'area', townCode, prefixCode: townCode };
      if (seq < 1 || seq > 399) {
        return { problem: `村社序号须在001–399之间,片区为901–999 (community sequence out of range): ${code}` };
      }
      return { ...base, level: 'community', townCode, prefixCode: townCode };
    }
    case 15: {
      const seq = Number(code.slice(12, 15));
      const community = code.slice(0, 12);
      if (Number(community.slice(9, 12)) >= 901) {
        return { problem: `网格须属于村社而非片区 (a grid extends a community code): ${code}` };
      }
      if (seq < 1) return { problem: `网格序号须在001–999之间 (grid sequence out of range): ${code}` };
      return { ...base, level: 'grid', townCode: code.slice(0, 9), prefixCode: community };
    }
    case 17: {
      const seq = Number(code.slice(15, 17));
      if (seq < 1) return { problem: `微网格序号须在01–99之间 (micro-grid sequence out of range): ${code}` };
      const grid = parseRegionCode(code.slice(0, 15));
      if ('problem' in grid) return grid;
      return { ...base, level: 'microgrid', townCode: code.slice(0, 9), prefixCode: code.slice(0, 15) };
    }
    default:
      return {
        problem: `编码长度须为6、9、12、15或17位 (code must have 6, 9, 12, 15 or 17 digits): ${code}`,
      };
  }
}

/** True when `code` is a well-formed region code. */
export function isRegionCode(code: string): boolean {
  return !('problem' in parseRegionCode(code));
}

/** The kind of town a 9-digit code names (GB/T 10114). */
export function townKind(code: string): '街道' | '镇' | '乡' | '其他' {
  const seq = Number(code.slice(6, 9));
  if (seq <= 99) return '街道';
  if (seq <= 199) return '镇';
  if (seq <= 399) return '乡';
  return '其他';
}

/**
 * Checks that a region of `child` code may hang under `parent`: the level fits and the
 * code extends the right prefix. Returns a reason, or null when it fits.
 */
export function checkParent(child: ParsedRegionCode, parent: { code: string; level: RegionLevel }): CodeProblem {
  if (!PARENT_LEVELS[child.level].includes(parent.level)) {
    return `${LEVEL_LABELS[child.level]}的上级不能是${LEVEL_LABELS[parent.level]} (a ${child.level} cannot hang under a ${parent.level})`;
  }
  const parentPrefix = parent.level === 'area' ? parent.code.slice(0, 9) : parent.code;
  if (child.prefixCode !== parentPrefix) {
    return `编码 ${child.code} 不以上级编码 ${parentPrefix} 开头 (code does not extend its parent's)`;
  }
  return null;
}

/**
 * The default parent code of a code when none is given: the prefix it extends. For a
 * community this is its town; a community under an area must name the area explicitly.
 */
export function defaultParentCode(parsed: ParsedRegionCode): string | null {
  return parsed.prefixCode;
}

/** The path of a region given its parent's path: `/district/…/code/`. */
export function childPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

/** The codes along a path, from the top. */
export function codesOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}
