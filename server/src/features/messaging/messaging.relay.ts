import nodemailer from 'nodemailer';
import type { JobWithMetadata } from 'pg-boss';
import type { Platform } from '../../platform/platform.js';
import type { Executor, Trx } from '../../platform/db.js';
import type { Queue } from '../../platform/queue.js';
import { systemAccess } from '../../platform/access.js';
import { withJournal } from '../../platform/journal.js';
import { sendLater } from '../../platform/outbox.js';
import { emailLocale } from '../../platform/locale.js';
import type { Locale } from '../../../../shared/src/locale.js';
import * as repo from './messaging.repo.js';
import { openMessage } from './messaging.seal.js';
import { onBehalfNote } from './messaging.presenter.js';

/** Patients' replies leave by SMTP through this queue (the outbox's guarantees: enqueued in the send's transaction). */
export const RELAY_QUEUE = 'messaging-relay';

export async function enqueueRelay(trx: Executor, queue: Queue, profileId: string, messageId: string): Promise<void> {
  await queue.declare(RELAY_QUEUE);
  await queue.enqueue(trx, RELAY_QUEUE, { profileId, messageId });
}

/** The seed's e-mail (« Être notifié de la réception d'un message d'un PS »): no health content at all. */
export function newMessageNotice(
  name: string,
  publicUrl: string,
  locale: Locale = 'fr',
): { subject: string; text: string } {
  if (locale === 'en')
    return {
      subject: 'New message in Mon espace santé',
      text: [
        `Hello ${name},`,
        '',
        'A health professional has sent you a new message in Mon espace santé.',
        '',
        'To read it, sign in now.',
        '',
        `SIGN IN TO MON ESPACE SANTE: ${publicUrl}/connexion`,
        '',
        'With all my attention, Your Mon espace santé correspondent',
      ].join('\n'),
    };
  return {
    subject: 'Nouveau message dans Mon espace santé',
    text: [
      `Bonjour ${name},`,
      '',
      'Un professionnel de santé vous a envoyé un nouveau message dans Mon espace santé.',
      '',
      'Pour le consulter, connectez-vous dès à présent.',
      '',
      `ME CONNECTER A MON ESPACE SANTE : ${publicUrl}/connexion`,
      '',
      'Avec toute mon attention, Votre correspondant Mon espace santé',
    ].join('\n'),
  };
}

/**
 * Queues the notice of a professional's new message when the person wants message notices (R11,
 * notification_setting.messages): to the person's own e-mail, or — for a minor without one — to their
 * legal representatives, never for a confidential exchange (they must not learn of it).
 */
export async function notifyNewMessage(
  trx: Trx,
  platform: Pick<Platform, 'queue' | 'config'>,
  profileId: string,
  confidential: boolean,
) {
  const prefs = await repo.notificationSettings(trx, profileId);
  if (prefs && !prefs.messages) return;
  const p = await repo.profileIdentity(trx, profileId);
  const to = p.email
    ? [{ email: p.email, name: `${p.birth_name} ${p.first_names}` }]
    : confidential
      ? []
      : await repo.representativeEmails(trx, profileId);
  for (const r of to) {
    const n = newMessageNotice(r.name.toUpperCase(), platform.config.PUBLIC_URL, await emailLocale(trx, r.email));
    await sendLater(trx, platform.queue, {
      channel: 'email',
      to: r.email,
      subject: n.subject,
      text: n.text,
      kind: 'new-message',
    });
  }
}

/**
 * Delivers one reply to the professional's MSSanté address: the message opened, its attachments read from
 * the blob store, sent with nodemailer from the patient's address; journaled on the patient's chain.
 */
export async function relayOne(platform: Platform, data: { profileId: string; messageId: string }) {
  const { db, blobs, config } = platform;
  const ctx = systemAccess('messaging.relay', data.profileId);
  const m = await repo.findMessage(db, ctx, data.messageId);
  if (!m || m.relay_status !== 'pending') return;
  const c = await db.transaction().execute(async (trx) => repo.findConversation(trx, ctx, m.conversation_id));
  if (!c?.pro_mssante) return;
  const me = await repo.profileIdentity(db, data.profileId);
  const text = openMessage(platform.messageKey, m.id, m);
  const attachments = await repo.listAttachments(db, ctx, [m.id]);
  const files = [];
  for (const a of attachments)
    files.push({ filename: a.file_name, contentType: a.mime_type, content: await blobs.get(a.blob_key) });
  const note = onBehalfNote(m.author_relation, m.author_name, m.on_behalf_of_name);
  const transporter = nodemailer.createTransport(config.MESSAGING_RELAY_URL || config.SMTP_URL);
  await transporter.sendMail({
    from: `${me.used_first_name} ${me.birth_name} <${me.nir!.toLowerCase()}@${config.MESSAGING_DOMAIN}>`,
    to: c.pro_mssante,
    subject: text.subject,
    text: note ? `${text.body}\n\n${note}` : text.body,
    attachments: files,
    headers: { 'X-MSS-INS': me.nir! },
  });
  await withJournal(
    db,
    ctx,
    { action: 'message.relay', resourceType: 'message', resourceId: m.id, detail: { to: 'mssante' } },
    async (trx) => {
      await repo.setRelayStatus(trx, ctx, m.id, 'sent');
    },
  );
}

/** Starts the relay worker (retries with backoff by pg-boss; a failure after the last try marks the reply failed). */
export async function startRelayWorker(platform: Platform): Promise<void> {
  await platform.queue.declare(RELAY_QUEUE);
  const options = { pollingIntervalSeconds: 1, includeMetadata: true } as const;
  await platform.queue.boss.work(
    RELAY_QUEUE,
    options,
    async ([job]: JobWithMetadata<{ profileId: string; messageId: string }>[]) => {
      try {
        await relayOne(platform, job!.data);
      } catch (err) {
        if (job!.retryCount >= (job as unknown as { retryLimit: number }).retryLimit) {
          const ctx = systemAccess('messaging.relay', job!.data.profileId);
          await platform.db
            .transaction()
            .execute((trx) => repo.setRelayStatus(trx, ctx, job!.data.messageId, 'failed'));
        }
        throw err;
      }
    },
  );
}
