import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorCatalog, type ErrorBody, type ErrorCode } from '../../../shared/src/errors.js';
import { localizedFieldMessage, localizedMessage } from '../../../shared/src/errors.en.js';
import type { Locale } from '../../../shared/src/locale.js';
import { requestLocale } from './locale.js';

/** The one error type of Carnet: a stable code, its status, and a French message for people. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message ?? errorCatalog[code].message);
    this.status = errorCatalog[code].status;
  }
}

/** An error answer's body, its messages in the request's language (French, the source, by default). */
function errorBody(
  code: ErrorCode,
  message?: string,
  fields?: ErrorBody['error']['fields'],
  locale: Locale = 'fr',
): ErrorBody {
  const text = localizedMessage(code, message ?? errorCatalog[code].message, locale);
  const localFields = fields?.map((f) => ({ path: f.path, message: localizedFieldMessage(f.message, locale) }));
  return { error: { code, message: text, ...(localFields ? { fields: localFields } : {}) } };
}

// Fastify's own input errors, mapped to our codes: a malformed body is the client's mistake, never a 500.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'BAD_REQUEST',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

// The database unreachable (restarting, failing over, network cut): a passing outage, answered 503 so that
// clients and the load balancer retry; the pool reconnects by itself once PostgreSQL is back.
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '25006',
]);
const unreachableMessage =
  /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/;

/** True when the error says the database cannot be reached right now (not that a query is wrong). */
export function databaseUnreachable(err: { code?: string; message?: string }): boolean {
  return (!!err.code && unreachableCodes.has(err.code)) || unreachableMessage.test(err.message ?? '');
}

// PostgreSQL's refusals of text it cannot store (a NUL byte, U+0000, in a JSON string): the client's input.
const postgresInputCodes = new Set(['22021', '22P05']);

/**
 * What the log keeps of an unexpected error: its type, message, stack and codes. PostgreSQL's own
 * fields (`detail`, `where`…) are left out, and the quoted value ending some of its messages is masked:
 * they repeat the values of the query (« Key (nir)=(…) already exists », « invalid input syntax for type
 * uuid: "…" »), which may be NIRs, names or health data.
 */
export function loggableError(err: Error & { code?: string; severity?: unknown; table?: string; constraint?: string }) {
  if (typeof err.severity !== 'string')
    return { type: err.name, message: err.message, stack: err.stack, errorCode: err.code };
  const message = err.message.replace(/: ".*"$/s, ': "[masqué]"');
  return {
    type: err.name,
    message,
    stack: err.stack?.replace(err.message, message),
    sqlState: err.code,
    table: err.table,
    constraint: err.constraint,
  };
}

/** Installs the single error handler and the 404 handler for /api. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    // Computed here, not read from request.locale: an error may come from a hook that ran before it was set.
    const locale = requestLocale(request);
    const body = (code: ErrorCode, message?: string, fields?: ErrorBody['error']['fields']) =>
      errorBody(code, message, fields, locale);
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: [
          String(err.validationContext ?? ''),
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: v.message ?? 'valeur invalide',
      }));
      return reply.status(400).send(body('VALIDATION_FAILED', undefined, fields));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: { message: err.message, code: err.code } }, 'response did not match its schema');
      return reply.status(500).send(body('INTERNAL'));
    }
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) return reply.status(errorCatalog[mapped].status).send(body(mapped));
    if (err.code && postgresInputCodes.has(err.code)) return reply.status(400).send(body('BAD_REQUEST'));
    if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(400).send(body('BAD_REQUEST'));
    }
    if (databaseUnreachable(err)) {
      request.log.warn({ err: { message: err.message, code: err.code } }, 'database unreachable');
      return reply.status(503).header('retry-after', '2').send(body('UNAVAILABLE'));
    }
    request.log.error({ err: loggableError(err) }, 'unexpected error');
    return reply.status(500).send(body('INTERNAL'));
  });
}

/** Response schema shared by every route's error statuses (declared so OpenAPI shows them). */
export { errorBody };
