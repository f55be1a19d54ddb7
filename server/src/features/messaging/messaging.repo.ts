import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../../platform/db.js';
import { requireMessagingAccess, type AccessContext } from '../../platform/access.js';

/**
 * SQL of the messaging (R9). Every statement is scoped by the context's profile; the professional's side
 * is scoped by the context's professional too, so a professional reaches only their own conversation. The
 * professional's conversation list (which spans patients) is the one read scoped by the professional alone.
 */

function professionalOf(ctx: AccessContext): string | null {
  return ctx.actor.kind === 'professional' ? ctx.actor.professionalId : null;
}

/** The conversations of the profile the holder may see: representatives never see a confidential exchange. */
function conversations(db: Executor, ctx: AccessContext) {
  const profileId = requireMessagingAccess(ctx);
  let q = db.selectFrom('conversation').where('conversation.profile_id', '=', profileId);
  const pro = professionalOf(ctx);
  if (pro) q = q.where('conversation.professional_id', '=', pro);
  if (!ctx.sees.hiddenFromRepresentatives) q = q.where('conversation.confidential', '=', false);
  return q;
}

const proColumns = [
  'professional.id as pro_id',
  'professional.first_name as pro_first_name',
  'professional.last_name as pro_last_name',
  'professional.profession_code as pro_profession',
] as const;

/**
 * The ids of one page of the patient's list, latest first: read from `conversation_patient_page` alone
 * (an index-only scan: key in this order, `confidential` carried for the representatives' filter), so a
 * far page skips index entries, not rows.
 */
function patientPageIds(db: Executor, ctx: AccessContext, offset: number, limit: number) {
  return conversations(db, ctx)
    .select(['conversation.id', 'conversation.patient_last_at'])
    .where('conversation.patient_last_at', 'is not', null)
    .orderBy('conversation.patient_last_at', 'desc')
    .orderBy('conversation.id', 'desc')
    .limit(limit)
    .offset(offset);
}

/** One page of the patient's list: latest first, with the latest message's sealed subject and its sender. */
export async function listForPatient(db: Executor, ctx: AccessContext, offset: number, limit: number) {
  return patientPage(db, ctx, offset, limit).execute();
}

/** The statement of listForPatient (its plan is checked in messaging.page.test.ts). */
export function patientPage(db: Executor, ctx: AccessContext, offset: number, limit: number) {
  const profileId = requireMessagingAccess(ctx);
  // Only the page's rows are then read: the conversation, its professional and latest message by primary key.
  // The page is scoped by the profile; repeating `conversation.profile_id = …` out here would lead the planner
  // to read every conversation of the profile and hash them against the page (seen in the plan test).
  return db
    .selectFrom(patientPageIds(db, ctx, offset, limit).as('page'))
    .innerJoin('conversation', 'conversation.id', 'page.id')
    .innerJoin('professional', 'professional.id', 'conversation.professional_id')
    .innerJoin('message', 'message.id', 'conversation.patient_last_message_id')
    .select([
      'conversation.id',
      'conversation.patient_last_at',
      'conversation.patient_unread',
      'conversation.patient_attachments',
      'conversation.ended_at',
      'message.id as message_id',
      'message.direction',
      'message.dek',
      'message.subject_enc',
      'message.author_name',
      ...proColumns,
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('message_draft')
            .select('conversation_id')
            .whereRef('message_draft.conversation_id', '=', 'conversation.id'),
        )
        .as('has_draft'),
    )
    .where('message.profile_id', '=', profileId)
    .orderBy('page.patient_last_at', 'desc')
    .orderBy('page.id', 'desc');
}

/** How many conversations the patient's list holds, and their unread messages (index-only, like the page). */
export async function patientCounts(db: Executor, ctx: AccessContext): Promise<{ total: number; unread: number }> {
  const r = await patientCountsQuery(db, ctx).executeTakeFirstOrThrow();
  return { total: Number(r.total), unread: Number(r.unread) };
}

/** The statement of patientCounts. */
export function patientCountsQuery(db: Executor, ctx: AccessContext) {
  return conversations(db, ctx)
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`coalesce(sum(conversation.patient_unread), 0)`.as('unread'),
    ])
    .where('conversation.patient_last_at', 'is not', null);
}

/** One conversation the holder may see, with its professional. */
export async function findConversation(db: Executor, ctx: AccessContext, id: string) {
  return conversations(db, ctx)
    .innerJoin('professional', 'professional.id', 'conversation.professional_id')
    .selectAll('conversation')
    .select([...proColumns, 'professional.mssante_address as pro_mssante', 'professional.rpps as pro_rpps'])
    .where('conversation.id', '=', id)
    .executeTakeFirst();
}
export type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversation>>>;

/** The conversation between the context's profile and `professionalId`, if any. */
export async function findWithProfessional(db: Executor, ctx: AccessContext, professionalId: string) {
  const profileId = requireMessagingAccess(ctx);
  return db
    .selectFrom('conversation')
    .select(['id', 'confidential', 'ended_at'])
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', professionalId)
    .executeTakeFirst();
}

/** Creates (or finds) the conversation of the context's profile with its professional; locks it. */
export async function openConversation(db: Executor, ctx: AccessContext, professionalId: string): Promise<string> {
  const profileId = requireMessagingAccess(ctx);
  await db
    .insertInto('conversation')
    .values({ profile_id: profileId, professional_id: professionalId })
    .onConflict((oc) => oc.columns(['profile_id', 'professional_id']).doNothing())
    .execute();
  const r = await db
    .selectFrom('conversation')
    .select('id')
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', professionalId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The messages of a conversation, oldest first; the patient's side without those they deleted. */
export async function listMessages(db: Executor, ctx: AccessContext, conversationId: string) {
  let q = db
    .selectFrom('message')
    .selectAll()
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where(
      'conversation_id',
      'in',
      conversations(db, ctx).select('conversation.id').where('conversation.id', '=', conversationId),
    );
  if (!professionalOf(ctx)) q = q.where('hidden_for_patient', '=', false);
  return q.orderBy('sent_at', 'asc').orderBy('id', 'asc').execute();
}
export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

/** One message of the profile (for the relay worker, which acts as the system). */
export async function findMessage(db: Executor, ctx: AccessContext, id: string) {
  return db
    .selectFrom('message')
    .selectAll()
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertMessage(
  db: Executor,
  ctx: AccessContext,
  row: Omit<Insertable<Database['message']>, 'profile_id'>,
): Promise<void> {
  await db
    .insertInto('message')
    .values({ ...row, profile_id: requireMessagingAccess(ctx) })
    .execute();
}

/** After a professional's message: the patient's list shows it unread; their end of exchanges is lifted. */
export async function afterProfessionalMessage(
  db: Executor,
  ctx: AccessContext,
  conversationId: string,
  m: { id: string; at: Date; attachments: boolean; confidential: boolean },
) {
  await db
    .updateTable('conversation')
    .set((eb) => ({
      patient_last_message_id: m.id,
      patient_last_at: m.at,
      patient_unread: eb('patient_unread', '+', 1),
      patient_attachments: m.attachments ? true : eb.ref('patient_attachments'),
      confidential: m.confidential ? true : eb.ref('confidential'),
      pro_last_at: m.at,
      ended_at: null,
    }))
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('id', '=', conversationId)
    .execute();
}

/** After the patient's message: it heads their list; the professional has one more unread. */
export async function afterPatientMessage(
  db: Executor,
  ctx: AccessContext,
  conversationId: string,
  m: { id: string; at: Date; attachments: boolean },
) {
  await db
    .updateTable('conversation')
    .set((eb) => ({
      patient_last_message_id: m.id,
      patient_last_at: m.at,
      patient_attachments: m.attachments ? true : eb.ref('patient_attachments'),
      pro_last_at: m.at,
      pro_unread: eb('pro_unread', '+', 1),
    }))
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('id', '=', conversationId)
    .execute();
}

/** Marks the messages addressed to the reader as read; returns how many changed. */
export async function markRead(db: Executor, ctx: AccessContext, conversationId: string): Promise<number> {
  const profileId = requireMessagingAccess(ctx);
  const pro = professionalOf(ctx);
  const r = await db
    .updateTable('message')
    .set({ read_at: new Date() })
    .where('profile_id', '=', profileId)
    .where(
      'conversation_id',
      'in',
      conversations(db, ctx).select('conversation.id').where('conversation.id', '=', conversationId),
    )
    .where('direction', '=', pro ? 'to_professional' : 'to_patient')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('conversation')
    .set(pro ? { pro_unread: 0 } : { patient_unread: 0 })
    .where('profile_id', '=', profileId)
    .where('id', '=', conversationId)
    .execute();
  return Number(r.numUpdatedRows);
}

/** The professional ends the exchanges (every conversation with them: there is one per patient). */
export async function endExchanges(db: Executor, ctx: AccessContext, conversationId: string): Promise<boolean> {
  const r = await db
    .updateTable('conversation')
    .set({ ended_at: new Date() })
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('id', 'in', conversations(db, ctx).select('conversation.id').where('conversation.id', '=', conversationId))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The patient deletes their copy: messages hidden for them, the list forgets it (the service drops the draft). */
export async function hideForPatient(db: Executor, ctx: AccessContext, conversationId: string): Promise<boolean> {
  const profileId = requireMessagingAccess(ctx);
  const found = await conversations(db, ctx)
    .select('conversation.id')
    .where('conversation.id', '=', conversationId)
    .where('conversation.patient_last_at', 'is not', null)
    .executeTakeFirst();
  if (!found) return false;
  await db
    .updateTable('message')
    .set({ hidden_for_patient: true })
    .where('profile_id', '=', profileId)
    .where('conversation_id', '=', conversationId)
    .execute();
  await db
    .updateTable('conversation')
    .set({ patient_last_message_id: null, patient_last_at: null, patient_unread: 0, patient_attachments: false })
    .where('profile_id', '=', profileId)
    .where('id', '=', conversationId)
    .execute();
  return true;
}

/**
 * Who the person may write to (« Nouveau message »): professionals who wrote to them (in a conversation
 * they can see) and did not end the exchanges, alphabetical by last then first name.
 */
export async function recipients(db: Executor, ctx: AccessContext) {
  return conversations(db, ctx)
    .innerJoin('professional', 'professional.id', 'conversation.professional_id')
    .select(['conversation.id', ...proColumns])
    .where('conversation.ended_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('message')
          .select('message.id')
          .whereRef('message.conversation_id', '=', 'conversation.id')
          .where('message.direction', '=', 'to_patient'),
      ),
    )
    .orderBy(sql`lower(professional.last_name)`)
    .orderBy(sql`lower(professional.first_name)`)
    .execute();
}

export async function findDraft(db: Executor, ctx: AccessContext, conversationId: string) {
  return db
    .selectFrom('message_draft')
    .selectAll()
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

export async function saveDraft(
  db: Executor,
  ctx: AccessContext,
  conversationId: string,
  d: { dek: Buffer; subject_enc: Buffer; body_enc: Buffer; document_ids: string[]; synthesis: boolean },
) {
  const profileId = requireMessagingAccess(ctx);
  const now = new Date();
  await db
    .insertInto('message_draft')
    .values({ conversation_id: conversationId, profile_id: profileId, ...d, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('conversation_id')
        .doUpdateSet({ ...d, updated_at: now })
        .where('message_draft.profile_id', '=', profileId),
    )
    .execute();
  return now;
}

/** Makes sure the conversation has a draft row (a file chosen before anything is typed); touches it. */
export async function ensureDraft(
  db: Executor,
  ctx: AccessContext,
  conversationId: string,
  empty: { dek: Buffer; subject_enc: Buffer; body_enc: Buffer },
) {
  const profileId = requireMessagingAccess(ctx);
  const now = new Date();
  await db
    .insertInto('message_draft')
    .values({ conversation_id: conversationId, profile_id: profileId, ...empty, updated_at: now })
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet({ updated_at: now }).where('message_draft.profile_id', '=', profileId),
    )
    .execute();
  return now;
}

/** Deletes the draft; its files' rows must be taken first (takeDraftFiles). */
export async function deleteDraft(db: Executor, ctx: AccessContext, conversationId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('message_draft')
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** The device files kept with a draft, in the order they were chosen. */
export async function listDraftFiles(db: Executor, ctx: AccessContext, conversationId: string) {
  return db
    .selectFrom('message_draft_file')
    .selectAll()
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type DraftFileRow = Awaited<ReturnType<typeof listDraftFiles>>[number];

export async function insertDraftFile(
  db: Executor,
  ctx: AccessContext,
  row: Omit<Insertable<Database['message_draft_file']>, 'profile_id'>,
) {
  return db
    .insertInto('message_draft_file')
    .values({ ...row, profile_id: requireMessagingAccess(ctx) })
    .returning(['id', 'file_name', 'mime_type', 'size_bytes'])
    .executeTakeFirstOrThrow();
}

/** Removes the draft's files (all, or those of `ids`) and returns them, so their blobs can be retired. */
export async function takeDraftFiles(db: Executor, ctx: AccessContext, conversationId: string, ids?: string[]) {
  if (ids && !ids.length) return [];
  let q = db
    .deleteFrom('message_draft_file')
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('conversation_id', '=', conversationId);
  if (ids) q = q.where('id', 'in', ids);
  return q.returningAll().execute();
}

/** Attachments of these messages, in their order. */
export async function listAttachments(db: Executor, ctx: AccessContext, messageIds: string[]) {
  if (!messageIds.length) return [];
  return db
    .selectFrom('message_attachment')
    .select(['id', 'message_id', 'file_name', 'mime_type', 'size_bytes', 'compatible', 'blob_key'])
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('message_id', 'in', messageIds)
    .orderBy('position')
    .execute();
}

/** One attachment of a message the holder may see (a patient's deleted copy is gone for them). */
export async function findAttachment(db: Executor, ctx: AccessContext, id: string) {
  const profileId = requireMessagingAccess(ctx);
  let q = db
    .selectFrom('message_attachment')
    .innerJoin('message', 'message.id', 'message_attachment.message_id')
    .selectAll('message_attachment')
    .where('message_attachment.profile_id', '=', profileId)
    .where('message_attachment.id', '=', id)
    .where('message.conversation_id', 'in', conversations(db, ctx).select('conversation.id'));
  if (!professionalOf(ctx)) q = q.where('message.hidden_for_patient', '=', false);
  return q.executeTakeFirst();
}

export async function insertAttachments(
  db: Executor,
  ctx: AccessContext,
  rows: Omit<Insertable<Database['message_attachment']>, 'profile_id'>[],
) {
  if (!rows.length) return;
  const profileId = requireMessagingAccess(ctx);
  await db
    .insertInto('message_attachment')
    .values(rows.map((r) => ({ ...r, profile_id: profileId })))
    .execute();
}

export async function insertUploadIntents(db: Executor, ctx: AccessContext, keys: string[], writer: string) {
  if (!keys.length) return;
  const profileId = requireMessagingAccess(ctx);
  await db
    .insertInto('message_upload')
    .values(keys.map((k) => ({ blob_key: k, profile_id: profileId, writer })))
    .execute();
}

export async function deleteUploadIntents(db: Executor, ctx: AccessContext, keys: string[]) {
  if (!keys.length) return;
  await db
    .deleteFrom('message_upload')
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('blob_key', 'in', keys)
    .execute();
}

/** Upload intents of every profile, for crash recovery at start (Carnet itself, no person's data). */
export async function listUploadIntents(db: Executor) {
  return db.selectFrom('message_upload').select(['blob_key', 'writer', 'created_at']).execute();
}

export async function forgetUploadIntent(db: Executor, blobKey: string) {
  await db.deleteFrom('message_upload').where('blob_key', '=', blobKey).execute();
}

/** A professional's conversations across patients, latest first (scoped by the signed-in professional). */
export async function listForProfessional(db: Executor, professionalId: string, offset: number, limit: number) {
  return db
    .selectFrom('conversation')
    .innerJoin('profile', 'profile.id', 'conversation.profile_id')
    .select([
      'conversation.id',
      'conversation.pro_last_at',
      'conversation.pro_unread',
      'conversation.ended_at',
      'conversation.confidential',
      'profile.used_first_name',
      'profile.birth_name',
      'profile.nir',
    ])
    .where('conversation.professional_id', '=', professionalId)
    .orderBy('conversation.pro_last_at', (ob) => ob.desc().nullsLast())
    .orderBy('conversation.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The profile of one of the professional's conversations, to make the context that opens it. */
export async function profileOfProConversation(db: Executor, professionalId: string, conversationId: string) {
  const r = await db
    .selectFrom('conversation')
    .select('profile_id')
    .where('professional_id', '=', professionalId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  return r?.profile_id;
}

/** The profile of one of the professional's attachments (their own conversations only). */
export async function profileOfProAttachment(db: Executor, professionalId: string, attachmentId: string) {
  const r = await db
    .selectFrom('message_attachment')
    .innerJoin('message', 'message.id', 'message_attachment.message_id')
    .innerJoin('conversation', 'conversation.id', 'message.conversation_id')
    .select('message_attachment.profile_id')
    .where('conversation.professional_id', '=', professionalId)
    .where('message_attachment.id', '=', attachmentId)
    .executeTakeFirst();
  return r?.profile_id;
}

export async function setRelayStatus(db: Executor, ctx: AccessContext, messageId: string, status: 'sent' | 'failed') {
  await db
    .updateTable('message')
    .set({ relay_status: status })
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('id', '=', messageId)
    .execute();
}

// Not health data: identities, preferences and credentials the messaging needs.

/** The open space (activated or created) of this INS: NIR and birth date must both match exactly. */
export async function findPatientByIns(db: Executor, nir: string, birthDate?: string) {
  let q = db
    .selectFrom('profile')
    .select(['id', 'nir', 'birth_date'])
    .where('nir', '=', nir.toUpperCase())
    .where('status', 'in', ['activated', 'created']);
  if (birthDate) q = q.where('birth_date', '=', birthDate);
  return q.executeTakeFirst();
}

/** Whether the patient blocked this professional (R8.2); a blocked professional cannot write. */
export async function isBlocked(db: Executor, ctx: AccessContext, professionalId: string): Promise<boolean> {
  const r = await db
    .selectFrom('professional_access')
    .select('status')
    .where('profile_id', '=', requireMessagingAccess(ctx))
    .where('professional_id', '=', professionalId)
    .executeTakeFirst();
  return r?.status === 'blocked';
}

export async function profileIdentity(db: Executor, profileId: string) {
  return db
    .selectFrom('profile')
    .select(['id', 'nir', 'birth_name', 'first_names', 'used_first_name', 'birth_date', 'email', 'email_verified_at'])
    .where('id', '=', profileId)
    .executeTakeFirstOrThrow();
}

/** E-mail addresses of a minor's validated legal representatives. */
export async function representativeEmails(
  db: Executor,
  profileId: string,
): Promise<{ email: string; name: string }[]> {
  const rows = await db
    .selectFrom('representation')
    .innerJoin('profile', 'profile.id', 'representation.representative_id')
    .select(['profile.email', 'profile.birth_name', 'profile.first_names'])
    .where('representation.profile_id', '=', profileId)
    .where('representation.status', '=', 'validated')
    .where('profile.email', 'is not', null)
    .execute();
  return rows.map((r) => ({ email: r.email!, name: `${r.birth_name} ${r.first_names}` }));
}

export async function professional(db: Executor, id: string) {
  return db
    .selectFrom('professional')
    .select(['id', 'rpps', 'first_name', 'last_name', 'profession_code', 'mssante_address'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function notificationSettings(db: Executor, profileId: string) {
  return db
    .selectFrom('notification_setting')
    .select(['messages', 'documents', 'accesses', 'agenda'])
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
}

export async function saveNotificationSettings(
  db: Executor,
  profileId: string,
  s: { messages: boolean; documents: boolean; accesses: 'first' | 'every' | 'never'; agenda: boolean },
) {
  const now = new Date();
  await db
    .insertInto('notification_setting')
    .values({ profile_id: profileId, ...s, updated_at: now })
    .onConflict((oc) => oc.column('profile_id').doUpdateSet({ ...s, updated_at: now }))
    .execute();
}

export async function saveSmtpCredential(db: Executor, professionalId: string, username: string, passwordHash: string) {
  await db
    .insertInto('professional_smtp_credential')
    .values({ professional_id: professionalId, username, password_hash: passwordHash })
    .onConflict((oc) =>
      oc.column('professional_id').doUpdateSet({ username, password_hash: passwordHash, created_at: new Date() }),
    )
    .execute();
}

export async function findSmtpCredential(db: Executor, username: string) {
  return db
    .selectFrom('professional_smtp_credential')
    .innerJoin('professional', 'professional.id', 'professional_smtp_credential.professional_id')
    .select([
      'professional.id',
      'professional.rpps',
      'professional.mssante_address',
      'professional_smtp_credential.password_hash',
    ])
    .where('professional_smtp_credential.username', '=', username)
    .executeTakeFirst();
}
