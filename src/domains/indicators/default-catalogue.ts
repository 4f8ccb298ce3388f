/**
 * The default indicator catalogue: the indicators the seed reports use (Xiaoshan, Guali,
 * Suoqian, Qiantang, 2019–2023). Data, not code: a district edits its catalogue freely.
 */

/** One catalogue entry as seeded. */
export interface CatalogueEntry {
  code: string;
  name: string;
  dimension: 'money' | 'count' | 'area' | 'percent';
  baseUnit: string;
  displayUnit: string;
  kind: 'level' | 'growth' | 'ratio';
  /** The basis of the reported growth rate (GDP and industrial value added: comparable). */
  priceBasis: 'current' | 'comparable' | null;
  frequency: 'monthly_cumulative' | 'quarterly' | 'annual';
  direction: 'higher' | 'lower';
  ownerDepartmentCode: string | null;
}

const money = (code: string, name: string, extra: Partial<CatalogueEntry> = {}): CatalogueEntry => ({
  code,
  name,
  dimension: 'money',
  baseUnit: '元',
  displayUnit: '亿元',
  kind: 'level',
  priceBasis: 'current',
  frequency: 'monthly_cumulative',
  direction: 'higher',
  ownerDepartmentCode: null,
  ...extra,
});

/** The 20 default indicators, in the order reports list them. */
export const DEFAULT_CATALOGUE: readonly CatalogueEntry[] = [
  money('GDP', '地区生产总值', { priceBasis: 'comparable', frequency: 'quarterly' }),
  money('GYZJZ', '规上工业增加值', { priceBasis: 'comparable' }),
  money('GYCZ', '规上工业总产值'),
  money('GYXSCZ', '规上工业销售产值'),
  money('GXJSCY', '高新技术产业增加值', { priceBasis: 'comparable' }),
  money('SZJJ', '数字经济核心产业增加值', { priceBasis: 'comparable', frequency: 'quarterly' }),
  money('GDZCTZ', '固定资产投资'),
  money('GYTZ', '工业投资'),
  money('MJTZ', '民间投资'),
  money('JSJTZ', '交通投资'),
  money('CZZSR', '财政总收入'),
  money('YBGGYSSR', '一般公共预算收入'),
  money('SHXFPLSZE', '社会消费品零售总额'),
  money('JCKZE', '进出口总额'),
  money('CKE', '出口额'),
  money('SJLYWZ', '实际利用外资', { displayUnit: '万元' }),
  money('FWYZJZ', '服务业增加值', { priceBasis: 'comparable', frequency: 'quarterly' }),
  money('NCJMSR', '农村居民人均可支配收入', { displayUnit: '元', frequency: 'quarterly' }),
  {
    code: 'XZSCZT',
    name: '新增市场主体',
    dimension: 'count',
    baseUnit: '家',
    displayUnit: '家',
    kind: 'level',
    priceBasis: null,
    frequency: 'monthly_cumulative',
    direction: 'higher',
    ownerDepartmentCode: 'SCJG',
  },
  {
    code: 'DWGDPNH',
    name: '单位GDP能耗',
    dimension: 'percent',
    // Percentages are stored as fractions (16.6% is 0.166); 'ratio' is that base unit.
    baseUnit: 'ratio',
    displayUnit: '%',
    kind: 'growth',
    priceBasis: null,
    frequency: 'annual',
    direction: 'lower',
    ownerDepartmentCode: null,
  },
];
