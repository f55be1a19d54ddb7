import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testPlatform, type TestPlatform } from '../../test/harness.js';
import { Browser, location, throughProvider } from '../../test/pro-oidc.js';
import { PRO_SESSION_COOKIE } from './professional-session.js';

/** Two app nodes over one database, as behind nginx: each request goes to the next node. */
function roundRobin(apps: FastifyInstance[]): FastifyInstance {
  let i = 0;
  return { inject: (opts: InjectOptions) => apps[i++ % apps.length]!.inject(opts) } as unknown as FastifyInstance;
}

/**
 * What a cluster of app nodes must share through PostgreSQL rather than hold in one process (issue 14
 * §1): request limits, and the bundled OpenID provider's records and signing key.
 */
describe('two app nodes over one database', () => {
  let platform: TestPlatform;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    platform = await testPlatform({ RATE_LIMIT_PER_MINUTE: '4', TRUST_PROXY: '127.0.0.1' });
    a = await buildApp(platform);
    b = await buildApp(platform);
    await Promise.all([a.ready(), b.ready()]);
    await platform.db
      .insertInto('professional')
      .values({ rpps: '10101010101', profession_code: '10', first_name: 'Paul', last_name: 'Martin' })
      .execute();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await platform.close();
  });

  // Fails with the plugin's memory store: each node counts 3 of the 6 requests and lets them all through.
  it('count one address against one limit across nodes', async () => {
    const lb = roundRobin([a, b]);
    const login = (address: string) =>
      lb.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-carnet-csrf': '1', 'x-forwarded-for': address },
        payload: { username: 'personne', password: 'pas-le-bon-mot-de-passe' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login('203.0.113.7')).statusCode);
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Behind the trusted proxy, another person's address has its own counter.
    expect((await login('198.51.100.9')).statusCode).not.toBe(429);
  });

  // Fails with a key generated per process: the two nodes publish different keys.
  it('publish the same OpenID signing key from every node', async () => {
    const jwks = async (app: FastifyInstance) =>
      (await app.inject({ method: 'GET', url: '/oidc/jwks', headers: { host: 'localhost:3000' } })).json();
    const [ka, kb] = [await jwks(a), await jwks(b)];
    expect(ka.keys).toHaveLength(1);
    expect(kb).toEqual(ka);
  });

  // Fails with oidc-provider's memory adapter: no record reaches PostgreSQL, so a node in another process
  // would not find the interaction another node started.
  it('finish a professional sign-in whose steps each reach another node', async () => {
    const browser = new Browser(roundRobin([a, b]));
    const callback = await throughProvider(browser, { rpps: '10101010101' });
    const done = await browser.get(callback);
    expect(done.statusCode).toBe(303);
    expect(location(done)).toBe('/pro');
    expect(browser.jar.get(PRO_SESSION_COOKIE)).toBeTruthy();
    const models = await platform.db.selectFrom('oidc_record').select('model').distinct().execute();
    expect(models.map((m) => m.model)).toEqual(expect.arrayContaining(['AuthorizationCode', 'Session', 'Grant']));
  });
});
