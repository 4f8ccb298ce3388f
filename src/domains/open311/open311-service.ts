/**
 * The Open311 GeoReport v2 server (STANDARDS.md §9): a jurisdiction is a district, a service is
 * an active minor class of its catalogue, and a service request is a case taken in through the
 * cases service on channel `open311`. Reading is public and bound to one district; posting
 * needs an `api_key`, which is a Shuzhi API token of an account that may report cases.
 */
import type { Db } from '@/db/database.js';
import { actorOf, authenticateToken } from '@/domains/auth/auth-service.js';
import type { CategoryView } from '@/domains/cases/case-catalogue-service.js';
import { intakeCase, type CaseContextCache, type DistrictCaseContext } from '@/domains/cases/cases-service.js';
import { findScopeRoots, listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { FINAL_STATES } from '@/shared/case-vocabulary.js';
import { AppError, isAppError } from '@/shared/errors.js';
import {
  describeWithMedia,
  noticeOf,
  presentRequest,
  presentService,
  presentServiceDefinition,
  type Open311Receipt,
  type Open311Request,
  type Open311Service,
  type Open311ServiceDefinition,
  type Open311TokenAnswer,
  type PublicCaseFacts,
} from './open311-presenter.js';
import { findCaseOfToken, latestStepNotes, listPublicCases, type PublicCaseQuery, type PublicCaseRow } from '@/domains/cases/case-public-service.js';

/** The most requests one GET requests answers (the spec's limit). */
export const MAX_REQUESTS = 1000;
/** The longest span of `start_date`…`end_date`, and the default window back from now. */
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;

/** What every Open311 operation needs. */
export interface Open311Deps {
  db: Db;
  cache: CaseContextCache;
  now?: Date;
}

function badRequest(field: string, userMessage: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${userMessage}`, { field, userMessage });
}

function notFound(field: string, userMessage: string): AppError {
  return new AppError('NOT_FOUND', `${field}: ${userMessage}`, { field, userMessage });
}

// ---------------------------------------------------------------------------------------------
// Jurisdictions and services

/**
 * The district a `jurisdiction_id` names (a 6-digit district code). Without one, the server's
 * only district; a server of several districts needs it.
 */
export async function resolveJurisdiction(options: { db: Db; jurisdictionId?: string | null }): Promise<string> {
  const { db } = options;
  const id = options.jurisdictionId?.trim();
  if (id) {
    const found = /^[0-9]{6}$/.test(id) ? (await listDistrictAndTowns({ db, districtCode: id })).district : null;
    if (!found) throw notFound('jurisdiction_id', `辖区 ${id} 不存在 (not found)`);
    return found.code;
  }
  // The system actor only counts the districts: which jurisdictions a server holds is public (it
  // is what jurisdiction_id names), and no narrower actor sees them all.
  const districts = await findScopeRoots({ db, actor: systemActor('open311:jurisdictions') });
  if (districts.length === 1) return (districts[0] as { code: string }).code;
  if (districts.length === 0) throw notFound('jurisdiction_id', '本服务器还没有任何辖区 (no jurisdiction)');
  throw badRequest('jurisdiction_id', '本服务器有多个辖区,请提供 6 位区县编码 (not provided)');
}

function isService(category: CategoryView | undefined): category is CategoryView {
  return !!category && category.active && category.minorCode !== null;
}

function requireService(context: DistrictCaseContext, code: string | null | undefined): CategoryView {
  const trimmed = code?.trim();
  if (!trimmed) throw badRequest('service_code', '未提供 (not provided)');
  const category = context.catalogue.byCode.get(trimmed);
  if (!isService(category)) throw notFound('service_code', `服务类型 ${trimmed} 不存在或已停用 (not found)`);
  return category;
}

/** The services of a jurisdiction: its catalogue's active minor classes. */
export async function listServices(deps: Open311Deps & { jurisdictionId?: string | null }): Promise<Open311Service[]> {
  const district = await resolveJurisdiction({ db: deps.db, jurisdictionId: deps.jurisdictionId });
  const { catalogue } = await deps.cache.get(district);
  return catalogue.categories.filter(isService).map((c) => presentService(c, c.parentCode ? catalogue.byCode.get(c.parentCode) : undefined));
}

/** One service's definition (404 for an unknown or inactive service). */
export async function getServiceDefinition(
  deps: Open311Deps & { jurisdictionId?: string | null; serviceCode: string },
): Promise<Open311ServiceDefinition> {
  const district = await resolveJurisdiction({ db: deps.db, jurisdictionId: deps.jurisdictionId });
  return presentServiceDefinition(requireService(await deps.cache.get(district), deps.serviceCode));
}

// ---------------------------------------------------------------------------------------------
// Posting a request

/** The parameters of POST requests, as sent (form fields are strings; JSON may send numbers). */
export interface Open311RequestInput {
  apiKey?: string | null;
  jurisdictionId?: string | null;
  serviceCode?: string | null;
  lat?: string | number | null;
  long?: string | number | null;
  addressString?: string | null;
  addressId?: string | null;
  email?: string | null;
  deviceId?: string | null;
  accountId?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  description?: string | null;
  mediaUrl?: string | null;
  /** `attribute[code]` values; no service defines attributes yet, so they are accepted and unused. */
  attributes?: Record<string, string>;
}

function coordinate(value: string | number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  const number = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(number)) throw badRequest(field, '须为 WGS-84 十进制度数值 (not a number)');
  return number;
}

/** The reporter's name: Chinese names family name first and unspaced, others `first last`. */
function reporterNameOf(first: string | null | undefined, last: string | null | undefined): string | null {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return null;
  if (/[\u3400-\u9fff]/.test(f + l)) return `${l}${f}`;
  return [f, l].filter(Boolean).join(' ');
}

/** The intake's field names in GeoReport's terms, for errors. */
const FIELD_NAMES: Record<string, string> = {
  lon: 'long',
  lat: 'lat',
  townCode: 'address_string',
  address: 'address_string',
  reporterName: 'first_name',
  reporterPhone: 'phone',
  categoryCode: 'service_code',
  description: 'description',
};

/** An intake error as a GeoReport error: the field renamed, a place outside the key's reach a 400. */
function fromIntakeError(error: unknown): unknown {
  if (!isAppError(error)) return error;
  const field = error.field ? (FIELD_NAMES[error.field] ?? error.field) : undefined;
  const isPlace = error.code === 'NOT_FOUND' && (error.field === 'lon' || error.field === 'townCode');
  return new AppError(isPlace ? 'VALIDATION_FAILED' : error.code, error.message, { field, userMessage: error.userMessage, cause: error });
}

async function actorOfKey(db: Db, apiKey: string | null | undefined, requestId?: string): Promise<Actor> {
  const key = apiKey?.trim();
  if (!key) throw new AppError('UNAUTHENTICATED', 'api_key missing', { field: 'api_key', userMessage: '未提供 (not provided)' });
  const user = await authenticateToken({ db, token: key });
  if (!user) throw new AppError('UNAUTHENTICATED', 'api_key invalid', { field: 'api_key', userMessage: '无效、已过期或已吊销 (invalid)' });
  return actorOf(user, requestId);
}

/**
 * Takes in one service request as a case (channel `open311`) for the account of the api_key,
 * and answers its number and public token. The reporter's name and phone are kept on the case
 * (seen only by the roles that call back); e-mail, device and account ids have no place to be
 * kept and are not stored.
 */
export async function submitServiceRequest(deps: Open311Deps & { input: Open311RequestInput; requestId?: string }): Promise<Open311Receipt> {
  const { db, cache, input } = deps;
  const actor = await actorOfKey(db, input.apiKey, deps.requestId);
  let district: string;
  if (input.jurisdictionId?.trim()) {
    district = await resolveJurisdiction({ db, jurisdictionId: input.jurisdictionId });
    if (actor.regionPath !== '/' && actor.districtCode !== district) {
      throw new AppError('FORBIDDEN', 'api_key of another district', { field: 'api_key', userMessage: '不能向此辖区提交 (not valid for this jurisdiction)' });
    }
  } else {
    district = actor.regionPath === '/' ? await resolveJurisdiction({ db }) : actor.districtCode;
  }
  const context = await cache.get(district);
  const service = requireService(context, input.serviceCode);
  const lat = coordinate(input.lat, 'lat');
  const lon = coordinate(input.long, 'long');
  if ((lat === null) !== (lon === null)) throw badRequest(lat === null ? 'lat' : 'long', '经度和纬度须同时提供 (lat and long go together)');
  const address = input.addressString?.trim() || (input.addressId?.trim() ? `地址编号 ${input.addressId.trim()}` : null);
  if (lat === null && !address) {
    throw badRequest('lat', '请提供位置:lat 和 long,或 address_string,或 address_id (no location)');
  }
  const mediaUrl = input.mediaUrl?.trim() || null;
  if (mediaUrl && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 500)) {
    throw badRequest('media_url', '须为 500 个字符以内的 http(s) 地址 (invalid URL)');
  }
  const description = describeWithMedia(input.description?.trim() || service.name, mediaUrl);
  let id: number;
  try {
    const { case: created } = await intakeCase({
      db,
      cache,
      actor,
      now: deps.now,
      requestedDistrict: district,
      input: {
        channel: 'open311',
        description,
        categoryCode: service.code,
        lon,
        lat,
        address,
        reporterName: reporterNameOf(input.firstName, input.lastName),
        reporterPhone: input.phone?.trim() || null,
      },
    });
    id = created.id;
  } catch (error) {
    throw fromIntakeError(error);
  }
  const [row] = await listPublicCases({ db, query: { districtCode: district, ids: [id], limit: 1 } });
  if (!row) throw new AppError('INTERNAL', `case ${id} vanished after intake`);
  return {
    service_request_id: String(row.id),
    token: row.token,
    service_notice: noticeOf({ categoryName: service.name, closeCondition: service.closeCondition, deadline: row.clocks.total?.deadline ?? null, open: true }),
    account_id: input.accountId?.trim() || null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading requests (public)

/** The filters of GET requests, as sent. */
export interface Open311RequestFilters {
  serviceRequestId?: string | null;
  serviceCode?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  status?: string | null;
}

const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$/i;

/**
 * An ISO 8601 date or date-time. Without a zone it is China Standard Time. A `+` of the zone
 * that a query string turned into a space is taken back.
 */
export function parseOpen311Date(value: string, field: string): Date {
  let text = value.trim();
  if (/T[0-9:.]+ [0-9]{2}:?[0-9]{2}$/.test(text)) text = text.replace(/ (?=[0-9]{2}:?[0-9]{2}$)/, '+');
  const m = DATE_TIME.exec(text);
  const invalid = () => badRequest(field, '须为 ISO 8601 日期时间,如 2024-02-18T11:00:00+08:00 (invalid date)');
  if (!m) throw invalid();
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m as unknown as string[];
  const offset = !zone ? '+08:00' : zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (!Number.isFinite(date.getTime()) || Number(d) < 1 || Number(d) > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw invalid();
  return date;
}

function commaList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The filters in SQL terms; `service_request_id` overrides every other filter (the spec). */
function queryOf(district: string, filters: Open311RequestFilters, now: Date): PublicCaseQuery {
  const ids = commaList(filters.serviceRequestId);
  if (ids.length > 0) {
    const bad = ids.find((id) => !/^[0-9]{1,15}$/.test(id));
    if (bad) throw badRequest('service_request_id', `须为数字编号:${bad} (invalid id)`);
    return { districtCode: district, ids: [...new Set(ids.map(Number))].slice(0, MAX_REQUESTS), limit: MAX_REQUESTS };
  }
  const codes = commaList(filters.serviceCode);
  const badCode = codes.find((c) => !/^[A-Za-z0-9_-]{1,32}$/.test(c));
  if (badCode) throw badRequest('service_code', `不合法:${badCode} (invalid code)`);
  const statuses = new Set(commaList(filters.status).map((s) => s.toLowerCase()));
  const badStatus = [...statuses].find((s) => s !== 'open' && s !== 'closed');
  if (badStatus) throw badRequest('status', `只能是 open 或 closed:${badStatus} (invalid status)`);
  const start = filters.startDate?.trim() ? parseOpen311Date(filters.startDate, 'start_date') : null;
  const end = filters.endDate?.trim() ? parseOpen311Date(filters.endDate, 'end_date') : null;
  const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - MAX_SPAN_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) throw badRequest('end_date', 'end_date 不能早于 start_date (end_date before start_date)');
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) {
    throw badRequest('end_date', `start_date 至 end_date 不能超过 ${MAX_SPAN_DAYS} 天 (the range may not span more than ${MAX_SPAN_DAYS} days)`);
  }
  const onlyOpen = statuses.size === 1 && statuses.has('open');
  const onlyClosed = statuses.size === 1 && statuses.has('closed');
  return {
    districtCode: district,
    categoryCodes: codes.length > 0 ? codes : undefined,
    statuses: onlyClosed ? FINAL_STATES : undefined,
    excludedStatuses: onlyOpen ? FINAL_STATES : undefined,
    receivedFrom: from,
    receivedTo: to,
    limit: MAX_REQUESTS,
  };
}

async function presentRows(deps: Open311Deps, district: string, rows: PublicCaseRow[]): Promise<Open311Request[]> {
  const context = await deps.cache.get(district);
  const voided = rows.filter((r) => r.status === 'voided').map((r) => r.id);
  const voidNotes = await latestStepNotes({ db: deps.db, districtCode: district, caseIds: voided, action: 'void' });
  return rows.map((row) => {
    const category = row.category_code ? context.catalogue.byCode.get(row.category_code) : undefined;
    const facts: PublicCaseFacts = {
      id: row.id,
      status: row.status,
      categoryCode: row.category_code,
      categoryName: category?.name ?? null,
      closeCondition: category?.closeCondition ?? null,
      departmentName: row.department_code ? (context.departments.get(row.department_code) ?? null) : null,
      description: row.description,
      address: row.address,
      lon: row.lon,
      lat: row.lat,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      clocks: row.clocks,
      mergedInto: row.merged_into,
      overdueAt: row.overdue_at,
      voidNote: voidNotes.get(row.id) ?? null,
      reporterName: row.reporter_name,
      reporterPhone: row.reporter_phone,
    };
    return presentRequest(facts);
  });
}

/**
 * The public list of a jurisdiction's requests, newest first, at most {@link MAX_REQUESTS}:
 * by default those received in the last {@link MAX_SPAN_DAYS} days. `baseUrl` is the server's
 * origin, for media links.
 */
export async function listServiceRequests(
  deps: Open311Deps & { jurisdictionId?: string | null; filters: Open311RequestFilters },
): Promise<Open311Request[]> {
  const district = await resolveJurisdiction({ db: deps.db, jurisdictionId: deps.jurisdictionId });
  const rows = await listPublicCases({ db: deps.db, query: queryOf(district, deps.filters, deps.now ?? new Date()) });
  return presentRows(deps, district, rows);
}

function caseNumberOf(id: string): number {
  if (!/^[0-9]{1,15}$/.test(id.trim())) throw notFound('service_request_id', `服务请求 ${id} 不存在 (not found)`);
  return Number(id.trim());
}

/** One public request of a jurisdiction (404 when it has no such request). */
export async function getServiceRequest(
  deps: Open311Deps & { jurisdictionId?: string | null; serviceRequestId: string },
): Promise<Open311Request> {
  const district = await resolveJurisdiction({ db: deps.db, jurisdictionId: deps.jurisdictionId });
  const rows = await listPublicCases({ db: deps.db, query: { districtCode: district, ids: [caseNumberOf(deps.serviceRequestId)], limit: 1 } });
  const [request] = await presentRows(deps, district, rows);
  if (!request) throw notFound('service_request_id', `服务请求 ${deps.serviceRequestId} 不存在 (not found)`);
  return request;
}

/** The request a public token stands for (404 when unknown). */
export async function findServiceRequestByToken(
  deps: Open311Deps & { jurisdictionId?: string | null; token: string },
): Promise<Open311TokenAnswer> {
  const district = await resolveJurisdiction({ db: deps.db, jurisdictionId: deps.jurisdictionId });
  const token = deps.token.trim();
  const found = token.length > 0 && token.length <= 100 ? await findCaseOfToken({ db: deps.db, districtCode: district, token }) : undefined;
  if (!found) throw notFound('token', `令牌 ${token.slice(0, 100)} 不存在 (not found)`);
  return { service_request_id: String(found.id), token: found.token };
}
