import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { pgSettings } from './pg-hosts.js';

// DATE columns stay 'YYYY-MM-DD' strings: a birth date is a calendar day, not an instant.
pg.types.setTypeParser(1082, (v) => v);

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the pool or an open transaction: repositories accept both. */
export type Executor = Db | Trx;

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The pool under a Kysely made by createDb, for what Kysely does not speak (COPY: platform/copy.ts).
 * A transaction has none: the caller works on a client of its own.
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: this Kysely was not made by createDb');
  return pool;
}

/** Opens a pool on the given PostgreSQL URL (one host, or several: pg-hosts.ts) and wraps it in Kysely. */
export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ ...pgSettings(url), max, application_name: 'carnet' });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor one that is checked out between two statements of a transaction when PostgreSQL goes away (the
  // pool listens only to idle clients): the statement in flight fails, and the broken client is dropped
  // when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return { db, pool };
}
