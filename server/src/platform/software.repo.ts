import type { Executor } from './db.js';

/**
 * SQL of the software access (platform/software-access.ts): which professional a FHIR client is bound to,
 * and which patient a FHIR request names. Read before any access decision, so they return ids only.
 */

/** The professional a registered, unrevoked FHIR client is bound to. */
export async function clientProfessional(db: Executor, clientId: string) {
  return db
    .selectFrom('fhir_client')
    .innerJoin('professional', 'professional.id', 'fhir_client.professional_id')
    .select(['professional.id', 'professional.rpps', 'professional.profession_code', 'professional.regulator'])
    .where('fhir_client.client_id', '=', clientId)
    .where('fhir_client.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The open spaces whose INS-NIR is `nir` (at most two: two mean « not one »). */
export async function profilesByNir(db: Executor, nir: string): Promise<string[]> {
  const rows = await db
    .selectFrom('profile')
    .select('id')
    .where('nir', '=', nir.toUpperCase())
    .where('status', 'in', ['created', 'activated'])
    .limit(2)
    .execute();
  return rows.map((r) => r.id);
}

/** The profile a document belongs to, if the document exists. */
export async function profileOfDocument(db: Executor, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('document').select('profile_id').where('id', '=', id).executeTakeFirst();
  return r?.profile_id;
}

/** The profile a medical item of `kind` belongs to, if an item of that kind has this id. */
export async function profileOfItem(db: Executor, id: string, kind: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('medical_item')
    .select('profile_id')
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r?.profile_id;
}
