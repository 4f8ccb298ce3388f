/**
 * Maps every failure to the one error envelope `{code, message, field?, requestId}`.
 * Unknown errors are logged and shown as a generic 500 that reveals nothing.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_TABLE, fromDatabaseError, type ErrorCode } from '@/shared/errors.js';

/** The error body of every 4xx and 5xx response. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  field?: string;
  requestId: string;
  details?: unknown;
}

function envelope(request: FastifyRequest, code: ErrorCode, message: string, field?: string, details?: unknown): ErrorEnvelope {
  return { code, message, ...(field ? { field } : {}), requestId: String(request.id), ...(details ? { details } : {}) };
}

/** Fastify error handler. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const fromDatabase = fromDatabaseError(error);
  if (fromDatabase) {
    handleError(fromDatabase, request, reply);
    return;
  }
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, error.message);
    void reply.status(error.status).send(envelope(request, error.code, error.userMessage, error.field, error.details));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => {
      const path = String(v.instancePath ?? '')
        .replace(/^\//, '')
        .replace(/\//g, '.');
      const params = (v.params ?? {}) as { keys?: unknown };
      const keys = Array.isArray(params.keys) ? params.keys.map(String) : [];
      const field = [error.validationContext, path, keys[0]].filter(Boolean).join('.');
      const message = v.keyword === 'unrecognized_keys' ? `不允许的字段 (unknown field): ${keys.join(', ')}` : (v.message ?? 'invalid');
      return { field, message };
    });
    const first = issues[0] ?? { field: '', message: 'invalid' };
    void reply
      .status(400)
      .send(envelope(request, 'VALIDATION_FAILED', `${first.field ? `${first.field}:` : ''}${first.message}`, first.field, issues));
    return;
  }
  const fastifyError = error as FastifyError;
  const byFastifyCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  };
  const mapped = fastifyError.code ? byFastifyCode[fastifyError.code] : undefined;
  if (mapped) {
    void reply.status(ERROR_TABLE[mapped].status).send(envelope(request, mapped, ERROR_TABLE[mapped].zh));
    return;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    void reply.status(400).send(envelope(request, 'MALFORMED_JSON', ERROR_TABLE.MALFORMED_JSON.zh));
    return;
  }
  if (fastifyError.statusCode === 429) {
    void reply.status(429).send(envelope(request, 'TOO_MANY_ATTEMPTS', ERROR_TABLE.TOO_MANY_ATTEMPTS.zh));
    return;
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    void reply.status(fastifyError.statusCode).send(envelope(request, 'VALIDATION_FAILED', fastifyError.message));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send(envelope(request, 'INTERNAL', ERROR_TABLE.INTERNAL.zh));
}
