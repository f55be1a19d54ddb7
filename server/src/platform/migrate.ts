import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

export const migrationsDir = path.join(import.meta.dirname, '..', 'db', 'migrations');

/** Lists migration files `NNNN_name.sql` in order; a badly named file is an error, not silently skipped. */
export async function listMigrations(dir = migrationsDir): Promise<{ version: number; name: string; file: string }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migration file name must look like 0001_name.sql: ${file}`);
    return { version: Number(m[1]), name: m[2]!, file: path.join(dir, file) };
  });
}

/**
 * Applies the migrations not yet recorded, each in its own transaction with its bookkeeping row,
 * under an advisory lock so that two starting nodes never apply the same one twice.
 * Returns the versions applied.
 */
export async function migrate(pool: pg.Pool, dir = migrationsDir): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('select pg_advisory_lock(7248201)');
    await client.query(`create table if not exists schema_migration (
      version int primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set(
      (await client.query<{ version: number }>('select version from schema_migration')).rows.map((r) => r.version),
    );
    for (const m of await listMigrations(dir)) {
      if (done.has(m.version)) continue;
      const text = await readFile(m.file, 'utf8');
      try {
        await client.query('begin');
        await client.query(text);
        await client.query('insert into schema_migration (version, name) values ($1, $2)', [m.version, m.name]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${path.basename(m.file)} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('select pg_advisory_unlock(7248201)').catch(() => {});
    client.release();
  }
  return applied;
}
