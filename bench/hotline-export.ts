/**
 * A synthetic 12345 hotline export for `npm run bench`: a UTF-8 CSV in the column layout
 * that hotline centres hand over (see `readHotlineSheet`), written in large streamed
 * chunks so that a million rows take a few seconds. The same seed gives the same file.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mulberry32 as random } from '@/shared/seeded-random.js';

/** The header row the generator writes (all of them recognised by `readHotlineSheet`). */
export const HOTLINE_EXPORT_HEADER = [
  '工单编号',
  '受理时间',
  '来源渠道',
  '诉求性质',
  '问题分类编码',
  '紧急程度',
  '诉求内容',
  '事发地址',
  '经度',
  '纬度',
  '所属镇街',
  '来电人',
  '联系电话',
] as const;

/** What the generated rows are made of. */
export interface HotlineExportOptions {
  /** Seed of the pseudo-random sequence (default 12345). */
  seed?: number;
  /** A point [lon, lat] for the next row, or null for a row without one. */
  points: () => [number, number] | null;
  /** Category codes to pick from (`SJ0101` …); empty writes no codes. */
  categoryCodes: string[];
  /** Town names to pick from; empty leaves 所属镇街 blank. */
  townNames: string[];
}

const FIRST_MS = Date.UTC(2024, 0, 1) - 8 * 3_600_000; // 2024-01-01 00:00 CST
const LAST_MS = Date.UTC(2026, 9, 31, 23, 59, 59) - 8 * 3_600_000; // 2026-10-31 23:59:59 CST
const CST_MS = 8 * 3_600_000;
const CHUNK_ROWS = 8_192;

const CHANNELS = ['电话', '电话', '电话', '微信', '网站', 'APP', '12345热线', '数字城管'];
const NATURES = ['咨询', '求助', '投诉', '投诉', '投诉', '建议', '举报', ''];
const ROADS = ['文化路', '建设路', '人民路', '解放街', '新华路', '东湖路', '滨江大道', '育才路', '朝阳街', '长安路', '和平路', '学院路'];
const PLACES = ['小区北门', '菜市场门口', '公交站旁', '十字路口', '学校东侧', '超市对面', '桥下', '广场西侧', '地下车库入口', '河道边'];
const PROBLEMS = [
  '有大量暴露垃圾未及时清运，气味很大',
  '路灯不亮已经一周',
  '窨井盖缺失,存在安全隐患',
  '占道经营,影响行人通行',
  '夜间施工噪音扰民',
  '共享单车乱停放,堵塞人行道',
  '绿化带内杂草丛生',
  '道路破损积水',
  '餐饮油烟直排扰民',
  '违章搭建',
  '小广告乱贴乱画',
  '消防通道被车辆占用',
];
const REQUESTS = ['请尽快处理。', '希望有关部门核实处理。', '请相关部门尽快到现场查看。', '多次反映未解决，请督办。', '来电人要求回复处理结果。'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'];


function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD HH:mm:ss' of an instant, in China Standard Time. */
function cstText(ms: number): string {
  const d = new Date(ms + CST_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  );
}

/** Quotes a CSV field when it needs it. */
function csvField(text: string): string {
  return text.includes(',') || text.includes('"') || text.includes('\n') ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes `rows` data rows (plus the header) to `path`. Times rise through
 * 2024-01-01 … 2026-10-31 as in a real export; ids are `HZ` + year + a 7-digit sequence.
 */
export async function writeHotlineExport(path: string, rows: number, options: HotlineExportOptions): Promise<void> {
  const next = random(options.seed ?? 12345);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const step = rows > 1 ? (LAST_MS - FIRST_MS) / rows : 0;
  let lines: string[] = [HOTLINE_EXPORT_HEADER.join(',')];
  for (let i = 0; i < rows; i += 1) {
    const at = Math.floor(FIRST_MS + i * step + next() * step);
    const time = cstText(at);
    const point = options.points();
    const town = options.townNames.length > 0 ? pick(options.townNames) : '';
    const road = pick(ROADS);
    const number = 1 + Math.floor(next() * 300);
    const address = `${town}${road}${number}号${pick(PLACES)}`;
    // About one description in eight has an ASCII comma, so the file has quoted fields too.
    const problem = pick(PROBLEMS);
    const description = `${address}${problem}${next() < 0.125 ? ',' : '，'}${pick(REQUESTS)}`;
    const name = `${pick(SURNAMES)}${next() < 0.3 ? '女士' : next() < 0.5 ? '先生' : pick(GIVEN) + pick(GIVEN)}`;
    const phone = `1${3 + Math.floor(next() * 7)}${pad(Math.floor(next() * 1e9), 9)}`;
    lines.push(
      [
        `HZ${time.slice(0, 4)}${pad(i + 1, 7)}`,
        time,
        pick(CHANNELS),
        pick(NATURES),
        options.categoryCodes.length > 0 ? pick(options.categoryCodes) : '',
        next() < 0.05 ? '紧急' : '一般',
        csvField(description),
        csvField(address),
        point ? point[0].toFixed(6) : '',
        point ? point[1].toFixed(6) : '',
        town,
        name,
        phone,
      ].join(','),
    );
    if (lines.length >= CHUNK_ROWS) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
  out.end();
  await finished;
}
