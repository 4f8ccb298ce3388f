/**
 * The Open311 GeoReport v2 server over HTTP at `/open311/v2/` (STANDARDS.md §9): discovery,
 * services, service definitions, posting and reading requests, and tokens, each as `.json` or
 * `.xml` (without a suffix: JSON). Everything here answers in GeoReport's own shapes, errors
 * included (`[{code, description}]` with 400, 403 or 404), so the routes live in a plugin scope
 * of their own with its own error handler, catch-all 404 and form-body parser.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '@/server/context.js';
import { fromDatabaseError, isAppError } from '@/shared/errors.js';
import {
  errorsDocument,
  listDocument,
  objectDocument,
  OPEN311_CONTENT_TYPES,
  presentAppError,
  presentDiscovery,
  renderDocument,
  type Open311Document,
  type Open311Error,
  type Open311Format,
} from './open311-presenter.js';
import {
  findServiceRequestByToken,
  getServiceDefinition,
  getServiceRequest,
  listServiceRequests,
  listServices,
  submitServiceRequest,
} from './open311-service.js';

/** Where the server lives. */
export const OPEN311_PREFIX = '/open311/v2';

/** Requests per minute and address: posting creates cases, reading is cheap but public. */
const POST_RATE_PER_MINUTE = 60;
const GET_RATE_PER_MINUTE = 600;

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The suffixes of each resource and the format each one answers in. */
const SUFFIXES: [suffix: string, format: Open311Format][] = [
  ['.json', 'json'],
  ['.xml', 'xml'],
  ['', 'json'],
];

const text = (max: number) => z.string().max(max).optional();
/** A parameter that may be comma-delimited or repeated (`status=open&status=closed`). */
const listParam = (max: number) => z.union([z.string().max(max), z.array(z.string().max(max)).max(100)]).optional();
const coordinateParam = z.union([z.string().max(40), z.number()]).optional();

const jurisdictionQuery = z.looseObject({ jurisdiction_id: text(20) });

const requestsQuery = z.looseObject({
  jurisdiction_id: text(20),
  service_request_id: listParam(20_000),
  service_code: listParam(2000),
  start_date: text(64),
  end_date: text(64),
  status: listParam(64),
});

/** POST requests: every field optional here, so the service can answer 403 for a missing api_key first. */
const postRequestBody = z.looseObject({
  api_key: text(200),
  jurisdiction_id: text(20),
  service_code: text(32),
  lat: coordinateParam,
  long: coordinateParam,
  address_string: text(500),
  address_id: text(100),
  email: text(254),
  device_id: text(200),
  account_id: text(200),
  first_name: text(50),
  last_name: text(50),
  phone: text(30),
  description: text(4000),
  media_url: text(500),
  attribute: z.record(z.string(), z.string().max(2000)).optional(),
});

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** `attribute[code]=value` form fields (and a JSON `attribute` object) as one map. */
function attributesOf(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested)) if (typeof v === 'string') out[k] = v;
  }
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[(.+)\]$/.exec(key);
    if (m?.[1] && typeof value === 'string') out[m[1]] = value;
  }
  return out;
}

/** The format a URL asks for: `.xml` at the end of its path, else JSON. */
export function formatOfUrl(url: string): Open311Format {
  const path = (url.split('?')[0] ?? '').replace(/\/+$/, '');
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Open311Format, document: Open311Document, status = 200): FastifyReply {
  return reply.status(status).type(OPEN311_CONTENT_TYPES[format]).send(renderDocument(format, document));
}

/** The server's origin as the client reached it, for absolute links. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Any failure as GeoReport errors. */
function errorsOf(error: FastifyError | Error, request: FastifyRequest): { status: number; errors: Open311Error[] } {
  const known = fromDatabaseError(error) ?? (isAppError(error) ? error : null);
  if (known) {
    const answer = presentAppError(known);
    if (answer.status >= 500) request.log.error({ err: error }, known.message);
    return answer;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      status: 400,
      errors: error.validation.map((v) => {
        const path = String(v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
        const keys = ((v.params ?? {}) as { keys?: unknown }).keys;
        const field = path || (Array.isArray(keys) ? String(keys[0] ?? '') : '');
        return { code: 400, description: `${field ? `${field}: ` : ''}${v.message ?? '输入不符合要求'}` };
      }),
    };
  }
  const fastifyError = error as FastifyError;
  const byCode: Record<string, string> = {
    FST_ERR_CTP_INVALID_MEDIA_TYPE: `请以 ${FORM_TYPE} 或 application/json 提交 (unsupported Content-Type)`,
    FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大 (request body too large)',
    FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是合法的 JSON (malformed JSON)',
    FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空 (empty body)',
  };
  const described = fastifyError.code ? byCode[fastifyError.code] : undefined;
  if (described) return { status: 400, errors: [{ code: 400, description: described }] };
  if (fastifyError.statusCode === 429) return { status: 429, errors: [{ code: 429, description: '请求过于频繁,请稍后再试 (too many requests)' }] };
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: 400, errors: [{ code: 400, description: '请求不符合要求 (bad request)' }] };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, errors: [{ code: 500, description: '服务器内部错误 (internal error)' }] };
}

/** Registers the GeoReport v2 server under {@link OPEN311_PREFIX}. */
export async function registerOpen311Routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (scope) => {
      // Fastify parses JSON only; GeoReport posts forms. Parsed here, in this scope alone.
      if (scope.hasContentTypeParser(FORM_TYPE)) scope.removeContentTypeParser(FORM_TYPE);
      scope.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
      scope.setErrorHandler((error: FastifyError | Error, request, reply) => {
        const { status, errors } = errorsOf(error, request);
        void send(reply, formatOfUrl(request.url), errorsDocument(errors), status);
      });

      const r = scope.withTypeProvider<ZodTypeProvider>();
      const deps = { db: ctx.db, cache: ctx.cases };
      const tags = ['open311'];
      const readConfig = { isPublic: true, rateLimit: { max: GET_RATE_PER_MINUTE, timeWindow: '1 minute' } };
      const postConfig = { isPublic: true, rateLimit: { max: POST_RATE_PER_MINUTE, timeWindow: '1 minute' } };

      for (const [suffix, format] of SUFFIXES) {
        // The unsuffixed aliases answer JSON and stay out of the API document.
        const doc = (summary: string) => ({ tags, summary: `Open311 ${summary}${suffix}`, security: [], hide: suffix === '' });

        r.get(`/discovery${suffix}`, { config: readConfig, schema: { ...doc('服务发现 discovery'), querystring: jurisdictionQuery } }, async (request, reply) =>
          send(reply, format, objectDocument('discovery', presentDiscovery(`${originOf(request)}${OPEN311_PREFIX}`))),
        );

        r.get(`/services${suffix}`, { config: readConfig, schema: { ...doc('服务列表 services'), querystring: jurisdictionQuery } }, async (request, reply) => {
          const services = await listServices({ ...deps, jurisdictionId: request.query.jurisdiction_id });
          return send(reply, format, listDocument('services', 'service', services));
        });

        r.get(
          `/services/:service_code${suffix}`,
          {
            config: readConfig,
            schema: { ...doc('服务定义 service definition'), params: z.object({ service_code: z.string().max(64) }), querystring: jurisdictionQuery },
          },
          async (request, reply) => {
            const definition = await getServiceDefinition({ ...deps, jurisdictionId: request.query.jurisdiction_id, serviceCode: request.params.service_code });
            return send(reply, format, objectDocument('service_definition', definition));
          },
        );

        r.post(
          `/requests${suffix}`,
          { config: postConfig, bodyLimit: 64 * 1024, schema: { ...doc('提交服务请求 post a request (api_key)'), body: postRequestBody } },
          async (request, reply) => {
            const body = request.body;
            const receipt = await submitServiceRequest({
              ...deps,
              requestId: String(request.id),
              input: {
                apiKey: body.api_key,
                jurisdictionId: body.jurisdiction_id,
                serviceCode: body.service_code,
                lat: body.lat,
                long: body.long,
                addressString: body.address_string,
                addressId: body.address_id,
                email: body.email,
                deviceId: body.device_id,
                accountId: body.account_id,
                firstName: body.first_name,
                lastName: body.last_name,
                phone: body.phone,
                description: body.description,
                mediaUrl: body.media_url,
                attributes: attributesOf(body),
              },
            });
            return send(reply, format, listDocument('service_requests', 'request', [receipt]));
          },
        );

        r.get(`/requests${suffix}`, { config: readConfig, schema: { ...doc('服务请求列表 requests'), querystring: requestsQuery } }, async (request, reply) => {
          const q = request.query;
          const requests = await listServiceRequests({
            ...deps,
            jurisdictionId: q.jurisdiction_id,
            filters: {
              serviceRequestId: joined(q.service_request_id),
              serviceCode: joined(q.service_code),
              startDate: q.start_date,
              endDate: q.end_date,
              status: joined(q.status),
            },
          });
          return send(reply, format, listDocument('service_requests', 'request', requests));
        });

        r.get(
          `/requests/:service_request_id${suffix}`,
          {
            config: readConfig,
            schema: { ...doc('服务请求 one request'), params: z.object({ service_request_id: z.string().max(64) }), querystring: jurisdictionQuery },
          },
          async (request, reply) => {
            const found = await getServiceRequest({
              ...deps,
              jurisdictionId: request.query.jurisdiction_id,
              serviceRequestId: request.params.service_request_id,
            });
            return send(reply, format, listDocument('service_requests', 'request', [found]));
          },
        );

        r.get(
          `/tokens/:token${suffix}`,
          { config: readConfig, schema: { ...doc('由令牌查请求 request id of a token'), params: z.object({ token: z.string().max(200) }), querystring: jurisdictionQuery } },
          async (request, reply) => {
            const answer = await findServiceRequestByToken({ ...deps, jurisdictionId: request.query.jurisdiction_id, token: request.params.token });
            return send(reply, format, listDocument('service_requests', 'request', [answer]));
          },
        );
      }

      // Anything else under the prefix is a GeoReport 404, not the web UI's page (the static
      // files' wildcard route would otherwise answer it).
      r.all('/*', { config: readConfig, schema: { hide: true } }, async (request, reply) =>
        send(reply, formatOfUrl(request.url), errorsDocument([{ code: 404, description: '没有这个资源 (no such resource)' }]), 404),
      );
    },
    { prefix: OPEN311_PREFIX },
  );
}
