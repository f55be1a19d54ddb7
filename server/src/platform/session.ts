import { sql } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db, Executor } from './db.js';
import { AppError } from './errors.js';
import { ipPrefix } from './ip-prefix.js';
import type { Locale } from '../../../shared/src/locale.js';

/** The session cookie's name over plain HTTP (http://localhost in development and tests). */
export const SESSION_COOKIE = 'carnet_session';

/**
 * The session cookie's name for this deployment: `__Host-carnet_session` when PUBLIC_URL is https, so that
 * browsers take it only with Secure, Path=/ and no Domain (a sibling subdomain can neither plant nor shadow
 * it); the plain name on http://, where some browsers would refuse a prefixed cookie and development breaks.
 */
export function sessionCookieName(config: Pick<Config, 'PUBLIC_URL'>): string {
  return new URL(config.PUBLIC_URL).protocol === 'https:' ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** The attributes the session cookie is set with, and cleared with (a browser matches both). */
const cookieAttributes = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } as const;

/** The signed-in person behind a request. */
export interface SessionUser {
  sessionId: string;
  accountId: string;
  /** The account holder's own profile. */
  profileId: string;
  /** The language saved on the account, null when never chosen. */
  locale?: Locale | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Public id of a session (shown in the sessions list): a prefix of its hash, never the token. */
export function sessionId(hash: Buffer): string {
  return hash.subarray(0, 12).toString('base64url');
}

/**
 * Opens a server-side session: a 256-bit random token goes to the browser in an HttpOnly, Secure,
 * SameSite=Strict cookie; the database keeps only its SHA-256. A new token at every login.
 */
export async function openSession(
  db: Executor,
  config: Config,
  reply: FastifyReply,
  accountId: string,
  userAgent: string | undefined,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = digest(token);
  await db
    .insertInto('session')
    .values({
      token_hash: hash,
      account_id: accountId,
      user_agent: userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + config.SESSION_ABSOLUTE_HOURS * 3600_000),
    })
    .execute();
  reply.setCookie(sessionCookieName(config), token, {
    ...cookieAttributes,
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
  });
  return sessionId(hash);
}

/** Ends the request's session server-side and clears the cookie, with the attributes it was set with. */
export async function closeSession(
  db: Executor,
  config: Pick<Config, 'PUBLIC_URL'>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const name = sessionCookieName(config);
  const token = request.cookies[name];
  if (token)
    await db
      .updateTable('session')
      .set({ ended_at: new Date() })
      .where('token_hash', '=', digest(token))
      .where('ended_at', 'is', null)
      .execute();
  reply.clearCookie(name, cookieAttributes);
}

/**
 * Ends every open session of an account (password change or reset, closure), except the one whose public id is `keep`.
 */
export async function endAllSessions(db: Executor, accountId: string, keep?: string): Promise<number> {
  let q = db
    .updateTable('session')
    .set({ ended_at: new Date() })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null);
  // A public id is the first 12 bytes of the token's hash (sessionId).
  if (keep) q = q.where(sql<Buffer>`substring(token_hash from 1 for 12)`, '!=', Buffer.from(keep, 'base64url'));
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Resolves the cookie to a user on every request: a session is valid when not ended, before its absolute
 * expiry and used within the idle timeout. Activity is recorded at most once a minute.
 */
export function installSessions(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('user', null);
  const name = sessionCookieName(config);
  const idle = `${config.SESSION_IDLE_MINUTES} minutes`;
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[name];
    if (!token || token.length > 100) return;
    const hash = digest(token);
    // One statement (it was a select, then an update once a minute: each round trip costs this process
    // more than the database's own time): the lookup, and in the same statement either the end of a
    // session past its absolute expiry or idle timeout, or the activity recorded at most once a minute.
    // Where the session was last used (its network prefix), shown in « Mes appareils »: written with the
    // activity, or at once when the network changed.
    const prefix = ipPrefix(request.ip);
    const { rows } = await sql<{ account_id: string; profile_id: string; locale: Locale | null; stale: boolean }>`
      with s as (
        select s.token_hash, s.account_id, s.last_seen_at, s.ip_prefix, a.profile_id, a.locale,
               (s.expires_at <= now() or s.last_seen_at + ${idle}::interval <= now()) as stale
        from session s
        join account a on a.id = s.account_id
        join profile p on p.id = a.profile_id
        where s.token_hash = ${hash} and s.ended_at is null and p.status = 'activated'
      ), touched as (
        update session t
        set ended_at = case when s.stale then now() end,
            last_seen_at = case when s.stale then t.last_seen_at else now() end,
            ip_prefix = case when s.stale then t.ip_prefix else ${prefix} end
        from s
        where t.token_hash = s.token_hash
          and (s.stale or s.last_seen_at < now() - interval '1 minute' or s.ip_prefix is distinct from ${prefix})
      )
      select account_id, profile_id, locale, stale from s`.execute(db);
    const row = rows[0];
    if (!row || row.stale) return;
    request.user = {
      sessionId: sessionId(hash),
      accountId: row.account_id,
      profileId: row.profile_id,
      locale: row.locale,
    };
  });
}

/** preHandler for routes that need a signed-in person. */
export async function requireUser(request: FastifyRequest): Promise<void> {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
}

/**
 * Same-origin proof for every state-changing API request: the custom header `x-carnet-csrf` (which a
 * cross-site form cannot send, and cross-site scripts cannot send without a CORS grant Carnet never
 * gives), and, when the browser sends Origin, an Origin equal to the server's own.
 */
export function installCsrf(app: FastifyInstance, config: Config): void {
  const allowed = new Set([new URL(config.PUBLIC_URL).origin]);
  app.addHook('onRequest', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !request.url.startsWith('/api/')) return;
    if (request.url.startsWith('/api/operator/')) return; // operator calls carry a bearer credential, not cookies
    const origin = request.headers.origin;
    const host = request.headers.host;
    const sameHost = origin && host && (origin === `http://${host}` || origin === `https://${host}`);
    if (request.headers['x-carnet-csrf'] !== '1' || (origin && !allowed.has(origin) && !sameHost)) {
      throw new AppError('CSRF_REJECTED');
    }
  });
}
