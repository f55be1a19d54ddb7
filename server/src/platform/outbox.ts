import type { JobWithMetadata } from 'pg-boss';
import type { Db, Trx } from './db.js';
import type { Transport } from './notify.js';

import { DELIVER_POLICY, DELIVER_QUEUE, type Queue } from './queue.js';

export { DELIVER_QUEUE };
/** pg-boss tries a message this many times after the first (delays 5 s, then doubling). */
export const RETRY_LIMIT = DELIVER_POLICY.retryLimit;

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  /** Plain text. Never health data: only that something happened and where to sign in. */
  text: string;
  /** What kind of notice this is (provisional-code, login-code, new-message…), for preferences and the mailbox. */
  kind: string;
}

/**
 * Writes an e-mail or SMS into the outbox inside the caller's transaction and enqueues its delivery
 * in that same transaction: a rolled-back change sends nothing, a committed one always sends.
 */
export async function sendLater(trx: Trx, queue: Queue, msg: OutgoingMessage): Promise<string> {
  const row = await trx
    .insertInto('outbox_message')
    .values({ channel: msg.channel, recipient: msg.to, subject: msg.subject ?? null, body: msg.text, kind: msg.kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queue.enqueue(trx, DELIVER_QUEUE, { id: row.id });
  return row.id;
}

/** The same as sendLater for many messages at once: one insert for the rows, one for their jobs. */
export async function sendManyLater(trx: Trx, queue: Queue, msgs: OutgoingMessage[]): Promise<void> {
  if (!msgs.length) return;
  const rows = await trx
    .insertInto('outbox_message')
    .values(
      msgs.map((m) => ({
        channel: m.channel,
        recipient: m.to,
        subject: m.subject ?? null,
        body: m.text,
        kind: m.kind,
      })),
    )
    .returning('id')
    .execute();
  await queue.enqueueMany(
    trx,
    DELIVER_QUEUE,
    rows.map((r) => ({ id: r.id })),
    { ...DELIVER_POLICY },
  );
}

/**
 * Delivers one message. The row is locked with SKIP LOCKED so two workers never send the same message;
 * a message already sent is skipped (a job retried after a crash does not send twice once recorded).
 * A real delivery replaces the stored text: codes and links do not stay readable in the database.
 */
export async function deliver(
  db: Db,
  transports: Record<'email' | 'sms', Transport>,
  id: string,
  finalAttempt: boolean,
): Promise<'sent' | 'skipped' | 'failed'> {
  const outcome = await db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('outbox_message')
      .selectAll()
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!m) return 'skipped';
    const transport = transports[m.channel];
    try {
      await transport.send({ channel: m.channel, to: m.recipient, subject: m.subject, text: m.body });
    } catch (err) {
      // The error text of a transport may echo the recipient, never the body; keep it short.
      const reason = String((err as Error).message ?? err).slice(0, 300);
      await trx
        .updateTable('outbox_message')
        .set({ attempts: m.attempts + 1, last_error: reason, status: finalAttempt ? 'failed' : 'pending' })
        .where('id', '=', id)
        .execute();
      return finalAttempt ? ('failed' as const) : { retry: reason };
    }
    await trx
      .updateTable('outbox_message')
      .set({
        status: 'sent',
        sent_at: new Date(),
        transport: transport.name,
        attempts: m.attempts + 1,
        last_error: null,
        ...(transport.keepsBody ? {} : { body: '[remis au destinataire]' }),
      })
      .where('id', '=', id)
      .execute();
    return 'sent' as const;
  });
  // Thrown after the commit so that the attempt is recorded, then pg-boss retries with backoff.
  if (typeof outcome === 'object') throw new Error(`delivery failed: ${outcome.retry}`);
  return outcome;
}

/**
 * Starts delivery workers on this process. Several processes may run them side by side.
 * Each poll takes up to `batchSize` messages: pg-boss waits the polling interval between fetches, so one
 * job per fetch would cap delivery at one message per second per worker (an enrolment batch sends
 * thousands). A failed message is failed alone, so that the others of its batch are not retried.
 */
export async function startOutboxWorker(
  db: Db,
  queue: Queue,
  transports: Record<'email' | 'sms', Transport>,
  { pollingIntervalSeconds = 1, batchSize = 20 }: { pollingIntervalSeconds?: number; batchSize?: number } = {},
): Promise<void> {
  await queue.declare(DELIVER_QUEUE, DELIVER_POLICY);
  const options = { pollingIntervalSeconds, batchSize, includeMetadata: true } as const;
  await queue.boss.work(DELIVER_QUEUE, options, async (jobs: JobWithMetadata<{ id: string }>[]) => {
    for (const job of jobs) {
      try {
        await deliver(db, transports, job.data.id, job.retryCount >= job.retryLimit);
      } catch (err) {
        // Retried by pg-boss with its backoff; the jobs left active are completed when this returns.
        await queue.boss.fail(DELIVER_QUEUE, job.id, { message: (err as Error).message });
      }
    }
  });
}
