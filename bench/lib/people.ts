import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../server/src/platform/db.js';
import { SESSION_COOKIE } from '../../server/src/platform/session.js';

export interface BenchPerson {
  profileId: string;
  accountId: string;
  cookie: string;
}

/**
 * `count` activated people, each with an account, an open session and `measures` weight values, written
 * in a few set-based statements (no argon2id: nobody logs in with these accounts).
 */
export async function benchPeople(db: Db, count: number, measures = 20): Promise<BenchPerson[]> {
  const tag = randomBytes(4).toString('hex');
  const profiles = await sql<{ id: string }>`
    insert into profile (birth_name, first_names, used_first_name, sex, birth_date, status, email)
    select 'BENCH' || n, 'Camille', 'Camille', 'F', date '1980-01-01' + (n % 7000), 'activated',
           'bench' || n || '.' || ${tag} || '@example.org'
    from generate_series(1, ${count}) n
    returning id`.execute(db);
  const ids = profiles.rows.map((r) => r.id);
  const accounts = await sql<{ id: string; profile_id: string }>`
    insert into account (profile_id, username, password_hash)
    select p, 'bench.' || ${tag} || '.' || i, 'no-login'
    from unnest(${ids}::uuid[]) with ordinality as u(p, i)
    returning id, profile_id`.execute(db);
  const tokens = accounts.rows.map(() => randomBytes(32).toString('base64url'));
  await sql`
    insert into session (token_hash, account_id, user_agent, expires_at)
    select t, a, 'bench', now() + interval '1 day'
    from unnest(${tokens.map((t) => createHash('sha256').update(t).digest())}::bytea[], ${accounts.rows.map((a) => a.id)}::uuid[]) as u(t, a)`.execute(
    db,
  );
  await sql`
    insert into measure (profile_id, kind, loinc, ucum, value, measured_at)
    select p, 'weight', '29463-7', 'kg', 60 + (k % 20), timestamp '2025-01-01 08:00' + k * interval '1 day'
    from unnest(${ids}::uuid[]) p, generate_series(1, ${measures}) k`.execute(db);
  return accounts.rows.map((a, i) => ({
    profileId: a.profile_id,
    accountId: a.id,
    cookie: `${SESSION_COOKIE}=${tokens[i]}`,
  }));
}
