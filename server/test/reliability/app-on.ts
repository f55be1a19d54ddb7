import { loadConfig } from '../../src/config.js';
import { createDb } from '../../src/platform/db.js';
import { Queue } from '../../src/platform/queue.js';
import { LocalEncryptedBlobStore } from '../../src/platform/blobs.js';
import { deriveKey } from '../../src/platform/keys.js';
import { buildApp } from '../../src/app.js';

/** An app over an existing database and data folder (the restored ones). */
export async function testAppOn(url: string, dataDir: string, masterKey: string) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    MASTER_KEY: masterKey,
    WORKERS: 'false',
  });
  const { db } = createDb(url, 3);
  const queue = new Queue(url);
  await queue.start();
  const blobs = new LocalEncryptedBlobStore(config.BLOB_DIR, Buffer.from(masterKey, 'base64'));
  const app = await buildApp({
    config,
    db,
    queue,
    blobs,
    codeKey: deriveKey(Buffer.from(masterKey, 'base64'), 'codes'),
    messageKey: deriveKey(Buffer.from(masterKey, 'base64'), 'messages'),
  });
  await app.ready();
  return {
    app,
    db,
    async close() {
      await app.close();
      await queue.stop();
      await db.destroy();
    },
  };
}
