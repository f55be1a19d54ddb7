import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testPlatform, type TestPlatform } from '../../test/harness.js';
import { startSmsProvider, startSmtpServer, waitFor } from '../../test/receivers.js';
import { DELIVER_POLICY, DELIVER_QUEUE, Queue } from './queue.js';
import { devMailbox, httpSmsTransport, smtpTransport, transportsFrom, type Transport } from './notify.js';
import { sendLater, startOutboxWorker, type OutgoingMessage } from './outbox.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p.close());

const mail = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: 'email',
  to: 'camille@example.org',
  subject: 'Votre code provisoire',
  text: 'Bonjour,\nvotre code provisoire est ABCD-EFGH-JKLM.\nÀ bientôt sur Carnet.',
  kind: 'provisional-code',
  ...over,
});

async function jobsFor(id: string): Promise<{ state: string }[]> {
  return (await p.pool.query(`select state from pgboss.job where name = $1 and data->>'id' = $2`, [DELIVER_QUEUE, id]))
    .rows;
}

async function message(id: string) {
  return p.db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A worker process of its own (its own pg-boss), stopped at the end of the test. */
async function worker(transports: Record<'email' | 'sms', Transport>, batchSize?: number): Promise<Queue> {
  const queue = new Queue(p.databaseUrl);
  await queue.start();
  await startOutboxWorker(p.db, queue, transports, { pollingIntervalSeconds: 0.5, batchSize });
  return queue;
}

async function send(msg: OutgoingMessage): Promise<string> {
  return p.db.transaction().execute((trx) => sendLater(trx, p.queue, msg));
}

describe('sendLater', () => {
  it('writes nothing and enqueues nothing when the transaction rolls back', async () => {
    const before = (await p.pool.query(`select count(*)::int as n from pgboss.job where name = $1`, [DELIVER_QUEUE]))
      .rows[0].n;
    let id = '';
    await expect(
      p.db.transaction().execute(async (trx) => {
        id = await sendLater(trx, p.queue, mail({ to: 'rolled-back@example.org' }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(id).not.toBe('');
    expect(
      await p.db.selectFrom('outbox_message').select('id').where('recipient', '=', 'rolled-back@example.org').execute(),
    ).toEqual([]);
    expect(await jobsFor(id)).toEqual([]);
    expect(
      (await p.pool.query(`select count(*)::int as n from pgboss.job where name = $1`, [DELIVER_QUEUE])).rows[0].n,
    ).toBe(before);
  });

  it('writes the message and its delivery job when the transaction commits', async () => {
    const id = await send(mail({ to: 'committed@example.org' }));
    expect(await message(id)).toMatchObject({
      channel: 'email',
      recipient: 'committed@example.org',
      subject: 'Votre code provisoire',
      status: 'pending',
      attempts: 0,
    });
    expect(await jobsFor(id)).toEqual([{ state: 'created' }]);
  });

  it('declares the delivery queue with retries and backoff', async () => {
    const q = (
      await p.pool.query(`select retry_limit, retry_delay, retry_backoff from pgboss.queue where name = $1`, [
        DELIVER_QUEUE,
      ])
    ).rows[0];
    expect(q).toEqual({
      retry_limit: DELIVER_POLICY.retryLimit,
      retry_delay: DELIVER_POLICY.retryDelay,
      retry_backoff: true,
    });
    expect(DELIVER_POLICY.retryLimit).toBeGreaterThanOrEqual(3);
  });
});

describe('delivery', () => {
  it('sends e-mail over real SMTP, then redacts the stored text', async () => {
    const smtp = await startSmtpServer();
    const id = await send(mail());
    const q = await worker({ email: smtpTransport(smtp.url, 'Carnet <ne-pas-repondre@carnet.test>'), sms: devMailbox });
    try {
      await waitFor(async () => (await message(id)).status === 'sent', 15_000, 'e-mail sent');
      const received = smtp.mails.filter((m) => m.to.includes('camille@example.org'));
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        from: 'ne-pas-repondre@carnet.test',
        to: ['camille@example.org'],
        subject: 'Votre code provisoire',
        text: mail().text,
      });
      const row = await message(id);
      expect(row).toMatchObject({
        status: 'sent',
        transport: 'smtp',
        attempts: 1,
        last_error: null,
        body: '[remis au destinataire]',
      });
      expect(row.sent_at).toBeInstanceOf(Date);
      await waitFor(async () => (await jobsFor(id))[0]?.state === 'completed', 5000, 'job completed');
    } finally {
      await q.stop();
      await smtp.close();
    }
  });

  it('sends SMS to the HTTP provider with its bearer token', async () => {
    const sms = await startSmsProvider();
    const id = await send({
      channel: 'sms',
      to: '+33611223344',
      text: 'Carnet : votre code est 123456',
      kind: 'login-code',
    });
    const q = await worker({ email: devMailbox, sms: httpSmsTransport(sms.url, 'sms-secret-token') });
    try {
      await waitFor(async () => (await message(id)).status === 'sent', 15_000, 'SMS sent');
      expect(sms.requests).toEqual([
        {
          authorization: 'Bearer sms-secret-token',
          contentType: 'application/json',
          body: { to: '+33611223344', text: 'Carnet : votre code est 123456' },
        },
      ]);
      expect(await message(id)).toMatchObject({ transport: 'sms-http', body: '[remis au destinataire]', attempts: 1 });
    } finally {
      await q.stop();
      await sms.close();
    }
  });

  describe('with fast retries', () => {
    // The real policy waits 5 s, then doubles; the mechanism is the same with no wait.
    beforeAll(async () =>
      p.queue.boss.updateQueue(DELIVER_QUEUE, { retryLimit: 2, retryDelay: 0, retryBackoff: false }),
    );
    afterAll(async () => p.queue.boss.updateQueue(DELIVER_QUEUE, { ...DELIVER_POLICY }));

    it('retries a failed delivery and records the attempts and the error', async () => {
      let id = '';
      let beforeRetry: unknown;
      const sms = await startSmsProvider(async (n) => {
        // When the retry arrives, the first attempt and its error are already recorded.
        if (n === 2) beforeRetry = await message(id);
        return n === 1 ? 503 : 200;
      });
      id = await send({ channel: 'sms', to: '+33611223355', text: 'Carnet : nouveau document', kind: 'new-document' });
      const q = await worker({ email: devMailbox, sms: httpSmsTransport(sms.url, 't') });
      try {
        await waitFor(async () => (await message(id)).status === 'sent', 15_000, 'SMS sent on retry');
        expect(sms.requests).toHaveLength(2);
        expect(beforeRetry).toMatchObject({
          status: 'pending',
          attempts: 1,
          last_error: 'SMS provider answered 503',
          sent_at: null,
        });
        expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      } finally {
        await q.stop();
        await sms.close();
      }
    });

    it('marks the message failed after the last retry, with the error kept', async () => {
      const sms = await startSmsProvider(() => 500);
      const id = await send({
        channel: 'sms',
        to: '+33611223366',
        text: 'Carnet : nouveau document',
        kind: 'new-document',
      });
      const q = await worker({ email: devMailbox, sms: httpSmsTransport(sms.url, 't') });
      try {
        await waitFor(async () => (await message(id)).status === 'failed', 15_000, 'message failed');
        expect(sms.requests).toHaveLength(3); // first try + 2 retries
        const row = await message(id);
        expect(row).toMatchObject({
          status: 'failed',
          attempts: 3,
          last_error: 'SMS provider answered 500',
          sent_at: null,
        });
        expect(row.body).toBe('Carnet : nouveau document');
      } finally {
        await q.stop();
        await sms.close();
      }
    });

    it('fails only the message that failed, not the others fetched with it', async () => {
      const ids: string[] = [];
      const sms = await startSmsProvider();
      const flaky: Transport = {
        name: 'sms-http',
        keepsBody: false,
        async send(d) {
          if (d.to === '+33699999999') throw new Error('number unreachable');
          await httpSmsTransport(sms.url, 't').send(d);
        },
      };
      for (const to of ['+33611111111', '+33699999999', '+33622222222'])
        ids.push(await send({ channel: 'sms', to, text: 'Carnet', kind: 'test' }));
      const q = await worker({ email: devMailbox, sms: flaky }, 10);
      try {
        await waitFor(async () => (await message(ids[1]!)).status === 'failed', 15_000, 'message failed');
        expect(await message(ids[0]!)).toMatchObject({ status: 'sent', attempts: 1 });
        expect(await message(ids[2]!)).toMatchObject({ status: 'sent', attempts: 1 });
        expect(await message(ids[1]!)).toMatchObject({ attempts: 3, last_error: 'number unreachable' });
        expect(sms.requests).toHaveLength(2);
        const retried = await p.pool.query(
          `select data->>'id' as id, retry_count from pgboss.job where name = $1 and data->>'id' = any($2)`,
          [DELIVER_QUEUE, [ids[0], ids[2]]],
        );
        expect(retried.rows.map((r) => r.retry_count)).toEqual([0, 0]);
      } finally {
        await q.stop();
        await sms.close();
      }
    });
  });

  it('two workers on the same queue deliver each message exactly once', async () => {
    const smtp = await startSmtpServer();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await send(mail({ to: `person${i}@example.org`, subject: `Message ${i}` })));
    // A duplicate job for one message (a job re-run after a crash) must not send it twice.
    await p.queue.enqueue(p.db, DELIVER_QUEUE, { id: ids[0] });
    const transports = { email: smtpTransport(smtp.url, 'carnet@carnet.test'), sms: devMailbox };
    // Small batches so that both workers take part.
    const [a, b] = await Promise.all([worker(transports, 5), worker(transports, 5)]);
    try {
      await waitFor(
        async () =>
          (
            await p.pool.query(`select count(*)::int as n from pgboss.job where name = $1 and state <> 'completed'`, [
              DELIVER_QUEUE,
            ])
          ).rows[0].n === 0,
        30_000,
        'all jobs done',
      );
      const rows = await p.db
        .selectFrom('outbox_message')
        .select(['status', 'attempts'])
        .where('id', 'in', ids)
        .execute();
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      const received = smtp.mails.filter((m) => /^person\d+@/.test(m.to[0]!));
      expect(received).toHaveLength(20);
      expect(new Set(received.map((m) => m.to[0])).size).toBe(20);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await smtp.close();
    }
  });

  it('picks SMTP and the SMS provider from the configuration, the dev mailbox otherwise', () => {
    const base = { MAIL_FROM: 'x <x@x.test>', SMS_TOKEN: '' };
    expect(transportsFrom({ ...base, SMTP_URL: '', SMS_URL: '' })).toEqual({ email: devMailbox, sms: devMailbox });
    const real = transportsFrom({ ...base, SMTP_URL: 'smtp://127.0.0.1:25', SMS_URL: 'http://127.0.0.1/sms' });
    expect([real.email.name, real.sms.name, real.email.keepsBody, real.sms.keepsBody]).toEqual([
      'smtp',
      'sms-http',
      false,
      false,
    ]);
  });
});

describe('the dev mailbox', () => {
  it('keeps the text of delivered messages and lists them at GET /api/dev/mailbox', async () => {
    const t = await testApp();
    const q = new Queue(t.platform.databaseUrl);
    await q.start();
    await startOutboxWorker(t.db, q, transportsFrom(t.platform.config), { pollingIntervalSeconds: 0.5 });
    try {
      const id = await t.db
        .transaction()
        .execute((trx) => sendLater(trx, t.platform.queue, mail({ to: 'dev@example.org' })));
      await t.db.transaction().execute((trx) =>
        sendLater(trx, t.platform.queue, {
          channel: 'sms',
          to: '+33600000000',
          text: 'Carnet : code 654321',
          kind: 'login-code',
        }),
      );
      await waitFor(
        async () =>
          (await t.db.selectFrom('outbox_message').select('status').where('id', '=', id).executeTakeFirstOrThrow())
            .status === 'sent',
        15_000,
        'delivered to the mailbox',
      );
      expect(
        await t.db
          .selectFrom('outbox_message')
          .select(['body', 'transport'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ body: mail().text, transport: 'dev-mailbox' });

      const res = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
      expect(res.statusCode).toBe(200);
      const messages = res.json().messages as { to: string; text: string; subject: string | null; channel: string }[];
      expect(messages).toContainEqual(
        expect.objectContaining({
          id,
          channel: 'email',
          to: 'dev@example.org',
          subject: 'Votre code provisoire',
          text: mail().text,
          status: 'sent',
        }),
      );
      expect(messages).toContainEqual(
        expect.objectContaining({ channel: 'sms', to: '+33600000000', text: 'Carnet : code 654321' }),
      );
      const only = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox?to=dev@example.org' });
      expect(only.json().messages.map((m: { to: string }) => m.to)).toEqual(['dev@example.org']);
    } finally {
      await q.stop();
      await t.close();
    }
  });

  it('does not exist in production', async () => {
    const t = await testApp({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PRO_OIDC_ISSUER: 'https://auth.example.org/realms/psc',
      PRO_OIDC_CLIENT_ID: 'carnet',
      PRO_OIDC_CLIENT_SECRET: 's3cret',
    });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
