import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import { accountAccess } from '../../platform/access.js';
import { journal } from '../../platform/journal.js';
import { endAllSessions, sessionId, type SessionUser } from '../../platform/session.js';
import { describeAgent } from './agent.js';

/** « Mes appareils »: the open sessions, named (browser, system, network, last use), and the passkeys. */
export async function listDevices(platform: Platform, user: SessionUser) {
  const idleSince = new Date(Date.now() - platform.config.SESSION_IDLE_MINUTES * 60_000);
  const [sessions, passkeys] = await Promise.all([
    platform.db
      .selectFrom('session')
      .select(['token_hash', 'user_agent', 'ip_prefix', 'created_at', 'last_seen_at'])
      .where('account_id', '=', user.accountId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', new Date())
      .where('last_seen_at', '>', idleSince)
      .orderBy('last_seen_at', 'desc')
      .execute(),
    platform.db
      .selectFrom('passkey')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('account_id', '=', user.accountId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  const views = sessions.map((s) => {
    const id = sessionId(s.token_hash);
    return {
      id,
      ...describeAgent(s.user_agent),
      place: s.ip_prefix,
      createdAt: s.created_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      current: id === user.sessionId,
    };
  });
  // This device first: the person reads « (cet appareil) » before the others.
  views.sort((a, b) => Number(b.current) - Number(a.current));
  return {
    sessions: views,
    passkeys: passkeys.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.created_at.toISOString(),
      lastUsedAt: p.last_used_at?.toISOString() ?? null,
    })),
  };
}

/** « Se déconnecter de tous les autres appareils »: every session but this one ends; journaled. */
export async function endOtherSessions(platform: Platform, user: SessionUser): Promise<number> {
  return platform.db.transaction().execute(async (trx) => {
    const ended = await endAllSessions(trx, user.accountId, user.sessionId);
    await journal(trx, accountAccess(user), { action: 'identity.sessions-end-others', detail: { ended } });
    return ended;
  });
}

/** « Rester connecté »: the session's last activity is now (the request hook writes it at most once a minute). */
export async function keepAlive(platform: Platform, user: SessionUser): Promise<{ idleMinutes: number }> {
  await platform.db
    .updateTable('session')
    .set({ last_seen_at: new Date() })
    .where('account_id', '=', user.accountId)
    .where(sql<Buffer>`substring(token_hash from 1 for 12)`, '=', Buffer.from(user.sessionId, 'base64url'))
    .where('ended_at', 'is', null)
    .execute();
  return { idleMinutes: platform.config.SESSION_IDLE_MINUTES };
}
