import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { DocumentReference, OperationOutcome } from 'fhir/r4';
import { serve } from '../../platform/contract.js';
import { fhirApiRoutes as routes } from '../../../../shared/src/routes/fhir.routes.js';
import { MAX_DOCUMENT_BYTES } from '../../../../shared/src/documents.js';
import * as api from './fhir.api.service.js';
import { issuerTokens } from './fhir.issuer.js';
import { registerTokenVerifier } from '../../platform/software-access.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The FHIR issue type of an HTTP error status. */
const issueCodes: Record<number, OperationOutcome['issue'][number]['code']> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  422: 'processing',
  429: 'throttled',
  503: 'transient',
};

/**
 * Every error of the FHIR API as an OperationOutcome with the same status: the platform's error handler
 * answers first (its stable codes and French messages, never a stack trace), then this turns its body
 * into the resource FHIR clients read.
 */
function asOutcome(status: number, payload: unknown): string | null {
  if (typeof payload !== 'string') return null;
  try {
    const b = JSON.parse(payload) as { error?: { code: string; message: string; fields?: { path: string }[] } };
    if (!b.error?.code) return null;
    const where = b.error.fields?.map((f) => f.path).filter(Boolean);
    const o = api.outcome('error', issueCodes[status] ?? 'exception', b.error.message, b.error.code);
    if (where?.length) o.issue[0]!.expression = where;
    return JSON.stringify(o);
  } catch {
    return null;
  }
}

function fhirScope(scope: FastifyInstance) {
  scope.addContentTypeParser(
    ['application/fhir+json', 'application/json'],
    { parseAs: 'string', bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.4) + 64 * 1024 },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        const err = new Error('invalid JSON') as Error & { statusCode: number };
        err.statusCode = 400;
        done(err, undefined);
      }
    },
  );
  scope.addHook('onSend', async (_req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (reply.statusCode >= 400) {
      const o = asOutcome(reply.statusCode, payload);
      if (o) {
        reply.header('content-type', FHIR_JSON);
        return o;
      }
    }
    if (type.startsWith('application/json')) reply.header('content-type', FHIR_JSON);
    return payload;
  });
}

/**
 * The FHIR R4 API for professionals' software at /fhir/R4 (issue 12 §5, docs/fhir.md). Every route but
 * the CapabilityStatement is declared `{ software }`: the platform authenticates the bearer token, finds
 * the patient the request names and takes the professionals' access decision before a handler runs.
 */
export const fhirApi: FastifyPluginAsync = async (app) => {
  const { db, blobs, config } = app.platform;
  const base = `${config.PUBLIC_URL}/fhir/R4`;
  const deps: api.ApiDeps = { db, blobs, base };
  const limit = { rateLimit: { max: 600, timeWindow: '1 minute' } };
  // Production tokens come from an external issuer; without it, the bundled provider's (pro.auth.ts).
  const issuer = config.FHIR_TOKEN_ISSUER ? issuerTokens(config.FHIR_TOKEN_ISSUER, base) : null;
  if (issuer) registerTokenVerifier(app.platform, issuer.verify);
  const tokenUrl = async () => (issuer ? issuer.tokenUrl() : `${config.PUBLIC_URL}/oidc/token`);

  // Unknown paths under the base answer an OperationOutcome too.
  await app.register(
    async (scope) => {
      fhirScope(scope);
      scope.setNotFoundHandler((_req, reply) =>
        reply
          .status(404)
          .type(FHIR_JSON)
          .send(api.outcome('error', 'not-supported', "Cette opération n'existe pas dans l'API FHIR de Carnet.")),
      );
    },
    { prefix: '/fhir/R4' },
  );

  await app.register(async (scope) => {
    fhirScope(scope);
    const client = (req: { software: { clientId: string } | null }) => req.software?.clientId;
    serve(scope, routes.metadata, async () => api.capabilityStatement(base, await tokenUrl()));
    serve(scope, routes.patientSearch, async (req) => api.patientSearch(deps, req.access, client(req)), limit);
    serve(scope, routes.patientRead, async (req) => api.patient(deps, req.access!, client(req)), limit);
    const paging = (req: { query: unknown; routeOptions: { url?: string } }) =>
      api.pagingOf(base, req.routeOptions.url!.split('/')[3]!, req.query as Record<string, unknown>);
    serve(
      scope,
      routes.documentSearch,
      async (req) => api.documentSearch(deps, req.access!, client(req), paging(req)),
      limit,
    );
    serve(scope, routes.documentRead, async (req) => api.documentRead(deps, req.access!, req.params.id), limit);
    serve(
      scope,
      routes.binaryRead,
      async (req, reply: FastifyReply) => {
        const { row, data, resource } = await api.binaryRead(deps, req.access!, req.params.id);
        // The raw file when the client asks for its type (and not for FHIR JSON): Binary's own convention.
        const accept = req.headers.accept ?? '';
        if (accept.includes(row.mime_type) && !accept.includes('json'))
          return reply.type(row.mime_type).header('x-content-type-options', 'nosniff').send(data);
        return reply.type(FHIR_JSON).send(JSON.stringify(resource));
      },
      limit,
    );
    serve(
      scope,
      routes.documentCreate,
      async (req, reply) => {
        const doc = await api.documentCreate(deps, req.access!, req.body as unknown as DocumentReference);
        return reply.status(201).header('location', `${base}/DocumentReference/${doc.id}`).send(doc);
      },
      { ...limit, bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.4) + 64 * 1024 },
    );
    serve(scope, routes.observationSearch, async (req) => api.observationSearch(deps, req.access!, client(req)), limit);
    const searches = [
      [routes.conditionSearch, 'Condition'],
      [routes.allergySearch, 'AllergyIntolerance'],
      [routes.immunizationSearch, 'Immunization'],
    ] as const;
    for (const [route, type] of searches)
      serve(scope, route, async (req) => api.itemSearch(deps, req.access!, type, client(req), paging(req)), limit);
    const reads = [
      [routes.conditionRead, 'Condition'],
      [routes.allergyRead, 'AllergyIntolerance'],
      [routes.immunizationRead, 'Immunization'],
    ] as const;
    for (const [route, type] of reads)
      serve(scope, route, async (req) => api.itemRead(deps, req.access!, type, req.params.id, client(req)), limit);
  });
};
