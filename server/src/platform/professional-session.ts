import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db, Executor } from './db.js';
import { sessionId } from './session.js';

/** The professionals' cookie: apart from patients', so one browser never mixes the two. */
export const PRO_SESSION_COOKIE = 'carnet_pro_session';

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Opens a professional's session after a sign-in the identity provider vouched for (`acr`): a 256-bit
 * token in an HttpOnly, Secure, SameSite=Strict cookie; the database keeps its SHA-256 only.
 */
export async function openProfessionalSession(
  db: Executor,
  config: Config,
  reply: FastifyReply,
  professionalId: string,
  acr: string,
  userAgent?: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = digest(token);
  await db
    .insertInto('professional_session')
    .values({
      token_hash: hash,
      professional_id: professionalId,
      acr,
      user_agent: userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + config.PRO_SESSION_ABSOLUTE_HOURS * 3600_000),
    })
    .execute();
  reply.setCookie(PRO_SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    maxAge: config.PRO_SESSION_ABSOLUTE_HOURS * 3600,
  });
  return sessionId(hash);
}

/** Ends the request's professional session server-side and clears its cookie. */
export async function closeProfessionalSession(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = request.cookies[PRO_SESSION_COOKIE];
  if (token)
    await db
      .updateTable('professional_session')
      .set({ ended_at: new Date() })
      .where('token_hash', '=', digest(token))
      .where('ended_at', 'is', null)
      .execute();
  reply.clearCookie(PRO_SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}

/**
 * Resolves the professional's cookie on every request (sets `request.professional`): valid when not
 * ended, before its absolute end and used within the (shorter) idle time of professionals.
 */
export function installProfessionalSessions(app: FastifyInstance, db: Db, config: Config): void {
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[PRO_SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const hash = digest(token);
    const now = Date.now();
    const row = await db
      .selectFrom('professional_session')
      .innerJoin('professional', 'professional.id', 'professional_session.professional_id')
      .select([
        'professional_session.last_seen_at',
        'professional_session.expires_at',
        'professional.id',
        'professional.rpps',
        'professional.profession_code',
        'professional.regulator',
      ])
      .where('professional_session.token_hash', '=', hash)
      .where('professional_session.ended_at', 'is', null)
      .executeTakeFirst();
    if (!row) return;
    if (
      row.expires_at.getTime() <= now ||
      row.last_seen_at.getTime() + config.PRO_SESSION_IDLE_MINUTES * 60_000 <= now
    ) {
      await db
        .updateTable('professional_session')
        .set({ ended_at: new Date(now) })
        .where('token_hash', '=', hash)
        .execute();
      return;
    }
    if (now - row.last_seen_at.getTime() > 60_000)
      await db
        .updateTable('professional_session')
        .set({ last_seen_at: new Date(now) })
        .where('token_hash', '=', hash)
        .execute();
    request.professional = {
      sessionId: sessionId(hash),
      professionalId: row.id,
      rpps: row.rpps,
      professionCode: row.profession_code,
      regulator: row.regulator,
    };
  });
}
