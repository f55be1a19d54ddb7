import pg from 'pg';
import { pgSettings } from './pg-hosts.js';
import type { Db, JobInsert, PgBoss } from 'pg-boss';

/**
 * The way from pg-boss 10 to 12 for a database that already has jobs. pg-boss 12 migrates a schema only from
 * version 25 (the one pg-boss 11 writes); pg-boss 10 left version 24, and a 12 started on it refuses to start.
 * So the old schema is set aside before pg-boss starts (renamed), pg-boss 12 installs its own, and the jobs
 * still to run of the queues this process declared are copied into it; then the old schema is dropped.
 * Scheduled-job triggers are not copied: the features send them again at every start.
 */
export const SCHEMA = 'pgboss';
export const LEGACY_SCHEMA = 'pgboss_v10';
/** The oldest schema version pg-boss 12 can migrate from. */
const OLDEST_MIGRATABLE = 25;

/** Runs `fn` in a transaction on a connection of its own, under a lock shared by every process that starts. */
async function locked<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...pgSettings(url), application_name: 'carnet-queue-upgrade' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('carnet:pgboss-upgrade'))`);
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** Renames a pg-boss 10 schema out of pg-boss 12's way; answers whether it did. */
export async function setAsideLegacySchema(url: string): Promise<boolean> {
  return locked(url, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(
      `select to_regclass('${SCHEMA}.version') is not null as present`,
    );
    if (!rows[0]?.present) return false;
    const version = (await client.query<{ version: number }>(`select version from ${SCHEMA}.version`)).rows[0];
    if (!version || version.version >= OLDEST_MIGRATABLE) return false;
    await client.query(`alter schema ${SCHEMA} rename to ${LEGACY_SCHEMA}`);
    return true;
  });
}

interface LegacyJob {
  name: string;
  data: object | null;
  priority: number;
  singleton_key: string | null;
  start_after: Date;
}

/**
 * Copies the jobs not yet done (created, retry, or active when the old process stopped) of `queues` from a
 * set-aside schema into pg-boss 12, then drops that schema, in one transaction. Answers how many were copied.
 * Does nothing when there is no set-aside schema (the usual case), so every start may call it.
 */
export async function carryOverLegacyJobs(url: string, boss: PgBoss, queues: Iterable<string>): Promise<number> {
  return locked(url, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(
      `select to_regnamespace('${LEGACY_SCHEMA}') is not null as present`,
    );
    if (!rows[0]?.present) return 0;
    const names = [...queues];
    const jobs = (
      await client.query<LegacyJob>(
        `select name, data, priority, singleton_key, start_after from ${LEGACY_SCHEMA}.job
          where state::text in ('created', 'retry', 'active') and name = any($1) order by created_on`,
        [names],
      )
    ).rows;
    const db: Db = { executeSql: async (text, values) => client.query(text, values) };
    for (const name of names) {
      const inserts: JobInsert[] = jobs
        .filter((j) => j.name === name)
        .map((j) => ({
          data: j.data ?? {},
          priority: j.priority,
          startAfter: j.start_after,
          ...(j.singleton_key ? { singletonKey: j.singleton_key } : {}),
        }));
      if (inserts.length) await boss.insert(name, inserts, { db });
    }
    await client.query(`drop schema ${LEGACY_SCHEMA} cascade`);
    return jobs.length;
  });
}
