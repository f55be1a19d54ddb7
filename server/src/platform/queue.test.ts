import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { freshDatabase, testPlatform, type TestPlatform } from '../../test/harness.js';
import { sendLater } from './outbox.js';
import { Queue } from './queue.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p.close());

it('a message written in a committed transaction has its delivery job, without any worker running', async () => {
  const id = await p.db
    .transaction()
    .execute((trx) => sendLater(trx, p.queue, { channel: 'email', to: 'a@example.org', text: 'x', kind: 'test' }));
  const jobs = await p.pool.query(`select data->>'id' as id from pgboss.job where name = 'deliver-message'`);
  expect(jobs.rows.map((r) => r.id)).toContain(id);
});

it('refuses to enqueue on an undeclared queue instead of dropping the job', async () => {
  await expect(p.queue.enqueue(p.db, 'no-such-queue', {})).rejects.toThrow(/not declared/);
});

it('starts on a database last used by pg-boss 10: its schema set aside, pending deliveries carried over', async () => {
  // pg-boss 12 refuses to migrate a schema older than 25, and pg-boss 10 left 24. The tables below are the part
  // of pg-boss 10's schema that the upgrade reads (checked once against a real pg-boss 10.4.2 database too).
  const database = await freshDatabase('pgb10');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const queue = new Queue(database.url);
  try {
    await client.query(`drop schema pgboss cascade; create schema pgboss;
      create table pgboss.version (version int primary key); insert into pgboss.version values (24);
      create type pgboss.job_state as enum ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
      create table pgboss.job (id uuid not null default gen_random_uuid(), name text not null,
        priority integer not null default 0, data jsonb, state pgboss.job_state not null default 'created',
        start_after timestamptz not null default now(), singleton_key text,
        created_on timestamptz not null default now());
      insert into pgboss.job (name, data, state) values ('deliver-message', '{"id":"to-send"}', 'created'),
        ('deliver-message', '{"id":"to-retry"}', 'retry'), ('deliver-message', '{"id":"sent"}', 'completed'),
        ('opposition-window', '{}', 'created');`);
    await queue.start();
    const version = (await client.query(`select version from pgboss.version`)).rows[0].version as number;
    expect(version).toBeGreaterThanOrEqual(25);
    const jobs = await client.query(`select name, data->>'id' as id, state from pgboss.job order by id`);
    expect(jobs.rows).toEqual([
      { name: 'deliver-message', id: 'to-retry', state: 'created' },
      { name: 'deliver-message', id: 'to-send', state: 'created' },
    ]);
    expect((await client.query(`select to_regnamespace('pgboss_v10') as ns`)).rows[0].ns).toBeNull();
  } finally {
    await queue.stop();
    await client.end();
    await database.drop();
  }
});
