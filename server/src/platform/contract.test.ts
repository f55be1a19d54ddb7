import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';

describe('one route contract (issue 9 item 3)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ OPERATOR_TOKEN: 'o'.repeat(40) });
  });
  afterAll(async () => t.close());

  it('every API route comes from the shared contract: it has an operationId, unique', () => {
    const api = t.app.routeList.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json');
    expect(api.length).toBeGreaterThan(50);
    expect(api.filter((r) => !r.operationId).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const ids = api.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the OpenAPI document names every operation and the security each needs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId?: string; security?: Record<string, string[]>[] }>>;
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
    };
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'x-carnet-csrf' },
      operatorBearer: { type: 'http', scheme: 'bearer' },
    });
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((o) => !o.op.operationId).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(ops.filter((o) => !Array.isArray(o.op.security)).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const documents = doc.paths['/api/profiles/{profileId}/documents']!;
    expect(documents.get!.security).toEqual([{ session: [] }]);
    expect(documents.post!.security).toEqual([{ session: [], csrfHeader: [] }]);
    expect(doc.paths['/api/operator/enrolments']!.post!.security).toEqual([{ operatorBearer: [] }]);
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
  });
});
