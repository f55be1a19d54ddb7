import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Db } from '../../platform/db.js';
import { recordOn } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal, SYSTEM_CHAIN } from '../../platform/journal.js';
import { professionalActor, type ProfessionalUser } from '../../platform/professional-access.js';
import type { FhirClientView } from '../../../../shared/src/routes/pro.routes.js';
import * as repo from './pro.repo.js';

/**
 * The professional's software for the FHIR R4 API (docs/fhir.md): registered with a name and a public
 * JWK, bound to the professional who registers it, listed, revoked. Carnet never sees a private key.
 */

async function present(r: repo.FhirClientRow): Promise<FhirClientView> {
  return {
    clientId: r.client_id,
    name: r.name,
    alg: r.alg,
    thumbprint: await calculateJwkThumbprint(r.jwk as JWK),
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * A public signing key the provider can verify assertions with: RSA of 2048 bits at least (RS384) or EC
 * P-384 (ES384), no private member; kept with only the members it needs (and its kid).
 */
export async function publicJwk(text: string): Promise<{ jwk: JWK; alg: 'RS384' | 'ES384' }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('FHIR_CLIENT_JWK_INVALID');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('FHIR_CLIENT_JWK_INVALID');
  const k = parsed as Record<string, unknown>;
  if (PRIVATE_MEMBERS.some((m) => m in k)) throw new AppError('FHIR_CLIENT_JWK_INVALID');
  const kid = typeof k.kid === 'string' && k.kid.length <= 200 ? { kid: k.kid } : {};
  let jwk: JWK;
  let alg: 'RS384' | 'ES384';
  if (k.kty === 'RSA' && typeof k.n === 'string' && typeof k.e === 'string') {
    // 2048 bits are 342 base64url characters.
    if (k.n.length < 342) throw new AppError('FHIR_CLIENT_JWK_INVALID');
    jwk = { kty: 'RSA', n: k.n, e: k.e, ...kid };
    alg = 'RS384';
  } else if (k.kty === 'EC' && k.crv === 'P-384' && typeof k.x === 'string' && typeof k.y === 'string') {
    jwk = { kty: 'EC', crv: 'P-384', x: k.x, y: k.y, ...kid };
    alg = 'ES384';
  } else throw new AppError('FHIR_CLIENT_JWK_INVALID');
  if (k.alg !== undefined && k.alg !== alg) throw new AppError('FHIR_CLIENT_JWK_INVALID');
  try {
    await importJWK(jwk, alg);
  } catch {
    throw new AppError('FHIR_CLIENT_JWK_INVALID');
  }
  return { jwk, alg };
}

export async function list(db: Db, pro: ProfessionalUser) {
  return { clients: await Promise.all((await repo.fhirClients(db, pro.professionalId)).map(present)) };
}

/** Registers a software: a new client_id, the key checked; journaled on the system chain. */
export async function register(db: Db, pro: ProfessionalUser, input: { name: string; jwk: string }) {
  const { jwk, alg } = await publicJwk(input.jwk);
  const clientId = `carnet-${randomBytes(12).toString('base64url')}`;
  const row = await db.transaction().execute(async (trx) => {
    const r = await repo.insertFhirClient(trx, {
      client_id: clientId,
      professional_id: pro.professionalId,
      name: input.name,
      jwk: JSON.stringify(jwk),
      alg,
    });
    await journal(trx, recordOn(professionalActor(pro), SYSTEM_CHAIN), {
      action: 'pro.fhir-client.register',
      resourceType: 'fhir_client',
      detail: { clientId, alg },
    });
    return r;
  });
  return { client: await present(row) };
}

/** Revokes one of the professional's software; 404 when it is not theirs. */
export async function revoke(db: Db, pro: ProfessionalUser, clientId: string) {
  const row = await db.transaction().execute(async (trx) => {
    const r = await repo.revokeFhirClient(trx, pro.professionalId, clientId);
    if (!r) throw new AppError('NOT_FOUND');
    await journal(trx, recordOn(professionalActor(pro), SYSTEM_CHAIN), {
      action: 'pro.fhir-client.revoke',
      resourceType: 'fhir_client',
      detail: { clientId },
    });
    return r;
  });
  return { client: await present(row) };
}
