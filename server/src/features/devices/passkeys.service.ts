import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Platform } from '../../platform/platform.js';
import { accountAccess } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal } from '../../platform/journal.js';
import { openSession, type SessionUser } from '../../platform/session.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import type { Trx } from '../../platform/db.js';
import { passkeyName } from './agent.js';

const CHALLENGE_MINUTES = 5;

/**
 * The relying party: the host of PUBLIC_URL; the origins a ceremony may come from: PUBLIC_URL's, and this
 * server's own host (as the CSRF guard accepts), since the browser writes the origin it really used.
 */
function party(platform: Platform, req: FastifyRequest) {
  const url = new URL(platform.config.PUBLIC_URL);
  const origins = [url.origin];
  const host = req.headers.host;
  if (host && host.split(':')[0] === url.hostname) origins.push(`http://${host}`, `https://${host}`);
  return { rpID: url.hostname, origins };
}

async function storeChallenge(
  platform: Platform,
  purpose: 'register' | 'login',
  challenge: string,
  accountId: string | null,
) {
  const { token, hash } = newToken();
  await platform.db
    .insertInto('webauthn_challenge')
    .values({
      id_hash: hash,
      account_id: accountId,
      purpose,
      challenge,
      expires_at: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
    })
    .execute();
  return token;
}

/** Takes a challenge once: a second use, an expired one or another purpose's is refused. */
async function takeChallenge(
  trx: Trx,
  token: string,
  purpose: 'register' | 'login',
  accountId: string | null,
): Promise<string> {
  const row = await trx
    .updateTable('webauthn_challenge')
    .set({ used_at: new Date() })
    .where('id_hash', '=', tokenHash(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .where((eb) => (accountId ? eb('account_id', '=', accountId) : eb('account_id', 'is', null)))
    .returning('challenge')
    .executeTakeFirst();
  if (!row) throw new AppError('FLOW_EXPIRED');
  return row.challenge;
}

/**
 * « Ajouter une clé d'accès »: creation options for this account (its passkeys excluded, user verification required).
 */
export async function registrationOptions(platform: Platform, req: FastifyRequest, user: SessionUser) {
  const account = await platform.db
    .selectFrom('account')
    .innerJoin('profile', 'profile.id', 'account.profile_id')
    .select(['account.username', 'profile.used_first_name', 'profile.birth_name'])
    .where('account.id', '=', user.accountId)
    .executeTakeFirstOrThrow();
  const existing = await platform.db
    .selectFrom('passkey')
    .select(['credential_id', 'transports'])
    .where('account_id', '=', user.accountId)
    .where('revoked_at', 'is', null)
    .execute();
  const options = await generateRegistrationOptions({
    rpName: platform.config.SERVICE_NAME,
    rpID: party(platform, req).rpID,
    userName: account.username,
    userID: new TextEncoder().encode(user.accountId),
    userDisplayName: `${account.used_first_name} ${account.birth_name}`,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.credential_id,
      transports: p.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const token = await storeChallenge(platform, 'register', options.challenge, user.accountId);
  return { token, options: options as unknown as Record<string, unknown> };
}

/** Checks the browser's new credential against the challenge and keeps its public key; journaled. */
export async function registerPasskey(
  platform: Platform,
  req: FastifyRequest,
  user: SessionUser,
  input: { token: string; credential: unknown },
) {
  const { rpID, origins } = party(platform, req);
  return platform.db.transaction().execute(async (trx) => {
    const challenge = await takeChallenge(trx, input.token, 'register', user.accountId);
    const result = await verifyRegistrationResponse({
      response: input.credential as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origins,
      expectedRPID: rpID,
      requireUserVerification: true,
    }).catch(() => null);
    if (!result?.verified) throw new AppError('PASSKEY_FAILED');
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    const row = await trx
      .insertInto('passkey')
      .values({
        account_id: user.accountId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        device_type: credentialDeviceType,
        backed_up: credentialBackedUp,
        name: passkeyName(req.headers['user-agent']),
      })
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirst();
    if (!row) throw new AppError('PASSKEY_FAILED');
    await journal(trx, accountAccess(user), { action: 'identity.passkey-registered', detail: { passkey: row.id } });
    return { id: row.id, name: row.name, createdAt: row.created_at.toISOString(), lastUsedAt: null };
  });
}

/** Revokes one of the person's passkeys; journaled. */
export async function revokePasskey(platform: Platform, user: SessionUser, id: string): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('passkey')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('account_id', '=', user.accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('NOT_FOUND');
    await journal(trx, accountAccess(user), { action: 'identity.passkey-revoked', detail: { passkey: id } });
  });
}

/** « Se connecter avec une clé d'accès »: request options for any passkey of this site (the phone offers its own). */
export async function loginOptions(platform: Platform, req: FastifyRequest) {
  const options = await generateAuthenticationOptions({
    rpID: party(platform, req).rpID,
    userVerification: 'required',
  });
  const token = await storeChallenge(platform, 'login', options.challenge, null);
  return { token, options: options as unknown as Record<string, unknown> };
}

/**
 * Signs in with a passkey: the challenge once, a passkey not revoked of an activated account, the signature
 * with user verification (the phone's fingerprint or face, or its code) → a new session, journaled.
 */
export async function loginWithPasskey(
  platform: Platform,
  req: FastifyRequest,
  reply: FastifyReply,
  input: { token: string; credential: { id: string } },
) {
  const { rpID, origins } = party(platform, req);
  const outcome = await platform.db.transaction().execute(async (trx) => {
    const challenge = await takeChallenge(trx, input.token, 'login', null);
    const key = await trx
      .selectFrom('passkey')
      .innerJoin('account', 'account.id', 'passkey.account_id')
      .innerJoin('profile', 'profile.id', 'account.profile_id')
      .select([
        'passkey.id',
        'passkey.credential_id',
        'passkey.public_key',
        'passkey.counter',
        'passkey.transports',
        'account.id as accountId',
        'profile.id as profileId',
        'profile.status',
        'profile.used_first_name',
      ])
      .where('passkey.credential_id', '=', input.credential.id)
      .where('passkey.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!key || key.status !== 'activated') return null;
    const ctx = accountAccess({ accountId: key.accountId, profileId: key.profileId });
    const result = await verifyAuthenticationResponse({
      response: input.credential as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origins,
      expectedRPID: rpID,
      credential: {
        id: key.credential_id,
        publicKey: new Uint8Array(key.public_key),
        counter: Number(key.counter),
        transports: key.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: true,
    }).catch(() => null);
    if (!result?.verified) {
      await journal(trx, ctx, { action: 'identity.login-failed', detail: { step: 'passkey' } });
      return 'refused' as const;
    }
    await trx
      .updateTable('passkey')
      .set({ counter: result.authenticationInfo.newCounter, last_used_at: new Date() })
      .where('id', '=', key.id)
      .execute();
    const session = await openSession(trx, platform.config, reply, key.accountId, req.headers['user-agent']);
    await journal(trx, ctx, { action: 'identity.login', detail: { session, method: 'passkey', passkey: key.id } });
    return { firstName: key.used_first_name };
  });
  // A refused signature is journaled above (committed); the answer is the same as for an unknown key.
  if (!outcome || outcome === 'refused') throw new AppError('PASSKEY_FAILED');
  return outcome;
}
