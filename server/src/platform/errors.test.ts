import { sql } from 'kysely';
import { z } from 'zod';
import Fastify, { type FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog } from '../../../shared/src/errors.js';
import { testPlatform, type TestPlatform } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { AppError, installErrorHandling } from './errors.js';
import { loggerOptions } from './logger.js';
import { ErrorResponse } from './http.js';

const SECRET = 'secret-detail-NIR-184057505612345';

/** Routes that fail in every way a feature's route can, registered on the real application. */
const failingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/test/people',
    {
      config: { access: 'public' },
      schema: {
        body: z.object({ name: z.string().min(1), age: z.number().int().min(0) }),
        response: { 200: z.object({ name: z.string() }), 400: ErrorResponse },
      },
    },
    async (req) => ({ name: req.body.name }),
  );
  app.get(
    '/api/test/search',
    { config: { access: 'public' }, schema: { querystring: z.object({ page: z.coerce.number().int().min(1) }) } },
    async (req) => ({ page: req.query.page }),
  );
  app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error(`${SECRET} at the database layer`);
  });
  app.get('/api/test/conflict', { config: { access: 'public' } }, async () => {
    throw new AppError('CONFLICT');
  });
  app.get(
    '/api/test/wrong-shape',
    { config: { access: 'public' }, schema: { response: { 200: z.object({ id: z.uuid() }) } } },
    async () => ({ id: SECRET }) as never,
  );
};

let p: TestPlatform;
let app: FastifyInstance;
beforeAll(async () => {
  p = await testPlatform();
  app = await buildApp(p);
  await app.register(failingRoutes);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await p.close();
});

const csrf = { 'x-carnet-csrf': '1' };
const json = { ...csrf, 'content-type': 'application/json' };

function expectError(
  res: { statusCode: number; json(): unknown; body: string },
  status: number,
  code: keyof typeof errorCatalog,
) {
  expect(res.statusCode).toBe(status);
  expect(res.json()).toMatchObject({ error: { code, message: errorCatalog[code].message } });
}

describe('the error handler', () => {
  it('answers a malformed JSON body with 400 BAD_REQUEST, not 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: json,
      payload: '{"name": "Camille",',
    });
    expectError(res, 400, 'BAD_REQUEST');
    const empty = await app.inject({ method: 'POST', url: '/api/test/people', headers: json, payload: '' });
    expectError(empty, 400, 'BAD_REQUEST');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), age: 3 });
    const res = await app.inject({ method: 'POST', url: '/api/test/people', headers: json, payload });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: { ...csrf, 'content-type': 'application/xml' },
      payload: '<person/>',
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a schema violation with 400 VALIDATION_FAILED and the fields at fault', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: json,
      payload: { name: '', age: -1 },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    const fields = (res.json() as { error: { fields: { path: string; message: string }[] } }).error.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['body.age', 'body.name']);
    for (const f of fields) expect(f.message).toEqual(expect.any(String));

    const query = await app.inject({ method: 'GET', url: '/api/test/search?page=zero' });
    expectError(query, 400, 'VALIDATION_FAILED');
    expect(query.json()).toMatchObject({ error: { fields: [{ path: 'querystring.page' }] } });

    const ok = await app.inject({
      method: 'POST',
      url: '/api/test/people',
      headers: json,
      payload: { name: 'Camille', age: 40 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ name: 'Camille' });
  });

  it('answers an unexpected error with 500 INTERNAL and leaks neither its message nor its stack', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: errorCatalog.INTERNAL.message } });
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toMatch(/\.ts:\d+|stack|Error:/);
  });

  it('answers a response that does not match its schema with 500 INTERNAL, without the data', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/wrong-shape' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: errorCatalog.INTERNAL.message } });
    expect(res.body).not.toContain('secret');
  });

  it('answers an AppError with its status, stable code and French message', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/conflict' });
    expect(res.json()).toEqual({ error: { code: 'CONFLICT', message: errorCatalog.CONFLICT.message } });
    expect(res.statusCode).toBe(409);
  });

  it('answers an unknown API path with 404 NOT_FOUND, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/no/such/thing', headers: csrf });
      expectError(res, 404, 'NOT_FOUND');
    }
  });
});

describe('security headers', () => {
  it('are sent on pages, API answers and errors alike', async () => {
    for (const [url, status] of [
      ['/api/health', 200],
      ['/api/test/boom', 500],
      ['/api/nowhere', 404],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).toMatch(/object-src 'none'/);
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('adds HSTS in production only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const prod = await buildApp({ ...p, config: { ...p.config, NODE_ENV: 'production' } });
    try {
      await prod.ready();
      const r = await prod.inject({ method: 'GET', url: '/api/health' });
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await prod.close();
    }
  });
});

describe('the log of an unexpected error', () => {
  it('keeps the error type, code and stack, never the values PostgreSQL echoes in its detail', async () => {
    const lines: string[] = [];
    const logged = Fastify({
      logger: { ...(loggerOptions('error') as object), stream: { write: (l: string) => lines.push(l) } },
    });
    installErrorHandling(logged);
    // A real unique violation: PostgreSQL's detail repeats the value, « Key (key)=(…) already exists ».
    logged.get('/dup', async () => {
      await p.db.insertInto('auth_throttle').values({ key: SECRET }).execute();
      await p.db.insertInto('auth_throttle').values({ key: SECRET }).execute();
    });
    // A message that ends with the value: « invalid input syntax for type integer: "…" ».
    logged.get('/cast', async () => {
      await sql`select ${SECRET}::int`.execute(p.db);
    });
    await logged.ready();
    for (const [url, state] of [
      ['/dup', '23505'],
      ['/cast', '22P02'],
    ] as const) {
      lines.length = 0;
      const res = await logged.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(500);
      const line = lines.find((l) => l.includes('unexpected error'));
      expect(line, url).toBeDefined();
      expect(line, url).toContain(state);
      expect(line, url).toContain('at ');
      expect(line, url).not.toContain(SECRET);
    }
    await logged.close();
  });
});
