import { describe, expect, it } from 'vitest';
import { checkParent, codesOfPath, parseRegionCode, townKind, type ParsedRegionCode } from './region-codes.js';

function parsed(code: string): ParsedRegionCode {
  const result = parseRegionCode(code);
  if ('problem' in result) throw new Error(result.problem);
  return result;
}

describe('parseRegionCode', () => {
  it.each([
    ['330109', 'district', null],
    ['330109112', 'town', '330109'],
    ['330109112901', 'area', '330109112'],
    ['330109112006', 'community', '330109112'],
    ['330109112206', 'community', '330109112'],
    ['330109112006001', 'grid', '330109112006'],
    ['33010911200600106', 'microgrid', '330109112006001'],
  ])('reads %s as a %s under %s', (code, level, prefix) => {
    const result = parsed(code);
    expect(result.level).toBe(level);
    expect(result.prefixCode).toBe(prefix);
    expect(result.districtCode).toBe('330109');
  });

  it.each([
    ['33010', 'length'],
    ['3301091', 'length'],
    ['330100', 'prefecture code (ends in 00)'],
    ['033010', 'leading zero'],
    ['33010a112', 'letters'],
    ['330109000', 'town sequence 000'],
    ['330109600', 'town sequence above 599'],
    ['330109112000', 'community 000'],
    ['330109112400', 'community 400–900'],
    ['330109112901001', 'grid under an area'],
    ['330109112006000', 'grid 000'],
    ['33010911200600100', 'micro-grid 00'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(parseRegionCode(code)).toHaveProperty('problem');
  });

  it('names the kind of town by its sequence (GB/T 10114)', () => {
    expect(townKind('330109001')).toBe('街道');
    expect(townKind('330109112')).toBe('镇');
    expect(townKind('330109201')).toBe('乡');
    expect(townKind('330109450')).toBe('其他');
  });
});

describe('checkParent', () => {
  it('accepts a community under its town or under an area of its town', () => {
    expect(checkParent(parsed('330109112006'), { code: '330109112', level: 'town' })).toBeNull();
    expect(checkParent(parsed('330109112006'), { code: '330109112901', level: 'area' })).toBeNull();
  });

  it('rejects a community under an area of another town', () => {
    expect(checkParent(parsed('330109112006'), { code: '330109110901', level: 'area' })).toMatch(/不以上级编码/);
  });

  it('rejects a level that cannot hang under the parent', () => {
    expect(checkParent(parsed('330109112006001'), { code: '330109112', level: 'town' })).toMatch(/上级不能是/);
    expect(checkParent(parsed('330109112'), { code: '330109112901', level: 'area' })).toMatch(/上级不能是/);
  });

  it('rejects a grid whose code does not extend its community', () => {
    expect(checkParent(parsed('330109112006001'), { code: '330109112007', level: 'community' })).toMatch(/不以上级编码/);
  });
});

describe('codesOfPath', () => {
  it('splits a path into codes from the top', () => {
    expect(codesOfPath('/330109/330109112/')).toEqual(['330109', '330109112']);
    expect(codesOfPath('/')).toEqual([]);
  });
});
