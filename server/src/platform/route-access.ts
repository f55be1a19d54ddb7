import type {
  FastifyInstance,
  FastifyRequest,
  RouteOptions,
  preHandlerHookHandler,
  preValidationHookHandler,
} from 'fastify';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { recordOn, type AccessContext, type Actor } from './access.js';
import { allows, authorize, personActor, relationTo, type Capability } from './profile-access.js';
import type { Access, ProCapability } from '../../../shared/src/access.js';
import { authorizeProfessional } from './professional-access.js';
import { journal, SYSTEM_CHAIN } from './journal.js';
import { operatorGuard } from './operator.js';
import { softwareGuard } from './software-access.js';
import { UUID } from './ids.js';

/** What a route needs (see shared/src/access.ts), declared on the route (`config: { access }`). */
export type RouteAccess = Access;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Body fields that need a further capability when present (RouteDef.fieldAccess). */
    fieldAccess?: Readonly<Record<string, Capability>>;
  }
  interface FastifyRequest {
    /** The access context the platform made for this request's `:profileId` (routes declared `{ profile }`). */
    access: AccessContext | null;
  }
}

/** Why a route's declaration is refused, or null when it is sound. */
export function declarationProblem(url: string, access: RouteAccess | undefined): string | null {
  if (access === undefined) return 'declares no access (config.access)';
  const valid =
    ['public', 'session', 'operator', 'professional'].includes(access as string) ||
    (typeof access === 'object' &&
      access !== null &&
      ('profile' in access || 'patient' in access || 'software' in access));
  if (!valid) return `declares an unknown access ${JSON.stringify(access)}`;
  if (typeof access === 'object' && 'software' in access) {
    // The FHIR request names its patient itself; a software route never takes Carnet's :profileId.
    if (url.includes(':profileId')) return 'is a software route but takes :profileId';
    if (!url.startsWith('/fhir/R4/')) return 'is a software route outside /fhir/R4';
    return null;
  }
  const bound = typeof access === 'object';
  if (url.includes(':profileId') && !bound) return 'takes :profileId but is not bound to a profile capability';
  if (bound && !url.includes(':profileId')) return 'is bound to a profile capability but takes no :profileId';
  return null;
}

/** The person who asks, as the journal names them (a visitor when signed out). */
function asker(req: FastifyRequest): Actor {
  return req.user ? personActor(req.user, null) : { kind: 'visitor' };
}

/**
 * Journals a refused access on the target profile's chain (the system chain when no such profile exists),
 * in a transaction of its own: who tried, what, and the answer. The caller learns nothing more than the
 * status it gets.
 */
async function journalRefusal(
  db: Db,
  req: FastifyRequest,
  profileId: string | null,
  capability: string,
  status: number,
  /** Who asked, when the platform already knows how they stand to the profile (a context was made). */
  knownActor?: Actor,
) {
  const known = profileId
    ? await db.selectFrom('profile').select('id').where('id', '=', profileId).executeTakeFirst()
    : undefined;
  const chain = known ? profileId : null;
  // Named by how they stand to the profile (a caregiver refused a right is journaled as the caregiver).
  const relation = !knownActor && chain && req.user ? await relationTo(db, req.user, chain) : null;
  const actor = knownActor ?? (req.user ? personActor(req.user, relation) : asker(req));
  await db.transaction().execute(async (trx) =>
    journal(trx, recordOn(actor, chain ?? null), {
      action: 'access.refused',
      resourceType: 'route',
      detail: {
        route: `${req.method} ${req.routeOptions.url}`,
        capability,
        status,
        ...(chain ? {} : { profileId: profileId ?? null }),
      },
    }),
  );
}

function profileGuard(db: Db, capability: Capability): preValidationHookHandler {
  return async function (req: FastifyRequest) {
    const profileId = (req.params as { profileId?: string }).profileId ?? '';
    // Signed out: nothing is decided about any profile; not journaled (no one to name, and it would let
    // anyone write lines), throttled by the rate limits in front.
    if (!req.user) throw new AppError('UNAUTHENTICATED');
    if (!UUID.test(profileId)) {
      await journalRefusal(db, req, null, capability, 404);
      throw new AppError('NOT_FOUND');
    }
    try {
      req.access = await authorize(db, req.user, profileId, capability);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
        await journalRefusal(db, req, profileId, capability, err.status);
      }
      throw err;
    }
  };
}

/**
 * The further rights a route's body asks for (RouteDef.fieldAccess), checked once the body is validated,
 * against the same policy as the route's own capability; a refusal is journaled like any other.
 */
function fieldGuard(db: Db, fields: Readonly<Record<string, Capability>>): preHandlerHookHandler {
  return async function (req: FastifyRequest) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const [field, capability] of Object.entries(fields)) {
      if (body[field] === undefined || !req.access || allows(req.access, capability)) continue;
      await journalRefusal(db, req, req.access.profileId, capability, 403, req.access.actor);
      throw new AppError('FORBIDDEN');
    }
  };
}

async function requireSignedIn(req: FastifyRequest) {
  if (!req.user) throw new AppError('UNAUTHENTICATED');
}

async function requireProfessional(req: FastifyRequest) {
  if (!req.professional) throw new AppError('UNAUTHENTICATED');
}

function patientGuard(db: Db, capability: ProCapability): preValidationHookHandler {
  return async function (req: FastifyRequest) {
    if (!req.professional) throw new AppError('UNAUTHENTICATED');
    const profileId = (req.params as { profileId?: string }).profileId ?? '';
    if (!UUID.test(profileId)) throw new AppError('NOT_FOUND');
    // The decision journals its own refusals (it knows the professional, the mode and the reason).
    req.access = await authorizeProfessional(db, req, profileId, capability);
  };
}

/** The guard that enforces a declaration, run before validation so that no body is looked at first. */
export function guardFor(db: Db, operatorToken: string, access: RouteAccess): preValidationHookHandler | null {
  if (access === 'public') return null;
  if (access === 'session') return requireSignedIn;
  if (access === 'professional') return requireProfessional;
  if (access === 'operator') {
    if (!operatorToken)
      return async () => {
        throw new AppError('OPERATOR_ONLY');
      };
    return operatorGuard(operatorToken);
  }
  if ('patient' in access) return patientGuard(db, access.patient);
  if ('software' in access) return softwareGuard(db, access.software);
  return profileGuard(db, access.profile);
}

/**
 * The OpenAPI security requirement of a declaration: the session cookie (and the CSRF header on writes), or the
 * operator's bearer.
 */
export function securityOf(access: RouteAccess, methods: string[]): Record<string, string[]>[] | null {
  if (access === 'public') return [];
  if (access === 'operator') return [{ operatorBearer: [] }];
  if (typeof access === 'object' && 'software' in access) return [{ smartBearer: [] }];
  const write = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
  const cookie =
    access === 'professional' || (typeof access === 'object' && 'patient' in access)
      ? 'professionalSession'
      : 'session';
  return [write ? { [cookie]: [], csrfHeader: [] } : { [cookie]: [] }];
}

/**
 * Installs the check at start and the enforcement at each request: every route must declare its access
 * (see RouteAccess); the matching guard is put first in the route's preValidation hooks. Call before any
 * feature registers a route.
 */
export function installRouteAccess(app: FastifyInstance, db: Db, operatorToken: string): void {
  app.decorateRequest('access', null);
  app.decorateRequest('professional', null);
  app.decorateRequest('software', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    const problem =
      declarationProblem(route.url, access) ??
      (route.config?.fieldAccess && !(typeof access === 'object' && 'profile' in access)
        ? 'declares field access on a route not bound to a profile capability'
        : null);
    if (problem) throw new Error(`route ${[route.method].flat().join(',')} ${route.url} ${problem}`);
    // OpenAPI: what a client must present, from the same declaration (schemes declared in app.ts).
    const security = securityOf(access!, [route.method].flat());
    if (route.schema && security) route.schema = { ...route.schema, security } as typeof route.schema;
    const guard = guardFor(db, operatorToken, access!);
    if (!guard) return;
    const existing = route.preValidation ? [route.preValidation].flat() : [];
    route.preValidation = [guard, ...existing];
    const fields = route.config?.fieldAccess;
    if (fields) route.preHandler = [fieldGuard(db, fields), ...(route.preHandler ? [route.preHandler].flat() : [])];
  });
}

export { SYSTEM_CHAIN, relationTo };
