import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import type { Db } from './db.js';
import { recordOn } from './access.js';
import { AppError } from './errors.js';
import { journal, SYSTEM_CHAIN } from './journal.js';
import { authorizeProfessional, professionalActor, type ProfessionalUser } from './professional-access.js';
import type { ProCapability } from '../../../shared/src/access.js';
import * as repo from './software.repo.js';
import { UUID } from './ids.js';

/** What a valid access token says: the client it was issued to and the scopes granted. */
export interface SoftwareToken {
  clientId: string;
  scope: string;
}

/** Checks an access token with the provider that issued it: its software, or why it is refused. */
export type TokenVerifier = (token: string) => Promise<SoftwareToken | { why: string }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The professional's software behind a FHIR request (routes declared `{ software }`), or null. */
    software: SoftwareToken | null;
  }
}

const verifiers = new WeakMap<object, TokenVerifier>();

/**
 * Sets how the platform checks the FHIR API's bearer tokens (the OAuth server that issues them registers
 * it: FHIR_TOKEN_ISSUER's verifier when set (fhir.issuer.ts), else the bundled oidc-provider, never in
 * production). Without one, every software route answers 401.
 */
export function registerTokenVerifier(platform: object, verify: TokenVerifier): void {
  verifiers.set(platform, verify);
}

/** The SMART scope a request needs on its resource type: `system/<Type>.read` or `.write`, or `*`. */
export function scopeAllows(scope: string, type: string, capability: ProCapability): boolean {
  const need = capability === 'deposit' ? 'write' : 'read';
  const granted = new Set(scope.split(' '));
  // A Binary is the file of a DocumentReference: either scope reads it.
  const types = type === 'Binary' ? ['Binary', 'DocumentReference', '*'] : [type, '*'];
  return types.some((t) => granted.has(`system/${t}.${need}`) || granted.has(`system/${t}.*`));
}

const INS = 'urn:oid:1.2.250.1.213.1.4.8';
/** The medical profile's list each FHIR type of a read by id is kept in (medical_item.kind). */
const ITEM_KINDS: Record<string, string> = {
  Condition: 'conditions',
  AllergyIntolerance: 'allergies',
  Immunization: 'vaccinations',
};

/** The bearer token's software, its professional and its scopes; 401 (journaled) for anything else. */
async function authenticate(db: Db, req: FastifyRequest): Promise<ProfessionalUser> {
  const m = /^Bearer ([A-Za-z0-9._~+/-]{10,2000}=*)$/.exec(req.headers.authorization ?? '');
  const verify = verifiers.get((req.server as unknown as { platform: object }).platform);
  const token = !m ? { why: 'no-token' } : !verify ? { why: 'no-issuer' } : await verify(m[1]!);
  // The client may have been revoked since the token was issued, or never registered in the directory.
  const pro = 'clientId' in token ? await repo.clientProfessional(db, token.clientId) : undefined;
  if (!('clientId' in token) || !pro) {
    const detail = 'clientId' in token ? { why: 'client', client: token.clientId.slice(0, 100) } : token;
    await db.transaction().execute((trx) =>
      journal(trx, recordOn({ kind: 'visitor' }, SYSTEM_CHAIN), {
        action: 'fhir.token.refused',
        detail: { route: `${req.method} ${req.routeOptions.url}`, status: 401, ...detail },
      }),
    );
    throw new AppError('UNAUTHENTICATED');
  }
  req.software = token;
  return {
    sessionId: `fhir-client:${token.clientId}`,
    professionalId: pro.id,
    rpps: pro.rpps,
    professionCode: pro.profession_code,
    regulator: pro.regulator,
  };
}

/** A patient reference, `Patient/<id>` or a bare id (the FHIR `patient=` search parameter). */
function patientRef(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const id = v.startsWith('Patient/') ? v.slice(8) : v;
  return UUID.test(id) ? id.toLowerCase() : null;
}

/**
 * The patient a FHIR request names: the id of a Patient read, the owner of the resource of any other read
 * by id (DocumentReference, Binary, Condition, AllergyIntolerance, Immunization), the INS of a Patient
 * search ('nobody' when no space has it), `patient=` of any other search, the subject of a created resource.
 * null: the named resource does not exist.
 */
async function patientOf(db: Db, req: FastifyRequest, type: string): Promise<string | null | 'nobody'> {
  const id = (req.params as { id?: string }).id;
  if (req.method === 'POST') {
    const subject = (req.body as { subject?: { reference?: unknown } } | undefined)?.subject?.reference;
    const ref = patientRef(subject);
    if (!ref || typeof subject !== 'string' || !subject.startsWith('Patient/'))
      throw new AppError('FHIR_PATIENT_REQUIRED');
    return ref;
  }
  if (id !== undefined) {
    if (!UUID.test(id)) return null;
    if (type === 'Patient') return id.toLowerCase();
    const kind = ITEM_KINDS[type];
    if (kind) return (await repo.profileOfItem(db, id.toLowerCase(), kind)) ?? null;
    return (await repo.profileOfDocument(db, id.toLowerCase())) ?? null;
  }
  const query = req.query as Record<string, unknown>;
  if (type === 'Patient') {
    const [system, nir, extra] = typeof query.identifier === 'string' ? query.identifier.split('|') : [];
    if (system !== INS || !nir || extra !== undefined || !/^[0-9]{5}[0-9AB][0-9]{9}$/i.test(nir))
      throw new AppError('FHIR_IDENTIFIER_REQUIRED');
    const found = await repo.profilesByNir(db, nir);
    return found.length === 1 ? found[0]! : 'nobody';
  }
  const ref = patientRef(query.patient ?? query.subject);
  if (!ref) throw new AppError('FHIR_PATIENT_REQUIRED');
  return ref;
}

/** A refusal before any patient is known (scope, unknown resource), on the system chain. */
async function journalRefusal(db: Db, req: FastifyRequest, pro: ProfessionalUser, detail: Record<string, unknown>) {
  await db.transaction().execute((trx) =>
    journal(trx, recordOn(professionalActor(pro), SYSTEM_CHAIN), {
      action: 'access.refused',
      resourceType: 'route',
      detail: { route: `${req.method} ${req.routeOptions.url}`, client: req.software?.clientId, ...detail },
    }),
  );
}

/**
 * The guard of `{ software }` routes: authenticates the bearer token (401), checks its SMART scope for the
 * resource type (403), finds the patient the request names (400 when it names none, 404 when the resource
 * does not exist), then the one professional-access decision, which journals its refusals and grants the
 * request's context. A Patient search by an INS no space has leaves the context empty: the handler answers
 * an empty Bundle, and the search is journaled here as the portal's is.
 */
export function softwareGuard(db: Db, capability: ProCapability): preValidationHookHandler {
  return async function (req: FastifyRequest) {
    const pro = await authenticate(db, req);
    req.professional = pro;
    const type = req.routeOptions.url!.split('/')[3] ?? '';
    if (!scopeAllows(req.software!.scope, type, capability)) {
      await journalRefusal(db, req, pro, { capability, status: 403, why: 'scope' });
      throw new AppError('FHIR_SCOPE');
    }
    const profileId = await patientOf(db, req, type);
    if (profileId === 'nobody') {
      await db.transaction().execute((trx) =>
        journal(trx, recordOn(professionalActor(pro), SYSTEM_CHAIN), {
          action: 'pro.patient.search',
          detail: { by: 'nir', found: false, via: 'fhir', client: req.software!.clientId },
        }),
      );
      req.access = null;
      return;
    }
    if (!profileId) {
      await journalRefusal(db, req, pro, { capability, status: 404 });
      throw new AppError('NOT_FOUND');
    }
    // A read by id of another patient's resource: without consent it is as if it did not exist (404), so
    // ids do not tell a professional who has a record; a blocked professional still hears 403.
    const byId = req.method === 'GET' && type !== 'Patient' && (req.params as { id?: string }).id !== undefined;
    req.access = await authorizeProfessional(db, req, profileId, capability, { noConsentAsNotFound: byId });
  };
}
