/**
 * Shapes the Open311 GeoReport v2 server's answers (STANDARDS.md §9): services, service
 * definitions, service requests and errors as the spec names their fields, written as JSON or
 * as XML (by hand: a handful of flat elements, escaped here). Public answers never carry a
 * reporter's name, phone or e-mail, and free text is scrubbed of contact details.
 */
import type { StoredClock } from '@/db/schema.js';
import { CATEGORY_KIND_LABELS, FINAL_STATES, STATE_LABELS, type CaseState } from '@/shared/case-vocabulary.js';
import type { AppError } from '@/shared/errors.js';
import { maskPhone } from '@/shared/privacy.js';
import type { CategoryView } from '@/domains/cases/case-catalogue-service.js';

/** The two formats of GeoReport v2, chosen by the resource's suffix (`.json`, `.xml`). */
export type Open311Format = 'json' | 'xml';

/** The Content-Type of each format (UTF-8 only, as the spec requires). */
export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A value of a GeoReport document: flat fields, with a few nested lists (endpoints, attributes). */
type Field = string | number | boolean | null | Field[] | { [key: string]: Field };

// ---------------------------------------------------------------------------------------------
// Times

const CST_OFFSET_MS = 8 * 3600_000;

/** A moment as ISO 8601 in China Standard Time: `2024-02-18T11:00:00+08:00`. */
export function isoCst(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const time = new Date(value).getTime();
  if (!Number.isFinite(time)) return null;
  return `${new Date(time + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

// ---------------------------------------------------------------------------------------------
// Discovery and services

/** The discovery document. */
export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: string; formats: string[] }[];
}

/** When this server's interface last changed (the discovery document's `changeset`). */
const CHANGESET = '2026-11-22T00:00:00+08:00';

/** The discovery document of the server at `baseUrl` (e.g. `https://gov.example/open311/v2`). */
export function presentDiscovery(baseUrl: string): Open311Discovery {
  return {
    changeset: CHANGESET,
    contact: '请联系本区数字化改革办(系统管理员)。Contact the district\'s digital-reform office (the system administrators).',
    key_service: 'api_key 为数智平台的 API 令牌:由系统管理员为可登记事件的账号(如受理员)创建。An api_key is a Shuzhi API token, created by an administrator for an account that may report cases (e.g. an operator).',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: baseUrl,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** One service (a minor class of the catalogue). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** A minor class as a GeoReport service; `major` is its major class, for the group. */
export function presentService(category: CategoryView, major: CategoryView | undefined): Open311Service {
  const group = major?.name ?? category.parentCode ?? '';
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.registerCondition ?? category.name,
    // No service carries custom attributes (yet), so no client needs the definition to post.
    metadata: false,
    type: 'realtime',
    keywords: [CATEGORY_KIND_LABELS[category.kind], group, category.name].filter(Boolean).join(', '),
    group,
  };
}

/** A service definition. Services have no custom attributes, so the list is empty. */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Field[];
}

/** The definition of a service. */
export function presentServiceDefinition(category: CategoryView): Open311ServiceDefinition {
  return { service_code: category.code, attributes: [] };
}

// ---------------------------------------------------------------------------------------------
// Service requests

/** What a public request is shaped from: the case's public columns, names already looked up. */
export interface PublicCaseFacts {
  id: number;
  status: string;
  categoryCode: string | null;
  categoryName: string | null;
  closeCondition: string | null;
  departmentName: string | null;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  receivedAt: Date | string;
  updatedAt: Date | string;
  clocks: Partial<Record<'dispatch' | 'handle' | 'check' | 'total', StoredClock>>;
  mergedInto: number | null;
  overdueAt: Date | string | null;
  /** The note given when the case was voided (作废), if it was. */
  voidNote: string | null;
  /** Only to scrub them out of free text; never presented. */
  reporterName: string | null;
  reporterPhone: string | null;
}

/** A service request as GET requests answers it. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string | null;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The line the server appends to a description to keep a posted `media_url` (no column holds it). */
const MEDIA_LINE = /\n\n附件链接 media_url: (https?:\/\/\S+)$/;

/** The description stored for a posted request that carried a `media_url`. */
export function describeWithMedia(description: string, mediaUrl: string | null): string {
  return mediaUrl ? `${description}\n\n附件链接 media_url: ${mediaUrl}` : description;
}

/**
 * Free text with contact details masked: the reporter's own name and phone, and anything that
 * looks like a mobile or landline number, an identity-card number or an e-mail address.
 * Citizens often write these into the description of a hotline call.
 */
export function scrubPersonalData(text: string, reporter: { name: string | null; phone: string | null }): string {
  let out = text;
  const name = reporter.name?.trim();
  if (name && [...name].length >= 2) out = out.split(name).join('*'.repeat([...name].length));
  const phone = reporter.phone?.replace(/\s+/g, '');
  if (phone && phone.length >= 5) out = out.split(phone).join(maskPhone(phone) ?? '');
  return out
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '***@***')
    .replace(/(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g, (id) => `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`)
    .replace(/(?<![0-9])1[3-9][0-9][\s-]?[0-9]{4}[\s-]?[0-9]{4}(?![0-9])/g, (m) => maskPhone(m.replace(/[\s-]/g, '')) ?? '')
    .replace(/(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])/g, (m) => maskPhone(m.replace(/-/g, '')) ?? '');
}

/** Whether a case counts as `closed` in GeoReport terms (closed, visited, voided or merged). */
export function isClosedState(status: string): boolean {
  return (FINAL_STATES as readonly string[]).includes(status);
}

/** Where a request's status stands, in Chinese: the state's label and, for void or merge, why. */
function statusNotesOf(facts: PublicCaseFacts, scrub: (s: string) => string): string {
  const label = STATE_LABELS[facts.status as CaseState] ?? facts.status;
  if (facts.status === 'voided') return facts.voidNote ? `${label}:${scrub(facts.voidNote)}` : label;
  if (facts.status === 'merged') return facts.mergedInto !== null ? `${label}:并入案件 ${facts.mergedInto}` : label;
  if (facts.overdueAt && !isClosedState(facts.status)) return `${label}(已超过结案时限)`;
  return label;
}

/** What the city will do: the whole-case deadline while open, and the class's closing standard. */
export function noticeOf(options: { categoryName: string | null; closeCondition: string | null; deadline: string | null; open: boolean }): string | null {
  const parts: string[] = [];
  if (options.open && options.deadline) {
    const when = (isoCst(options.deadline) ?? '').slice(0, 16).replace('T', ' ');
    parts.push(options.categoryName ? `按「${options.categoryName}」的时限办理,预计 ${when} 前办结。` : `预计 ${when} 前办结。`);
  }
  if (options.closeCondition) parts.push(`结案条件:${options.closeCondition}`);
  return parts.length > 0 ? parts.join('') : null;
}

/** A case as a public GeoReport request. */
export function presentRequest(facts: PublicCaseFacts): Open311Request {
  const scrub = (s: string) => scrubPersonalData(s, { name: facts.reporterName, phone: facts.reporterPhone });
  const media = MEDIA_LINE.exec(facts.description);
  const description = media ? facts.description.slice(0, media.index) : facts.description;
  const open = !isClosedState(facts.status);
  const deadline = facts.clocks.total?.deadline ?? null;
  return {
    service_request_id: String(facts.id),
    status: open ? 'open' : 'closed',
    status_notes: statusNotesOf(facts, scrub),
    service_name: facts.categoryName,
    service_code: facts.categoryCode,
    description: scrub(description),
    agency_responsible: facts.departmentName,
    service_notice: noticeOf({ categoryName: facts.categoryName, closeCondition: facts.closeCondition, deadline, open }),
    requested_datetime: isoCst(facts.receivedAt),
    updated_datetime: isoCst(facts.updatedAt),
    expected_datetime: isoCst(deadline),
    address: facts.address === null ? null : scrub(facts.address),
    address_id: null,
    zipcode: null,
    lat: facts.lat,
    long: facts.lon,
    // Photos taken on site may show people and homes: they stay behind the login; only a
    // media_url the reporter posted is given back.
    media_url: media?.[1] ?? null,
  };
}

/** The answer to POST requests. */
export interface Open311Receipt {
  service_request_id: string;
  token: string;
  service_notice: string | null;
  account_id: string | null;
}

/** The answer to GET tokens/{token}. */
export interface Open311TokenAnswer {
  service_request_id: string;
  token: string;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** One GeoReport error. */
export interface Open311Error {
  code: number;
  description: string;
}

/**
 * The HTTP status GeoReport uses for a platform error: 403 for a missing, invalid or
 * unauthorised api_key, 404 for an unknown jurisdiction, service or request, 400 for any other
 * fault of the request (429 and 500 pass through).
 */
export function open311StatusOf(error: AppError): number {
  switch (error.code) {
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_CATEGORY':
      return 404;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    default:
      return error.status >= 500 ? 500 : 400;
  }
}

/** A platform error as GeoReport errors: the status and the `[{code, description}]` list. */
export function presentAppError(error: AppError): { status: number; errors: Open311Error[] } {
  const status = open311StatusOf(error);
  const description = status === 500 ? '服务器内部错误 (internal error)' : error.field ? `${error.field}: ${error.userMessage}` : error.userMessage;
  return { status, errors: [{ code: status, description }] };
}

// ---------------------------------------------------------------------------------------------
// Serialisation

/** A GeoReport document: a root object, or a list whose XML root wraps one element per item. */
export type Open311Document =
  | { kind: 'object'; root: string; value: { [key: string]: Field } }
  | { kind: 'list'; root: string; item: string; items: { [key: string]: Field }[] };

/** The element name of each item of the nested lists, in XML. */
const ITEM_NAMES: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' };

// Characters XML 1.0 cannot carry at all (controls other than tab, newline, return; lone surrogates; U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function xmlElement(name: string, value: Field): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return value.length === 0 ? `<${name}/>` : `<${name}>${value.map((v) => xmlElement(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => xmlElement(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A document in a format, as the body to send. */
export function renderDocument(format: Open311Format, document: Open311Document): string {
  if (format === 'json') return JSON.stringify(document.kind === 'object' ? document.value : document.items);
  const body =
    document.kind === 'object'
      ? xmlElement(document.root, document.value)
      : document.items.length === 0
        ? `<${document.root}/>`
        : `<${document.root}>${document.items.map((item) => xmlElement(document.item, item)).join('')}</${document.root}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

/** Errors as a document (`[{code, description}]`, or `<errors><error>…`). */
export function errorsDocument(errors: Open311Error[]): Open311Document {
  return { kind: 'list', root: 'errors', item: 'error', items: errors.map((e) => ({ code: e.code, description: e.description })) };
}

/** A list of plain records as a document (a typed view of `Open311Document`). */
export function listDocument(root: string, item: string, items: object[]): Open311Document {
  return { kind: 'list', root, item, items: items as { [key: string]: Field }[] };
}

/** One record as a document. */
export function objectDocument(root: string, value: object): Open311Document {
  return { kind: 'object', root, value: value as { [key: string]: Field } };
}
