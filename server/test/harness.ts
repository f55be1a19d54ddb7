import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { createDb, type Db } from '../src/platform/db.js';
import { Queue } from '../src/platform/queue.js';
import { LocalEncryptedBlobStore } from '../src/platform/blobs.js';
import { deriveKey } from '../src/platform/keys.js';
import { loadJournalSigningKey } from '../src/platform/journal-signing.js';
import { useJournalSigningKey } from '../src/platform/journal.js';
import { buildApp, type Platform } from '../src/app.js';
import { withDatabase } from './global-setup.js';

/** Creates a database of its own for the calling test file, cloned from the migrated template. */
export async function freshDatabase(prefix = 't'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const adminUrl = inject('pgAdminUrl');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * One journal signing key per test process, written into every test platform's DATA_DIR: the journal
 * signs with a process-wide key, so two platforms of one file (and the CLI they spawn) must share it.
 */
const JOURNAL_SEED = randomBytes(32).toString('base64');

export interface TestPlatform extends Platform {
  pool: pg.Pool;
  databaseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A whole platform on a fresh database and a temporary data folder, as main.ts would build it, minus
 * the workers (tests start those themselves when they need them).
 */
export async function testPlatform(overrides: Partial<Record<string, string>> = {}): Promise<TestPlatform> {
  const database = await freshDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-test-'));
  await writeFile(path.join(dataDir, 'journal-signing.key'), `${JOURNAL_SEED}\n`, { mode: 0o600 });
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    MASTER_KEY: randomBytes(32).toString('base64'),
    // Production requires the key in the environment; elsewhere it is read from DATA_DIR.
    ...(overrides.NODE_ENV === 'production' ? { JOURNAL_SIGNING_KEY: JOURNAL_SEED } : {}),
    WORKERS: 'false',
    ...overrides,
  });
  useJournalSigningKey(await loadJournalSigningKey(config));
  const { db, pool } = createDb(database.url, 5);
  const queue = new Queue(database.url);
  await queue.start();
  const blobs = new LocalEncryptedBlobStore(config.BLOB_DIR, Buffer.from(config.MASTER_KEY, 'base64'));
  return {
    config,
    db,
    pool,
    queue,
    blobs,
    codeKey: deriveKey(Buffer.from(config.MASTER_KEY, 'base64'), 'codes'),
    messageKey: deriveKey(Buffer.from(config.MASTER_KEY, 'base64'), 'messages'),
    databaseUrl: database.url,
    dataDir,
    async close() {
      await queue.stop();
      await db.destroy();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Fastify app over a test platform, for app.inject(). */
export async function testApp(overrides: Partial<Record<string, string>> = {}) {
  const platform = await testPlatform(overrides);
  const app = await buildApp(platform);
  await app.ready();
  return {
    app,
    platform,
    db: platform.db as Db,
    async close() {
      await app.close();
      await platform.close();
    },
  };
}
