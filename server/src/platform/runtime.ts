import path from 'node:path';
import type { Config } from '../config.js';
import { createDb, type Db } from './db.js';
import { startEmbeddedPostgres, type EmbeddedDb } from './embedded-db.js';
import { migrate } from './migrate.js';
import { Queue } from './queue.js';
import { LocalEncryptedBlobStore } from './blobs.js';
import { deriveKey, loadMasterKey } from './keys.js';
import { loadJournalSigningKey } from './journal-signing.js';
import { useJournalSigningKey } from './journal.js';
import { startOutboxWorker } from './outbox.js';
import { transportsFrom } from './notify.js';
import type { Platform } from '../platform/platform.js';
import type pg from 'pg';

export interface Runtime extends Platform {
  pool: pg.Pool;
  embedded: EmbeddedDb | null;
  databaseUrl: string;
  /** Stops workers, closes the pool and stops the embedded server, in that order. */
  close(): Promise<void>;
}

/**
 * Starts everything the application needs besides HTTP: the database (embedded or DATABASE_URL),
 * migrations, the blob store, the job queue and, when WORKERS=true, the delivery workers.
 */
export async function startRuntime(config: Config, log: (msg: string) => void = () => {}): Promise<Runtime> {
  let embedded: EmbeddedDb | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(path.join(config.DATA_DIR, 'pg'), config.EMBEDDED_PG_PORT, (m) =>
      log(`postgres: ${m}`),
    );
    await embedded.createDatabase('carnet');
    databaseUrl = embedded.url('carnet');
  }
  const { db, pool } = createDb(databaseUrl);
  try {
    const applied = await migrate(pool);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
    const masterKey = await loadMasterKey(config);
    const journalKey = await loadJournalSigningKey(config);
    useJournalSigningKey(journalKey);
    const blobs = new LocalEncryptedBlobStore(config.BLOB_DIR, masterKey);
    await blobs.sweep();
    const queue = new Queue(databaseUrl);
    await queue.start();
    if (config.WORKERS) await startOutboxWorker(db, queue, transportsFrom(config));
    return {
      config,
      db,
      pool,
      queue,
      blobs,
      codeKey: deriveKey(masterKey, 'codes'),
      messageKey: deriveKey(masterKey, 'messages'),
      embedded,
      databaseUrl,
      async close() {
        await queue.stop();
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await db.destroy().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
}

export type { Db };
