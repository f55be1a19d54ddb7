import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { sessionCookie } from '../../../test/sessions.js';
import { csrf, otpOf, provisionalCodeOf } from '../../../test/identity.js';
import { fullSpace } from '../../../test/space.js';
import { verifyJournal } from '../../platform/journal.js';
import type { Db } from '../../platform/db.js';
import { eraseSpace, purge } from './closure.jobs.js';
import { runExport } from './closure.export.js';

type T = Awaited<ReturnType<typeof testApp>>;

/** Every row of every table (public and pg-boss's schemas), as text, that contains `marker`. */
async function rowsWith(db: Db, marker: string): Promise<string[]> {
  const tables = await sql<{ s: string; t: string }>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`.execute(db);
  const hits: string[] = [];
  for (const { s, t } of tables.rows) {
    const r = await sql<{
      n: string;
    }>`select count(*) as n from ${sql.table(`${s}.${t}`)} x where x::text ilike ${'%' + marker + '%'}`.execute(db);
    if (Number(r.rows[0]!.n)) hits.push(`${s}.${t}`);
  }
  return hits;
}

/** Files of the blob folder, and whether any holds `marker` in clear. */
async function blobFiles(dir: string, marker: string): Promise<{ files: string[]; withMarker: string[] }> {
  const files: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[]))
    for (const f of await readdir(path.join(dir, shard))) files.push(path.join(dir, shard, f));
  const withMarker = [];
  for (const f of files) if ((await readFile(f)).includes(marker)) withMarker.push(f);
  return { files: files.map((f) => path.basename(f)), withMarker };
}

describe('closure: definitive deletion, archive and reopening (R10.2, R10.4)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());
  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie, ...csrf }, payload });

  it('with deletion: no planted marker left in any table nor in the blob folder; the journal kept, identity reduced', async () => {
    const marker = 'DELMARK7Q';
    const s = await fullSpace(t.platform, marker);
    const cookie = await sessionCookie(t.db, s.accountId);
    const archive = (await call(cookie, 'POST', `/api/profiles/${s.profileId}/export`, {})).json().export;
    await runExport(t.platform, archive.id, s.profileId);
    const before = await rowsWith(t.db, marker);
    // The scan can see: the marker is in the profile, the lists, the wishes and the documents' rows.
    expect(before).toEqual(
      expect.arrayContaining(['public.profile', 'public.medical_item', 'public.medical_wishes', 'public.document']),
    );
    const docKeys = (
      await t.db.selectFrom('document').select('blob_key').where('profile_id', '=', s.profileId).execute()
    ).map((r) => r.blob_key);
    const exportKeys = (
      await t.db.selectFrom('export_archive').select('blob_keys').where('id', '=', archive.id).executeTakeFirstOrThrow()
    ).blob_keys;
    for (const k of docKeys) expect((await t.platform.blobs.get(k)).toString()).toContain(marker);
    const linesBefore = Number(
      (
        await t.db
          .selectFrom('journal')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('chain_id', '=', s.profileId)
          .executeTakeFirstOrThrow()
      ).n,
    );

    const closed = await call(cookie, 'POST', `/api/profiles/${s.profileId}/closure`, {
      downloadFirst: true,
      deleteData: true,
      password: s.password,
    });
    expect(closed.json()).toEqual({ closed: true, deletion: true, signedOut: true });
    const jobs = await t.platform.queue.boss.fetch<{ profileId: string }>('closure-erase');
    expect(jobs.map((j) => j.data)).toEqual([{ profileId: s.profileId }]);
    expect(await eraseSpace(t.platform, s.profileId)).toEqual({ blobs: docKeys.length + exportKeys.length });
    await t.platform.queue.boss.complete('closure-erase', jobs[0]!.id);

    expect(await rowsWith(t.db, marker)).toEqual([]);
    const blobs = await blobFiles(t.platform.config.BLOB_DIR, marker);
    for (const k of [...docKeys, ...exportKeys]) expect(blobs.files).not.toContain(k);
    expect(blobs.withMarker).toEqual([]);
    const p = await t.db.selectFrom('profile').selectAll().where('id', '=', s.profileId).executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      status: 'closed',
      birth_name: '',
      first_names: '',
      email: null,
      phone: null,
      nir: s.nir,
    });
    expect(p.deleted_at).not.toBeNull();
    expect(await t.db.selectFrom('account').select('id').where('profile_id', '=', s.profileId).execute()).toEqual([]);
    // The journal is kept whole (its chain still verifies) and says the data was erased.
    const lines = await t.db.selectFrom('journal').select('action').where('chain_id', '=', s.profileId).execute();
    expect(lines.length).toBeGreaterThan(linesBefore);
    expect(lines.map((l) => l.action)).toContain('closure.erased');
    expect((await verifyJournal(t.db, s.profileId)).problems).toEqual([]);
    // Run again (a retried job): nothing more to do.
    expect(await eraseSpace(t.platform, s.profileId)).toEqual({ blobs: 0 });
  });

  it('without deletion: archived and unreadable; reopened by a new activation with a new code, the archive comes back', async () => {
    const s = await fullSpace(t.platform, 'ARCHMARK');
    await t.db
      .updateTable('profile')
      .set({ vitale_serial: '12345678901', birth_date: '1980-01-01' })
      .where('id', '=', s.profileId)
      .execute();
    const cookie = await sessionCookie(t.db, s.accountId);
    expect(
      (
        await call(cookie, 'POST', `/api/profiles/${s.profileId}/closure`, {
          downloadFirst: false,
          deleteData: false,
          password: s.password,
        })
      ).statusCode,
    ).toBe(200);
    // Ten years are not over: the purge leaves it; the data is there, but no one signs in to it.
    expect((await purge(t.platform)).spaces).toBe(0);
    expect(
      await t.db.selectFrom('medical_item').select('id').where('profile_id', '=', s.profileId).execute(),
    ).toHaveLength(6);

    // A new code (as « demander un nouveau code » sends it), then the whole activation again.
    await t.app.inject({
      method: 'POST',
      url: '/api/activation/new-code',
      headers: csrf,
      payload: { nir: s.nir, birthDate: '1980-01-01', channel: 'email' },
      remoteAddress: '10.9.0.1',
    });
    const code = await provisionalCodeOf(t.db, s.email);
    const flow = (
      await t.app.inject({
        method: 'POST',
        url: '/api/activation/identify',
        headers: csrf,
        payload: { code, nir: s.nir, birthDate: '1980-01-01', vitaleSerial: '12345678901' },
        remoteAddress: '10.9.0.1',
      })
    ).json();
    expect(flow).toHaveProperty('flowId');
    await t.app.inject({
      method: 'POST',
      url: '/api/activation/contact/send',
      headers: csrf,
      payload: { flowId: flow.flowId, channel: 'email', destination: s.email },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/activation/contact/verify',
      headers: csrf,
      payload: { flowId: flow.flowId, channel: 'email', code: await otpOf(t.db, s.email) },
    });
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/activation/finish',
      headers: csrf,
      payload: {
        flowId: flow.flowId,
        username: `reouvert-${s.profileId.slice(0, 6)}`,
        password: 'Girafe-bleue-sous-la-pluie-7',
      },
    });
    expect(done.statusCode).toBe(200);
    const session = done.cookies.find((c) => c.name === 'carnet_session')!;
    const medical = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${s.profileId}/medical`,
      cookies: { carnet_session: session.value },
    });
    expect(medical.statusCode).toBe(200);
    expect(medical.json().counts).toMatchObject({
      conditions: 1,
      treatments: 1,
      allergies: 2,
      vaccinations: 1,
      contacts: 1,
    });
    const docs = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${s.profileId}/documents?space=health`,
      cookies: { carnet_session: session.value },
    });
    expect(docs.json().documents).toHaveLength(2);
    const p = await t.db
      .selectFrom('profile')
      .select(['status', 'closed_at', 'archive_until'])
      .where('id', '=', s.profileId)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'activated', closed_at: null, archive_until: null });
  });

  it('after 10 years the purge deletes an archived space; a space whose deletion was asked cannot be reopened', async () => {
    const s = await fullSpace(t.platform, 'TENYEARS');
    const cookie = await sessionCookie(t.db, s.accountId);
    await call(cookie, 'POST', `/api/profiles/${s.profileId}/closure`, {
      downloadFirst: false,
      deleteData: false,
      password: s.password,
    });
    const later = new Date(Date.now() + 10 * 366 * 86_400_000);
    expect((await purge(t.platform, later)).spaces).toBeGreaterThanOrEqual(1);
    expect(await rowsWith(t.db, 'TENYEARS')).toEqual([]);

    const d = await fullSpace(t.platform, 'ASKEDDEL');
    await t.db.updateTable('profile').set({ vitale_serial: '12345678901' }).where('id', '=', d.profileId).execute();
    const c2 = await sessionCookie(t.db, d.accountId);
    await call(c2, 'POST', `/api/profiles/${d.profileId}/closure`, {
      downloadFirst: false,
      deleteData: true,
      password: d.password,
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/activation/new-code',
      headers: csrf,
      payload: { nir: d.nir, birthDate: '1980-01-01', channel: 'email' },
      remoteAddress: '10.9.0.2',
    });
    const mails = await t.db.selectFrom('outbox_message').select('kind').where('recipient', '=', d.email).execute();
    expect(mails.map((m) => m.kind)).not.toContain('provisional-code');
  });
});
