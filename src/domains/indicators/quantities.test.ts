import { describe, expect, it } from 'vitest';
import { AppError } from '@/shared/errors.js';
import { assertSameDimension, bestDisplayUnit, convert, formatQuantity, fromBase, toBase, unitInfo, UNITS, type Dimension } from './quantities.js';

/** Runs `action` and returns the AppError it throws, failing the test if it throws nothing else. */
function appErrorOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

const COUNT_WORDS = ['个', '家', '人', '套', '所', '处', '件', '户', '场', '批次', '辆', '张', '台', '只', '项', '次', '间', '床', '座', '人次'];

describe('UNITS', () => {
  it.each<[string, Dimension, number, string]>([
    ['元', 'money', 1, '元'],
    ['万元', 'money', 1e4, '元'],
    ['亿元', 'money', 1e8, '元'],
    ['平方米', 'area', 1, '平方米'],
    ['万平方米', 'area', 1e4, '平方米'],
    ['亩', 'area', 10000 / 15, '平方米'],
    ['万亩', 'area', 1e8 / 15, '平方米'],
    ['公顷', 'area', 1e4, '平方米'],
    ['平方公里', 'area', 1e6, '平方米'],
    ['立方米', 'volume', 1, '立方米'],
    ['万方', 'volume', 1e4, '立方米'],
    ['万立方米', 'volume', 1e4, '立方米'],
    ['米', 'length', 1, '米'],
    ['公里', 'length', 1000, '米'],
    ['千米', 'length', 1000, '米'],
    ['吨标准煤', 'energy', 1, '吨标准煤'],
    ['万吨标准煤', 'energy', 1e4, '吨标准煤'],
    ['ratio', 'percent', 1, 'ratio'],
    ['%', 'percent', 0.01, 'ratio'],
    ['‰', 'percent', 0.001, 'ratio'],
    ['百分点', 'percent', 1, '百分点'],
    ['倍', 'ratio', 1, '倍'],
    ['万人', 'count', 1e4, '人'],
    ['万人次', 'count', 1e4, '人次'],
    ...COUNT_WORDS.map((word) => [word, 'count', 1, word] as [string, Dimension, number, string]),
  ])('%s is %s, factor %s, base %s', (unit, dimension, factor, base) => {
    expect(unitInfo(unit)).toEqual({ unit, dimension, factor, base });
  });

  it('has 亩 as exactly 10000/15 m² (1/15 公顷), not a rounded 666.6667', () => {
    expect(unitInfo('亩').factor).toBe(10000 / 15);
    expect(unitInfo('亩').factor).not.toBe(666.6667);
  });

  it('has every base unit as a unit of its own with factor 1', () => {
    for (const info of Object.values(UNITS)) {
      expect(UNITS[info.base]).toMatchObject({ unit: info.base, factor: 1, base: info.base, dimension: info.dimension });
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(UNITS)).toBe(true);
    expect(Object.isFrozen(UNITS['元'])).toBe(true);
    const copy = unitInfo('元');
    copy.factor = 2;
    expect(unitInfo('元').factor).toBe(1);
  });
});

describe('unitInfo', () => {
  it.each(['美元', '', 'toString', '__proto__', 'constructor', '亿', 'kg'])('rejects unknown unit %j with VALIDATION_FAILED naming it', (unit) => {
    const error = appErrorOf(() => unitInfo(unit));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe('unit');
    expect(error.userMessage).toBe(`未知的计量单位「${unit}」`);
  });
});

describe('toBase and fromBase', () => {
  it.each<[number, string, number]>([
    [13.05, '亿元', 1_305_000_000],
    [0.1, '亿元', 10_000_000],
    [1.63, '万人', 16_300],
    [356.7, '万元', 3_567_000],
    [8600, '元', 8600],
    [1.1, '万元', 11_000],
    [15, '亩', 10_000],
    [1, '亩', 666.666666666667], // 10000/15 kept to 15 significant digits
    [1.5, '万亩', 10_000_000],
    [3, '公顷', 30_000],
    [2.5, '平方公里', 2_500_000],
    [12.5, '万平方米', 125_000],
    [1.2, '万方', 12_000],
    [3.7, '公里', 3_700],
    [2.3, '万吨标准煤', 23_000],
    [16.6, '%', 0.166],
    [-10.2, '%', -0.102],
    [5, '‰', 0.005],
    [9.2, '百分点', 9.2],
    [0, '亿元', 0],
    [-13.05, '亿元', -1_305_000_000],
    [12, '家', 12],
  ])('%s %s is exactly %s in base units', (value, unit, base) => {
    expect(toBase(value, unit)).toBe(base);
  });

  it.each<[number, string, number]>([
    [1_305_000_000, '亿元', 13.05],
    [16_300, '万人', 1.63],
    [3_567_000, '万元', 356.7],
    [10_000, '亩', 15],
    [1_000_000, '亩', 1500],
    [0.166, '%', 16.6],
    [0.102, '%', 10.2],
    [0.005, '‰', 5],
    [2_500_000, '平方公里', 2.5],
    [-1_305_000_000, '亿元', -13.05],
  ])('%s in base units is exactly %s %s', (base, unit, value) => {
    expect(fromBase(base, unit)).toBe(value);
  });

  it.each<[number, string]>([
    [13.05, '亿元'],
    [0.07, '亿元'],
    [1.63, '万人'],
    [123.45, '万元'],
    [0.01, '万元'],
    [1, '亩'],
    [1.5, '亩'],
    [333.33, '亩'],
    [7.77, '公顷'],
    [0.3, '平方公里'],
    [16.6, '%'],
    [0.1, '%'],
    [3.3, '‰'],
    [4.56, '万方'],
  ])('round-trips %s %s exactly', (value, unit) => {
    expect(fromBase(toBase(value, unit), unit)).toBe(value);
  });

  it('never returns −0', () => {
    expect(Object.is(toBase(-0, '亿元'), 0)).toBe(true);
    expect(Object.is(fromBase(-0, '亿元'), 0)).toBe(true);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects %s with VALIDATION_FAILED on value', (value) => {
    expect(appErrorOf(() => toBase(value, '元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'value' });
    expect(appErrorOf(() => fromBase(value, '元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'value' });
  });

  it('rejects an unknown unit', () => {
    expect(appErrorOf(() => toBase(1, '美元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
    expect(appErrorOf(() => fromBase(1, '美元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
  });
});

describe('convert', () => {
  it.each<[number, string, string, number]>([
    [13.05, '亿元', '万元', 130_500],
    [130_500, '万元', '亿元', 13.05],
    [13.05, '亿元', '元', 1_305_000_000],
    [356.7, '万元', '亿元', 0.03567],
    [1.63, '万人', '人', 16_300],
    [16_300, '人', '万人', 1.63],
    [15, '亩', '平方米', 10_000],
    [10_000, '平方米', '亩', 15],
    [1, '公顷', '亩', 15],
    [15, '亩', '公顷', 1],
    [1, '平方公里', '亩', 1500],
    [1500, '亩', '平方公里', 1],
    [3, '万亩', '平方公里', 20],
    [1, '万方', '立方米', 10_000],
    [2.5, '公里', '米', 2_500],
    [1, '千米', '公里', 1],
    [16.6, '%', '‰', 166],
    [16.6, '%', 'ratio', 0.166],
    [1.5, '万人次', '人次', 15_000],
    [7, '家', '家', 7],
  ])('%s %s = %s %s', (value, from, to, expected) => {
    expect(convert(value, from, to)).toBe(expected);
  });

  it.each<[string, string]>([
    ['亿元', '人'],
    ['元', '平方米'],
    ['亩', '立方米'],
    ['%', '元'],
    ['公里', '平方公里'],
    ['吨标准煤', '立方米'],
    ['倍', '%'],
  ])('rejects %s → %s (different dimensions)', (from, to) => {
    const error = appErrorOf(() => convert(1, from, to));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe('unit');
    expect(error.userMessage).toContain('不是同一类计量单位');
    expect(error.userMessage).toContain(`「${from}」`);
  });

  it.each<[string, string]>([
    ['家', '人'],
    ['万人', '家'],
    ['人', '人次'],
    ['万人', '万人次'],
    ['个', '项'],
    ['套', '户'],
    ['次', '批次'],
  ])('rejects %s → %s (different count words)', (from, to) => {
    const error = appErrorOf(() => convert(1, from, to));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
    expect(error.userMessage).toContain('不同的计数单位');
  });

  it('rejects 百分点 → % (a difference of percentages is not a percentage)', () => {
    expect(appErrorOf(() => convert(9.2, '百分点', '%'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
  });

  it('rejects unknown units and non-finite values, even from a unit to itself', () => {
    expect(appErrorOf(() => convert(1, '元', '美元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
    expect(appErrorOf(() => convert(Number.NaN, '元', '元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'value' });
  });
});

describe('assertSameDimension', () => {
  it.each<[string, string]>([
    ['元', '亿元'],
    ['亩', '平方公里'],
    ['人', '万人'],
    ['%', '‰'],
    ['家', '家'],
  ])('accepts %s with %s', (a, b) => {
    expect(() => assertSameDimension(a, b)).not.toThrow();
  });

  it.each<[string, string]>([
    ['元', '人'],
    ['家', '人'],
    ['百分点', '%'],
    ['元', '美元'],
  ])('rejects %s with %s', (a, b) => {
    expect(appErrorOf(() => assertSameDimension(a, b))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
  });
});

describe('bestDisplayUnit', () => {
  it.each<[number, string, string]>([
    [1_305_000_000, '元', '亿元'],
    [100_000_000, '元', '亿元'],
    [99_999_999, '元', '万元'],
    [10_000, '元', '万元'],
    [9_999, '元', '元'],
    [0, '元', '元'],
    [-1_305_000_000, '元', '亿元'], // by magnitude: a fall of 13.05亿元
    [-5_000, '元', '元'],
    [16_300, '人', '万人'],
    [10_000, '人', '万人'],
    [9_999, '人', '人'],
    [250_000, '人次', '万人次'],
    [2_500_000, '平方米', '平方公里'],
    [125_000, '平方米', '万平方米'],
    [800, '平方米', '平方米'],
    [12_000, '立方米', '万方'],
    [3_700, '米', '公里'],
    [999, '米', '米'],
    [23_000, '吨标准煤', '万吨标准煤'],
    [0.166, 'ratio', '%'],
    [0, 'ratio', '%'],
    [9.2, '百分点', '百分点'],
    [1_000_000, '家', '家'], // no 万家 unit: stays in its count word
    [50_000, '个', '个'],
    [3.5, '倍', '倍'],
  ])('%s %s shows in %s', (value, base, unit) => {
    expect(bestDisplayUnit(value, base)).toBe(unit);
  });

  it('rejects a unit that is not a base unit, and unknown units', () => {
    expect(appErrorOf(() => bestDisplayUnit(1, '万元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
    expect(appErrorOf(() => bestDisplayUnit(1, '%'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
    expect(appErrorOf(() => bestDisplayUnit(1, '美元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
  });
});

describe('formatQuantity', () => {
  it.each<[number, string, number | undefined, string]>([
    [1_305_000_000, '亿元', undefined, '13.05亿元'],
    [1_300_000_000, '亿元', undefined, '13亿元'],
    [1_350_000_000, '亿元', undefined, '13.5亿元'],
    [1_305_600_000, '亿元', undefined, '13.06亿元'],
    [1_305_000_000, '万元', undefined, '130500万元'], // no thousands separators
    [16_300, '万人', undefined, '1.63万人'],
    [16_300, '人', undefined, '16300人'],
    [8_600.5, '元', undefined, '8600.5元'],
    [0.166, '%', undefined, '16.6%'],
    [0.166, '%', 0, '17%'],
    [-0.102, '%', undefined, '-10.2%'],
    [0.5, '%', undefined, '50%'],
    [9.2333333, '百分点', 1, '9.2个百分点'],
    [0.509, 'ratio', 3, '0.509'],
    [10_000, '亩', undefined, '15亩'],
    [1_000, '平方米', undefined, '1000平方米'],
    [12, '家', undefined, '12家'],
    [10_050, '元', undefined, '10050元'],
    [100_500, '万元', undefined, '10.05万元'],
    [100_500, '万元', 1, '10.1万元'], // half away from zero
    [-100_500, '万元', 1, '-10.1万元'],
    [1_005, '万元', 3, '0.101万元'], // 0.1005 → 0.101 (toFixed would give 0.100)
    [1.005, '元', undefined, '1.01元'], // toFixed(2) gives 1.00: 1.005 is stored as 1.00499…
    [1_234_567_890, '亿元', 4, '12.3457亿元'],
    [0, '亿元', undefined, '0亿元'],
    [-1, '亿元', undefined, '0亿元'], // rounds to zero: no '-0'
    [1e-9, '元', 2, '0元'],
  ])('%s in %s with %s digits → %s', (value, unit, digits, text) => {
    expect(formatQuantity(value, unit, digits)).toBe(text);
  });

  it('chains with bestDisplayUnit', () => {
    const show = (value: number, base: string) => formatQuantity(value, bestDisplayUnit(value, base));
    expect(show(1_305_000_000, '元')).toBe('13.05亿元');
    expect(show(3_567_000, '元')).toBe('356.7万元');
    expect(show(8_600, '元')).toBe('8600元');
    expect(show(16_300, '人')).toBe('1.63万人');
    expect(show(0.166, 'ratio')).toBe('16.6%');
    expect(show(350, '家')).toBe('350家');
  });

  it.each([-1, 1.5, 16, Number.NaN])('throws RangeError for digits = %s', (digits) => {
    expect(() => formatQuantity(1, '元', digits)).toThrow(RangeError);
  });

  it('rejects an unknown unit and a non-finite value', () => {
    expect(appErrorOf(() => formatQuantity(1, '美元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unit' });
    expect(appErrorOf(() => formatQuantity(Number.NaN, '元'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'value' });
  });
});
