import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness.js';
import { createVerifiedPerson } from '../sessions.js';
import { otpOf } from '../identity.js';
import { multipartBody } from '../documents.js';
import { freePort, ServerProcess } from '../server-process.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { record } from './figures.js';

/** Minutes of soak: `npm run soak` (30), `npm run soak:short` (2). Not part of `npm test`. */
const MINUTES = Number(process.env.CARNET_SOAK_MINUTES ?? 0);
const PEOPLE = Number(process.env.CARNET_SOAK_PEOPLE ?? 200);
/** Each simulated person waits this long between two steps, as a person reading a page does. */
const THINK_MS = Number(process.env.CARNET_SOAK_THINK_MS ?? 3000);

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Soak: PEOPLE simulated people against one real server process for MINUTES, each signing in (password
 * and one-time code) and then going through every journey in a loop — medical profile and lists (add,
 * edit, delete), measures (add, history), documents (upload, list, download, delete), wishes, care
 * history, the synthesis PDF, their sessions — and signing in again now and then. Asserted: no error;
 * memory (RSS) drifts less than 10 % from the warm-up's end (every person has been through every journey
 * once: code compiled, pools and caches filled) to the end of the run. Reported: p50/p99 per minute.
 */
describe.runIf(MINUTES > 0)(`soak: ${PEOPLE} people for ${MINUTES} minutes`, () => {
  let db: Db;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-soak-'));
    db = createDb(database.url, 4).db;
    server = new ServerProcess(await freePort(), () => ({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      MASTER_KEY: randomBytes(32).toString('base64'),
      SEED_DEMO: 'false',
      WORKERS: 'true',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '100000000',
    }));
  });
  afterAll(async () => {
    await server.kill();
    await db.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'serves every journey with no error and a flat memory',
    async () => {
      await server.start();
      const people: Awaited<ReturnType<typeof createVerifiedPerson>>[] = [];
      for (let i = 0; i < PEOPLE; i++) people.push(await createVerifiedPerson(db));
      const started = Date.now();
      const end = started + MINUTES * 60_000;
      const latencies: number[][] = []; // per minute
      const errors: string[] = [];
      let requests = 0;

      const call = async (cookie: string, method: string, url: string, body?: unknown, expected = [200]) => {
        const t0 = performance.now();
        const multipart = body instanceof Buffer ? multipartBody('compte-rendu.txt', body) : null;
        const res = await fetch(`${server.url}${url}`, {
          method,
          headers: {
            cookie,
            ...(multipart
              ? multipart.headers
              : { 'x-carnet-csrf': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }),
          },
          body: multipart ? multipart.payload : body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(60_000),
        }).catch(
          (err: Error) =>
            ({
              status: 0,
              json: async () => ({}),
              headers: new Headers(),
              text: async () => err.message,
              arrayBuffer: async () => new ArrayBuffer(0),
            }) as const,
        );
        const minute = Math.floor((Date.now() - started) / 60_000);
        (latencies[minute] ??= []).push(performance.now() - t0);
        requests++;
        if (!expected.includes(res.status))
          errors.push(`${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} → ${res.status}`);
        return res;
      };
      const login = async (p: (typeof people)[number]) => {
        const a = (await (
          await call('', 'POST', '/api/auth/login', { username: p.username, password: p.password })
        ).json()) as { attemptId: string };
        await call('', 'POST', '/api/auth/login/code', { attemptId: a.attemptId, channel: 'email' });
        const code = await otpOf(db, p.email);
        const res = await call('', 'POST', '/api/auth/login/verify', { attemptId: a.attemptId, code });
        const setCookie = res.headers.get('set-cookie') ?? '';
        return /carnet_session=[^;]+/.exec(setCookie)?.[0] ?? '';
      };
      let warmedPeople = 0;
      let warmUpEnd = Infinity; // ms after the start when the last person has finished a first round
      const think = () => new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));

      const person = async (p: (typeof people)[number], index: number) => {
        await new Promise((r) => setTimeout(r, (index * THINK_MS) / PEOPLE)); // arrive spread out
        let cookie = await login(p);
        let warmed = false;
        const base = `/api/profiles/${p.profileId}`;
        for (let round = 0; Date.now() < end; round++) {
          const steps: (() => Promise<unknown>)[] = [
            () => call(cookie, 'GET', '/api/me'),
            () => call(cookie, 'GET', `${base}/medical`),
            async () => {
              const made = (await (
                await call(cookie, 'POST', `${base}/medical/conditions`, { name: `Sujet ${round}` }, [201])
              ).json()) as { item?: { id: string } };
              if (!made.item) return;
              await think();
              await call(cookie, 'PUT', `${base}/medical/conditions/${made.item.id}`, {
                name: `Sujet ${round} (modifié)`,
              });
              await call(cookie, 'GET', `${base}/medical/conditions`);
              await call(cookie, 'DELETE', `${base}/medical/conditions/${made.item.id}`, undefined, [204]);
            },
            () =>
              call(
                cookie,
                'POST',
                `${base}/medical/measures/weight`,
                { measuredAt: '2026-01-02T08:30', value: 60 + (round % 30) },
                [201],
              ),
            () => call(cookie, 'GET', `${base}/medical/measures/weight`),
            async () => {
              const up = (await (
                await call(cookie, 'POST', `${base}/documents`, Buffer.from(`Compte rendu ${round}\n`), [201])
              ).json()) as { document?: { id: string } };
              if (!up.document) return;
              await call(cookie, 'GET', `${base}/documents`);
              await call(cookie, 'GET', `${base}/documents/${up.document.id}/file`);
              await call(cookie, 'DELETE', `${base}/documents/${up.document.id}`, undefined, [204]);
            },
            () =>
              call(cookie, 'PUT', `${base}/medical/wishes`, { donationStance: round % 2 ? 'favorable' : 'undecided' }),
            () => call(cookie, 'GET', `${base}/medical/care`),
            () => call(cookie, 'GET', `${base}/medical/synthesis.pdf?sections=conditions,measures`),
            () => call(cookie, 'GET', '/api/me/sessions'),
          ];
          for (const step of steps) {
            if (Date.now() >= end) break;
            await step();
            await think();
          }
          if (round % 5 === 4) cookie = await login(p); // sign in again now and then (the login journey)
          if (!warmed && Date.now() < end) {
            warmed = true;
            if (++warmedPeople === PEOPLE) warmUpEnd = Date.now() - started;
          }
        }
      };

      const memory: { at: number; rss: number }[] = [];
      const sampler = setInterval(() => {
        void rssOf(server.child!.pid!).then((rss) => memory.push({ at: Date.now() - started, rss }));
      }, 5_000);
      await Promise.all(people.map(person));
      clearInterval(sampler);

      const perMinute = latencies.map((l, m) => ({
        minute: m + 1,
        requests: l.length,
        p50: Math.round(percentile(l, 50)),
        p99: Math.round(percentile(l, 99)),
      }));
      // After the warm-up (start-up, JIT, pools filling): the first and last fifths of the samples. A run
      // too short to leave at least 4 samples (20 s) after its warm-up proves nothing and fails.
      const steady = memory.filter((s) => s.at >= warmUpEnd);
      const fifth = Math.max(1, Math.floor(steady.length / 5));
      const mean = (xs: { rss: number }[]) => xs.reduce((a, b) => a + b.rss, 0) / xs.length;
      const drift =
        steady.length >= 4
          ? (mean(steady.slice(-fifth)) - mean(steady.slice(0, fifth))) / mean(steady.slice(0, fifth))
          : NaN;
      const distinctErrors = [...new Set(errors)];
      // The long run (npm run soak) keeps its figures apart from the short one that npm test runs.
      record(MINUTES >= 10 ? 'soak.long' : 'soak', {
        minutes: MINUTES,
        people: PEOPLE,
        thinkMs: THINK_MS,
        requests,
        errors: errors.length,
        errorKinds: distinctErrors.slice(0, 20),
        perMinute,
        warmUpSeconds: Number.isFinite(warmUpEnd) ? Math.round(warmUpEnd / 1000) : 'never ended',
        steadySamples: steady.length,
        rssMiB: {
          first: Math.round(mean(steady.slice(0, fifth)) / 1048576),
          last: Math.round(mean(steady.slice(-fifth)) / 1048576),
        },
        memoryDriftPercent: Math.round(drift * 1000) / 10,
        passed: distinctErrors.length === 0 && drift < 0.1, // NaN (no steady window) fails
      });
      expect(distinctErrors).toEqual([]);
      expect(drift).toBeLessThan(0.1);
    },
    (MINUTES + 10) * 60_000,
  );
});
