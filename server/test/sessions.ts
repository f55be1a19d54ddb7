import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../src/platform/db.js';
import { hashPassword } from '../src/platform/passwords.js';
import { PRO_SESSION_COOKIE } from '../src/platform/professional-session.js';
import { SESSION_COOKIE } from '../src/platform/session.js';

let n = 0;

/** Creates an activated person with an account (for tests that need someone signed in). */
export async function createPerson(
  db: Db,
  over: { firstName?: string; lastName?: string; password?: string; birthDate?: string } = {},
) {
  n++;
  const profile = await db
    .insertInto('profile')
    .values({
      birth_name: (over.lastName ?? `TEST${n}`).toUpperCase(),
      first_names: over.firstName ?? 'Camille',
      used_first_name: over.firstName ?? 'Camille',
      sex: 'F',
      birth_date: over.birthDate ?? '1980-01-01',
      email: `person${n}.${randomBytes(3).toString('hex')}@example.org`,
      status: 'activated',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const username = `person${n}-${randomBytes(3).toString('hex')}`;
  const password = over.password ?? 'Un-mot-de-passe-solide-42';
  const account = await db
    .insertInto('account')
    .values({ profile_id: profile.id, username, password_hash: await hashPassword(password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { profileId: profile.id, accountId: account.id, username, password };
}

/** Opens a session for an account directly in the database; returns the Cookie header value. */
export async function sessionCookie(db: Db, accountId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('session')
    .values({
      token_hash: createHash('sha256').update(token).digest(),
      account_id: accountId,
      user_agent: 'test',
      expires_at: new Date(Date.now() + 3600_000),
    })
    .execute();
  return `${SESSION_COOKIE}=${token}`;
}

/** An activated person whose e-mail (and, when given, phone) is confirmed, as after activation. */
export async function createVerifiedPerson(db: Db, phone?: string, over: Parameters<typeof createPerson>[1] = {}) {
  const p = await createPerson(db, over);
  const email = `${p.username}@example.org`;
  await db
    .updateTable('profile')
    .set({ email, email_verified_at: new Date(), ...(phone ? { phone, phone_verified_at: new Date() } : {}) })
    .where('id', '=', p.profileId)
    .execute();
  return { ...p, email };
}

/**
 * Opens a professional's session directly in the database (as after an OpenID sign-in); returns the Cookie header
 * value.
 */
export async function proSessionCookie(db: Db, professionalId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('professional_session')
    .values({
      token_hash: createHash('sha256').update(token).digest(),
      professional_id: professionalId,
      acr: 'eidas1',
      user_agent: 'test',
      expires_at: new Date(Date.now() + 3600_000),
    })
    .execute();
  return `${PRO_SESSION_COOKIE}=${token}`;
}
