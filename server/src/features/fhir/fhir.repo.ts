import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { Database } from '../../db/schema.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import type { ItemKind } from '../../../../shared/src/medical.js';

/** SQL of the FHIR import: rows under ids derived from the bundle's, so that importing twice adds nothing. */

export async function insertItemIfAbsent(
  db: Executor,
  ctx: AccessContext,
  id: string,
  kind: ItemKind,
  data: unknown,
): Promise<boolean> {
  const r = await db
    .insertInto('medical_item')
    .values({ id, profile_id: requireProfileAccess(ctx), kind, data: JSON.stringify(data) })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertMeasureIfAbsent(
  db: Executor,
  ctx: AccessContext,
  id: string,
  row: {
    kind: string;
    loinc: string;
    ucum: string;
    value: number;
    value2: number | null;
    moment: string | null;
    measured_at: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('measure')
    .values({ id, ...row, profile_id: requireProfileAccess(ctx) })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setDocumentVisibility(
  db: Executor,
  ctx: AccessContext,
  id: string,
  set: { hidden_from_professionals: boolean; hidden_from_representatives: boolean },
) {
  await db
    .updateTable('document')
    .set(set)
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', '=', id)
    .execute();
}

/**
 * The space's messages for the export, oldest first, with their professional: those the patient deleted
 * left out, and a confidential conversation only for a context that sees what representatives do not.
 */
export async function messagesForExport(db: Executor, ctx: AccessContext) {
  const profileId = requireProfileAccess(ctx);
  let q = db
    .selectFrom('message')
    .innerJoin('conversation', 'conversation.id', 'message.conversation_id')
    .innerJoin('professional', 'professional.id', 'conversation.professional_id')
    .select([
      'message.id',
      'message.conversation_id',
      'message.direction',
      'message.dek',
      'message.subject_enc',
      'message.body_enc',
      'message.sent_at',
      'message.read_at',
      'message.author_name',
      'conversation.confidential',
      'professional.rpps as pro_rpps',
      'professional.first_name as pro_first_name',
      'professional.last_name as pro_last_name',
    ])
    .where('message.profile_id', '=', profileId)
    .where('conversation.profile_id', '=', profileId)
    .where('message.hidden_for_patient', '=', false);
  if (!ctx.sees.hiddenFromRepresentatives) q = q.where('conversation.confidential', '=', false);
  return q.orderBy('message.sent_at', 'asc').orderBy('message.id', 'asc').execute();
}

/** The professional of the directory with this RPPS (the Communication's IDNPS is 8 + RPPS). */
export async function professionalByRpps(db: Executor, rpps: string) {
  return db.selectFrom('professional').select('id').where('rpps', '=', rpps).executeTakeFirst();
}

/**
 * The conversation of the profile with the professional, created if absent; confidential stays once set
 * (an imported confidential message never opens the exchange to representatives).
 */
export async function importConversation(
  db: Executor,
  ctx: AccessContext,
  professionalId: string,
  confidential: boolean,
): Promise<string> {
  const r = await db
    .insertInto('conversation')
    .values({ profile_id: requireProfileAccess(ctx), professional_id: professionalId, confidential })
    .onConflict((oc) =>
      oc.columns(['profile_id', 'professional_id']).doUpdateSet((eb) => ({
        confidential: sql<boolean>`${eb.ref('conversation.confidential')} or ${eb.ref('excluded.confidential')}`,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** One imported message under its derived id; false when it is already there. */
export async function insertMessageIfAbsent(
  db: Executor,
  ctx: AccessContext,
  row: Omit<Insertable<Database['message']>, 'profile_id' | 'source'>,
): Promise<boolean> {
  const r = await db
    .insertInto('message')
    .values({ ...row, profile_id: requireProfileAccess(ctx), source: 'import' })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The conversation's list fields (last message, unread counts) worked out again from its messages. */
export async function refreshConversation(db: Executor, ctx: AccessContext, conversationId: string) {
  const profileId = requireProfileAccess(ctx);
  const mine = (eb: ExpressionBuilder<Database, 'message'>) =>
    eb.and([eb('message.conversation_id', '=', conversationId), eb('message.profile_id', '=', profileId)]);
  const last = await db
    .selectFrom('message')
    .select(['id', 'sent_at'])
    .where(mine)
    .where('hidden_for_patient', '=', false)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const counts = await db
    .selectFrom('message')
    .select([
      sql<number>`count(*) filter (where direction = 'to_patient' and read_at is null and not hidden_for_patient)::int`.as(
        'patient_unread',
      ),
      sql<number>`count(*) filter (where direction = 'to_professional' and read_at is null)::int`.as('pro_unread'),
      sql<Date | null>`max(sent_at)`.as('pro_last_at'),
    ])
    .where(mine)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('conversation')
    .set({
      patient_last_message_id: last?.id ?? null,
      patient_last_at: last?.sent_at ?? null,
      patient_unread: counts.patient_unread,
      pro_unread: counts.pro_unread,
      pro_last_at: counts.pro_last_at,
    })
    .where('profile_id', '=', profileId)
    .where('id', '=', conversationId)
    .execute();
}
