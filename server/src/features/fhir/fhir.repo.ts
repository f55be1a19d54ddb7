import type { Executor } from '../../platform/db.js';
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
