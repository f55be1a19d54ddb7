import { randomBytes, randomUUID } from 'node:crypto';
import type { Platform } from '../../platform/platform.js';
import { recordOn, type AccessContext } from '../../platform/access.js';
import { professionalMessagingAccess } from '../../platform/messaging-access.js';
import { AppError } from '../../platform/errors.js';
import { journal, withJournal } from '../../platform/journal.js';
import { hashPassword } from '../../platform/passwords.js';
import { visibleLength, MAX_SUBJECT_CHARS, MAX_BODY_CHARS } from '../../../../shared/src/messaging.js';
import * as repo from './messaging.repo.js';
import { checkAll, stage, type IncomingFile } from './messaging.attachments.js';
import { notifyNewMessage } from './messaging.relay.js';
import { addressOf, readConversation } from './messaging.service.js';
import { sealMessage } from './messaging.seal.js';

export type Deps = Pick<Platform, 'db' | 'blobs' | 'queue' | 'messageKey' | 'config'>;

/** The professional who writes, as the session or the SMTP AUTH identified them. */
export interface Writer {
  professionalId: string;
  rpps: string;
}

export interface ProMessage {
  /** INS: the NIR, and the birth date when the portal gives it (exact match); SMTP gives the address only. */
  nir?: string;
  birthDate?: string;
  /** Or one of the professional's conversations (a reply from the portal). */
  conversationId?: string;
  subject: string;
  body: string;
  confidential: boolean;
  files: IncomingFile[];
  source: 'portal' | 'smtp';
  /** `X-MSS-MES: FIN`: the exchanges end with this message. */
  end?: boolean;
  smtpMessageId?: string;
}

/** The same rules for the portal and SMTP: subject of 1 to 80 visible characters, body of at most 20 000. */
export function checkText(subject: string, body: string): void {
  if (!subject.trim())
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.subject', message: 'Saisissez un objet.' }]);
  if (visibleLength(subject.trim()) > MAX_SUBJECT_CHARS) throw new AppError('MESSAGE_SUBJECT_TOO_LONG');
  if (body.length > MAX_BODY_CHARS)
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'body.body', message: 'Le message fait au plus 20 000 caractères.' },
    ]);
}

/** The patient's space this INS names, or MESSAGING_UNKNOWN_PATIENT. */
export async function patientOf(deps: Deps, nir: string, birthDate?: string): Promise<string> {
  const p = await repo.findPatientByIns(deps.db, nir, birthDate);
  if (!p) throw new AppError('MESSAGING_UNKNOWN_PATIENT');
  return p.id;
}

/**
 * The professional's messaging context on this patient, or MESSAGING_PRO_BLOCKED (journaled on the patient's
 * chain as a refusal) when the patient blocked them. The SMTP endpoint asks at RCPT TO, before the mail is sent.
 */
export async function refuseIfBlocked(
  deps: Pick<Deps, 'db'>,
  pro: Writer,
  profileId: string,
  source: ProMessage['source'],
): Promise<AccessContext> {
  const ctx = professionalMessagingAccess(pro, profileId);
  if (await repo.isBlocked(deps.db, ctx, pro.professionalId)) {
    await deps.db.transaction().execute((trx) =>
      journal(trx, recordOn({ kind: 'professional', ...pro }, profileId), {
        action: 'message.refused',
        resourceType: 'conversation',
        detail: { code: 'MESSAGING_PRO_BLOCKED', source },
      }),
    );
    throw new AppError('MESSAGING_PRO_BLOCKED');
  }
  return ctx;
}

/**
 * A professional writes to a patient (portal or SMTP): the patient found by INS, refused when they blocked
 * this professional (read from professional_access.status = 'blocked' here, so messaging does not wait for
 * the portal's access decision), attachments checked and stored like documents, the message sealed, the
 * patient's list updated (an end of exchanges is lifted: the professional writes again), the notice queued
 * if wanted, all in one transaction with its journal line. `end` then ends the exchanges.
 */
export async function sendAsProfessional(deps: Deps, pro: Writer, msg: ProMessage) {
  const { db, blobs, messageKey } = deps;
  checkText(msg.subject, msg.body);
  const profileId = msg.conversationId
    ? await repo.profileOfProConversation(db, pro.professionalId, msg.conversationId)
    : await patientOf(deps, msg.nir ?? '', msg.birthDate);
  if (!profileId) throw new AppError('NOT_FOUND');
  const ctx = await refuseIfBlocked(deps, pro, profileId, msg.source);
  const checked = await checkAll(msg.files);
  const staged = await stage(db, blobs, ctx, checked);
  try {
    return await db.transaction().execute(async (trx) => {
      const conversationId = await repo.openConversation(trx, ctx, pro.professionalId);
      const id = randomUUID();
      const at = new Date();
      await repo.insertMessage(trx, ctx, {
        id,
        conversation_id: conversationId,
        direction: 'to_patient',
        ...sealMessage(messageKey, id, msg.subject.trim(), msg.body),
        sent_at: at,
        attachment_count: checked.length,
        source: msg.source,
        smtp_message_id: msg.smtpMessageId?.slice(0, 300) ?? null,
      });
      await repo.insertAttachments(trx, ctx, staged.rows(id));
      await repo.deleteUploadIntents(trx, ctx, staged.keys);
      await repo.afterProfessionalMessage(trx, ctx, conversationId, {
        id,
        at,
        attachments: checked.length > 0,
        confidential: msg.confidential,
      });
      await journal(trx, ctx, {
        action: 'message.send',
        resourceType: 'message',
        resourceId: id,
        detail: { conversationId, source: msg.source, attachments: checked.length },
      });
      const c = await repo.findWithProfessional(trx, ctx, pro.professionalId);
      await notifyNewMessage(trx, deps, profileId, c!.confidential);
      if (msg.end) {
        await repo.endExchanges(trx, ctx, conversationId);
        await journal(trx, ctx, {
          action: 'message.end',
          resourceType: 'conversation',
          resourceId: conversationId,
          detail: { source: msg.source },
        });
      }
      return { conversationId, messageId: id };
    });
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

/** The context of one of the professional's conversations, or NOT_FOUND (another's is not revealed). */
async function contextOf(deps: Deps, pro: Writer, conversationId: string): Promise<AccessContext> {
  const profileId = await repo.profileOfProConversation(deps.db, pro.professionalId, conversationId);
  if (!profileId) throw new AppError('NOT_FOUND');
  return professionalMessagingAccess(pro, profileId);
}

/** The professional's conversations, latest first (one per patient). */
export async function listForProfessional(deps: Deps, pro: Writer, page: number) {
  const rows = await repo.listForProfessional(deps.db, pro.professionalId, (page - 1) * 50, 50);
  return {
    conversations: rows.map((r) => ({
      id: r.id,
      patient: {
        name: `${r.used_first_name} ${r.birth_name}`,
        address: addressOf(r.nir, deps.config.MESSAGING_DOMAIN),
      },
      lastAt: r.pro_last_at?.toISOString() ?? null,
      unread: r.pro_unread,
      endedAt: r.ended_at?.toISOString() ?? null,
      confidential: r.confidential,
    })),
  };
}

/** One conversation as the professional sees it (their copy: every message), journaled on the patient's chain. */
export async function readForProfessional(deps: Deps, pro: Writer, conversationId: string) {
  const ctx = await contextOf(deps, pro, conversationId);
  const view = await readConversation(deps, ctx, conversationId);
  const p = await repo.profileIdentity(deps.db, ctx.profileId!);
  return {
    id: view.id,
    patient: { name: `${p.used_first_name} ${p.birth_name}`, address: addressOf(p.nir, deps.config.MESSAGING_DOMAIN) },
    confidential: view.confidential,
    endedAt: view.endedAt,
    messages: view.messages,
  };
}

/** « Mettre fin aux échanges » from the portal. */
export async function endFromPortal(deps: Deps, pro: Writer, conversationId: string): Promise<void> {
  const ctx = await contextOf(deps, pro, conversationId);
  await withJournal(
    deps.db,
    ctx,
    { action: 'message.end', resourceType: 'conversation', resourceId: conversationId, detail: { source: 'portal' } },
    async (trx) => {
      if (!(await repo.endExchanges(trx, ctx, conversationId))) throw new AppError('NOT_FOUND');
    },
  );
}

/** An attachment of one of the professional's conversations. */
export async function proAttachment(deps: Deps, pro: Writer, attachmentId: string) {
  const profileId = await repo.profileOfProAttachment(deps.db, pro.professionalId, attachmentId);
  if (!profileId) throw new AppError('NOT_FOUND');
  const ctx = professionalMessagingAccess(pro, profileId);
  const row = await withJournal(
    deps.db,
    ctx,
    { action: 'message.attachment.read', resourceType: 'message_attachment', resourceId: attachmentId },
    async (trx) => {
      const a = await repo.findAttachment(trx, ctx, attachmentId);
      if (!a) throw new AppError('NOT_FOUND');
      return a;
    },
  );
  return { row, data: await deps.blobs.get(row.blob_key) };
}

/**
 * SMTP credentials for the professional's own mail software: the username is the RPPS number, the password
 * 24 random characters shown once; only its argon2id hash is kept. Issuing again replaces the old one.
 */
export async function issueSmtpCredential(deps: Deps, pro: Writer) {
  const password = randomBytes(18).toString('base64url');
  await repo.saveSmtpCredential(deps.db, pro.professionalId, pro.rpps, await hashPassword(password));
  return { username: pro.rpps, password, port: deps.config.SMTP_INTAKE_PORT };
}
