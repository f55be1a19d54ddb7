import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { multipartBody } from '../../../test/documents.js';
import { createDb, type Db } from '../../platform/db.js';

/** Every file under the blob folder, temporary ones included. */
async function blobFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[]))
    for (const f of await readdir(path.join(dir, shard)).catch(() => [] as string[])) out.push(f);
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server in a child process (main.ts: migrations, blob sweep, routes and their start-up
 * recovery), killed with SIGKILL in the middle of uploads, then started again.
 */
describe('a server killed during an upload', () => {
  let db: Db;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  let port: number;
  let child: ChildProcess | null = null;
  const env = () => ({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    MASTER_KEY: masterKey,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    WORKERS: 'false',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const masterKey = randomBytes(32).toString('base64');

  async function start(): Promise<void> {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...process.env, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Carnet is ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    });
  }
  async function kill(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    child = null;
  }
  /** Sends the headers and the first `sent` bytes of an upload; returns the request to abandon. */
  function beginUpload(profileId: string, cookie: string, body: ReturnType<typeof multipartBody>, sent: number) {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/profiles/${profileId}/documents`,
      headers: { ...body.headers, cookie, 'content-length': body.payload.length },
    });
    req.on('error', () => {});
    req.write(body.payload.subarray(0, sent));
    return req;
  }
  const state = async () => ({
    documents: (await db.selectFrom('document').select('id').execute()).length,
    intents: (await db.selectFrom('document_upload').select('blob_key').execute()).length,
    files: await blobFiles(path.join(dataDir, 'blobs')),
  });

  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-crash-'));
    port = await freePort();
    db = createDb(database.url, 3).db;
  });
  afterAll(async () => {
    await kill();
    await db.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('killed while the body arrives, or between the blob and its row: after restart, no document, no intent, no blob', async () => {
    await start();
    const person = await createPerson(db);
    const cookie = await sessionCookie(db, person.accountId);
    const file = multipartBody('gros.txt', Buffer.alloc(5 * 1024 * 1024, 'x'));

    // 1. Half the body sent, then the process dies.
    beginUpload(person.profileId, cookie, file, file.payload.length / 2);
    await new Promise((r) => setTimeout(r, 300));
    await kill();
    await start();
    expect(await state()).toEqual({ documents: 0, intents: 0, files: [] });

    // 2. The whole body sent; killed as soon as the upload intent is committed, while the blob is being
    //    written. If the upload won the race and committed, it is deleted and the attempt made again.
    let caught = false;
    for (let attempt = 0; attempt < 8 && !caught; attempt++) {
      const req = beginUpload(person.profileId, cookie, file, file.payload.length);
      req.end();
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        if ((await db.selectFrom('document_upload').select('blob_key').execute()).length) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      await kill();
      const after = await state();
      caught = after.intents === 1 && after.documents === 0;
      if (!caught) {
        await db.deleteFrom('document').execute();
        await rm(path.join(dataDir, 'blobs'), { recursive: true, force: true });
      }
      await start();
    }
    expect(caught).toBe(true);
    // The restarted server undid it: the intent, and the blob or its temporary file, are gone.
    expect(await state()).toEqual({ documents: 0, intents: 0, files: [] });

    // 3. And the server still works: an upload now lands whole, row and blob together.
    const res = await fetch(`http://127.0.0.1:${port}/api/profiles/${person.profileId}/documents`, {
      method: 'POST',
      headers: { ...file.headers, cookie },
      body: file.payload,
    });
    expect(res.status).toBe(201);
    const done = await state();
    expect([done.documents, done.intents, done.files.length]).toEqual([1, 0, 1]);
  }, 240_000);
});
