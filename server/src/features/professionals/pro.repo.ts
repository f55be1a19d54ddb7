import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import type { PatientTraits } from '../../../../shared/src/routes/pro.routes.js';

/** A directory entry. */
export async function findProfessional(db: Executor, id: string) {
  return db.selectFrom('professional').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Profiles matching INS traits exactly (at most two are fetched: two mean « not one »). Names compare
 * without case; the first name is the first of the birth first names or the used one.
 */
export async function patientsByTraits(db: Executor, t: PatientTraits) {
  let q = db
    .selectFrom('profile')
    .select(['id', 'birth_name', 'first_names', 'sex', 'birth_date'])
    .where('status', 'in', ['created', 'activated'])
    .where('birth_date', '=', t.birthDate)
    .limit(2);
  if ('nir' in t) q = q.where('nir', '=', t.nir.toUpperCase());
  else {
    const first = t.firstName.toLowerCase();
    q = q
      .where(sql<boolean>`lower(birth_name) = ${t.birthName.toLowerCase()}`)
      .where('sex', '=', t.sex)
      .where(sql<boolean>`(lower(split_part(first_names, ' ', 1)) = ${first} or lower(used_first_name) = ${first})`);
  }
  return q.execute();
}

/** This professional's row on the patient's lists, if any. */
export async function accessOf(db: Executor, profileId: string, professionalId: string) {
  return db
    .selectFrom('professional_access')
    .select(['status', 'administrator', 'synthesis_sections'])
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', professionalId)
    .executeTakeFirst();
}

/** The end of this professional's open emergency access on the patient, or null. */
export async function openEmergency(db: Executor, profileId: string, professionalId: string): Promise<Date | null> {
  const r = await db
    .selectFrom('emergency_access')
    .select('ends_at')
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', professionalId)
    .where('ends_at', '>', sql<Date>`now()`)
    .orderBy('ends_at', 'desc')
    .executeTakeFirst();
  return r?.ends_at ?? null;
}

/** Consent collected: the professional is authorized on the context's profile (a blocked one never gets here). */
export async function authorize(db: Executor, ctx: AccessContext): Promise<void> {
  const now = new Date();
  await db
    .insertInto('professional_access')
    .values({
      profile_id: requireProfileAccess(ctx),
      professional_id: ctx.professional!.id,
      status: 'authorized',
      since: now,
      consent_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['profile_id', 'professional_id'])
        .doUpdateSet({ consent_at: now, updated_at: now })
        .where('professional_access.status', '=', 'authorized'),
    )
    .execute();
}

/** A new emergency access of the context's professional; returns its end. */
export async function insertEmergency(
  db: Executor,
  ctx: AccessContext,
  mode: 'bris_de_glace' | 'centre_15',
  reason: string,
  minutes: number,
): Promise<Date> {
  const r = await db
    .insertInto('emergency_access')
    .values({
      profile_id: requireProfileAccess(ctx),
      professional_id: ctx.professional!.id,
      mode,
      reason,
      ends_at: sql<Date>`now() + make_interval(mins => ${minutes})`,
    })
    .returning('ends_at')
    .executeTakeFirstOrThrow();
  return r.ends_at;
}

/** The sections of « la synthèse » the patient shares with the context's professional (empty: none). */
export async function sharedSynthesis(db: Executor, ctx: AccessContext): Promise<string[]> {
  const r = await db
    .selectFrom('professional_access')
    .select('synthesis_sections')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('professional_id', '=', ctx.professional!.id)
    .where('status', '=', 'authorized')
    .executeTakeFirst();
  return r?.synthesis_sections ?? [];
}

/** The professional's registered software, newest first. */
export async function fhirClients(db: Executor, professionalId: string) {
  return db
    .selectFrom('fhir_client')
    .select(['client_id', 'name', 'alg', 'jwk', 'created_at', 'revoked_at'])
    .where('professional_id', '=', professionalId)
    .orderBy('created_at', 'desc')
    .execute();
}
export type FhirClientRow = Awaited<ReturnType<typeof fhirClients>>[number];

export async function insertFhirClient(
  db: Executor,
  row: { client_id: string; professional_id: string; name: string; jwk: string; alg: 'RS384' | 'ES384' },
): Promise<FhirClientRow> {
  return db
    .insertInto('fhir_client')
    .values(row)
    .returning(['client_id', 'name', 'alg', 'jwk', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

/** Revokes one of the professional's own clients (once); undefined when it is not theirs. */
export async function revokeFhirClient(db: Executor, professionalId: string, clientId: string) {
  await db
    .updateTable('fhir_client')
    .set({ revoked_at: new Date() })
    .where('client_id', '=', clientId)
    .where('professional_id', '=', professionalId)
    .where('revoked_at', 'is', null)
    .execute();
  return db
    .selectFrom('fhir_client')
    .select(['client_id', 'name', 'alg', 'jwk', 'created_at', 'revoked_at'])
    .where('client_id', '=', clientId)
    .where('professional_id', '=', professionalId)
    .executeTakeFirst();
}
