import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testApp } from '../../../test/harness.js';

describe('GET /api/health', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('answers ok when the database answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 when the database is gone', async () => {
    const other = await testApp();
    const name = new URL(other.platform.databaseUrl).pathname.slice(1);
    await other.platform.queue.stop();
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    // Cut every connection and rename the database: the next query of the pool cannot reconnect.
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
    await admin.query(`alter database ${name} rename to ${name}_gone`);
    try {
      const res = await other.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    } finally {
      await other.app.close();
      await other.platform.db.destroy().catch(() => {});
      await admin.query(`drop database if exists ${name}_gone with (force)`);
      await admin.end();
    }
  });

  it('publishes the OpenAPI document generated from the schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/health'].get.responses['503']).toBeDefined();
  });

  it('answers an unknown API path with a stable code and a French message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: "La page ou l'information demandée n'existe pas, ou plus. Revenez à l'accueil de votre espace.",
      },
    });
  });
});
