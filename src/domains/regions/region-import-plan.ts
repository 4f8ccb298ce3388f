/**
 * Plans a region import: checks a GeoJSON FeatureCollection against the regions already
 * stored and returns either the rows to write or every problem found. Pure; the service
 * runs it and then writes the plan in one transaction (all or nothing).
 */
import Flatbush from 'flatbush';
import type { StoredGeometry } from '@/db/schema.js';
import { canonicalJson } from '@/shared/canonical-json.js';
import type { ErrorCode } from '@/shared/errors.js';
import {
  LEVELS_REQUIRING_GEOMETRY,
  LEVEL_LABELS,
  REGION_LEVELS,
  checkParent,
  childPath,
  parseRegionCode,
  type ParsedRegionCode,
  type RegionLevel,
} from './region-codes.js';
import { bboxOf, bboxesOverlap, findGeometryProblem, interiorsOverlap, isWithin, type BBox } from './region-geometry.js';
import type { RegionRow, RegionWrite } from './regions-repository.js';

/** One feature as read from the file, before checks. */
export interface ImportFeature {
  code: string;
  name: string;
  level?: string;
  parentCode?: string | null;
  geometry: unknown;
}

/** One problem, naming the feature and field at fault. */
export interface ImportProblem {
  code: ErrorCode;
  /** Dotted path into the FeatureCollection: `features.12.properties.code`. */
  field: string;
  message: string;
}

/** What an import will do. */
export interface ImportPlan {
  writes: RegionWrite[];
  created: string[];
  updated: string[];
  unchanged: string[];
  before: Map<string, RegionRow>;
}

interface Node {
  code: string;
  parsed: ParsedRegionCode;
  name: string;
  parentCode: string | null;
  geometry: StoredGeometry | null;
  bbox: BBox | null;
  /** Index in the file, or -1 for a stored region. */
  index: number;
  path?: string;
}

const MAX_PROBLEMS = 200;

/** Options of {@link planRegionImport}. */
export interface PlanOptions {
  /**
   * Whether the importer may see a region (by path). Problems never name a region the
   * importer may not see: a town administrator learns that a polygon overlaps "a region
   * outside your scope", not which one.
   */
  isVisible?: (path: string) => boolean;
}

/** Checks `features` against `existing` and returns the plan or the problems. */
export function planRegionImport(
  features: ImportFeature[],
  existing: RegionRow[],
  options: PlanOptions = {},
): { plan: ImportPlan; problems: [] } | { plan: null; problems: ImportProblem[] } {
  const isVisible = options.isVisible ?? (() => true);
  const name = (node: Node) => (node.path === undefined || isVisible(node.path) ? node.code : '辖区外的区域');
  const problems: ImportProblem[] = [];
  const add = (problem: ImportProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  const nodes = new Map<string, Node>();
  const before = new Map<string, RegionRow>();
  for (const row of existing) {
    const parsed = parseRegionCode(row.code);
    if ('problem' in parsed) continue;
    before.set(row.code, row);
    nodes.set(row.code, {
      code: row.code,
      parsed,
      name: row.name,
      parentCode: row.parent_code,
      geometry: row.geometry,
      bbox: row.geometry ? bboxOf(row.geometry) : null,
      index: -1,
      path: row.path,
    });
  }

  // 1. Each feature on its own: code, level, name, geometry.
  const seen = new Map<string, number>();
  const imported: Node[] = [];
  features.forEach((f, index) => {
    const at = `features.${index}`;
    const parsed = parseRegionCode(f.code);
    if ('problem' in parsed) {
      add({ code: 'INVALID_REGION_CODE', field: `${at}.properties.code`, message: parsed.problem });
      return;
    }
    const first = seen.get(f.code);
    if (first !== undefined) {
      add({
        code: 'DUPLICATE_REGION_CODE',
        field: `${at}.properties.code`,
        message: `编码 ${f.code} 在文件中重复,首次出现于第${first + 1}个要素 (duplicate code, first at feature ${first})`,
      });
      return;
    }
    seen.set(f.code, index);
    if (f.level !== undefined && f.level !== parsed.level) {
      add({
        code: 'REGION_LEVEL_MISMATCH',
        field: `${at}.properties.level`,
        message: `编码 ${f.code} 是${LEVEL_LABELS[parsed.level]}(${parsed.level}),与声明的层级 ${f.level} 不符`,
      });
      return;
    }
    const stored = nodes.get(f.code);
    let geometry: StoredGeometry | null = null;
    if (f.geometry !== null && f.geometry !== undefined) {
      const problem = findGeometryProblem(f.geometry);
      if (problem) {
        add({ code: 'INVALID_GEOMETRY', field: `${at}.geometry`, message: `${f.code}:${problem}` });
        return;
      }
      geometry = f.geometry as StoredGeometry;
    } else if (stored?.geometry) {
      // A feature without geometry renames or moves a region; it never erases its polygon.
      geometry = stored.geometry;
    } else if (LEVELS_REQUIRING_GEOMETRY.includes(parsed.level)) {
      add({
        code: 'INVALID_GEOMETRY',
        field: `${at}.geometry`,
        message: `${LEVEL_LABELS[parsed.level]} ${f.code} 必须有多边形范围 (a ${parsed.level} needs a polygon)`,
      });
      return;
    }
    const parentCode = f.parentCode ?? stored?.parentCode ?? parsed.prefixCode;
    const node: Node = {
      code: f.code,
      parsed,
      name: f.name,
      parentCode,
      geometry,
      bbox: geometry ? bboxOf(geometry) : null,
      index,
      path: stored?.path,
    };
    nodes.set(f.code, node);
    imported.push(node);
  });
  if (problems.length > 0) return { plan: null, problems };

  // 2. Parents: they exist (in the file or stored) and fit the code and level.
  for (const node of imported) {
    const at = `features.${node.index}.properties`;
    if (node.parsed.level === 'district') {
      if (node.parentCode) {
        add({ code: 'REGION_LEVEL_MISMATCH', field: `${at}.parent_code`, message: `区县 ${node.code} 不能有上级` });
      }
      node.parentCode = null;
      continue;
    }
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    if (!parent) {
      add({
        code: 'UNKNOWN_PARENT',
        field: `${at}.parent_code`,
        message: `${node.code} 的上级 ${node.parentCode ?? '(无)'} 既不在文件中也未导入 (unknown parent)`,
      });
      continue;
    }
    const problem = checkParent(node.parsed, { code: parent.code, level: parent.parsed.level });
    if (problem) add({ code: 'REGION_LEVEL_MISMATCH', field: `${at}.parent_code`, message: problem });
  }
  if (problems.length > 0) return { plan: null, problems };

  // 3. Paths, top down; a moved parent moves its stored descendants too.
  const children = new Map<string, Node[]>();
  for (const node of nodes.values()) {
    if (!node.parentCode) continue;
    const list = children.get(node.parentCode) ?? [];
    list.push(node);
    children.set(node.parentCode, list);
  }
  const pathChanged = new Set<string>();
  const roots = [...nodes.values()].filter((n) => n.parsed.level === 'district');
  const stack: { node: Node; parentPath: string | null }[] = roots.map((node) => ({ node, parentPath: null }));
  while (stack.length > 0) {
    const { node, parentPath } = stack.pop() as { node: Node; parentPath: string | null };
    const path = childPath(parentPath, node.code);
    if (node.path !== path) pathChanged.add(node.code);
    node.path = path;
    for (const child of children.get(node.code) ?? []) stack.push({ node: child, parentPath: path });
  }

  // 4. Geometry against the nearest ancestor that has one: every imported region, and
  // every stored region the import moved or whose ancestors it re-drew.
  const nearestAncestorWithGeometry = (node: Node): Node | undefined => {
    let ancestor = node.parentCode ? nodes.get(node.parentCode) : undefined;
    while (ancestor && !ancestor.geometry) ancestor = ancestor.parentCode ? nodes.get(ancestor.parentCode) : undefined;
    return ancestor;
  };
  const redrawn = new Set(imported.filter((n) => n.geometry && before.has(n.code)).map((n) => n.code));
  for (const node of nodes.values()) {
    if (!node.geometry) continue;
    const ancestor = nearestAncestorWithGeometry(node);
    if (!ancestor?.geometry) continue;
    const isImported = node.index >= 0;
    if (!isImported && !pathChanged.has(node.code) && !redrawn.has(ancestor.code)) continue;
    if (isWithin(node.geometry, ancestor.geometry)) continue;
    if (isImported) {
      add({
        code: 'REGION_OUTSIDE_PARENT',
        field: `features.${node.index}.geometry`,
        message: `${LEVEL_LABELS[node.parsed.level]} ${node.code} 超出上级 ${name(ancestor)} 的范围 (outside its parent)`,
      });
    } else {
      const culprit = ancestor.index >= 0 ? ancestor : node;
      add({
        code: 'REGION_OUTSIDE_PARENT',
        field: culprit.index >= 0 ? `features.${culprit.index}.geometry` : 'features',
        message: `已有的${LEVEL_LABELS[node.parsed.level]} ${name(node)} 将落在上级 ${name(ancestor)} 的新范围之外 (a stored region would fall outside its new parent)`,
      });
    }
  }

  // 5. Grids must not overlap grids, nor micro-grids micro-grids.
  for (const level of ['grid', 'microgrid'] as const) {
    findOverlaps(level, [...nodes.values()], add, name);
  }
  if (problems.length > 0) return { plan: null, problems };

  // 6. The plan: imported rows that differ, and stored rows whose path moved.
  const writes: RegionWrite[] = [];
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const node of nodes.values()) {
    const stored = before.get(node.code);
    const isImported = node.index >= 0;
    if (!isImported && !pathChanged.has(node.code)) continue;
    const write: RegionWrite = {
      district_code: node.parsed.districtCode,
      code: node.code,
      parent_code: node.parentCode,
      level: node.parsed.level,
      name: node.name,
      path: node.path ?? childPath(null, node.code),
      geometry: node.geometry,
      bbox: node.bbox,
    };
    if (!stored) {
      created.push(node.code);
      writes.push(write);
    } else if (
      pathChanged.has(node.code) ||
      stored.name !== write.name ||
      stored.parent_code !== write.parent_code ||
      canonicalJson(stored.geometry) !== canonicalJson(write.geometry)
    ) {
      updated.push(node.code);
      writes.push(write);
    } else {
      unchanged.push(node.code);
    }
  }
  const depth = (level: RegionLevel) => REGION_LEVELS.indexOf(level);
  writes.sort((a, b) => depth(a.level) - depth(b.level) || (a.code < b.code ? -1 : 1));
  return { plan: { writes, created, updated, unchanged, before }, problems: [] };
}

function findOverlaps(
  level: 'grid' | 'microgrid',
  all: Node[],
  add: (problem: ImportProblem) => void,
  name: (node: Node) => string,
): void {
  const nodes = all.filter((n) => n.parsed.level === level && n.geometry && n.bbox);
  if (nodes.length < 2 || !nodes.some((n) => n.index >= 0)) return;
  const index = new Flatbush(nodes.length);
  for (const node of nodes) {
    const [minX, minY, maxX, maxY] = node.bbox as BBox;
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  for (const [i, node] of nodes.entries()) {
    if (node.index < 0) continue;
    const bbox = node.bbox as BBox;
    for (const j of index.search(bbox[0], bbox[1], bbox[2], bbox[3])) {
      const other = nodes[j] as Node;
      if (j === i) continue;
      // Each pair once: when both are imported, only from the lower index.
      if (other.index >= 0 && other.index < node.index) continue;
      if (!bboxesOverlap(bbox, other.bbox as BBox)) continue;
      if (interiorsOverlap(node.geometry as StoredGeometry, other.geometry as StoredGeometry)) {
        add({
          code: 'REGION_OVERLAP',
          field: `features.${node.index}.geometry`,
          message: `${LEVEL_LABELS[level]} ${node.code} 与 ${name(other)} 重叠 (overlapping ${level}s)`,
        });
      }
    }
  }
}
