import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from '../src/app.js';

/** Someone who must get nothing of a profile: a cookie (or none: a logged-out visitor) and a name for reports. */
export interface Outsider {
  name: string;
  cookie: string | null;
}

export interface SweepResult {
  calls: number;
  failures: string[];
}

const FILLER = '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';

/** A request built from the route's contract: its example (params, query, body), the target profile put in. */
export function requestFor(route: RouteEntry, profileId: string) {
  const ex = route.example ?? {};
  const params: Record<string, string> = { ...ex.params, profileId };
  const path = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? FILLER));
  const query = new URLSearchParams(ex.query ?? {}).toString();
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return {
    method: route.method,
    url: query ? `${path}?${query}` : path,
    payload: hasBody ? (ex.body ?? {}) : undefined,
  };
}

/**
 * Calls every route with `:profileId` as each outsider, on each target profile, with a request that would
 * pass validation, and reports every answer that is not a refusal (401, 403, 404) or that carries one of
 * `secrets` (names, health entries, file contents of the targets).
 */
export async function sweep(
  app: FastifyInstance,
  routes: RouteEntry[],
  outsiders: Outsider[],
  targets: string[],
  secrets: string[],
): Promise<SweepResult> {
  const failures: string[] = [];
  let calls = 0;
  for (const who of outsiders) {
    for (const target of targets) {
      for (const route of routes) {
        const req = requestFor(route, target);
        const headers: Record<string, string> = { 'x-carnet-csrf': '1' };
        if (who.cookie) headers.cookie = who.cookie;
        const res = await app.inject({
          method: req.method as 'GET',
          url: req.url,
          headers,
          payload: req.payload as object | undefined,
        });
        calls++;
        const expected = who.cookie ? [403, 404] : [401];
        if (!expected.includes(res.statusCode))
          failures.push(`${who.name}: ${route.method} ${route.url} → ${res.statusCode}`);
        for (const secret of secrets)
          if (res.body.includes(secret))
            failures.push(`${who.name}: ${route.method} ${route.url} leaked « ${secret} »`);
      }
    }
  }
  return { calls, failures };
}
