import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../server/src/platform/db.js';
import { SESSION_COOKIE } from '../../server/src/platform/session.js';
import type { BenchPerson } from './people.js';

/**
 * Grows the database to `total` generated people, each with an account, `measures` weights, `documents`
 * documents' metadata and `lines` journal lines chained exactly as journal.ts chains them (verifiable).
 * Set-based and inside PostgreSQL (`insert … select`, no row crosses the wire: the generator's data never
 * exists outside the database, so COPY would only add a transfer), in batches of people shared by two
 * connections (the machine's two cores). A chain's lines come from one call of a PL/pgSQL function that
 * carries the previous hash in a variable, so no line reads another back from the journal. New people's
 * ids are random but handed out to batches in id order, so that a batch's journal lines land in one region
 * of the journal's indexes instead of all over them (the pages stay in memory while they are written).
 * The generating sessions commit without waiting for the WAL flush (`synchronous_commit = off`, their own
 * setting): bench data, not an acknowledged write; the app's connections keep the server's setting.
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
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  await sql`drop table if exists scale_new`.execute(db);
  await sql`create unlogged table scale_new as
            select ${before}::int + row_number() over (order by id)::int as n, id, gen_random_uuid() as account_id
            from (select gen_random_uuid() as id from generate_series(1, ${total - before}::int)) s
            order by id`.execute(db);
  await sql`create index on scale_new (n)`.execute(db);
  // Fewer checkpoints while it writes (each one makes the next write of every page a full-page image in
  // the WAL); the server's setting comes back afterwards. Needs a superuser: skipped on another server.
  const walSize = (v: string | null) =>
    (v ? sql`alter system set max_wal_size = ${sql.lit(v)}` : sql`alter system reset max_wal_size`)
      .execute(db)
      .then(() => sql`select pg_reload_conf()`.execute(db))
      .catch(() => undefined);
  await walSize('8GB');
  const batch = 10_000;
  const batches: [number, number][] = [];
  for (let a = before + 1; a <= total; a += batch) batches.push([a, Math.min(total, a + batch - 1)]);
  let done = 0;
  const worker = () =>
    db.connection().execute(async (c) => {
      await sql`set synchronous_commit = off`.execute(c);
      await sql`create or replace function pg_temp.scale_lines(g_id uuid, g_account uuid, g_n int, lines int)
        returns table (l_seq bigint, l_at timestamptz, l_prev bytea, l_hash bytea) language plpgsql as $$
        declare
          -- The canonical JSON of journal.ts (keys sorted, "seq" last); at as JavaScript's toISOString.
          head text := '{"action":"measure.list","actor_id":"' || g_account || '","actor_kind":"patient","at":"';
          tail text := '","chain_id":"' || g_id || '","detail":{},"on_behalf_of":null,"reason":"normal","resource_id":null,"resource_type":"weight","seq":';
          h bytea := decode(repeat('00', 32), 'hex');
        begin
          for k in 1..lines loop
            l_seq := k;
            l_at := timestamptz '2025-01-01 00:00:00+00' + k * interval '1 hour' + g_n * interval '1 millisecond';
            l_prev := h;
            h := sha256(h || convert_to(head || to_char(l_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || tail || k || '}', 'UTF8'));
            l_hash := h;
            return next;
          end loop;
        end $$`.execute(c);
      for (let next = batches.shift(); next; next = batches.shift()) {
        const [a, b] = next;
        await sql`begin`.execute(c);
        await sql`with p as (
              insert into profile (id, birth_name, first_names, used_first_name, sex, birth_date, status, email, activated_at)
              select id, 'SCALE' || n, 'Camille', 'Camille', case when n % 2 = 0 then 'F' else 'M' end,
                     date '1940-01-01' + (n % 25000), 'activated', 'scale' || n || '@example.org', now()
              from scale_new where n between ${a} and ${b})
            insert into account (id, profile_id, username, password_hash)
            select account_id, id, 'scale.' || n, 'no-login' from scale_new where n between ${a} and ${b}`.execute(c);
        await sql`insert into measure (profile_id, kind, loinc, ucum, value, measured_at)
            select id, 'weight', '29463-7', 'kg', 50 + (n + k) % 50, timestamp '2024-01-01 08:00' + k * interval '9 days'
            from scale_new, generate_series(1, ${opts.measures}::int) k where n between ${a} and ${b}`.execute(c);
        await sql`insert into document (profile_id, title, category, document_date, mime_type, size_bytes, sha256, blob_key, author_kind, file_name)
            select id, 'Compte rendu ' || k, 'report', date '2024-01-01' + k * 30, 'application/pdf', 100000 + k,
                   sha256(convert_to(id::text || k, 'UTF8')), 'scale/' || id || '/' || k, 'patient', 'compte-rendu-' || k || '.pdf'
            from scale_new, generate_series(1, ${opts.documents}::int) k where n between ${a} and ${b}`.execute(c);
        await sql`with line as (
              insert into journal (chain_id, seq, at, actor_kind, actor_id, action, resource_type, reason, detail, prev_hash, hash)
              select g.id, l.l_seq, l.l_at, 'patient', g.account_id::text, 'measure.list', 'weight', 'normal', '{}', l.l_prev, l.l_hash
              from scale_new g cross join lateral pg_temp.scale_lines(g.id, g.account_id, g.n, ${opts.lines}::int) l
              where g.n between ${a} and ${b}
              returning chain_id, seq, hash)
            insert into journal_head (chain_id, seq, hash) select chain_id, seq, hash from line where seq = ${opts.lines}::bigint`.execute(
          c,
        );
        await sql`commit`.execute(c);
        done += b - a + 1;
        log(`    ${done.toLocaleString('en')} of ${(total - before).toLocaleString('en')} new people (${seconds()} s)`);
      }
    });
  await Promise.all([worker(), worker()]).finally(() => walSize(null));
  await sql`drop table scale_new`.execute(db);
  const vacuumed = Date.now();
  await sql`vacuum analyze`.execute(db);
  // The writes of the growth flushed now, not by a checkpoint running under the measurement that follows
  // (with max_wal_size back to its setting, the next checkpoint is due at once).
  await sql`checkpoint`.execute(db).catch(() => undefined);
  log(`    vacuum analyze, checkpoint (${((Date.now() - vacuumed) / 1000).toFixed(0)} s)`);
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
