import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.js';
import { listMigrations, migrate } from './migrate.js';

/** A database created from template0: no table at all, not even schema_migration. */
async function emptyDatabase(): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const name = `m_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(inject('pgAdminUrl'), name), max: 3 });
  // drop() ends the pool, then drops the database with (force): a connection still closing when the drop
  // terminates it must not be an uncaught error of the test run.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return {
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function tables(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return r.rows.map((x) => x.table_name);
}

describe('migrations on an empty database', () => {
  let d: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    d = await emptyDatabase();
  });
  afterAll(async () => d.drop());

  it('applies the whole chain, records every file, and applies nothing on a second run', async () => {
    expect(await tables(d.pool)).toEqual([]);
    const files = await listMigrations();
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files[0]!.version).toBe(1);

    const applied = await migrate(d.pool);
    expect(applied).toEqual(files.map((f) => f.version));
    const recorded = await d.pool.query<{ version: number; name: string }>(
      'select version, name from schema_migration order by version',
    );
    expect(recorded.rows).toEqual(files.map((f) => ({ version: f.version, name: f.name })));
    expect(await tables(d.pool)).toEqual(
      expect.arrayContaining([
        'profile',
        'account',
        'session',
        'journal',
        'journal_head',
        'outbox_message',
        'document',
      ]),
    );

    expect(await migrate(d.pool)).toEqual([]);
    expect((await d.pool.query('select count(*)::int as n from schema_migration')).rows[0].n).toBe(files.length);
  });

  it('two nodes starting at once apply each migration once (advisory lock)', async () => {
    const other = await emptyDatabase();
    try {
      const [a, b] = await Promise.all([migrate(other.pool), migrate(other.pool)]);
      const files = await listMigrations();
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(files.map((f) => f.version));
    } finally {
      await other.drop();
    }
  });
});

describe('a migration that fails', () => {
  let d: Awaited<ReturnType<typeof emptyDatabase>>;
  let dir: string;
  beforeEach(async () => {
    d = await emptyDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'carnet-migrations-'));
  });
  afterEach(async () => {
    await d.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('rolls back entirely: no table from it, no bookkeeping row, and the error names the file', async () => {
    await writeFile(path.join(dir, '0001_first.sql'), 'create table first_one (id int primary key);');
    await writeFile(
      path.join(dir, '0002_broken.sql'),
      `create table half_done (id int primary key);
       insert into half_done values (1);
       alter table first_one add column extra text;
       select * from no_such_table;`,
    );
    await expect(migrate(d.pool, dir)).rejects.toThrow(/0002_broken\.sql.*no_such_table/);
    expect(await tables(d.pool)).toEqual(['first_one', 'schema_migration']);
    const cols = await d.pool.query(
      `select column_name from information_schema.columns where table_name = 'first_one'`,
    );
    expect(cols.rows.map((r) => r.column_name)).toEqual(['id']);
    expect((await d.pool.query('select version from schema_migration')).rows).toEqual([{ version: 1 }]);

    // Once fixed, the next start applies it.
    await writeFile(path.join(dir, '0002_broken.sql'), 'create table half_done (id int primary key);');
    expect(await migrate(d.pool, dir)).toEqual([2]);
  });

  it('records the bookkeeping row in the same transaction as the migration', async () => {
    // The file succeeds but its bookkeeping row cannot be written: the file's work must go too.
    await writeFile(
      path.join(dir, '0001_sneaky.sql'),
      `create table sneaky (id int); insert into schema_migration (version, name) values (1, 'taken');`,
    );
    await expect(migrate(d.pool, dir)).rejects.toThrow(/0001_sneaky\.sql.*duplicate key/);
    expect(await tables(d.pool)).toEqual(['schema_migration']);
    expect((await d.pool.query('select count(*)::int as n from schema_migration')).rows[0].n).toBe(0);
  });

  it('refuses a badly named file instead of skipping it', async () => {
    await writeFile(path.join(dir, '0001_first.sql'), 'create table first_one (id int primary key);');
    await writeFile(path.join(dir, '2_Second.sql'), 'create table second_one (id int primary key);');
    await expect(migrate(d.pool, dir)).rejects.toThrow(/2_Second\.sql/);
    expect(await tables(d.pool)).not.toContain('first_one');
  });
});
