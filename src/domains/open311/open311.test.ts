import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/domains/auth/auth-service.js';
import { actOnCase, getCase } from '@/domains/cases/cases-service.js';
import { locatePoint } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { escapeXml, isoCst, scrubPersonalData } from './open311-presenter.js';
import { parseOpen311Date } from './open311-service.js';

type Format = 'json' | 'xml';
type Rec = Record<string, string | null>;

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
const base = '/open311/v2';
let apiKey: string;
let viewerKey: string;
let operator: Actor;
let point: { lon: number; lat: number };
/** Every body a public GET answered, to look for personal data at the end. */
const publicBodies: string[] = [];

const REPORTER = { first: '三', last: '张', full: '张三', phone: '13900001111', email: 'zhang.san@example.com' };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  const op = await createTestUser(t.ctx, { role: 'operator', regionCode: district });
  operator = { userId: op.id, label: `user:${op.username}`, role: 'operator', districtCode: district, regionCode: district, regionPath: `/${district}/`, departmentCode: null };
  const viewer = await createTestUser(t.ctx, { role: 'viewer', regionCode: district });
  apiKey = (await createApiToken({ db: t.ctx.db, actor: systemActor('test'), username: op.username, name: 'open311 client' })).token;
  viewerKey = (await createApiToken({ db: t.ctx.db, actor: systemActor('test'), username: viewer.username, name: 'viewer client' })).token;
  // A point inside some micro-grid of the demo district.
  const row = await t.ctx.db.selectFrom('regions').select(['min_lon', 'min_lat', 'max_lon', 'max_lat']).where('level', '=', 'microgrid').orderBy('code').executeTakeFirstOrThrow();
  for (let i = 1; i < 10 && !point; i += 1) {
    for (let j = 1; j < 10 && !point; j += 1) {
      const lon = (row.min_lon as number) + (((row.max_lon as number) - (row.min_lon as number)) * i) / 10;
      const lat = (row.min_lat as number) + (((row.max_lat as number) - (row.min_lat as number)) * j) / 10;
      if ((await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon, lat })).microgrid) point = { lon, lat };
    }
  }
  app = await buildApp(t.ctx);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

// ---------------------------------------------------------------------------------------------
// Reading both formats

const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}

/** A small well-formedness check: one root, tags nest and close, no stray `<`, `>` or `&`. */
function expectWellFormedXml(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '').trim();
  expect(body).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/);
  const stack: string[] = [];
  let roots = 0;
  let consumed = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<>]+)/g)) {
    consumed += m[0].length;
    if (m[4] !== undefined) {
      expect(stack.length, `text outside the root: ${m[4]}`).toBeGreaterThan(0);
      continue;
    }
    const [, closing, name, selfClosing] = m as unknown as [string, string, string, string];
    if (closing) {
      expect(stack.pop(), `</${name}> closes another element`).toBe(name);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name);
    }
  }
  expect(consumed, 'characters outside any tag or text').toBe(body.length);
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

/** The flat child elements of each `<item>` of an XML list. */
function xmlRecords(xml: string, item: string): Rec[] {
  const blocks = [...xml.matchAll(new RegExp(`<${item}>(.*?)</${item}>`, 'gs'))].map((m) => m[1] as string);
  return blocks.map((block) => {
    const rec: Rec = {};
    for (const m of block.matchAll(/<([\w.-]+)\/>|<([\w.-]+)>([^<]*)<\/\2>/g)) {
      if (m[1]) rec[m[1]] = null;
      else rec[m[2] as string] = unescapeXml(m[3] as string);
    }
    return rec;
  });
}

function jsonRecords(body: string): Rec[] {
  const parsed = JSON.parse(body) as Record<string, unknown>[];
  expect(Array.isArray(parsed)).toBe(true);
  return parsed.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v)])));
}

/** A list answer's items, either format, values as strings. */
function records(format: Format, body: string, item: string): Rec[] {
  if (format === 'xml') {
    expectWellFormedXml(body);
    return xmlRecords(body, item);
  }
  return jsonRecords(body);
}

async function get(url: string, format: Format) {
  const res = await app.inject({ method: 'GET', url });
  expect(res.headers['content-type']).toBe(CONTENT_TYPES[format]);
  if (res.statusCode === 200) publicBodies.push(res.body);
  return res;
}

function post(format: Format, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `${base}/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Expects a GeoReport error list with one error of `status`. */
function expectErrors(res: { statusCode: number; headers: Record<string, unknown>; body: string }, format: Format, status: number): Rec[] {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe(CONTENT_TYPES[format]);
  if (format === 'xml') expect(res.body).toMatch(/^<\?xml[^>]*\?>\n<errors><error><code>/);
  const errors = records(format, res.body, 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.code).toBe(String(status));
    expect(e.description?.length).toBeGreaterThan(0);
  }
  return errors;
}

const cstDay = (offsetDays: number) => isoCst(new Date(Date.now() + offsetDays * 86_400_000)) as string;

// ---------------------------------------------------------------------------------------------

describe.each(['json', 'xml'] as const)('GeoReport v2 conformance walk (%s)', (format) => {
  let requestId: string;
  let token: string;
  const description = `垃圾桶满溢 & 垃圾散落 <${format}>`;

  it('discovery names the endpoint, the spec and both formats', async () => {
    const res = await get(`${base}/discovery.${format}`, format);
    expect(res.statusCode).toBe(200);
    if (format === 'json') {
      const doc = JSON.parse(res.body) as { changeset: string; endpoints: { url: string; specification: string; type: string; formats: string[] }[] };
      expect(doc.changeset).toMatch(/\+08:00$/);
      expect(doc.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
      expect(doc.endpoints[0]?.url).toMatch(/\/open311\/v2$/);
      expect(doc.endpoints[0]?.formats.sort()).toEqual(['application/json', 'text/xml']);
    } else {
      expectWellFormedXml(res.body);
      expect(res.body).toMatch(/<discovery><changeset>[^<]+\+08:00<\/changeset>/);
      expect(res.body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
      expect(res.body).toContain('<specification>http://wiki.open311.org/GeoReport_v2</specification>');
    }
  });

  it('services are the active minor classes with their major class as group', async () => {
    const res = await get(`${base}/services.${format}?jurisdiction_id=${district}`, format);
    expect(res.statusCode).toBe(200);
    const services = records(format, res.body, 'service');
    expect(services.length).toBeGreaterThan(60);
    expect(services.every((s) => /^(BJ|SJ)[0-9]{4}$/.test(s.service_code ?? ''))).toBe(true);
    const sj0101 = services.find((s) => s.service_code === 'SJ0101');
    expect(sj0101).toMatchObject({ metadata: 'false', type: 'realtime' });
    expect(sj0101?.service_name).toBeTruthy();
    expect(sj0101?.group).toBeTruthy();
    expect(sj0101?.description).toBeTruthy();
    expect(sj0101?.keywords).toContain(sj0101?.service_name as string);
    // Without jurisdiction_id: the server holds one district.
    expect(records(format, (await get(`${base}/services.${format}`, format)).body, 'service')).toHaveLength(services.length);
  });

  it('a service definition has no custom attributes', async () => {
    const res = await get(`${base}/services/SJ0101.${format}`, format);
    expect(res.statusCode).toBe(200);
    if (format === 'json') expect(JSON.parse(res.body)).toEqual({ service_code: 'SJ0101', attributes: [] });
    else {
      expectWellFormedXml(res.body);
      expect(res.body).toContain('<service_definition><service_code>SJ0101</service_code><attributes/></service_definition>');
    }
  });

  it('POST requests (form-encoded, api_key) takes in a case and answers its id and token', async () => {
    const res = await post(format, {
      api_key: apiKey,
      jurisdiction_id: district,
      service_code: 'SJ0101',
      lat: String(point.lat),
      long: String(point.lon),
      address_string: '人民路 1 号',
      first_name: REPORTER.first,
      last_name: REPORTER.last,
      phone: REPORTER.phone,
      email: REPORTER.email,
      account_id: 'acct-7',
      description,
      'attribute[ignored]': 'x',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(CONTENT_TYPES[format]);
    const [receipt, ...rest] = records(format, res.body, 'request');
    expect(rest).toEqual([]);
    expect(receipt?.service_request_id).toMatch(/^[0-9]+$/);
    expect(receipt?.token).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(receipt?.account_id).toBe('acct-7');
    expect(receipt?.service_notice).toContain('预计');
    requestId = receipt?.service_request_id as string;
    token = receipt?.token as string;
    // The case is an open311 case with the reporter kept for call-backs.
    const stored = await getCase({ db: t.ctx.db, cache: t.ctx.cases, actor: operator, id: Number(requestId) });
    expect(stored).toMatchObject({ channel: 'open311', categoryCode: 'SJ0101', reporterName: REPORTER.full, reporterPhone: REPORTER.phone, description });
  });

  it('tokens/{token} answers the request id', async () => {
    const res = await get(`${base}/tokens/${token}.${format}`, format);
    expect(res.statusCode).toBe(200);
    expect(records(format, res.body, 'request')).toEqual([{ service_request_id: requestId, token }]);
  });

  it('requests/{id} answers the public view of the case', async () => {
    const res = await get(`${base}/requests/${requestId}.${format}?jurisdiction_id=${district}`, format);
    expect(res.statusCode).toBe(200);
    const [request, ...rest] = records(format, res.body, 'request');
    expect(rest).toEqual([]);
    expect(request).toMatchObject({
      service_request_id: requestId,
      status: 'open',
      status_notes: '待受理',
      service_code: 'SJ0101',
      description,
      address: '人民路 1 号',
      address_id: null,
      zipcode: null,
      lat: String(point.lat),
      long: String(point.lon),
      media_url: null,
    });
    expect(request?.service_name).toBeTruthy();
    expect(request?.agency_responsible).toBeTruthy();
    for (const key of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      expect(request?.[key]).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$/);
    }
    expect(Date.parse(request?.expected_datetime as string)).toBeGreaterThan(Date.parse(request?.requested_datetime as string));
    expect(Object.keys(request ?? {}).sort()).toEqual(
      ['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime',
        'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode'].sort(),
    );
  });

  it('GET requests filters by service_code, dates and status', async () => {
    const window = `start_date=${encodeURIComponent(cstDay(-1))}&end_date=${encodeURIComponent(cstDay(1))}`;
    const ids = async (query: string) => records(format, (await get(`${base}/requests.${format}?${query}`, format)).body, 'request').map((r) => r.service_request_id);
    expect(await ids(`service_code=SJ0101&${window}`)).toContain(requestId);
    expect(await ids(`service_code=SJ0102,BJ0101&${window}`)).not.toContain(requestId);
    expect(await ids(`service_code=SJ0102&service_code=SJ0101&${window}`)).toContain(requestId);
    expect(await ids(`service_code=SJ0101&status=open&${window}`)).toContain(requestId);
    expect(await ids(`service_code=SJ0101&status=closed&${window}`)).not.toContain(requestId);
    // A window that ends before the case was received.
    expect(await ids(`start_date=${encodeURIComponent(cstDay(-30))}&end_date=${encodeURIComponent(cstDay(-20))}`)).not.toContain(requestId);
    // The default window (the last 90 days), and a '+' of the zone that arrived as a space.
    expect(await ids('')).toContain(requestId);
    expect(await ids(`start_date=${cstDay(-1)}&end_date=${cstDay(1)}`)).toContain(requestId);
    // service_request_id overrides every other filter.
    expect(await ids(`service_request_id=${requestId},999999999&service_code=SJ0102`)).toEqual([requestId]);
  });

  it('answers each error as a list of {code, description} in the format asked for', async () => {
    const valid = { jurisdiction_id: district, service_code: 'SJ0101', lat: String(point.lat), long: String(point.lon) };
    expectErrors(await post(format, valid), format, 403);
    expectErrors(await post(format, { ...valid, api_key: 'szt_not-a-real-key' }), format, 403);
    expectErrors(await post(format, { ...valid, api_key: viewerKey }), format, 403);
    const [unknownService] = expectErrors(await post(format, { ...valid, api_key: apiKey, service_code: 'SJ9999' }), format, 404);
    expect(unknownService?.description).toContain('service_code');
    expectErrors(await post(format, { api_key: apiKey, service_code: 'SJ0101', jurisdiction_id: district }), format, 400);
    expectErrors(await post(format, { api_key: apiKey, service_code: 'SJ0101', lat: String(point.lat) }), format, 400);
    expectErrors(await post(format, { api_key: apiKey, lat: String(point.lat), long: String(point.lon) }), format, 400);
    expectErrors(await post(format, { ...valid, api_key: apiKey, jurisdiction_id: '999999' }), format, 404);
    const [span] = expectErrors(await get(`${base}/requests.${format}?start_date=2024-01-01T00:00:00%2B08:00&end_date=2024-04-01T00:00:00%2B08:00`, format), format, 400);
    expect(span?.description).toContain('90');
    expectErrors(await get(`${base}/requests.${format}?start_date=yesterday`, format), format, 400);
    expectErrors(await get(`${base}/requests.${format}?status=pending`, format), format, 400);
    expectErrors(await get(`${base}/requests/999999999.${format}`, format), format, 404);
    expectErrors(await get(`${base}/requests/abc.${format}`, format), format, 404);
    expectErrors(await get(`${base}/tokens/no-such-token.${format}`, format), format, 404);
    expectErrors(await get(`${base}/services/SJ9999.${format}`, format), format, 404);
    expectErrors(await get(`${base}/services.${format}?jurisdiction_id=999999`, format), format, 404);
    expectErrors(await get(`${base}/nothing-here.${format}`, format), format, 404);
  });
});

describe('requests beyond the walk', () => {
  it('accepts JSON bodies, an address without coordinates, and answers JSON without a suffix', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${base}/requests`,
      payload: { api_key: apiKey, service_code: 'SJ0101', address_string: '文化路与建设路口', description: '路口有暴露垃圾' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(CONTENT_TYPES.json);
    const [receipt] = JSON.parse(res.body) as { service_request_id: string }[];
    const [request] = JSON.parse((await get(`${base}/requests/${receipt?.service_request_id}`, 'json')).body) as Record<string, unknown>[];
    expect(request).toMatchObject({ address: '文化路与建设路口', lat: null, long: null, description: '路口有暴露垃圾' });
  });

  it('defaults the description to the service name and keeps a posted media_url', async () => {
    const res = await post('json', { api_key: apiKey, service_code: 'SJ0101', lat: String(point.lat), long: String(point.lon), media_url: 'https://img.example.com/a.jpg' });
    expect(res.statusCode, res.body).toBe(200);
    const [receipt] = JSON.parse(res.body) as { service_request_id: string }[];
    const [request] = JSON.parse((await get(`${base}/requests/${receipt?.service_request_id}.json`, 'json')).body) as Record<string, string>[];
    expect(request?.description).toBe(request?.service_name);
    expect(request?.media_url).toBe('https://img.example.com/a.jpg');
  });

  it('reports a voided case as closed, with the state and the reason in status_notes', async () => {
    const res = await post('json', { api_key: apiKey, service_code: 'SJ0101', lat: String(point.lat), long: String(point.lon), description: '重复的上报' });
    const [receipt] = JSON.parse(res.body) as { service_request_id: string }[];
    const id = Number(receipt?.service_request_id);
    const current = await getCase({ db: t.ctx.db, cache: t.ctx.cases, actor: operator, id });
    await actOnCase({ db: t.ctx.db, cache: t.ctx.cases, actor: operator, id, request: { action: 'void', version: current.version, note: '与已有案件重复' } });
    for (const format of ['json', 'xml'] as const) {
      const [request] = records(format, (await get(`${base}/requests/${id}.${format}`, format)).body, 'request');
      expect(request).toMatchObject({ status: 'closed', status_notes: '已作废:与已有案件重复' });
      const closed = records(format, (await get(`${base}/requests.${format}?status=closed`, format)).body, 'request');
      expect(closed.map((r) => r.service_request_id)).toContain(String(id));
      expect(closed.every((r) => r.status === 'closed')).toBe(true);
    }
  });

  it('never shows a reporter\'s name, phone or e-mail in a public answer, even when written into the description', async () => {
    const res = await post('xml', {
      api_key: apiKey,
      service_code: 'SJ0101',
      lat: String(point.lat),
      long: String(point.lon),
      first_name: REPORTER.first,
      last_name: REPORTER.last,
      phone: REPORTER.phone,
      email: REPORTER.email,
      description: `我是${REPORTER.full},电话 ${REPORTER.phone},邮箱 ${REPORTER.email},身份证 330109199001011234,请尽快处理`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [receipt] = records('xml', res.body, 'request');
    const id = receipt?.service_request_id as string;
    for (const format of ['json', 'xml'] as const) {
      const [request] = records(format, (await get(`${base}/requests/${id}.${format}`, format)).body, 'request');
      expect(request?.description).toContain('139****1111');
      await get(`${base}/requests.${format}`, format);
      await get(`${base}/requests.${format}?service_request_id=${id}`, format);
    }
    expect(publicBodies.length).toBeGreaterThan(20);
    for (const body of publicBodies) {
      for (const secret of [REPORTER.full, REPORTER.phone, REPORTER.email, '330109199001011234']) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/reporter/i);
    }
  });

  it('keeps the API document buildable with the Open311 routes in it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((JSON.parse(res.body) as { paths: Record<string, unknown> }).paths);
    expect(paths).toContain('/open311/v2/requests.json');
    expect(paths).toContain('/open311/v2/requests.xml');
  });
});

describe('pure helpers', () => {
  it.each([
    ['2024-02-18T11:00:00+08:00', '2024-02-18T03:00:00.000Z'],
    ['2024-02-18T11:00:00 08:00', '2024-02-18T03:00:00.000Z'],
    ['2024-02-18T03:00:00Z', '2024-02-18T03:00:00.000Z'],
    ['2024-02-18T11:00:00.250+0800', '2024-02-18T03:00:00.000Z'],
    ['2024-02-18', '2024-02-17T16:00:00.000Z'],
    ['2024-02-18T11:00', '2024-02-18T03:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseOpen311Date(text, 'start_date').toISOString()).toBe(iso);
  });

  it.each(['2024-02-30', '2024-13-01', 'yesterday', '18/02/2024', '2024-02-18T25:00:00Z'])('refuses %s', (text) => {
    expect(() => parseOpen311Date(text, 'start_date')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'start_date' }));
  });

  it('writes times in China Standard Time', () => {
    expect(isoCst(new Date('2024-02-18T03:00:00Z'))).toBe('2024-02-18T11:00:00+08:00');
    expect(isoCst(null)).toBeNull();
  });

  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml('a & b < c > "d" \'e\'\u0001\uFFFF')).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
  });

  it('scrubs contact details out of free text', () => {
    expect(scrubPersonalData('李四说:找王五,电话0571-88889999 或 138 1234 5678', { name: '王五', phone: null })).toBe('李四说:找**,电话********9999 或 138****5678');
  });
});
