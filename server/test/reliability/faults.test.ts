import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../harness.js';
import { startSmtpServer, waitFor } from '../receivers.js';
import { createPerson, sessionCookie } from '../sessions.js';
import { freePort, ServerProcess } from '../server-process.js';
import { DELIVER_POLICY, DELIVER_QUEUE, Queue } from '../../src/platform/queue.js';
import { sendLater, startOutboxWorker } from '../../src/platform/outbox.js';
import { devMailbox, smtpTransport } from '../../src/platform/notify.js';
import { createDb } from '../../src/platform/db.js';
import { startEmbeddedPostgres, type EmbeddedDb } from '../../src/platform/embedded-db.js';
import { record } from './figures.js';

const MESSAGES = Number(process.env.CARNET_FAULT_MESSAGES ?? 40);
const OUTAGES = Number(process.env.CARNET_FAULT_PG_RESTARTS ?? 2);

describe('the SMTP server down, then back', () => {
  it('delivers every message once: none lost, none twice', async () => {
    const p = await testPlatform();
    // Retries every second instead of 5 s doubling: the same mechanism, sooner.
    await p.queue.boss.updateQueue(DELIVER_QUEUE, { retryLimit: 1000, retryDelay: 1, retryBackoff: false });
    const port = await freePort(); // nothing listens there yet: connections are refused
    const worker = new Queue(p.databaseUrl);
    await worker.start();
    let smtp: Awaited<ReturnType<typeof startSmtpServer>> | null = null;
    try {
      const transports = {
        email: smtpTransport(`smtp://127.0.0.1:${port}`, 'Carnet <carnet@carnet.test>'),
        sms: devMailbox,
      };
      await startOutboxWorker(p.db, worker, transports, { pollingIntervalSeconds: 0.5, batchSize: MESSAGES });
      const ids: string[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        const msg = {
          channel: 'email' as const,
          to: `down${i}@example.org`,
          subject: 'Carnet',
          text: `Message ${i}`,
          kind: 'test',
        };
        ids.push(await p.db.transaction().execute((trx) => sendLater(trx, p.queue, msg)));
      }
      const failedOnce = async () =>
        (
          await p.db
            .selectFrom('outbox_message')
            .select('id')
            .where('id', 'in', ids)
            .where('attempts', '>=', 1)
            .execute()
        ).length;
      await waitFor(async () => (await failedOnce()) === MESSAGES, 60_000, 'every message tried while SMTP is down');
      const failedAttempts = Number(
        (
          await p.db
            .selectFrom('outbox_message')
            .select((eb) => eb.fn.sum('attempts').as('n'))
            .where('id', 'in', ids)
            .executeTakeFirstOrThrow()
        ).n,
      );
      smtp = await startSmtpServer(port);
      const sent = async () =>
        (
          await p.db
            .selectFrom('outbox_message')
            .select('id')
            .where('id', 'in', ids)
            .where('status', '=', 'sent')
            .execute()
        ).length;
      await waitFor(async () => (await sent()) === MESSAGES, 90_000, 'every message sent once SMTP is back').catch(
        async (err: Error) => {
          const rows = await p.db
            .selectFrom('outbox_message')
            .select(['status', 'attempts', 'last_error'])
            .where('id', 'in', ids)
            .execute();
          const jobs = (
            await p.pool.query(`select state, retry_count, retry_limit, start_after from pgboss.job where name = $1`, [
              DELIVER_QUEUE,
            ])
          ).rows;
          throw new Error(
            `${err.message}: ${JSON.stringify(rows.slice(0, 3))} ${JSON.stringify(jobs.slice(0, 3))} received ${smtp!.mails.length}`,
          );
        },
      );
      await waitFor(
        async () =>
          (
            await p.pool.query(
              `select count(*)::int as n from pgboss.job where name = $1 and state not in ('completed', 'failed')`,
              [DELIVER_QUEUE],
            )
          ).rows[0].n === 0,
        30_000,
        'queue drained',
      );
      const received = smtp.mails.map((m) => m.to[0]!).filter((to) => to.startsWith('down'));
      expect(received).toHaveLength(MESSAGES);
      expect(new Set(received).size).toBe(MESSAGES);
      record('faults.smtp', {
        messages: MESSAGES,
        failedAttemptsWhileDown: failedAttempts,
        delivered: received.length,
        duplicates: 0,
        lost: 0,
      });
    } finally {
      await worker.stop();
      await smtp?.close();
      await p.queue.boss.updateQueue(DELIVER_QUEUE, { ...DELIVER_POLICY });
      await p.close();
    }
  }, 240_000);
});

describe(`PostgreSQL restarted under load, ${OUTAGES} times`, () => {
  let pgServer: EmbeddedDb | null = null;
  let server: ServerProcess | null = null;
  const dir = path.join(os.tmpdir(), `carnet-pg-restart-${randomBytes(4).toString('hex')}`);
  afterAll(async () => {
    await server?.kill();
    await pgServer?.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 while it is down, then serves again without the app being restarted; no acknowledged write lost', async () => {
    // A PostgreSQL of its own (the shared one serves the other test files), in the reliability port range.
    const pgPort = 55400 + Math.floor(Math.random() * 100);
    pgServer = await startEmbeddedPostgres(path.join(dir, 'pg'), pgPort);
    await pgServer.createDatabase('carnet');
    const url = pgServer.url('carnet');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-pg-restart-data-'));
    server = new ServerProcess(await freePort(), () => ({
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      MASTER_KEY: randomBytes(32).toString('base64'),
      SEED_DEMO: 'false',
      WORKERS: 'true',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
    }));
    await server.start();
    const pid = server.child!.pid;
    server.child!.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') console.error(`the app exited (${code}): ${server!.output.slice(-3000)}`);
    });
    const { db } = createDb(url, 2);
    const person = await createPerson(db);
    const cookie = await sessionCookie(db, person.accountId);
    await db.destroy();

    const statuses = new Map<number | string, number>();
    const acknowledged: string[] = [];
    // 'stopping' while PostgreSQL shuts down: a request then may still commit (its 201 is true), or get 503.
    let phase: 'up' | 'stopping' | 'down' | 'starting' | 'back' = 'up';
    const wrongWhileUp: string[] = [];
    let stop = false;
    let n = 0;
    const client = async () => {
      while (!stop) {
        const i = n++;
        const write = i % 3 === 0;
        const at = phase;
        const res = await fetch(
          `${server!.url}/api/profiles/${person.profileId}/medical${write ? '/measures/steps' : ''}`,
          {
            method: write ? 'POST' : 'GET',
            headers: { cookie, 'x-carnet-csrf': '1', ...(write ? { 'content-type': 'application/json' } : {}) },
            body: write ? JSON.stringify({ measuredAt: '2026-01-02T08:30', value: 1000 + (i % 50000) }) : undefined,
            signal: AbortSignal.timeout(20_000),
          },
        ).catch((err: Error) => ({ status: err.name, json: async () => null }) as const);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) acknowledged.push(((await res.json()) as { value: { id: string } }).value.id);
        const ok = res.status === 200 || res.status === 201;
        if (at === 'up' && phase === 'up' && !ok) wrongWhileUp.push(String(res.status));
        if (at === 'down' && phase === 'down' && ok) wrongWhileUp.push(`ok while down: ${res.status}`);
      }
    };
    const clients = Array.from({ length: 6 }, client);
    const recoveries: number[] = [];
    for (let outage = 0; outage < OUTAGES; outage++) {
      await waitFor(() => n > 40 * (outage + 1), 60_000, 'load running');
      phase = 'stopping';
      await pgServer.stop();
      // stop() may resolve before the server has closed its port: 'down' starts when a connection is refused.
      await waitFor(
        () =>
          new Promise<boolean>((resolve) => {
            const socket = net.connect(pgPort, '127.0.0.1');
            socket.once('connect', () => (socket.destroy(), resolve(false)));
            socket.once('error', () => resolve(true));
          }),
        60_000,
        'PostgreSQL closing its port',
      );
      phase = 'down';
      const downAt = n;
      await waitFor(() => n > downAt + 30, 60_000, 'requests answered while PostgreSQL is down');
      // While it starts, a request may be served as soon as it accepts connections.
      phase = 'starting';
      pgServer = await startEmbeddedPostgres(path.join(dir, 'pg'), pgPort);
      const upAt = Date.now();
      phase = 'back';
      // The app reconnects by itself: the first success, then a run of successes only.
      let streak = 0;
      await waitFor(
        async () => {
          const res = await fetch(`${server!.url}/api/profiles/${person.profileId}/medical`, { headers: { cookie } });
          streak = res.status === 200 ? streak + 1 : 0;
          return streak >= 20;
        },
        60_000,
        'the app serving again',
      );
      recoveries.push(Date.now() - upAt);
      phase = 'up';
    }
    await waitFor(() => n > 40 * (OUTAGES + 2), 60_000, 'load after the last outage');
    stop = true;
    await Promise.all(clients);
    expect(server.child?.pid, 'the app was not restarted').toBe(pid);
    expect(server.child?.exitCode).toBe(null);
    expect(wrongWhileUp).toEqual([]);
    // Only 503 (or a connection cut mid-answer) while the database was away: never a 500.
    expect([...statuses.keys()].filter((s) => ![200, 201, 503].includes(s as number))).toEqual([]);
    const check = createDb(url, 1);
    const stored = await check.db.selectFrom('measure').select('id').where('id', 'in', acknowledged).execute();
    await check.db.destroy();
    expect(stored.length, 'acknowledged measures lost').toBe(acknowledged.length);
    record('faults.postgres-restart', {
      restarts: OUTAGES,
      requests: n,
      statuses: Object.fromEntries(statuses),
      acknowledgedWrites: acknowledged.length,
      lost: 0,
      recoveryMs: recoveries,
    });
    await rm(dataDir, { recursive: true, force: true });
  }, 300_000);
});
