/**
 * A deterministic demo district shaped on 萧山区 (330109), for trying Shuzhi out and for
 * load tests. Pure: no I/O, no clock, no Math.random; the same options always give the
 * same district.
 *
 * The standard demo holds six towns. 瓜沥镇 is shaped exactly like the real one in seed 000
 * (3 片区, 75 村社, 168 网格, 1,644 微网格) and 所前镇 like seed 002 (51 网格, 452 微网格,
 * 村社 directly under the town); the other four are smaller, some with 片区 and some without.
 * A larger `microgrids` target adds more Guali-shaped towns.
 *
 * Geometry is a recursive, seeded subdivision of the district's rectangle into rectangles.
 * Each split coordinate is rounded once and then shared by both sides, and children reuse
 * their parent's outer coordinates, so siblings tile their parent exactly: shared edges are
 * bit-identical and nothing overlaps or sticks out, which the import checks demand.
 */
import type { Polygon, Position } from 'geojson';
import type { RegionLevel } from '@/domains/regions/region-codes.js';
import type { ImportFeature } from '@/domains/regions/region-import-plan.js';
import type { Role } from '@/shared/actor.js';
import { mulberry32 } from '@/shared/seeded-random.js';

/** Options of {@link generateDemoDistrict}. */
export interface DemoOptions {
  /** Seed of every random choice (names, counts per region, split sizes, phones). Default 20230630. */
  seed?: number;
  /**
   * Target total of micro-grids. Default (and any target at or below it): the standard demo.
   * A larger target adds Guali-shaped towns, plus one smaller town for the remainder, so the
   * total lands within a few micro-grids of the target.
   */
  microgrids?: number;
}

/** A district-level department of the demo. */
export interface DemoDepartment {
  /** Stable code matching `^[A-Z][A-Z0-9_]{1,31}$`. */
  code: string;
  name: string;
  /** `linkage`: a body outside the government that takes cases through a linkage channel (110). */
  kind: 'functional' | 'linkage';
  regionCode: string;
}

/** A demo user account (without a password: whoever seeds the accounts chooses one). */
export interface DemoUser {
  /** Stable, lowercase, matching `^[a-z0-9][a-z0-9_.-]{2,63}$`. */
  username: string;
  displayName: string;
  role: Role;
  /** The region the account's scope starts at. */
  regionCode: string;
  /** Set for department handlers only. */
  departmentCode: string | null;
  /** A mainland mobile number `13xxxxxxxxx`, seeded and unique in the demo. */
  phone: string;
}

/** The generated district. */
export interface DemoDistrict {
  districtCode: string;
  /** Every region, parents before children, ready for `planRegionImport`. */
  features: ImportFeature[];
  departments: DemoDepartment[];
  users: DemoUser[];
  /** How many regions of each level `features` holds. */
  counts: Record<RegionLevel, number>;
}

/** The default seed: the date of Guali's half-year scorecard (seed 000). */
export const DEMO_DEFAULT_SEED = 20230630;

/** The demo district's code: the real 萧山区 code, so codes look familiar. */
export const DEMO_DISTRICT_CODE = '330109';

const DISTRICT_NAME = '萧山区(演示)';

/** Roughly the extent of 萧山区, in WGS84 degrees. */
const DISTRICT_BOUNDS: Rect = { west: 120.1, south: 30.0, east: 120.7, north: 30.4 };

/** Coordinates are rounded to 7 decimals (about 1 cm) before any reuse, so equal edges stay equal. */
const COORDINATE_SCALE = 1e7;

/** The shape of one town: how many regions of each level and what to call them. */
interface TownShape {
  /** The town's 3-digit sequence: 001–099 街道, 100–199 镇 (GB/T 10114). */
  seq: number;
  name: string;
  /** Lowercase slug for usernames (`guali.admin`). */
  slug: string;
  /** Names of the town's 片区; empty when its 村社 hang directly under the town. */
  areaNames: readonly string[];
  /** How many 片区; one without a name in `areaNames` is named after its first village. */
  areaCount: number;
  /** 社区 (urban communities, codes 001–199) and 村 (villages, codes 200–399). */
  urban: number;
  villages: number;
  grids: number;
  microgrids: number;
  /** Relative land per micro-grid: hilly towns are large, 街道 are dense. */
  sparseness: number;
  /** Real names to use first (from the seed reports), urban then villages. */
  urbanNames?: readonly string[];
  villageNames?: readonly string[];
}

/** Guali's structure from seed 000: 1 centre, 3 areas, 168 grids, 1,644 micro-grids; 75 村社. */
const GUALI_SHAPE = { areaCount: 3, urban: 12, villages: 63, grids: 168, microgrids: 1644 } as const;

/** The standard demo's towns, in code order. Codes are demo codes, not the real ones. */
const STANDARD_TOWNS: readonly TownShape[] = [
  {
    seq: 1,
    name: '城厢街道',
    slug: 'chengxiang',
    areaNames: [],
    areaCount: 0,
    urban: 12,
    villages: 2,
    grids: 40,
    microgrids: 380,
    sparseness: 0.45,
  },
  {
    seq: 2,
    name: '北干街道',
    slug: 'beigan',
    areaNames: ['北干山片区', '金城片区'],
    areaCount: 2,
    urban: 13,
    villages: 3,
    grids: 45,
    microgrids: 410,
    sparseness: 0.5,
  },
  {
    seq: 4,
    name: '新塘街道',
    slug: 'xintang',
    areaNames: [],
    areaCount: 0,
    urban: 8,
    villages: 10,
    grids: 38,
    microgrids: 330,
    sparseness: 0.8,
  },
  {
    seq: 110,
    name: '所前镇',
    slug: 'suoqian',
    areaNames: [],
    areaCount: 0,
    urban: 1,
    villages: 20,
    grids: 51,
    microgrids: 452,
    sparseness: 1.6,
    urbanNames: ['所前社区'],
    // The villages named in seed 002.
    villageNames: [
      '三泉王村',
      '传芳村',
      '山里王村',
      '李家村',
      '袄庄陈村',
      '山联村',
      '孔湖村',
      '祥里王村',
      '越王村',
      '城南村',
      '杜家村',
    ],
  },
  {
    seq: 111,
    name: '衙前镇',
    slug: 'yaqian',
    areaNames: ['衙前片区', '凤凰片区'],
    areaCount: 2,
    urban: 2,
    villages: 14,
    grids: 36,
    microgrids: 320,
    sparseness: 1.2,
  },
  {
    seq: 112,
    name: '瓜沥镇',
    slug: 'guali',
    // Guali was merged from the old 瓜沥, 坎山 and 党山 towns; its three areas follow them.
    areaNames: ['瓜沥片区', '坎山片区', '党山片区'],
    ...GUALI_SHAPE,
    sparseness: 1,
    urbanNames: ['博文社区', '七彩社区'],
    villageNames: ['航民村', '梅林村', '长巷村'],
  },
];

/** Real 萧山 town names for the first added towns, before made-up ones. */
const EXTRA_TOWN_NAMES = ['楼塔', '河上', '戴村', '浦阳', '进化', '临浦', '义桥', '党湾', '益农'];

/** District departments; the handler accounts go to the first few. */
const DEPARTMENTS: readonly Omit<DemoDepartment, 'regionCode'>[] = [
  { code: 'CG', name: '城管局(综合行政执法局)', kind: 'functional' },
  { code: 'SCJG', name: '市场监管局', kind: 'functional' },
  { code: 'ZJ', name: '住建局', kind: 'functional' },
  { code: 'JT', name: '交通运输局', kind: 'functional' },
  { code: 'STHJ', name: '生态环境分局', kind: 'functional' },
  { code: 'SL', name: '水利局(农业农村局)', kind: 'functional' },
  { code: 'WJ', name: '卫健局', kind: 'functional' },
  { code: 'YJGL', name: '应急管理局', kind: 'functional' },
  { code: 'ZRZY', name: '自然资源和规划分局', kind: 'functional' },
  { code: 'MZ', name: '民政局', kind: 'functional' },
  { code: 'JY', name: '教育局', kind: 'functional' },
  { code: 'GA110', name: '公安分局110联动', kind: 'linkage' },
];

/** Departments that get a handler account: the busiest case owners and the 110 linkage. */
const HANDLER_DEPARTMENTS = ['CG', 'SCJG', 'ZJ', 'SL', 'GA110'] as const;

const GRID_WORKERS_IN_GUALI = 6;
const DEPUTIES_IN_GUALI = 3;

// Name parts. Villages read like 李家村, 三泉王村, 东塘村; communities like 博文社区.
const SURNAMES = [
  '王', '李', '张', '陈', '刘', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '郭', '何',
  '林', '高', '罗', '郑', '谢', '宋', '许', '韩', '沈', '俞', '楼', '傅', '任', '蔡', '汪', '方',
  '金', '钱', '施', '孔', '陆', '葛', '夏', '姚', '章', '丁', '来', '倪', '汤', '边',
];
const PLACE_HEADS = [
  '东', '西', '南', '北', '新', '长', '永', '联', '红', '光', '明', '民', '群', '和', '兴', '丰',
  '富', '安', '太', '仁', '义', '凤', '龙', '云', '青', '金', '梅', '桃', '竹', '荷', '石', '沙',
  '湖', '山', '塘', '桥', '江', '湾', '浦', '港', '坎', '溪', '泉', '三', '五', '七', '九', '前',
  '后', '上', '下', '大', '里', '高', '横', '航', '双', '杏', '荣', '昭',
];
const PLACE_TAILS = [
  '山', '湖', '塘', '桥', '江', '河', '湾', '浦', '港', '埠', '岭', '溪', '泉', '庄', '园', '林',
  '坞', '墩', '头', '口', '明', '丰', '兴', '联', '光', '华', '星', '盛', '安', '民', '新', '胜',
  '利', '和', '福', '群', '农', '围', '沙', '圩', '垦', '港', '阳', '峰',
];
const COMMUNITY_HEADS = [
  '博', '明', '和', '新', '金', '银', '华', '文', '安', '康', '瑞', '锦', '丰', '永', '兴', '嘉',
  '润', '欣', '惠', '宁', '城', '江', '湖', '崇', '育', '振', '百', '世', '绿', '春', '汇', '清',
];
const COMMUNITY_TAILS = [
  '文', '德', '顺', '澜', '城', '华', '苑', '园', '湖', '桥', '兴', '悦', '盛', '泰', '安', '和',
  '河', '塘', '江', '都', '源', '荣', '景', '阳', '福', '泽', '晖', '新', '北', '南', '街', '里',
];
const GIVEN_NAME_CHARS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明',
  '超', '华', '平', '刚', '丹', '琳', '婷', '浩', '宇', '佳', '欣', '怡', '晨', '鑫', '斌', '燕',
  '建', '国', '海', '志', '晓', '红', '春', '英', '萍', '峰', '东', '立', '文', '亮', '霞',
];

/** An axis-aligned rectangle in degrees; every edge is already rounded. */
interface Rect {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A region before geometry: counts are fixed, the rectangle comes later. */
interface PlannedRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string;
  /** Relative land share among its siblings. */
  weight: number;
  children: PlannedRegion[];
}

type Random = () => number;

/**
 * Generates the demo district. Pure and deterministic: the same options give deep-equal
 * output. Throws a RangeError for a seed that is not a finite number, a non-positive or
 * non-finite micro-grid target, or a target too large for the town code range (001–599).
 */
export function generateDemoDistrict(options: DemoOptions = {}): DemoDistrict {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new RangeError(`demo seed must be a finite number, got ${seed}`);
  const target = options.microgrids;
  if (target !== undefined && (!Number.isFinite(target) || target <= 0)) {
    throw new RangeError(`demo micro-grid target must be a positive number, got ${target}`);
  }

  // Standard towns are planned first and each town draws from its own stream, so the
  // standard demo's names and counts are the same whatever the target.
  const names = new NameBook();
  const standard = STANDARD_TOWNS.map((shape) => planTown(shape, names, streamOf(seed, `town:${shape.seq}`)));
  const extraShapes = extraTownShapes(target, names, streamOf(seed, 'extra-towns'));
  const extra = extraShapes.map((shape) => planTown(shape, names, streamOf(seed, `town:${shape.seq}`)));
  const shapes = [...STANDARD_TOWNS, ...extraShapes];
  const towns = [...standard, ...extra];
  const district: PlannedRegion = {
    code: DEMO_DISTRICT_CODE,
    name: DISTRICT_NAME,
    level: 'district',
    parentCode: '',
    weight: 1,
    children: towns,
  };

  const features: ImportFeature[] = [];
  const counts: Record<RegionLevel, number> = {
    district: 0,
    town: 0,
    area: 0,
    community: 0,
    grid: 0,
    microgrid: 0,
  };
  emitFeatures(district, roundRect(DISTRICT_BOUNDS), streamOf(seed, 'geometry'), features, counts);

  const departments: DemoDepartment[] = DEPARTMENTS.map((d) => ({ ...d, regionCode: DEMO_DISTRICT_CODE }));
  const users = buildUsers(shapes, towns, streamOf(seed, 'users'));
  return { districtCode: DEMO_DISTRICT_CODE, features, departments, users, counts };
}

// ---------------------------------------------------------------------------------------
// Towns

function standardMicrogrids(): number {
  return STANDARD_TOWNS.reduce((sum, t) => sum + t.microgrids, 0);
}

/**
 * The towns added on top of the standard demo to reach `target` micro-grids: as many
 * Guali-shaped towns as fit, then one smaller town holding the remainder.
 */
function extraTownShapes(target: number | undefined, names: NameBook, random: Random): TownShape[] {
  const base = standardMicrogrids();
  if (target === undefined || target <= base) return [];
  const missing = Math.round(target) - base;
  const full = Math.floor(missing / GUALI_SHAPE.microgrids);
  const remainder = missing - full * GUALI_SHAPE.microgrids;
  const needed = full + (remainder > 0 ? 1 : 0);

  const used = new Set(STANDARD_TOWNS.map((t) => t.seq));
  // 镇 first, then 乡, then other township-level units: all within the 001–599 town range.
  const free: number[] = [];
  for (let seq = 100; seq <= 599; seq++) if (!used.has(seq)) free.push(seq);
  if (needed > free.length) {
    throw new RangeError(
      `demo micro-grid target ${target} needs ${needed} more towns but only ${free.length} town codes are free`,
    );
  }

  const shapes: TownShape[] = [];
  for (let i = 0; i < needed; i++) {
    const seq = free[i] as number;
    const suffix = seq <= 199 ? '镇' : seq <= 399 ? '乡' : '园区';
    const known = EXTRA_TOWN_NAMES[i];
    const name = known !== undefined && suffix === '镇' ? `${known}镇` : names.town(suffix, random);
    names.reserve(name);
    const shape = i < full ? { ...GUALI_SHAPE } : remainderShape(remainder);
    shapes.push({
      seq,
      name,
      slug: `town${String(seq).padStart(3, '0')}`,
      areaNames: [],
      ...shape,
      sparseness: 0.8 + random() * 0.8,
    });
  }
  return shapes;
}

/** A town smaller than Guali but with Guali's proportions, holding `microgrids` micro-grids. */
function remainderShape(
  microgrids: number,
): Pick<TownShape, 'areaCount' | 'urban' | 'villages' | 'grids' | 'microgrids'> {
  const grids = clamp(
    Math.round((microgrids * GUALI_SHAPE.grids) / GUALI_SHAPE.microgrids),
    1,
    microgrids,
  );
  const communities = clamp(
    Math.round((grids * (GUALI_SHAPE.urban + GUALI_SHAPE.villages)) / GUALI_SHAPE.grids),
    1,
    grids,
  );
  const urban = Math.round((communities * GUALI_SHAPE.urban) / (GUALI_SHAPE.urban + GUALI_SHAPE.villages));
  // Areas only pay off for a town with many villages.
  const areaCount = communities >= 30 ? 3 : communities >= 16 ? 2 : 0;
  return { areaCount, urban, villages: communities - urban, grids, microgrids };
}

/** Decides a town's tree: areas, communities, grids and micro-grids with names and weights. */
function planTown(shape: TownShape, names: NameBook, random: Random): PlannedRegion {
  const townCode = `${DEMO_DISTRICT_CODE}${pad(shape.seq, 3)}`;
  const communityTotal = shape.urban + shape.villages;
  if (shape.urban > 199 || shape.villages > 200) {
    throw new RangeError(`town ${townCode} has more communities than its code ranges hold`);
  }

  // Which communities are 社区 and which 村, and their names; urban ones first (the town centre).
  const urbanNames = names.fill(shape.urbanNames ?? [], shape.urban, () => names.community(random));
  const villageNames = names.fill(shape.villageNames ?? [], shape.villages, () => names.village(random));

  // Grids per community and micro-grids per grid, varied but with exact totals.
  const gridsPer = distribute(shape.grids, communityTotal, random, 1, 999);
  const microPer = distribute(shape.microgrids, shape.grids, random, 1, 99);

  let urbanNext = 0;
  let villageNext = 0;
  let gridCursor = 0;
  let communityCursor = 0;
  const makeCommunity = (urban: boolean, parentCode: string): PlannedRegion => {
    const seq = urban ? 1 + urbanNext : 200 + villageNext;
    const name = urban ? (urbanNames[urbanNext] as string) : (villageNames[villageNext] as string);
    if (urban) urbanNext++;
    else villageNext++;
    const code = `${townCode}${pad(seq, 3)}`;
    const gridCount = gridsPer[communityCursor++] as number;
    const grids: PlannedRegion[] = [];
    for (let g = 1; g <= gridCount; g++) {
      const gridCode = `${code}${pad(g, 3)}`;
      const microCount = microPer[gridCursor++] as number;
      const micros: PlannedRegion[] = [];
      for (let m = 1; m <= microCount; m++) {
        micros.push({
          code: `${gridCode}${pad(m, 2)}`,
          name: `${m}号微网格`,
          level: 'microgrid',
          parentCode: gridCode,
          weight: 0.6 + random() * 0.8,
          children: [],
        });
      }
      grids.push({
        code: gridCode,
        name: `第${g}网格`,
        level: 'grid',
        parentCode: code,
        weight: sumWeights(micros) * (0.8 + random() * 0.4),
        children: micros,
      });
    }
    // Villages spread over fields and hills; urban communities are compact.
    const landFactor = urban ? 1 : 2.2;
    return {
      code,
      name,
      level: 'community',
      parentCode,
      weight: sumWeights(grids) * landFactor * (0.75 + random() * 0.5),
      children: grids,
    };
  };

  const children: PlannedRegion[] = [];
  if (shape.areaCount === 0) {
    for (let i = 0; i < shape.urban; i++) children.push(makeCommunity(true, townCode));
    for (let i = 0; i < shape.villages; i++) children.push(makeCommunity(false, townCode));
  } else {
    const perArea = distribute(communityTotal, shape.areaCount, random, 1, 99);
    // Split 社区 over the areas in proportion to their size; the rest of each area is 村.
    // Largest-remainder rounding never gives an area more 社区 than it has members.
    const urbanPer = distribute(shape.urban, shape.areaCount, random, 0, 199, perArea);
    for (let a = 0; a < shape.areaCount; a++) {
      const areaCode = `${townCode}${901 + a}`;
      const areaUrban = urbanPer[a] as number;
      const members: PlannedRegion[] = [];
      for (let i = 0; i < areaUrban; i++) members.push(makeCommunity(true, areaCode));
      for (let i = areaUrban; i < (perArea[a] as number); i++) members.push(makeCommunity(false, areaCode));
      // Real areas carry the name of a former town or their central village.
      const firstVillage = members.find((m) => m.name.endsWith('村')) ?? members[0];
      const name = shape.areaNames[a] ?? `${(firstVillage as PlannedRegion).name.replace(/(村|社区)$/, '')}片区`;
      children.push({
        code: areaCode,
        name,
        level: 'area',
        parentCode: townCode,
        weight: sumWeights(members),
        children: members,
      });
    }
  }
  if (urbanNext !== shape.urban || villageNext !== shape.villages) {
    throw new Error(`demo town ${townCode} could not place its 社区/村 mix over its areas`);
  }

  return {
    code: townCode,
    name: shape.name,
    level: 'town',
    parentCode: DEMO_DISTRICT_CODE,
    weight: sumWeights(children) * shape.sparseness,
    children,
  };
}

// ---------------------------------------------------------------------------------------
// Geometry and features

/**
 * Writes `node` and its subtree, parents first, giving each node `rect` and splitting it
 * among the children.
 */
function emitFeatures(
  node: PlannedRegion,
  rect: Rect,
  random: Random,
  out: ImportFeature[],
  counts: Record<RegionLevel, number>,
): void {
  out.push({
    code: node.code,
    name: node.name,
    level: node.level,
    parentCode: node.level === 'district' ? null : node.parentCode,
    geometry: polygonOf(rect),
  });
  counts[node.level]++;
  if (node.children.length === 0) return;
  const rects = tile(
    rect,
    node.children.map((c) => c.weight),
    random,
  );
  node.children.forEach((child, i) => emitFeatures(child, rects[i] as Rect, random, out, counts));
}

/**
 * Splits `rect` into one rectangle per weight, areas roughly proportional to the weights,
 * in order west→east / north→south (the numbering order of STANDARDS §1). A binary
 * treemap: each cut is rounded once and shared by both halves, so the pieces tile `rect`
 * exactly. Cuts are jittered so the map does not look like a chessboard.
 */
function tile(rect: Rect, weights: readonly number[], random: Random): Rect[] {
  const out: Rect[] = new Array<Rect>(weights.length);
  const prefix = [0];
  for (const w of weights) prefix.push((prefix[prefix.length - 1] as number) + w);
  const sum = (lo: number, hi: number) => (prefix[hi] as number) - (prefix[lo] as number);

  const split = (r: Rect, lo: number, hi: number): void => {
    if (hi - lo === 1) {
      out[lo] = r;
      return;
    }
    const total = sum(lo, hi);
    // Cut near the middle of the weight, not always exactly at it.
    const aim = total * (0.4 + random() * 0.2);
    let k = lo + 1;
    while (k < hi - 1 && sum(lo, k) < aim) k++;
    if (k > lo + 1 && Math.abs(sum(lo, k - 1) - aim) < Math.abs(sum(lo, k) - aim)) k--;
    const fraction = clamp((sum(lo, k) / total) * (0.88 + random() * 0.24), 0.08, 0.92);

    // Cut across the longer side (in metres, so longitude shrinks by cos(latitude)) to avoid
    // slivers; near-square pieces may go either way.
    const midLat = ((r.south + r.north) / 2) * (Math.PI / 180);
    const aspect = ((r.east - r.west) * Math.cos(midLat)) / (r.north - r.south);
    const vertical = aspect > 1.25 ? true : aspect < 0.8 ? false : random() < 0.5;
    if (vertical) {
      const x = cutBetween(r.west, r.east, fraction);
      split({ ...r, east: x }, lo, k);
      split({ ...r, west: x }, k, hi);
    } else {
      const y = cutBetween(r.north, r.south, fraction);
      split({ ...r, south: y }, lo, k);
      split({ ...r, north: y }, k, hi);
    }
  };
  split(rect, 0, weights.length);
  return out;
}

/** A rounded coordinate `fraction` of the way from `from` to `to`, strictly between them. */
function cutBetween(from: number, to: number, fraction: number): number {
  const cut = round(from + (to - from) * fraction);
  if (cut !== from && cut !== to && (cut - from) * (to - cut) > 0) return cut;
  const middle = round((from + to) / 2);
  if (middle !== from && middle !== to) return middle;
  throw new RangeError(`demo region too small to split between ${from} and ${to}`);
}

/** A rectangle as a GeoJSON Polygon: one closed, counter-clockwise ring of 5 positions. */
function polygonOf(r: Rect): Polygon {
  const ring: Position[] = [
    [r.west, r.south],
    [r.east, r.south],
    [r.east, r.north],
    [r.west, r.north],
    [r.west, r.south],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

function roundRect(r: Rect): Rect {
  return { west: round(r.west), south: round(r.south), east: round(r.east), north: round(r.north) };
}

function round(value: number): number {
  return Math.round(value * COORDINATE_SCALE) / COORDINATE_SCALE;
}

// ---------------------------------------------------------------------------------------
// Users

function buildUsers(shapes: readonly TownShape[], towns: readonly PlannedRegion[], random: Random): DemoUser[] {
  const users: DemoUser[] = [];
  const phones = new Set<string>();
  const add = (username: string, role: Role, regionCode: string, departmentCode: string | null = null) => {
    let phone: string;
    do phone = `13${Math.floor(random() * 1e9).toString().padStart(9, '0')}`;
    while (phones.has(phone));
    phones.add(phone);
    users.push({ username, displayName: personName(random), role, regionCode, departmentCode, phone });
  };

  const district = DEMO_DISTRICT_CODE;
  add('admin', 'admin', district);
  add('supervisor', 'supervisor', district);
  add('operator', 'operator', district);
  add('dispatcher', 'dispatcher', district);
  add('viewer', 'viewer', district);

  const townCodeOf = (shape: TownShape) => `${district}${pad(shape.seq, 3)}`;
  const standardCount = STANDARD_TOWNS.length;
  shapes.slice(0, standardCount).forEach((shape) => add(`${shape.slug}.admin`, 'town_admin', townCodeOf(shape)));

  const guali = towns[STANDARD_TOWNS.findIndex((t) => t.slug === 'guali')] as PlannedRegion;
  add('guali.operator', 'operator', guali.code);
  add('guali.dispatcher', 'dispatcher', guali.code);

  for (const code of HANDLER_DEPARTMENTS) add(`${code.toLowerCase()}.handler`, 'department_handler', district, code);

  // Grid workers spread over Guali's grids rather than bunched in its first village.
  const gualiGrids = descendantsAt(guali, 'grid');
  for (let i = 0; i < GRID_WORKERS_IN_GUALI; i++) {
    const grid = gualiGrids[Math.floor((i * gualiGrids.length) / GRID_WORKERS_IN_GUALI)] as PlannedRegion;
    add(`gw.guali.${pad(i + 1, 3)}`, 'grid_worker', grid.code);
  }
  for (let i = 0; i < DEPUTIES_IN_GUALI; i++) add(`deputy.guali.${pad(i + 1, 3)}`, 'deputy', guali.code);

  // Added towns last, so the standard accounts stay the same whatever the target.
  shapes.slice(standardCount).forEach((shape) => add(`${shape.slug}.admin`, 'town_admin', townCodeOf(shape)));
  return users;
}

function descendantsAt(node: PlannedRegion, level: RegionLevel): PlannedRegion[] {
  if (node.level === level) return [node];
  return node.children.flatMap((child) => descendantsAt(child, level));
}

function personName(random: Random): string {
  const surname = pick(SURNAMES, random);
  // About a third of people have a one-character given name.
  const first = pick(GIVEN_NAME_CHARS, random);
  const given = random() < 0.35 ? first : `${first}${pick(GIVEN_NAME_CHARS, random)}`;
  return `${surname}${given}`;
}

// ---------------------------------------------------------------------------------------
// Names

/**
 * Hands out place names unique in the district (a real district has few duplicates, and
 * unique names make search results readable). Falls back to a numbered name only if the
 * pools run dry, which takes far more regions than any test uses.
 */
class NameBook {
  private readonly used = new Set<string>();

  /** Marks a name as taken. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** `fixed` names first, then `make()` until there are `count`. */
  fill(fixed: readonly string[], count: number, make: () => string): string[] {
    const names = fixed.slice(0, count);
    for (const name of names) this.used.add(name);
    while (names.length < count) names.push(make());
    return names;
  }

  /** A village name: 东塘村, 三泉王村, 李家村 … */
  village(random: Random): string {
    return this.unique(() => {
      const roll = random();
      if (roll < 0.55) return `${placeRoot(random)}村`;
      if (roll < 0.8) return `${placeRoot(random)}${pick(SURNAMES, random)}村`;
      return `${pick(SURNAMES, random)}家${roll < 0.9 ? pick(PLACE_TAILS, random) : ''}村`;
    });
  }

  /** An urban community name: 博文社区, 金城社区 … */
  community(random: Random): string {
    return this.unique(() => {
      const head = pick(COMMUNITY_HEADS, random);
      let tail = pick(COMMUNITY_TAILS, random);
      while (tail === head) tail = pick(COMMUNITY_TAILS, random);
      return `${head}${tail}社区`;
    });
  }

  /** A made-up town name with the given suffix (镇, 乡, 园区). */
  town(suffix: string, random: Random): string {
    return this.unique(() => `${placeRoot(random)}${suffix}`);
  }

  private unique(make: () => string): string {
    for (let attempt = 0; attempt < 64; attempt++) {
      const name = make();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    // The pools ran dry (only with hundreds of towns): number the name so it stays unique.
    const base = make();
    for (let n = 2; ; n++) {
      const name = base.replace(/(村|社区|镇|乡|园区)$/, `${n}$1`);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

/** A two-character place root such as 东塘 or 沙埠. */
function placeRoot(random: Random): string {
  const head = pick(PLACE_HEADS, random);
  let tail = pick(PLACE_TAILS, random);
  while (tail === head) tail = pick(PLACE_TAILS, random);
  return `${head}${tail}`;
}

// ---------------------------------------------------------------------------------------
// Small helpers

/**
 * Splits `total` into `buckets` integers, each in [min, max], varied around the mean and
 * summing to `total` exactly (largest-remainder rounding). `shares` overrides the random
 * weights, to split in proportion to something else.
 */
function distribute(
  total: number,
  buckets: number,
  random: Random,
  min: number,
  max: number,
  shares?: readonly number[],
): number[] {
  if (buckets === 0) {
    if (total !== 0) throw new RangeError(`cannot place ${total} items in no buckets`);
    return [];
  }
  if (total < buckets * min || total > buckets * max) {
    throw new RangeError(`cannot split ${total} into ${buckets} parts of ${min}–${max}`);
  }
  const weights = shares ? [...shares] : Array.from({ length: buckets }, () => 0.55 + random() * 0.9);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const spare = total - buckets * min;
  const raw = weights.map((w) => (spare * w) / weightSum);
  const counts = raw.map((r) => Math.floor(r));
  let left = spare - counts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  // Push any overflow above `max` to the buckets with room, in order; keeps the sum exact.
  const result = counts.map((c) => c + min);
  let overflow = 0;
  for (let i = 0; i < result.length; i++) {
    const value = result[i] as number;
    if (value > max) {
      overflow += value - max;
      result[i] = max;
    }
  }
  for (let i = 0; overflow > 0 && i < result.length; i++) {
    const room = max - (result[i] as number);
    const moved = Math.min(room, overflow);
    result[i] = (result[i] as number) + moved;
    overflow -= moved;
  }
  return result;
}

function sumWeights(nodes: readonly PlannedRegion[]): number {
  return nodes.reduce((sum, n) => sum + n.weight, 0);
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}


/**
 * An independent random stream per purpose (FNV-1a of seed and label), so that adding
 * towns or users does not reshuffle the names and shapes of the standard ones.
 */
function streamOf(seed: number, label: string): Random {
  let hash = 0x811c9dc5;
  const text = `${seed}/${label}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mulberry32(hash);
}
