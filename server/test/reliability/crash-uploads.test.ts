import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness.js';
import { createPerson, sessionCookie } from '../sessions.js';
import { multipartBody } from '../documents.js';
import { freePort, ServerProcess } from '../server-process.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { LocalEncryptedBlobStore } from '../../src/platform/blobs.js';
import { record } from './figures.js';

/** How many kill -9 rounds: 3 in `npm test`, `npm run crash -- 1000` for the long run. */
const ROUNDS = Number(process.env.CARNET_CRASH_ROUNDS ?? 3);

/** Every file under the blob folder, temporary ones included. */
async function blobFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[])) {
    for (const f of await readdir(path.join(dir, shard)).catch(() => [] as string[])) out.push(f);
  }
  return out.sort();
}

/**
 * kill -9 of the real server while uploads are in flight, round after round, at a random moment each
 * time (some uploads half sent, some being written, some committed). After each restart: no upload
 * intent, no temporary file, exactly one blob per document and one document per blob, every blob
 * decrypts to the bytes that were sent, and every upload answered 201 is there.
 */
describe(`kill -9 during uploads, ${ROUNDS} rounds`, () => {
  let db: Db;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  let server: ServerProcess;
  const masterKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-crash-'));
    db = createDb(database.url, 3).db;
    server = new ServerProcess(await freePort(), () => ({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      MASTER_KEY: masterKey,
      SEED_DEMO: 'false',
      WORKERS: 'false',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    }));
  });
  afterAll(async () => {
    await server.kill();
    await db.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Sends one upload; resolves with its status, or null when the connection died first. */
  function upload(
    profileId: string,
    cookie: string,
    bytes: Buffer,
    sendAll: boolean,
  ): Promise<{ status: number | null; id?: string }> {
    const body = multipartBody(`f-${randomBytes(3).toString('hex')}.txt`, bytes);
    return new Promise((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/profiles/${profileId}/documents`,
        headers: { ...body.headers, cookie, 'content-length': body.payload.length },
      });
      req.on('error', () => resolve({ status: null }));
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? null,
            id: res.statusCode === 201 ? JSON.parse(text).document.id : undefined,
          }),
        );
        res.on('error', () => resolve({ status: null }));
      });
      if (sendAll) req.end(body.payload);
      else req.write(body.payload.subarray(0, Math.floor(body.payload.length * Math.random())));
    });
  }

  it(
    'leaves no partial document and no orphan blob after any restart',
    async () => {
      const blobs = new LocalEncryptedBlobStore(path.join(dataDir, 'blobs'), Buffer.from(masterKey, 'base64'));
      const person = await createPerson(db);
      const cookie = await sessionCookie(db, person.accountId);
      const checked = new Set<string>();
      let acknowledged = 0;
      let interrupted = 0;
      await server.start();
      for (let round = 0; round < ROUNDS; round++) {
        // From a few bytes to 2 MB: the small ones often commit before the kill, the big ones rarely.
        const files = Array.from({ length: 4 }, (_, i) =>
          Buffer.alloc(Math.floor(16 + Math.random() ** 3 * 2 * 1024 * 1024), `r${round}f${i} `),
        );
        const answers = files.map((f, i) => upload(person.profileId, cookie, f, i !== 3));
        // Kill at a random moment: before, during or after the blob writes and the commits.
        await new Promise((r) => setTimeout(r, Math.random() * 1500));
        await server.kill();
        const results = await Promise.all(answers);
        await server.start();

        const docs = await db.selectFrom('document').select(['id', 'blob_key', 'sha256', 'size_bytes']).execute();
        const intents = await db.selectFrom('document_upload').select('blob_key').execute();
        const files2 = await blobFiles(path.join(dataDir, 'blobs'));
        expect(intents, `round ${round}: upload intents left`).toEqual([]);
        expect(files2, `round ${round}: blobs without document or temporary files`).toEqual(
          docs.map((d) => d.blob_key).sort(),
        );
        for (const [i, r] of results.entries()) {
          if (r.status === 201) {
            acknowledged++;
            expect(
              docs.some((d) => d.id === r.id),
              `round ${round}: acknowledged upload lost`,
            ).toBe(true);
            const doc = docs.find((d) => d.id === r.id)!;
            expect(doc.sha256.equals(createHash('sha256').update(files[i]!).digest())).toBe(true);
          } else interrupted++;
        }
        // Every stored document decrypts to bytes whose hash is the one recorded (a whole file, not a part).
        for (const d of docs.filter((x) => !checked.has(x.id))) {
          checked.add(d.id);
          const plain = await blobs.get(d.blob_key);
          expect(plain.length).toBe(Number(d.size_bytes));
          expect(createHash('sha256').update(plain).digest().equals(d.sha256)).toBe(true);
        }
      }
      const documents = (await db.selectFrom('document').select('id').execute()).length;
      record('crash.uploads', {
        rounds: ROUNDS,
        uploads: ROUNDS * 4,
        acknowledged,
        interrupted,
        documents,
        partial: 0,
        orphans: 0,
      });
      // The server still works after the last restart.
      const ok = await upload(person.profileId, cookie, Buffer.from('encore vivant'), true);
      expect(ok.status).toBe(201);
    },
    60_000 + ROUNDS * 40_000,
  );
});
