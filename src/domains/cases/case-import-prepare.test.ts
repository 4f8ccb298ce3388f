import { describe, expect, it } from 'vitest';
import { contributionOfRow } from './cases-service.js';
import { packBatch, rowOfFragment } from './case-import-prepare.js';
import { CASE_COLUMNS, caseRowJson, packCaseRows, type FullCaseRow, type NewCaseRow } from './cases-repository.js';

/** A new case's row with every column, half of them null, as the preparation builds it. */
function sampleRow(): FullCaseRow {
  const row = Object.fromEntries(CASE_COLUMNS.map((c) => [c, null])) as FullCaseRow;
  return {
    ...row,
    district_code: '330109',
    id: 1000001,
    version: 1,
    channel: 'hotline',
    description: '占道经营 "引号" 与换行\n',
    lon: 120.25,
    lat: 30.18,
    token: 'tok',
    received_at: new Date('2026-03-02T01:02:03.004Z'),
    stage_deadline: new Date('2026-03-09T09:00:00.000Z'),
    region_path: '/330109/',
    status: 'reported',
    clocks: { total: { deadline: '2026-03-09T09:00:00.000Z' } },
    pauses: [],
    attachment_ids: [],
    return_count: 0,
    handled_on_time: false,
    created_at: new Date('2026-03-02T01:02:03.004Z'),
  };
}

describe('case rows as bulk-load JSON', () => {
  it('writes times as ISO text, leaves nulls out, and keeps false, zero and empty values', () => {
    const parsed = JSON.parse(caseRowJson(sampleRow())) as Record<string, unknown>;
    expect(parsed.received_at).toBe('2026-03-02T01:02:03.004Z');
    expect('reporter_name' in parsed).toBe(false);
    expect('satisfaction' in parsed).toBe(false);
    expect(parsed).toMatchObject({ handled_on_time: false, return_count: 0, pauses: [], attachment_ids: [], description: '占道经营 "引号" 与换行\n' });
  });

  it('reads a fragment back as the full row, nulls included, with the same roll-up contribution', () => {
    const row = sampleRow();
    const { id, ...rest } = row;
    const fragment = caseRowJson(rest).slice(1);
    const back = rowOfFragment(`"id":${id as number},${fragment}`);
    for (const column of CASE_COLUMNS) expect(column in back).toBe(true);
    expect((back as unknown as Record<string, unknown>).satisfaction).toBeNull();
    expect(contributionOfRow(back)).toEqual(contributionOfRow(row as unknown as NewCaseRow));
    // And what packBatch and packCaseRows send parses to the same rows.
    const packed = JSON.parse(packBatch([fragment], [id as number]).json) as unknown[];
    expect(packed).toEqual(JSON.parse(packCaseRows([row]).json));
  });
});
