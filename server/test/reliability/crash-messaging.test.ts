import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness.js';
import { proSessionCookie, sessionCookie } from '../sessions.js';
import { createPatient, createProfessional, sendForm } from '../messaging.js';
import { multipartBody } from '../documents.js';
import { freePort, ServerProcess } from '../server-process.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { LocalEncryptedBlobStore } from '../../src/platform/blobs.js';
import { record } from './figures.js';

/** How many kill -9 rounds: 3 in `npm test`; more with CARNET_CRASH_MSG_ROUNDS (`npm run crash` sets it). */
const ROUNDS = Number(process.env.CARNET_CRASH_MSG_ROUNDS ?? process.env.CARNET_CRASH_ROUNDS ?? 3);

async function blobFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const shard of await readdir(dir).catch(() => [] as string[])) {
    for (const f of await readdir(path.join(dir, shard)).catch(() => [] as string[])) out.push(f);
  }
  return out.sort();
}

/** Text attachments of a few bytes to 2 MB (the small ones often commit before the kill, the big ones rarely). */
const attachment = (tag: string) => Buffer.alloc(Math.floor(16 + Math.random() ** 3 * 2 * 1024 * 1024), `${tag} `);

/**
 * kill -9 of the real server (main.ts in a child process, with its SMTP endpoint) while messages with
 * attachments arrive from every side at once — the professional's portal, the patient's reply, a file
 * kept with the patient's draft, and a mail over SMTP (STARTTLS, AUTH) — at a random moment each round.
 * After each restart: no upload intent, every blob named by exactly one attachment or draft file and every
 * such row by its blob, no message whose attachment count differs from its rows (no partial message),
 * every acknowledged message there, every blob decrypting to the bytes recorded.
 */
describe(`kill -9 during messages with attachments (portal and SMTP), ${ROUNDS} rounds`, () => {
  let db: Db;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  let server: ServerProcess;
  let smtpPort: number;
  const masterKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-crash-msg-'));
    db = createDb(database.url, 3).db;
    smtpPort = await freePort();
    server = new ServerProcess(await freePort(), () => ({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      MASTER_KEY: masterKey,
      SEED_DEMO: 'false',
      WORKERS: 'false',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SMTP_INTAKE_PORT: String(smtpPort),
    }));
  });
  afterAll(async () => {
    await server.kill();
    await db.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** One HTTP request with a multipart body; its status and JSON, or null when the connection died. */
  function post(
    url: string,
    cookie: string,
    body: { payload: Buffer; headers: Record<string, string> },
  ): Promise<{ status: number | null; json?: Record<string, unknown> }> {
    return new Promise((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: url,
        headers: { ...body.headers, cookie, 'content-length': body.payload.length },
      });
      req.on('error', () => resolve({ status: null }));
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? null, json: text ? JSON.parse(text) : undefined }));
        res.on('error', () => resolve({ status: null }));
      });
      req.end(body.payload);
    });
  }

  const state = async () => ({
    messages: await db.selectFrom('message').select(['id', 'attachment_count', 'source']).execute(),
    attachments: await db
      .selectFrom('message_attachment')
      .select(['message_id', 'blob_key', 'sha256', 'size_bytes'])
      .execute(),
    draftFiles: await db.selectFrom('message_draft_file').select(['blob_key', 'sha256', 'size_bytes']).execute(),
    intents: await db.selectFrom('message_upload').select('blob_key').execute(),
    files: await blobFiles(path.join(dataDir, 'blobs')),
  });

  it(
    'leaves no partial message and no orphan blob after any restart',
    async () => {
      await server.start();
      const blobs = new LocalEncryptedBlobStore(path.join(dataDir, 'blobs'), Buffer.from(masterKey, 'base64'));
      const patient = await createPatient(db, { firstName: 'Crash', lastName: 'Essai' });
      const cookie = await sessionCookie(db, patient.accountId);
      const pro = await createProfessional(db, { firstName: 'Anne', lastName: 'Thomas' });
      const proCookie = await proSessionCookie(db, pro.id);
      const to = `${patient.nir.toLowerCase()}@patient.carnet.localhost`;
      // The conversation exists before the rounds, so the patient can reply from the first one.
      const first = await post('/api/pro/messaging/messages', proCookie, {
        ...sendForm({ nir: patient.nir, birthDate: patient.birthDate, subject: 'Bonjour', body: 'Premier' }),
      });
      expect(first.status).toBe(201);
      const conversationId = first.json!.conversationId as string;
      const base = `/api/profiles/${patient.profileId}/messaging/conversations/${conversationId}`;
      // Draft files go to another professional's conversation: a reply sent drops its own draft by design.
      const other = await createProfessional(db, { firstName: 'Paul', lastName: 'Durand' });
      const second = await post('/api/pro/messaging/messages', await proSessionCookie(db, other.id), {
        ...sendForm({ nir: patient.nir, birthDate: patient.birthDate, subject: 'Bonjour', body: 'Second' }),
      });
      expect(second.status).toBe(201);
      const draftBase = `/api/profiles/${patient.profileId}/messaging/conversations/${second.json!.conversationId}`;
      const cred = await post('/api/pro/messaging/smtp-credential', proCookie, {
        payload: Buffer.from('{}'),
        headers: { 'content-type': 'application/json', 'x-carnet-csrf': '1' },
      });
      expect(cred.status).toBe(201);
      const cert = await readFile(path.join(dataDir, 'smtp-intake.crt'), 'utf8');

      const checked = new Set<string>();
      let acknowledged = 0;
      let interrupted = 0;
      let smtpAcked = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const mailer = nodemailer.createTransport({
          host: '127.0.0.1',
          port: smtpPort,
          secure: false,
          requireTLS: true,
          tls: { ca: cert, servername: 'localhost' },
          auth: { user: cred.json!.username as string, pass: cred.json!.password as string },
        });
        const proForm = sendForm({ conversationId, subject: `Portail ${round}`, body: 'Ci-joint' }, [
          { name: 'cr.txt', bytes: attachment(`p${round}a`) },
          { name: 'cr2.txt', bytes: attachment(`p${round}b`) },
        ]);
        const replyForm = sendForm({ subject: `Re ${round}`, body: 'Merci' }, [
          { name: 'r.txt', bytes: attachment(`r${round}`) },
        ]);
        const kept = multipartBody('brouillon.txt', attachment(`d${round}`));
        const subject = `SMTP ${round}`;
        const answers = [
          post('/api/pro/messaging/messages', proCookie, proForm).then((r) => ({
            kind: 'portal',
            ok: r.status === 201,
            id: r.json?.messageId,
          })),
          post(`${base}/messages`, cookie, replyForm).then((r) => ({
            kind: 'reply',
            ok: r.status === 201,
            id: r.json?.messageId,
          })),
          post(`${draftBase}/draft/files`, cookie, kept).then((r) => ({
            kind: 'draft',
            ok: r.status === 201,
            id: r.json?.id,
          })),
          mailer
            .sendMail({
              from: pro.mssante_address!,
              to,
              subject,
              text: 'Compte rendu ci-joint.',
              attachments: [
                { filename: 'smtp-a.txt', content: attachment(`s${round}a`) },
                { filename: 'smtp-b.txt', content: attachment(`s${round}b`) },
              ],
            })
            .then(
              (info) => ({ kind: 'smtp', ok: info.accepted.length === 1, id: subject }),
              () => ({ kind: 'smtp', ok: false, id: subject }),
            ),
        ];
        await new Promise((r) => setTimeout(r, Math.random() * 1500));
        await server.kill();
        const results = await Promise.all(answers);
        mailer.close();
        await server.start();

        const s = await state();
        expect(s.intents, `round ${round}: upload intents left`).toEqual([]);
        expect(s.files, `round ${round}: blobs without a row, or temporary files`).toEqual(
          [...s.attachments, ...s.draftFiles].map((a) => a.blob_key).sort(),
        );
        for (const m of s.messages) {
          const rows = s.attachments.filter((a) => a.message_id === m.id).length;
          expect(rows, `round ${round}: message ${m.id} stored with part of its attachments`).toBe(m.attachment_count);
        }
        for (const r of results) {
          if (!r.ok) {
            interrupted++;
            continue;
          }
          acknowledged++;
          if (r.kind === 'draft')
            expect(
              await db
                .selectFrom('message_draft_file')
                .select('id')
                .where('id', '=', r.id as string)
                .execute(),
            ).toHaveLength(1);
          else if (r.kind === 'smtp') smtpAcked++;
          else
            expect(
              s.messages.some((m) => m.id === r.id),
              `round ${round}: acknowledged ${r.kind} lost`,
            ).toBe(true);
        }
        expect(
          s.messages.filter((m) => m.source === 'smtp').length,
          `round ${round}: acknowledged mail lost`,
        ).toBeGreaterThanOrEqual(smtpAcked);
        for (const a of [...s.attachments, ...s.draftFiles].filter((x) => !checked.has(x.blob_key))) {
          checked.add(a.blob_key);
          const plain = await blobs.get(a.blob_key);
          expect(plain.length).toBe(Number(a.size_bytes));
          expect(createHash('sha256').update(plain).digest().equals(a.sha256)).toBe(true);
        }
        // The draft emptied through the API (a draft holds 10 files at most); its blobs go with it.
        const emptied = await fetch(`${server.url}${draftBase}/draft`, {
          method: 'DELETE',
          headers: { cookie, 'x-carnet-csrf': '1' },
        });
        expect([204, 404]).toContain(emptied.status);
      }

      // Then on purpose: killed right after the upload intents are committed, while the blobs are being
      // written (if the send wins the race and commits, the attempt is made again), for each way in.
      const caughtBy: Record<string, boolean> = {};
      const ways: Record<string, () => Promise<unknown>> = {
        portal: () =>
          post(
            '/api/pro/messaging/messages',
            proCookie,
            sendForm({ conversationId, subject: 'Gros', body: 'Ci-joint' }, [
              { name: 'a.txt', bytes: Buffer.alloc(4 * 1024 * 1024, 'a') },
              { name: 'b.txt', bytes: Buffer.alloc(4 * 1024 * 1024, 'b') },
            ]),
          ),
        smtp: () => {
          const mailer = nodemailer.createTransport({
            host: '127.0.0.1',
            port: smtpPort,
            secure: false,
            requireTLS: true,
            tls: { ca: cert, servername: 'localhost' },
            auth: { user: cred.json!.username as string, pass: cred.json!.password as string },
          });
          return mailer
            .sendMail({
              from: pro.mssante_address!,
              to,
              subject: 'Gros',
              text: 'Ci-joint',
              attachments: [
                { filename: 'a.txt', content: Buffer.alloc(3 * 1024 * 1024, 'a') },
                { filename: 'b.txt', content: Buffer.alloc(3 * 1024 * 1024, 'b') },
              ],
            })
            .catch(() => {})
            .finally(() => mailer.close());
        },
      };
      for (const [way, send] of Object.entries(ways)) {
        caughtBy[way] = false;
        for (let attempt = 0; attempt < 8 && !caughtBy[way]; attempt++) {
          const before = (await state()).messages.length;
          const sending = send();
          const deadline = Date.now() + 30_000;
          while (Date.now() < deadline) {
            if ((await db.selectFrom('message_upload').select('blob_key').execute()).length) break;
            await new Promise((r) => setTimeout(r, 1));
          }
          await server.kill();
          await sending;
          const dead = await state();
          caughtBy[way] = dead.intents.length > 0 && dead.messages.length === before;
          await server.start();
          const s = await state();
          expect(s.intents, `${way}: intents left after restart`).toEqual([]);
          expect(s.files, `${way}: blobs without a row after restart`).toEqual(
            [...s.attachments, ...s.draftFiles].map((a) => a.blob_key).sort(),
          );
        }
        expect(caughtBy[way], `${way}: never killed between the intents and the commit`).toBe(true);
      }

      const s = await state();
      expect(s.files).toEqual(s.attachments.map((a) => a.blob_key).sort());
      for (const m of s.messages)
        expect(s.attachments.filter((a) => a.message_id === m.id).length).toBe(m.attachment_count);
      record('crash.messaging', {
        rounds: ROUNDS,
        sends: ROUNDS * 4,
        acknowledged,
        interrupted,
        messages: s.messages.length,
        attachments: s.attachments.length + s.draftFiles.length,
        partial: 0,
        orphans: 0,
        killedMidIntake: caughtBy,
      });
    },
    ROUNDS * 60_000 + 300_000,
  );
});
