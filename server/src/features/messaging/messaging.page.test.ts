import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { sessionCookie } from '../../../test/sessions.js';
import { createPatient, seedInbox } from '../../../test/messaging.js';
import { authorize } from '../../../src/platform/profile-access.js';
import * as repo from './messaging.repo.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Heap Fetches'?: number;
  Plans?: PlanNode[];
}
function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}
async function plan(q: { explain(format: 'json', options: unknown): Promise<unknown[]> }): Promise<PlanNode[]> {
  const rows = (await q.explain('json', sql`analyze`)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  return nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
}

// 500 conversations × 20 messages: the issue's « fast with 10,000 messages in one inbox ».
describe('the conversation list of an inbox of 10,000 messages (issue 11, item 1)', () => {
  let child: Awaited<ReturnType<typeof createPatient>>;
  let parent: Awaited<ReturnType<typeof createPatient>>;
  let ids: string[];
  beforeAll(async () => {
    parent = await createPatient(t.db, { firstName: 'Mère', lastName: 'Boite' });
    child = await createPatient(t.db, { firstName: 'Léo', lastName: 'Boite', birthDate: '2014-03-01' });
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.profileId, status: 'validated' })
      .execute();
    ids = await seedInbox(t.db, t.platform.messageKey, child.profileId, {
      conversations: 500,
      perConversation: 20,
      confidentialEvery: 10,
    });
    // Other people's inboxes beside it, so the planner sees a table where one person's rows are few.
    for (let i = 0; i < 9; i++) {
      const other = await createPatient(t.db, { lastName: `Autre${i}` });
      await seedInbox(t.db, t.platform.messageKey, other.profileId, {
        conversations: 500,
        perConversation: 2,
        prefix: `Autre${i}-`,
      });
    }
    // As autovacuum leaves a settled table: statistics and the visibility map (index-only scans need it).
    await sql`vacuum (analyze) conversation, message, message_draft, professional`.execute(t.db);
  }, 120_000);

  const user = (p: { accountId: string; profileId: string }) => ({ sessionId: 'plan', ...p });

  it('pages its ids from conversation_patient_page alone (index-only, no sort), for the person and a representative', async () => {
    for (const who of [child, parent]) {
      const ctx = await authorize(t.db, user(who), child.profileId, 'messages');
      for (const offset of [0, 180]) {
        const page = await plan(repo.patientPage(t.db, ctx, offset, 20));
        const scans = page.filter((n) => n['Relation Name'] === 'conversation' || n['Index Name']?.startsWith('conv'));
        expect(scans[0]).toMatchObject({ 'Node Type': 'Index Only Scan', 'Index Name': 'conversation_patient_page' });
        expect(scans[0]!['Heap Fetches']).toBe(0);
        expect(page.map((n) => n['Node Type'])).not.toContain('Sort');
        // Every other row by primary key (message_draft is empty here: its scan reads no page).
        const seq = page.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] !== 'message_draft');
        expect(seq).toEqual([]);
      }
      const counts = await plan(repo.patientCountsQuery(t.db, ctx));
      expect(counts.find((n) => n['Index Name'])).toMatchObject({
        'Node Type': 'Index Only Scan',
        'Index Name': 'conversation_patient_page',
      });
    }
  });

  it('serves numbered pages, latest first, without overlap; a representative never sees a confidential one', async () => {
    const cookie = await sessionCookie(t.db, child.accountId);
    const url = (page: number) => `/api/profiles/${child.profileId}/messaging/conversations?page=${page}`;
    const first = (await t.app.inject({ url: url(1), headers: { cookie } })).json();
    expect(first).toMatchObject({ page: 1, pageCount: 25, total: 500, unread: 500 });
    expect(first.conversations[0]).toMatchObject({
      id: ids[0],
      subject: 'Objet 499-19',
      lastSender: 'Titulaire BOITE',
    });
    const tenth = (await t.app.inject({ url: url(10), headers: { cookie } })).json();
    expect(tenth.conversations.map((c: { id: string }) => c.id)).toEqual(ids.slice(180, 200));
    const times = tenth.conversations.map((c: { lastAt: string }) => c.lastAt);
    expect([...times].sort().reverse()).toEqual(times);

    const parentCookie = await sessionCookie(t.db, parent.accountId);
    const theirs = (await t.app.inject({ url: `${url(1)}`, headers: { cookie: parentCookie } })).json();
    expect(theirs).toMatchObject({ total: 450, pageCount: 23, unread: 450 });
    const confidential = new Set(ids.filter((_, i) => (499 - i) % 10 === 0));
    expect(theirs.conversations.some((c: { id: string }) => confidential.has(c.id))).toBe(false);
    const last = (await t.app.inject({ url: url(23), headers: { cookie: parentCookie } })).json();
    expect(last.conversations).toHaveLength(450 - 22 * 20);
  });
});
