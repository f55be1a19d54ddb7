import { sql } from 'kysely';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Db } from './db.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0] & {
  routeInfo?: { method?: string | string[]; url?: string };
};

/**
 * @fastify/rate-limit's counters in PostgreSQL (its default store is one process's memory): behind a
 * load balancer, three nodes with their own counters would let an address make three times the limit.
 * One upsert per limited request; a window starts at the first request and lasts `timeWindow`. When the
 * database is unreachable the request fails (503) rather than go unlimited.
 */
export function postgresRateLimitStore(db: Db) {
  let lastPurge = 0;
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown = {},
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow = 60_000): void {
      const k = `${this.prefix}${key}`;
      sql<{ hits: number; ttl: number }>`
        insert into rate_limit_hit as r (key, hits, window_ends_at)
        values (${k}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
        on conflict (key) do update set
          hits = case when r.window_ends_at <= now() then 1 else r.hits + 1 end,
          window_ends_at = case when r.window_ends_at <= now() then excluded.window_ends_at else r.window_ends_at end
        returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl`
        .execute(db)
        .then((r) => {
          const row = r.rows[0]!;
          cb(null, { current: row.hits, ttl: row.ttl });
          if (Date.now() - lastPurge > 60_000) {
            lastPurge = Date.now();
            void db
              .deleteFrom('rate_limit_hit')
              .where('window_ends_at', '<', sql<Date>`now() - interval '1 hour'`)
              .execute()
              .catch(() => {});
          }
        }, cb);
    }

    /** One counter space per route, as the plugin's Redis store does. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): PostgresRateLimitStore {
      const { method = '', url = '' } = (routeOptions as RouteOptions).routeInfo ?? {};
      return new PostgresRateLimitStore({}, `${String(method)} ${url} `);
    }
  };
}
