import { randomUUID } from 'node:crypto';
import type { Platform } from '../../platform/platform.js';
import type { AccessContext } from '../../platform/access.js';
import type { Executor } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { journal, withJournal } from '../../platform/journal.js';
import { openMessage, openSubject, sealMessage } from './messaging.seal.js';
import { CONVERSATIONS_PAGE_SIZE, type ConversationView } from '../../../../shared/src/messaging.js';
import { synthesisSections, type SynthesisSection } from '../../../../shared/src/medical.js';
import { documentTitles, readFile as readDocument, storeInspected } from '../documents/documents.service.js';
import { inspectDocument } from '../documents/documents.inspect.js';
import { synthesisPdf } from '../medical/synthesis.pdf.js';
import * as repo from './messaging.repo.js';
import {
  checkAll,
  releaseBlobs,
  retireBlobs,
  stage,
  type Checked,
  type IncomingFile,
} from './messaging.attachments.js';
import {
  personName,
  presentAttachment,
  presentDraftFile,
  presentMessage,
  professionalName,
} from './messaging.presenter.js';
import { enqueueRelay } from './messaging.relay.js';

export type Deps = Pick<Platform, 'db' | 'blobs' | 'queue' | 'messageKey' | 'config'>;

/** The patient's messaging address: `<INS matricule>@<MESSAGING_DOMAIN>` (null without an NIR). */
export function addressOf(nir: string | null, domain: string): string | null {
  return nir ? `${nir.toLowerCase()}@${domain}` : null;
}

/** « Messagerie »: the address, the unread count and one page of conversations, latest first. */
export async function listConversations({ db, messageKey, config }: Deps, ctx: AccessContext, page: number) {
  return withJournal(
    db,
    ctx,
    { action: 'message.list', resourceType: 'conversation', detail: { page } },
    async (trx) => {
      const counts = await repo.patientCounts(trx, ctx);
      const rows = await repo.listForPatient(trx, ctx, (page - 1) * CONVERSATIONS_PAGE_SIZE, CONVERSATIONS_PAGE_SIZE);
      const me = await repo.profileIdentity(trx, ctx.profileId!);
      return {
        address: addressOf(me.nir, config.MESSAGING_DOMAIN),
        unread: counts.unread,
        page,
        pageCount: Math.max(1, Math.ceil(counts.total / CONVERSATIONS_PAGE_SIZE)),
        total: counts.total,
        conversations: rows.map((r) => {
          const pro = professionalName(r);
          const subject = openSubject(messageKey, r.message_id, r);
          return {
            id: r.id,
            professional: { id: r.pro_id, name: pro },
            lastSender: r.direction === 'to_patient' ? pro : (r.author_name ?? ''),
            subject,
            lastAt: r.patient_last_at!.toISOString(),
            hasAttachments: r.patient_attachments,
            unread: r.patient_unread,
            hasDraft: Boolean(r.has_draft),
            endedAt: r.ended_at?.toISOString() ?? null,
          };
        }),
      };
    },
  );
}

/** The unread count of the header and the home page (R12). */
export async function unreadCount({ db }: Deps, ctx: AccessContext): Promise<{ unread: number }> {
  return withJournal(db, ctx, { action: 'message.count', resourceType: 'conversation' }, async (trx) => ({
    unread: (await repo.patientCounts(trx, ctx)).unread,
  }));
}

/** One conversation, every message oldest first; the messages addressed to the reader become read. */
export async function readConversation(deps: Deps, ctx: AccessContext, id: string): Promise<ConversationView> {
  const { db, messageKey } = deps;
  return withJournal(db, ctx, { action: 'message.read', resourceType: 'conversation', resourceId: id }, async (trx) => {
    const c = await repo.findConversation(trx, ctx, id);
    if (!c) throw new AppError('NOT_FOUND');
    const pro = professionalName(c);
    const messages = await repo.listMessages(trx, ctx, id);
    if (!messages.length && ctx.actor.kind !== 'professional') throw new AppError('NOT_FOUND');
    const attachments = await repo.listAttachments(
      trx,
      ctx,
      messages.map((m) => m.id),
    );
    await repo.markRead(trx, ctx, id);
    const draft = ctx.actor.kind === 'professional' ? undefined : await draftView(deps, trx, ctx, id);
    return {
      id: c.id,
      professional: { id: c.pro_id, name: pro },
      confidential: c.confidential,
      endedAt: c.ended_at?.toISOString() ?? null,
      messages: messages.map((m) =>
        presentMessage(
          m,
          openMessage(messageKey, m.id, m),
          pro,
          attachments.filter((a) => a.message_id === m.id).map(presentAttachment),
        ),
      ),
      draft: draft ?? null,
    };
  });
}

/** The draft as the composer restores it: text, chosen documents still visible, synthesis, stored files. */
async function draftView({ messageKey }: Deps, trx: Executor, ctx: AccessContext, id: string) {
  const d = await repo.findDraft(trx, ctx, id);
  if (!d) return undefined;
  return {
    ...openMessage(messageKey, `draft:${id}`, d),
    updatedAt: d.updated_at.toISOString(),
    documents: await documentTitles(trx, ctx, d.document_ids),
    synthesis: d.synthesis,
    files: (await repo.listDraftFiles(trx, ctx, id)).map(presentDraftFile),
  };
}

/** « Nouveau message »: professionals who wrote and did not end the exchanges, alphabetical. */
export async function listRecipients({ db }: Deps, ctx: AccessContext) {
  return withJournal(db, ctx, { action: 'message.recipients', resourceType: 'conversation' }, async (trx) => ({
    recipients: (await repo.recipients(trx, ctx)).map((r) => ({
      conversationId: r.id,
      professional: { id: r.pro_id, name: professionalName(r) },
    })),
  }));
}

/** The automatic draft of a reply (« Brouillon »), sealed like a message, with its chosen attachments. */
export async function saveDraft(
  { db, messageKey }: Deps,
  ctx: AccessContext,
  id: string,
  d: { subject: string; body: string; documentIds: string[]; synthesis: boolean },
) {
  return withJournal(
    db,
    ctx,
    { action: 'message.draft.save', resourceType: 'conversation', resourceId: id },
    async (trx) => {
      if (!(await repo.findConversation(trx, ctx, id))) throw new AppError('NOT_FOUND');
      const at = await repo.saveDraft(trx, ctx, id, {
        ...sealMessage(messageKey, `draft:${id}`, d.subject, d.body),
        document_ids: [...new Set(d.documentIds)],
        synthesis: d.synthesis,
      });
      return { updatedAt: at.toISOString() };
    },
  );
}

/**
 * A file of the device kept with the draft: the attachments' rules and limits (with the draft's other
 * files), stored the documents' way (intent committed, blob, then row + intent removal + journal in one
 * transaction); the draft row is made when the file comes before any text.
 */
export async function addDraftFile(deps: Deps, ctx: AccessContext, id: string, file: Omit<IncomingFile, 'source'>) {
  const { db, blobs, messageKey } = deps;
  if (!(await repo.findConversation(db, ctx, id))) throw new AppError('NOT_FOUND');
  const kept = await repo.listDraftFiles(db, ctx, id);
  const already = { count: kept.length, bytes: kept.reduce((n, f) => n + f.size_bytes, 0) };
  const checked = await checkAll([{ ...file, source: 'device' }], already);
  const staged = await stage(db, blobs, ctx, checked);
  try {
    return await withJournal(
      db,
      ctx,
      { action: 'message.draft.file', resourceType: 'conversation', resourceId: id },
      async (trx) => {
        const current = await repo.findDraft(trx, ctx, id);
        const at = current
          ? await repo.ensureDraft(trx, ctx, id, current)
          : await repo.ensureDraft(trx, ctx, id, sealMessage(messageKey, `draft:${id}`, '', ''));
        const { message_id: _m, source: _s, position: _p, ...row } = staged.rows(id)[0]!;
        const r = await repo.insertDraftFile(trx, ctx, { ...row, conversation_id: id });
        await repo.deleteUploadIntents(trx, ctx, staged.keys);
        return { ...presentDraftFile(r), updatedAt: at.toISOString() };
      },
    );
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

/** Takes one file off the draft; its blob is retired (intent in the transaction, removal after). */
export async function removeDraftFile({ db, blobs }: Deps, ctx: AccessContext, id: string, fileId: string) {
  const keys = await withJournal(
    db,
    ctx,
    { action: 'message.draft.file.delete', resourceType: 'conversation', resourceId: id, detail: { fileId } },
    async (trx) => {
      const taken = await repo.takeDraftFiles(trx, ctx, id, [fileId]);
      if (!taken.length) throw new AppError('NOT_FOUND');
      await retireBlobs(
        trx,
        ctx,
        taken.map((f) => f.blob_key),
      );
      return taken.map((f) => f.blob_key);
    },
  );
  await releaseBlobs(db, blobs, ctx, keys);
}

/** Deletes the draft and its files. */
export async function deleteDraft({ db, blobs }: Deps, ctx: AccessContext, id: string): Promise<void> {
  const keys = await withJournal(
    db,
    ctx,
    { action: 'message.draft.delete', resourceType: 'conversation', resourceId: id },
    async (trx) => {
      if (!(await repo.findConversation(trx, ctx, id))) throw new AppError('NOT_FOUND');
      return dropDraft(trx, ctx, id);
    },
  );
  await releaseBlobs(db, blobs, ctx, keys);
}

/** Inside a transaction: the draft's files taken (their blobs retired) and the draft deleted. */
async function dropDraft(trx: Executor, ctx: AccessContext, id: string): Promise<string[]> {
  const keys = (await repo.takeDraftFiles(trx, ctx, id)).map((f) => f.blob_key);
  await retireBlobs(trx, ctx, keys);
  await repo.deleteDraft(trx, ctx, id);
  return keys;
}

/** Deletes the person's copy of a conversation; the professional's copy stays (R9.5). */
export async function deleteConversation({ db, blobs }: Deps, ctx: AccessContext, id: string): Promise<void> {
  const keys = await withJournal(
    db,
    ctx,
    { action: 'message.conversation.delete', resourceType: 'conversation', resourceId: id },
    async (trx) => {
      if (!(await repo.hideForPatient(trx, ctx, id))) throw new AppError('NOT_FOUND');
      return dropDraft(trx, ctx, id);
    },
  );
  await releaseBlobs(db, blobs, ctx, keys);
}

/** What the person attaches besides files from the device. */
export interface PatientSend {
  subject: string;
  body: string;
  documentIds: string[];
  synthesis: boolean;
  /** Files of the device already stored with the draft. */
  draftFileIds: string[];
}

/** The files a reply carries: the device's, the chosen documents and papers, the generated synthesis. */
async function gatherFiles(
  deps: Deps,
  ctx: AccessContext,
  send: PatientSend,
  device: IncomingFile[],
  already: { count: number; bytes: number },
): Promise<Checked[]> {
  const files: IncomingFile[] = [...device];
  for (const id of send.documentIds) {
    const { row, data } = await readDocument(deps, ctx, id);
    files.push({ bytes: data, name: row.file_name, source: row.space === 'admin' ? 'admin' : 'document' });
  }
  if (send.synthesis) {
    const pdf = await synthesisPdf(deps.db, ctx, Object.keys(synthesisSections) as SynthesisSection[]);
    files.push({ bytes: pdf, name: 'synthese-profil-medical.pdf', source: 'synthesis' });
  }
  return checkAll(files, already);
}

/**
 * The person's reply, or a « Nouveau message » in the conversation of the chosen professional: only to a
 * professional who wrote first and did not end the exchanges. Attachments stored like documents, the
 * message sealed, the draft removed, the relay to the professional's MSSanté address queued, all journaled
 * in one transaction.
 */
export async function sendAsPatient(
  deps: Deps,
  ctx: AccessContext,
  conversationId: string,
  send: PatientSend,
  device: IncomingFile[],
) {
  const { db, blobs, messageKey } = deps;
  const c = await repo.findConversation(db, ctx, conversationId);
  if (!c) throw new AppError('NOT_FOUND');
  await assertMayWrite(deps, ctx, c);
  const wanted = new Set(send.draftFileIds);
  const kept = (await repo.listDraftFiles(db, ctx, conversationId)).filter((f) => wanted.has(f.id));
  if (kept.length !== wanted.size) throw new AppError('NOT_FOUND');
  const already = { count: kept.length, bytes: kept.reduce((n, f) => n + f.size_bytes, 0) };
  const checked = await gatherFiles(deps, ctx, send, device, already);
  const staged = await stage(db, blobs, ctx, checked);
  let retired: string[] = [];
  try {
    const sent = await db.transaction().execute(async (trx) => {
      const locked = await repo.openConversation(trx, ctx, c.professional_id);
      const fresh = await repo.findConversation(trx, ctx, locked);
      if (!fresh || fresh.ended_at) throw new AppError('MESSAGING_ENDED');
      const id = randomUUID();
      const at = new Date();
      const author = await authorOf(deps, ctx);
      const relay = Boolean(c.pro_mssante && relayConfigured(deps));
      // The draft's chosen files become the message's attachments: same blobs, rows moved in this transaction.
      const moved = await repo.takeDraftFiles(trx, ctx, conversationId, [...wanted]);
      if (moved.length !== kept.length) throw new AppError('NOT_FOUND');
      const rows = [
        ...moved.map((f, i) => ({
          message_id: id,
          file_name: f.file_name,
          mime_type: f.mime_type,
          size_bytes: f.size_bytes,
          sha256: f.sha256,
          blob_key: f.blob_key,
          compatible: f.compatible,
          source: 'device' as const,
          position: i,
        })),
        ...staged.rows(id).map((r) => ({ ...r, position: r.position! + moved.length })),
      ];
      await repo.insertMessage(trx, ctx, {
        id,
        conversation_id: conversationId,
        direction: 'to_professional',
        ...sealMessage(messageKey, id, send.subject, send.body),
        sent_at: at,
        author_account_id: author.accountId,
        author_relation: author.relation,
        author_name: author.name,
        on_behalf_of_name: author.onBehalfOf,
        attachment_count: rows.length,
        source: 'web',
        relay_status: relay ? 'pending' : 'local',
      });
      await repo.insertAttachments(trx, ctx, rows);
      await repo.deleteUploadIntents(trx, ctx, staged.keys);
      await repo.afterPatientMessage(trx, ctx, conversationId, { id, at, attachments: rows.length > 0 });
      retired = await dropDraft(trx, ctx, conversationId);
      await journal(trx, ctx, {
        action: 'message.send',
        resourceType: 'message',
        resourceId: id,
        detail: { conversationId, attachments: [...moved.map(() => 'device'), ...checked.map((f) => f.source)] },
      });
      if (relay) await enqueueRelay(trx, deps.queue, ctx.profileId!, id);
      return { messageId: id, sentAt: at.toISOString() };
    });
    await releaseBlobs(db, blobs, ctx, retired);
    return sent;
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

/** A reply goes only where a professional wrote first and did not end the exchanges. */
async function assertMayWrite({ db }: Deps, ctx: AccessContext, c: repo.ConversationRow) {
  if (c.ended_at) {
    await withJournal(
      db,
      ctx,
      {
        action: 'message.refused',
        resourceType: 'conversation',
        resourceId: c.id,
        detail: { code: 'MESSAGING_ENDED' },
      },
      async () => {},
    );
    throw new AppError('MESSAGING_ENDED');
  }
  const messages = await repo.listMessages(db, ctx, c.id);
  if (!messages.some((m) => m.direction === 'to_patient')) throw new AppError('MESSAGING_NO_RECIPIENT');
}

export function relayConfigured(deps: Pick<Deps, 'config'>): boolean {
  return Boolean(deps.config.MESSAGING_RELAY_URL || deps.config.SMTP_URL);
}

/** Who writes: the person, or a representative or caregiver on their behalf (names as the message shows). */
async function authorOf({ db }: Deps, ctx: AccessContext) {
  const a = ctx.actor;
  if (a.kind !== 'patient' && a.kind !== 'representative' && a.kind !== 'caregiver') throw new AppError('FORBIDDEN');
  const writer = await repo.profileIdentity(db, a.profileId);
  const relation = ctx.relation === 'representative' || ctx.relation === 'caregiver' ? ctx.relation : 'self';
  const onBehalfOf = relation === 'self' ? null : personName(await repo.profileIdentity(db, ctx.profileId!));
  return { accountId: a.accountId, relation, name: personName(writer), onBehalfOf } as const;
}

/** One attachment's bytes, journaled as a read. */
export async function attachmentFile({ db, blobs }: Deps, ctx: AccessContext, id: string) {
  const row = await withJournal(
    db,
    ctx,
    { action: 'message.attachment.read', resourceType: 'message_attachment', resourceId: id },
    async (trx) => {
      const a = await repo.findAttachment(trx, ctx, id);
      if (!a) throw new AppError('NOT_FOUND');
      return a;
    },
  );
  return { row, data: await blobs.get(row.blob_key) };
}

/**
 * « Ajouter une pièce jointe aux documents de Mon espace santé »: a compatible attachment is copied into
 * Documents through the documents' own pipeline (content rules again, upload intent, row and journal).
 */
export async function saveToDocuments(deps: Deps, ctx: AccessContext, id: string) {
  const { row, data } = await attachmentFile(deps, ctx, id);
  if (!row.compatible) throw new AppError('MESSAGE_ATTACHMENT_INCOMPATIBLE');
  const inspected = await inspectDocument(data);
  const doc = await storeInspected(
    deps,
    ctx,
    inspected.data,
    {
      title: row.file_name.replace(/\.[a-z]+$/, ''),
      category: 'AUTR_DOC',
      space: 'health',
      document_date: new Date().toISOString().slice(0, 10),
      author_kind: 'patient',
      file_name: row.file_name,
      mime_type: inspected.mimeType,
    },
    { fromAttachment: id },
  );
  return { documentId: doc.id };
}

/** « Paramètres »: the notices the person wants, per kind (defaults when never set). */
export async function notificationSettings({ db }: Deps, ctx: AccessContext) {
  return (
    (await repo.notificationSettings(db, ctx.profileId!)) ?? {
      messages: true,
      documents: true,
      accesses: 'first' as const,
      agenda: true,
    }
  );
}

export async function saveNotificationSettings(
  { db }: Deps,
  ctx: AccessContext,
  s: Parameters<typeof repo.saveNotificationSettings>[2],
) {
  await withJournal(
    db,
    ctx,
    { action: 'notification.settings', resourceType: 'profile', resourceId: ctx.profileId!, detail: s },
    async (trx) => {
      await repo.saveNotificationSettings(trx, ctx.profileId!, s);
    },
  );
  return s;
}
