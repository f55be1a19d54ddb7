import { afterAll, beforeAll, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../test/harness.js';
import { sendLater } from './outbox.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p.close());

it('a message written in a committed transaction has its delivery job, without any worker running', async () => {
  const id = await p.db.transaction().execute((trx) => sendLater(trx, p.queue, { channel: 'email', to: 'a@example.org', text: 'x', kind: 'test' }));
  const jobs = await p.pool.query(`select data->>'id' as id from pgboss.job where name = 'deliver-message'`);
  expect(jobs.rows.map((r) => r.id)).toContain(id);
});

it('refuses to enqueue on an undeclared queue instead of dropping the job', async () => {
  await expect(p.queue.enqueue(p.db, 'no-such-queue', {})).rejects.toThrow(/not declared/);
});
