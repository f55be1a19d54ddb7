import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../server/src/platform/db.js';
import { SESSION_COOKIE } from '../../server/src/platform/session.js';
import type { BenchPerson } from './people.js';

/**
 * Grows the database to `total` generated people, each with an account, `measures` weights, `documents`
 * documents' metadata and `lines` journal lines chained exactly as journal.ts chains them (verifiable).
 * Set-based and inside PostgreSQL: `insert … select` over generate_series, no row crosses the wire (the
 * generator's data never exists outside the database, so COPY would only add a transfer). Journal
 * lines go one position at a time for every new chain at once: line k hashes line k-1's hash.
 * Returns how many people there were before.
 */
export async function growTo(
  db: Db,
  total: number,
  opts: { measures: number; documents: number; lines: number },
  log: (m: string) => void,
): Promise<number> {
  const before = Number(
    (await sql<{ n: string }>`select count(*) as n from profile where birth_name like 'SCALE%'`.execute(db)).rows[0]!.n,
  );
  if (before >= total) return before;
  await db.connection().execute(async (c) => {
    const step = async (what: string, q: ReturnType<typeof sql>) => {
      const started = Date.now();
      await q.execute(c);
      log(`    ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    };
    await sql`drop table if exists scale_new`.execute(c);
    await step(
      `${(total - before).toLocaleString('en')} new people`,
      sql`create temp table scale_new as
          select n, gen_random_uuid() as id, gen_random_uuid() as account_id
          from generate_series(${before + 1}::int, ${total}::int) n`,
    );
    await step(
      'profiles and accounts',
      sql`with p as (
            insert into profile (id, birth_name, first_names, used_first_name, sex, birth_date, status, email, activated_at)
            select id, 'SCALE' || n, 'Camille', 'Camille', case when n % 2 = 0 then 'F' else 'M' end,
                   date '1940-01-01' + (n % 25000), 'activated', 'scale' || n || '@example.org', now()
            from scale_new)
          insert into account (id, profile_id, username, password_hash)
          select account_id, id, 'scale.' || n, 'no-login' from scale_new`,
    );
    await step(
      `${opts.measures} weights each`,
      sql`insert into measure (profile_id, kind, loinc, ucum, value, measured_at)
          select id, 'weight', '29463-7', 'kg', 50 + (n + k) % 50, timestamp '2024-01-01 08:00' + k * interval '9 days'
          from scale_new, generate_series(1, ${opts.measures}::int) k`,
    );
    await step(
      `${opts.documents} documents' metadata each`,
      sql`insert into document (profile_id, title, category, document_date, mime_type, size_bytes, sha256, blob_key, author_kind, file_name)
          select id, 'Compte rendu ' || k, 'report', date '2024-01-01' + k * 30, 'application/pdf', 100000 + k,
                 sha256(convert_to(id::text || k, 'UTF8')), 'scale/' || id || '/' || k, 'patient', 'compte-rendu-' || k || '.pdf'
          from scale_new, generate_series(1, ${opts.documents}::int) k`,
    );
    const started = Date.now();
    for (let k = 1; k <= opts.lines; k++) {
      // The canonical JSON of journal.ts (keys sorted, "seq" last); `at` as JavaScript's toISOString.
      await sql`
        insert into journal (chain_id, seq, at, actor_kind, actor_id, action, resource_type, reason, detail, prev_hash, hash)
        select g.id, ${k}::bigint, l.at, 'patient', g.account_id::text, 'measure.list', 'weight', 'normal', '{}',
               coalesce(prev.hash, ${Buffer.alloc(32)}::bytea),
               sha256(coalesce(prev.hash, ${Buffer.alloc(32)}::bytea) || convert_to(
                 '{"action":"measure.list","actor_id":"' || g.account_id || '","actor_kind":"patient","at":"'
                 || to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","chain_id":"' || g.id
                 || '","detail":{},"on_behalf_of":null,"reason":"normal","resource_id":null,"resource_type":"weight","seq":'
                 || ${k}::bigint || '}', 'UTF8'))
        from scale_new g
        cross join lateral (select timestamptz '2025-01-01 00:00:00+00' + ${k}::int * interval '1 hour' + g.n * interval '1 millisecond' as at) l
        left join journal prev on prev.chain_id = g.id and prev.seq = ${k - 1}::bigint`.execute(c);
      if (k % 10 === 0)
        log(
          `    journal line ${k} of ${opts.lines} on every new chain (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
    await sql`insert into journal_head (chain_id, seq, hash)
              select j.chain_id, j.seq, j.hash from journal j join scale_new g on g.id = j.chain_id where j.seq = ${opts.lines}::bigint`.execute(
      c,
    );
    await sql`drop table scale_new`.execute(c);
    await step('vacuum analyze', sql`vacuum analyze`);
  });
  return before;
}

/** Opens a session for `count` generated people picked at random; returns them with their cookies. */
export async function sampleWithSessions(db: Db, count: number): Promise<BenchPerson[]> {
  const picked = await sql<{ profile_id: string; account_id: string }>`
    select a.profile_id, a.id as account_id from account a
    where a.username like 'scale.%' order by random() limit ${count}`.execute(db);
  const tokens = picked.rows.map(() => randomBytes(32).toString('base64url'));
  await sql`
    insert into session (token_hash, account_id, user_agent, expires_at)
    select t, a, 'bench', now() + interval '1 day'
    from unnest(${tokens.map((t) => createHash('sha256').update(t).digest())}::bytea[], ${picked.rows.map((p) => p.account_id)}::uuid[]) as u(t, a)`.execute(
    db,
  );
  return picked.rows.map((p, i) => ({
    profileId: p.profile_id,
    accountId: p.account_id,
    cookie: `${SESSION_COOKIE}=${tokens[i]}`,
  }));
}
