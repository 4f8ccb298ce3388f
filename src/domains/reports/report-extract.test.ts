import { describe, expect, it } from 'vitest';
import { extractMentions, type Mention } from './report-extract.js';
import { asciiDigits, readNumber, scanQuantities } from './report-numbers.js';
import { periodBefore, planSections, subjectBefore } from './report-context.js';

/** The mention whose text is `text` (the first), failing when there is none. */
function mention(source: string, text: string): Mention {
  const found = extractMentions(source).find((m) => m.text === text);
  if (!found) throw new Error(`no mention ${text} in ${source}: ${extractMentions(source).map((m) => m.text).join(', ')}`);
  return found;
}

describe('numbers', () => {
  it.each<[string, number, number]>([
    ['1,234个', 1234, 5],
    ['1，234个', 1234, 5],
    ['12,345,678元', 12345678, 10],
    ['13.05亿元', 13.05, 5],
    ['1,23个', 1, 1], // not a thousands group: two digits after the comma
    ['3，5个', 3, 1], // a list, not a thousands group
  ])('reads %s as %d', (text, value, end) => {
    expect(readNumber(asciiDigits(text), 0)).toEqual({ end, value });
  });

  it('keeps offsets when it turns full-width digits into ASCII', () => {
    const text = '完成投资１３．０５亿元，增长１２％';
    expect(asciiDigits(text)).toHaveLength(text.length);
    const found = extractMentions(text);
    expect(found.map((m) => [m.text, m.value, m.unit])).toEqual([
      ['１３．０５亿元', 13.05, '亿元'],
      ['１２％', 12, '%'],
    ]);
    expect(text.slice(found[0]?.span[0], found[0]?.span[1])).toBe('１３．０５亿元');
  });
});

describe('units and magnitudes', () => {
  it.each<[string, string, number, string, number, string]>([
    ['完成工业投资13.05亿元。', '13.05亿元', 13.05, '亿元', 1305000000, '元'],
    ['新招引大学生1.63万人。', '1.63万人', 1.63, '万人', 16300, '人'],
    ['拆除违建97.1万方。', '97.1万方', 97.1, '万方', 971000, '立方米'],
    ['清理漂浮物1000余方。', '1000余方', 1000, '方', 1000, '立方米'],
    ['建成公寓32万平方米。', '32万平方米', 32, '万平方米', 320000, '平方米'],
    ['启动6.24平方公里规划优化。', '6.24平方公里', 6.24, '平方公里', 6.24, '平方公里'],
    ['实到外资11.75亿美元。', '11.75亿美元', 11.75, '亿美元', 1175000000, '美元'],
    ['比重提高1.2个百分点。', '1.2个百分点', 1.2, '个百分点', 1.2, '百分点'],
    ['空置率下降0.5‰。', '0.5‰', 0.5, '‰', 0.5, '‰'],
    ['接待游客3.5万人次。', '3.5万人次', 3.5, '万人次', 35000, '人次'],
    ['新增市场主体1.3万余家。', '1.3万余家', 1.3, '万家', 13000, '家'],
    ['图书1万册。', '1万册', 1, '万册', 10000, '册'],
    ['完成12345件。', '12345件', 12345, '件', 12345, '件'],
    ['总人口20万。', '20万', 20, '万', 200000, ''],
  ])('%s → %s', (source, text, value, unit, normalized, normalizedUnit) => {
    const m = mention(source, text);
    expect([m.value, m.unit, m.normalized.value, m.normalized.unit]).toEqual([value, unit, normalized, normalizedUnit]);
  });

  it('reads ranges as one mention with a high end', () => {
    const m = mention('每个村社配备2-3个网格员。', '2-3个');
    expect([m.value, m.valueMax, m.unit]).toEqual([2, 3, '个']);
    expect(mention('打造2至3个场景。', '2至3个').valueMax).toBe(3);
    expect(mention('增长20%～30%。', '20%～30%').valueMax).toBe(30);
  });

  it('shares one unit across a list of numbers', () => {
    const found = extractMentions('新建公园3、5和8个。');
    expect(found.map((m) => [m.text, m.unit, m.normalized.value])).toEqual([
      ['3', '个', 3],
      ['5', '个', 5],
      ['8个', '个', 8],
    ]);
    expect(extractMentions('投资1.2、3.4亿元').map((m) => m.normalized.value)).toEqual([120000000, 340000000]);
  });
});

describe('what is left out', () => {
  it.each<[string, string]>([
    ['dates and years', '2021年12月27日召开会议,2022年工作计划。'],
    ['periods', '1-5月,1—11月份,2020-2022年。'],
    ['ordinals', '第3批项目,第2个季度,第19届运动会。'],
    ['list numbering without units', '1.加快建设。\n（2）深化改革。\n3、完善机制。'],
    ['programme names in quotes', '落地“5213”人才项目,推进“152”工程,构建“1+4+X”体系。'],
    ['codes', '建成5G基站,创成4A级景区,U12组比赛,PM2.5浓度。'],
    ['durations naming a service circle', '建成15分钟公共法律服务圈和30分钟市民学习圈。'],
    ['a capacity in a project name', '年产68万吨有机硅新材料项目开工。'],
    ['months as a duration', '历时3个月完成。'],
    ['web page chrome', '发布时间:2023-02-01 浏览次数:1234次\n来源:某某网'],
  ])('%s', (_name, source) => {
    expect(extractMentions(source).map((m) => m.text)).toEqual([]);
  });

  it('keeps the figure after a programme name', () => {
    expect(extractMentions('落地“5213”人才项目1个。').map((m) => m.text)).toEqual(['1个']);
  });
});

describe('kinds and directions', () => {
  it.each<[string, string, Mention['kind'], Mention['direction']]>([
    ['规上工业增加值同比增长16.6%,两年平均增长2.3%。', '16.6%', 'growth', 'up'],
    ['规上工业增加值同比增长16.6%,两年平均增长2.3%。', '2.3%', 'avg_growth', 'up'],
    ['PM2.5浓度同比下降12.7%。', '12.7%', 'growth', 'down'],
    ['全镇村集体经济经营性收入同比增幅40%。', '40%', 'growth', 'up'],
    ['研发投入年均增长8.5%。', '8.5%', 'avg_growth', 'up'],
    ['服务业占比提高1.5个百分点。', '1.5个百分点', 'pp_change', 'up'],
    ['失业率回落0.3个百分点。', '0.3个百分点', 'pp_change', 'down'],
    ['城乡居民基本医保参保率达到99.51%。', '99.51%', 'share', null],
    ['完成总工程量的25%。', '25%', 'share', null],
    ['完成固定资产投资25.2亿元。', '25.2亿元', 'level', null],
    ['实现营业收入8亿元,比上年增加1.2亿元。', '1.2亿元', 'growth', 'up'],
    ['力争地区生产总值增长7%以上。', '7%', 'target', 'up'],
    ['确保全年盘活存量建设用地不少于200亩。', '200亩', 'target', null],
    ['覆盖率提升至60%以上。', '60%', 'share', null],
    ['实现产业项目最短34天取得施工许可。', '34天', 'other', null],
    ['引进10亿元以上产业项目15个。', '10亿元', 'other', null],
  ])('%s %s', (source, text, kind, direction) => {
    const m = mention(source, text);
    expect([m.kind, m.direction]).toEqual([kind, direction]);
  });

  it('reads a plan section as targets, and a review heading ends it', () => {
    const text = '一、2019年工作回顾\n新增企业30家。\n二、2020年工作安排\n新增企业40家。\n下半年\n新建公园2个。';
    expect(extractMentions(text).map((m) => m.kind)).toEqual(['level', 'target', 'target']);
    expect(planSections('2021\n新增3家。\n2022\n新增4家。').map((s) => s.plan)).toEqual([false, false, true, true]);
  });

  it('estimates of a past period are not targets', () => {
    expect(mention('预计全年实现数字经济增加值2.23亿元,增长29%。', '2.23亿元').kind).toBe('level');
    expect(mention('预计可新增产业空间83.5万平方米。', '83.5万平方米').kind).toBe('target');
  });
});

describe('subjects', () => {
  it.each<[string, string, string]>([
    ['上半年完成工业投资13.05亿元,超额完成半年目标任务。', '13.05亿元', '工业投资'],
    ['截至11月,全镇实现规模以上工业总产值383.8亿元。', '383.8亿元', '规模以上工业总产值'],
    ['依托“1中心、3片区、168个网格、1644个微网格”的架构。', '168个', '网格'],
    ['依托“1中心、3片区、168个网格、1644个微网格”的架构。', '1644个', '微网格'],
    ['推进7所学校改造提升。', '7所', '学校'],
    ['新增老年助餐点位7个,新建康养联合体1家。', '7个', '老年助餐点位'],
    ['新增国家、省、市级绿色工厂3家。', '3家', '国家、省、市级绿色工厂'],
    ['主办件见面率、答复率和满意率均达100%。', '100%', '主办件见面率、答复率和满意率'],
    ['规上工业增加值71.3亿元,同比增长11.2%。', '11.2%', '规上工业增加值'],
    ['开工率达95%、完成率超50%。', '95%', '开工率'],
    ['开工率达95%、完成率超50%。', '50%', '完成率'],
    ['围绕产业发展引进国家级领军人才1名。', '1名', '国家级领军人才'],
    ['完成香料香精等11家化工类企业关停转迁。', '11家', '化工类企业'],
    ['新挂牌杭四中钱塘学校等名校集团化学校8家。', '8家', '名校集团化学校'],
    ['154名来自各个条线的人大代表参加会议。', '154名', '人大代表'],
    ['7.9公里区级骨干林道完成主体建设。', '7.9公里', '区级骨干林道'],
    ['1.完成公路路面维修18公里。', '18公里', '公路路面维修'],
    ['博奥路南伸完成总工程量25%。', '25%', '博奥路南伸'],
  ])('%s %s → %s', (source, text, subject) => {
    expect(mention(source, text).subject).toBe(subject);
  });

  it('hands out the subjects of a list to 分别', () => {
    const source = '实现财政总收入21.6亿元、地方财政收入12.5亿元,分别增长43.7%、37.8%。';
    expect(mention(source, '43.7%').subject).toBe('财政总收入');
    expect(mention(source, '37.8%').subject).toBe('地方财政收入');
    const named = '高新技术产业增加值、战略性新兴产业增加值同比分别增长17.2%和18.3%。';
    expect(extractMentions(named).map((m) => [m.subject, m.kind])).toEqual([
      ['高新技术产业增加值', 'growth'],
      ['战略性新兴产业增加值', 'growth'],
    ]);
    const works = '隧道、大道提升改造一期、下沙路与12号路提升改造分别完成总工程量的13.5%、21.8%和12.2%。';
    expect(extractMentions(works).map((m) => m.subject)).toEqual(['隧道', '大道提升改造一期', '下沙路与12号路提升改造']);
  });

  it('strips time, place and verbs but keeps names of rates', () => {
    expect(subjectBefore('全年新增')).toBe('');
    expect(subjectBefore('1-5月,全区实现进出口总值')).toBe('进出口总值');
    expect(subjectBefore('达标工地覆盖率达')).toBe('达标工地覆盖率');
  });
});

describe('qualifiers and periods', () => {
  it.each<[string, string, string | null]>([
    ['总投资超10亿元。', '10亿元', '超'],
    ['累计新增停车位800余个。', '800余个', '余'],
    ['举办活动100多场。', '100多场', '多'],
    ['认定人才近200名。', '200名', '近'],
    ['23条约31公里道路完工。', '31公里', '约'],
    ['新增企业100家以上。', '100家', '以上'],
    ['收入200万元以下的村。', '200万元', '以下'],
    ['完成投资5亿元。', '5亿元', null],
  ])('%s %s → %s', (source, text, qualifier) => {
    expect(mention(source, text).qualifier).toBe(qualifier);
  });

  it('takes the period the sentence opens with, or the one of its segment', () => {
    expect(mention('1-5月,规上工业增加值同比增长16.6%;完成投资423.5亿元。', '423.5亿元').period).toBe('1-5月');
    expect(mention('全年实现财政总收入8.33亿元;镇街地方财政收入3.86亿元。', '3.86亿元').period).toBe('全年');
    const segments = '创建农贸市场2家;确保全年市场快检不少于48600个批次;创建放心消费商店70家。';
    expect(mention(segments, '48600个').period).toBe('全年');
    expect(mention(segments, '70家').period).toBeNull();
    expect(mention('截至5月底,PM2.5浓度同比下降12.7%。', '12.7%').period).toBe('截至5月底');
    expect(mention('2022年实现营收5亿元。', '5亿元').period).toBe('2022年');
    expect(periodBefore('上半年完成投资', 5)).toBe('上半年');
  });

  it('returns the sentence and a span over the input', () => {
    const text = '标题\n\n上半年完成工业投资13.05亿元,超额完成任务。下一句。';
    const m = mention(text, '13.05亿元');
    expect(text.slice(m.span[0], m.span[1])).toBe('13.05亿元');
    expect(m.sentence).toBe('上半年完成工业投资13.05亿元,超额完成任务。');
  });
});

describe('general report language', () => {
  it('keeps a thousands comma inside its clause', () => {
    expect(mention('全区共有网格员1,200名、专职网格员３２０名。', '３２０名').subject).toBe('专职网格员');
  });

  it('reads 截至…年底 as a period and 占… as a share of the figure before', () => {
    const source = '截至2023年底,全镇累计建成美丽庭院1200户,占总户数的35.6%。';
    expect(mention(source, '1200户').period).toBe('截至2023年底');
    expect([mention(source, '35.6%').kind, mention(source, '35.6%').subject]).toEqual(['share', '美丽庭院']);
  });

  it('shares a head noun between two modifiers before 分别', () => {
    const source = '城镇和农村居民人均可支配收入分别达到7.8万元和4.6万元,分别增长5.1%和6.3%。';
    expect(extractMentions(source).map((m) => m.subject)).toEqual([
      '城镇居民人均可支配收入',
      '农村居民人均可支配收入',
      '城镇居民人均可支配收入',
      '农村居民人均可支配收入',
    ]);
  });

  it('reads concentrations, ages, multiples and signed changes', () => {
    expect(mention('PM2.5平均浓度为28微克/立方米。', '28微克/立方米').subject).toBe('PM2.5平均浓度');
    expect(mention('人均预期寿命达到82.5岁。', '82.5岁').kind).toBe('level');
    expect([mention('进出口总额增长1.5倍。', '1.5倍').kind, mention('进出口总额增长1.5倍。', '1.5倍').direction]).toEqual(['growth', 'up']);
    const signed = mention('工业产值增长-3.2%。', '3.2%');
    expect([signed.value, signed.kind, signed.direction]).toEqual([3.2, 'growth', 'down']);
  });

  it('reads a targets list under a plan heading', () => {
    const found = extractMentions('二、2024年工作安排\n主要目标:地区生产总值增长6%左右;城镇调查失业率控制在5.5%以内。');
    expect(found.map((m) => [m.kind, m.direction, m.qualifier])).toEqual([
      ['target', 'up', '左右'],
      ['target', null, '以内'],
    ]);
  });

  it('drops view counters and site footers of copied web pages', () => {
    const page = '阅读 1.2万\n分享到:微信\n新增企业3家。\n浙公网安备 33010902000123号 网站标识码3301090001';
    expect(extractMentions(page).map((m) => m.text)).toEqual(['3家']);
  });
});

describe('robustness', () => {
  it('handles empty text, text without figures and long texts', () => {
    expect(extractMentions('')).toEqual([]);
    expect(extractMentions('没有数字的报告。')).toEqual([]);
    const long = '新增企业3家,增长12%。'.repeat(20000);
    expect(extractMentions(long)).toHaveLength(40000);
  });

  it('scans quantities in order without overlaps', () => {
    const qs = scanQuantities(asciiDigits('新建3、5个,投资1.2亿元,增长12%～15%,第3批,2021年'));
    for (let i = 1; i < qs.length; i += 1) expect((qs[i]?.start ?? 0) >= (qs[i - 1]?.end ?? 0)).toBe(true);
    expect(qs.map((q) => q.unit)).toEqual(['个', '个', '亿元', '%']);
  });
});
