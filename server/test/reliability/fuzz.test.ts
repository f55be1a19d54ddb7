import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness.js';
import { testAppOn } from './app-on.js';
import { createPerson, sessionCookie } from '../sessions.js';
import { freePort, ServerProcess } from '../server-process.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { requestArbitrary, type FuzzRequest } from './fuzz-requests.js';
import { seedEverySection } from './seed.js';
import { record } from './figures.js';

const REQUESTS = Number(process.env.CARNET_FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.CARNET_FUZZ_SEED ?? 20261201);
const NIR = '284127512345619';
const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+/;

function send(port: number, agent: http.Agent, req: FuzzRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    let r: http.ClientRequest;
    try {
      r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d.length < 100_000 ? d : ''));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve({ status: -1, body }));
      });
    } catch {
      return resolve({ status: -2, body: 'refused by the client' }); // a path Node will not send
    }
    r.on('error', (err) => resolve({ status: -1, body: err.message }));
    r.setTimeout(60_000, () => r.destroy(new Error('timeout')));
    r.end(req.body);
  });
}

/**
 * The route contract fuzzed against the real server process, as a signed-in person on their own
 * profile: 0 answers 5xx, 0 stack traces in answers, and pino's output (captured to a file) never holds
 * the NIR, the password, the provisional code or the session token planted in the requests.
 */
describe(`fuzzing every route, ${REQUESTS} requests (seed ${SEED})`, () => {
  let db: Db;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  let server: ServerProcess;
  let logFile: string;
  const masterKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-fuzz-'));
    logFile = path.join(dataDir, 'server.log');
    db = createDb(database.url, 2).db;
    server = new ServerProcess(
      await freePort(),
      () => ({
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        MASTER_KEY: masterKey,
        SEED_DEMO: 'false',
        WORKERS: 'false',
        LOG_LEVEL: 'info',
        NODE_ENV: 'test',
        RATE_LIMIT_PER_MINUTE: '100000000',
      }),
      'server/src/main.ts',
      logFile,
    );
  });
  afterAll(async () => {
    await server.kill();
    await db.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'answers no 5xx and no stack trace, and logs no secret',
    async () => {
      const person = await createPerson(db, { password: 'Mot-de-passe-planté-9731' });
      await db.updateTable('profile').set({ nir: NIR }).where('id', '=', person.profileId).execute();
      let cookie = await sessionCookie(db, person.accountId);
      const token = cookie.split('=')[1]!;
      const code = 'K7QM-3XPD-9HTW';
      // The route table and seeded data come from an in-process app over the same database.
      const t = await testAppOn(database.url, dataDir, masterKey);
      const routes = t.app.routeList.filter((r) => r.url !== '/api/logout');
      await seedEverySection(t.app, db, person.profileId, cookie, 'fuzz');
      await t.close();
      await server.start();

      const secrets = [NIR, person.password, code, token];
      const requests = fc.sample(requestArbitrary(routes, { profileId: person.profileId, cookie, secrets }), {
        seed: SEED,
        numRuns: REQUESTS,
      });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
      const statuses: Record<string, number> = {};
      const fiveHundreds: { req: FuzzRequest; status: number; body: string }[] = [];
      const stacks: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const req = { ...requests[next++]!, headers: { ...requests[next - 1]!.headers, cookie } };
          const res = await send(server.port, agent, req);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (STACK.test(res.body)) stacks.push(`${req.route} ${req.mutation}: ${res.body.slice(0, 200)}`);
          if (res.status >= 500) fiveHundreds.push({ req, status: res.status, body: res.body.slice(0, 200) });
          // A route that ended the session (password change…): sign in again, as a person would.
          if (res.status === 401 && req.route.includes(':profileId'))
            cookie = await sessionCookie(db, person.accountId);
          if (res.status === -1 && server.child?.exitCode !== null)
            throw new Error(`the server died: ${server.output.slice(-2000)}`);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      agent.destroy();
      await server.kill();

      const log = await readFile(logFile, 'utf8');
      if (process.env.CARNET_FUZZ_KEEP_LOG)
        await (await import('node:fs/promises')).copyFile(logFile, process.env.CARNET_FUZZ_KEEP_LOG);
      const name = (s: string) =>
        s === NIR ? 'NIR' : s === person.password ? 'password' : s === code ? 'code' : 'token';
      // A secret typed into a path segment is logged with the URL: the NIR, codes and token-like segments are
      // masked there (issue 14 item 7), counted apart so a failure says where. Anywhere else in a log line fails.
      const withoutUrls = log.replace(/"url":"(?:[^"\\]|\\.)*"/g, '"url":""');
      const leaked = secrets.filter((s) => withoutUrls.includes(s)).map(name);
      const inPaths = secrets.filter((s) => log.includes(s) && !withoutUrls.includes(s)).map(name);
      const routesHit = new Set(requests.map((r) => r.route)).size;
      record('fuzz', {
        seed: SEED,
        requests: requests.length,
        routes: routesHit,
        statuses,
        fiveHundreds: fiveHundreds.length,
        stackTraces: stacks.length,
        logLines: log.split('\n').length,
        secretsInLogs: leaked,
        secretsInLoggedPaths: inPaths,
      });
      for (const f of fiveHundreds.slice(0, 10))
        console.log(
          `[fuzz] ${f.status} ${f.req.route} (${f.req.mutation}): ${f.req.method} ${f.req.path.slice(0, 200)} ${String(f.req.body ?? '').slice(0, 300)} → ${f.body}`,
        );
      expect(routesHit).toBe(routes.length);
      expect(fiveHundreds.map((f) => `${f.req.route} ${f.req.mutation}`)).toEqual([]);
      expect(stacks).toEqual([]);
      expect(leaked).toEqual([]);
      expect(inPaths).toEqual([]);
    },
    120_000 + REQUESTS * 100,
  );
});
