import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../harness.js';
import { multipartBody } from '../documents.js';
import type { RouteEntry } from '../../src/app.js';
import { buildWorld, MATRIX_OPERATOR_TOKEN, roles, type World } from './roles.js';
import { contractFor } from './seed.js';
import { shapeOf } from './fuzz-requests.js';
import { record } from './figures.js';

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Cells where a feature refuses after the platform allowed: a rule decided in a service, outside the one
 * policy, and not journaled as a refusal. Listed so the suite shows them; each is an open question.
 */
const decidedOutsideThePolicy: Record<string, string> = {};

/**
 * Error codes of a rule on the resource itself, after the access decision allowed the route: the repository's
 * scope answers them (a professional releases only a document they deposited). Counted apart, never as leaks.
 */
const resourceRules: Record<string, string> = {
  PRO_NOT_AUTHOR: 'only its author lifts INVISIBLE_PATIENT (documents.releaseToPatient is scoped by author)',
};

/**
 * The request of one cell: the contract's example (or a body from the route's Zod schema), ids of the target's own
 * data.
 */
function requestFor(r: RouteEntry, target: World['profiles'][string]) {
  const def = contractFor(r.method, r.url);
  const ids = target.ids;
  const params: Record<string, string> = { ...(def?.example?.params ?? {}) };
  params.profileId = target.id;
  const kindOf = /\/medical\/(conditions|treatments|allergies|vaccinations|contacts)\//.exec(r.url)?.[1];
  if (r.url.includes('/documents/:id')) params.id = ids.document!;
  else if (r.url.includes('/measures/:kind/:id')) Object.assign(params, { kind: 'weight', id: ids.measure! });
  else if (kindOf) params.id = ids[kindOf]!;
  if (r.url.includes(':kind') && !params.kind) params.kind = 'weight';
  const url = r.url.replace(/:([A-Za-z]+)/g, (_, n: string) =>
    encodeURIComponent(params[n] ?? '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f'),
  );
  const query = def?.example?.query ? `?${new URLSearchParams(def.example.query)}` : '';
  if (def?.consumes?.includes('multipart/form-data')) {
    const file = multipartBody('matrice.txt', Buffer.from('matrice'));
    return { url: url + query, headers: file.headers, payload: file.payload };
  }
  const body = def?.example?.body ?? (r.schema.body ? shapeOf(r.schema.body).sample : undefined);
  return {
    url: url + query,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    payload: body === undefined ? undefined : JSON.stringify(body),
  };
}

/**
 * Every route that takes a `:profileId`, found in the route table, × every role (roles.ts) × its
 * declared action: the platform allows or refuses as the policy says, journals each refusal of a
 * signed-in person on the target's chain (access.refused, with the route) and each allowed access to
 * health data, and no answer holds a byte of another profile (names and the seeded markers).
 */
describe('access matrix: every profile route × every role', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let world: World;
  beforeAll(async () => {
    t = await testApp({ OPERATOR_TOKEN: MATRIX_OPERATOR_TOKEN });
    world = await buildWorld(t.app, t.db);
  }, 120_000);
  afterAll(async () => t.close());

  it('allows and refuses as the policy says, journals it, and leaks nothing', async () => {
    const routes = t.app.routeList
      .filter((r) => r.url.includes(':profileId'))
      // Reads, then writes, then deletions (a leaving representative last), so that no cell removes what another reads.
      .sort(
        (a, b) =>
          METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) ||
          Number(a.url.endsWith('/me')) - Number(b.url.endsWith('/me')),
      );
    const secretsOf = (key: string) => {
      const p = world.profiles[key]!;
      const person = Object.entries(world.people).find(([, x]) => x.profileId === p.id)?.[0];
      return [p.marker, ...(person ? [`Prenom${person}`, `NOM${person.toUpperCase()}`] : ['Prenomkid', 'NOMKID'])];
    };
    const cells: { role: string; route: string; result: string }[] = [];
    const failures: string[] = [];
    for (const role of roles) {
      const target = world.profiles[role.target]!;
      const others = Object.keys(world.profiles)
        .filter((k) => k !== role.target)
        .flatMap(secretsOf);
      for (const r of routes) {
        const expected = role.expect(r.access);
        const before = await lastSeq(t, target.id);
        const req = requestFor(r, target);
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: req.url,
          headers: { ...role.headers(world), ...req.headers },
          payload: req.payload,
        });
        const lines = await t.db
          .selectFrom('journal')
          .select(['action', 'detail', 'reason'])
          .where('chain_id', '=', target.id)
          .where(sql<boolean>`seq > ${before}`)
          .execute();
        const refused = lines.filter((l) => l.action === 'access.refused');
        const cell = `${role.name} × ${r.method} ${r.url}`;
        const body = res.body;
        for (const s of others) if (body.includes(s)) failures.push(`${cell}: answer holds another profile's ${s}`);
        for (const s of role.neverSees ?? []) if (body.includes(s)) failures.push(`${cell}: answer holds ${s}`);
        const code = res.statusCode === 403 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
        if (expected.allow && decidedOutsideThePolicy[cell] && res.statusCode === 403 && !refused.length) {
          cells.push({ role: role.name, route: `${r.method} ${r.url}`, result: 'refused by the feature 403' });
        } else if (expected.allow && code && resourceRules[code] && !refused.length) {
          cells.push({ role: role.name, route: `${r.method} ${r.url}`, result: `resource rule ${code}` });
        } else if (expected.allow) {
          if ([401, 403].includes(res.statusCode) || refused.length)
            failures.push(`${cell}: refused (${res.statusCode}) but allowed by the policy`);
          else if (res.statusCode < 300 && readsHealth(r.access) && lines.length === 0) {
            failures.push(`${cell}: ${res.statusCode} without a journal line`);
          } else if (res.statusCode < 300 && r.method === 'GET' && readsHealth(r.access) && role.reason) {
            if (!lines.some((l) => l.reason === role.reason))
              failures.push(`${cell}: no journal line with the reason ${role.reason}`);
          }
          cells.push({ role: role.name, route: `${r.method} ${r.url}`, result: `allow ${res.statusCode}` });
        } else {
          // A rate limit in front (password routes) may refuse an unnamed caller first: still a refusal.
          const throttled = res.statusCode === 429 && !expected.journaled;
          if (res.statusCode !== expected.status && !throttled)
            failures.push(`${cell}: ${res.statusCode}, expected ${expected.status}`);
          for (const s of secretsOf(role.target))
            if (body.includes(s)) failures.push(`${cell}: refused answer holds ${s}`);
          const route = `${r.method} ${r.url}`;
          const journaled = refused.some((l) => (l.detail as { route?: string }).route === route);
          if (expected.journaled && !journaled) failures.push(`${cell}: refusal not journaled`);
          if (!expected.journaled && lines.length)
            failures.push(`${cell}: journal lines written for an unnamed caller`);
          cells.push({ role: role.name, route, result: `deny ${res.statusCode}` });
        }
      }
    }
    const allowed = cells.filter((c) => c.result.startsWith('allow')).length;
    for (const [cell, why] of Object.entries(decidedOutsideThePolicy))
      console.log(`[matrix] decided outside the policy: ${cell}: ${why}`);
    const outcomes: Record<string, number> = {};
    for (const c of cells) outcomes[c.result] = (outcomes[c.result] ?? 0) + 1;
    console.log(
      `[matrix] ${cells.length} cells: ${routes.length} routes × ${roles.length} roles; ${allowed} allowed, ${cells.length - allowed} refused`,
    );
    record('access-matrix', {
      cells: cells.length,
      routes: routes.length,
      roles: roles.map((r) => r.name),
      allowed,
      refused: cells.length - allowed,
      outcomes,
      failures: failures.length,
      decidedOutsideThePolicy: Object.keys(decidedOutsideThePolicy),
    });
    expect(failures).toEqual([]);
    expect(cells.length).toBe(routes.length * roles.length);
  }, 300_000);
});

/** Routes whose allowed answers are accesses to health data, journaled: a person's health:*, a professional's read. */
function readsHealth(access: RouteEntry['access']): boolean {
  if (typeof access !== 'object' || access === null) return false;
  if ('profile' in access) return String(access.profile).startsWith('health:');
  return 'patient' in access && ['read', 'deposit', 'synthesis'].includes(access.patient);
}

async function lastSeq(t: Awaited<ReturnType<typeof testApp>>, chain: string): Promise<number> {
  const r = await t.db
    .selectFrom('journal')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('chain_id', '=', chain)
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}
