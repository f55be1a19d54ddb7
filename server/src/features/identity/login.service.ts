import type { FastifyReply } from 'fastify';
import { maskEmail, maskPhone } from '../../../../shared/src/nir.js';
import type { Platform } from '../../platform/platform.js';
import { accountAccess, recordOn } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal } from '../../platform/journal.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { openSession } from '../../platform/session.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { checkOtp, issueOtp, otpErrorCode } from './otp.js';
import {
  clearFailures,
  isLocked,
  LOGIN_CODE_PER_ACCOUNT,
  PASSWORD_PER_ADDRESS,
  PASSWORD_PER_USERNAME,
  recordFailure,
} from './throttle.js';

/**
 * Throttle key of an account's wrong login codes, across attempts (someone who knows the password opens attempt after
 * attempt).
 */
const codeKey = (accountId: string) => `login-code:${accountId}`;

const ATTEMPT_MINUTES = 15;

// Verified against when the username is unknown, so both answers cost one argon2id verification.
let dummyHash: Promise<string> | null = null;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword('carnet-dummy-password-for-timing');
  return dummyHash;
}

export interface Channel {
  channel: 'email' | 'sms';
  masked: string;
}

/** The verified channels of an account's profile, masked for display. */
export function channelsOf(p: {
  email: string | null;
  phone: string | null;
  email_verified_at: Date | null;
  phone_verified_at: Date | null;
}): Channel[] {
  const out: Channel[] = [];
  if (p.email && p.email_verified_at) out.push({ channel: 'email', masked: maskEmail(p.email) });
  if (p.phone && p.phone_verified_at) out.push({ channel: 'sms', masked: maskPhone(p.phone) });
  return out;
}

async function accountByUsername(platform: Platform, username: string) {
  return platform.db
    .selectFrom('account')
    .innerJoin('profile', 'profile.id', 'account.profile_id')
    .select([
      'account.id as accountId',
      'account.password_hash',
      'profile.id as profileId',
      'profile.status',
      'profile.email',
      'profile.phone',
      'profile.email_verified_at',
      'profile.phone_verified_at',
    ])
    .where((eb) => eb(eb.fn('lower', ['account.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/**
 * Step 1 of login: username and password. An unknown username and a wrong password get the same answer
 * after the same work (one argon2id verification, one throttle write, one journal line). Failures are
 * throttled per username (known or not) and per address.
 */
export async function checkPassword(
  platform: Platform,
  username: string,
  password: string,
  ip: string,
): Promise<{ attemptId: string; channels: Channel[] }> {
  const userKey = `login:${username.toLowerCase().slice(0, 100)}`;
  const ipKey = `login-ip:${ip}`;
  if ((await isLocked(platform.db, userKey)) || (await isLocked(platform.db, ipKey)))
    throw new AppError('RATE_LIMITED');
  const account = await accountByUsername(platform, username);
  const valid = await verifyPassword(account?.password_hash ?? (await dummy()), password);
  if (account && valid && account.status === 'closed') {
    // Only said to someone who knows the password: the space was closed (R10), a clear answer, journaled.
    await platform.db
      .transaction()
      .execute((trx) =>
        journal(
          trx,
          recordOn({ kind: 'patient', accountId: account.accountId, profileId: account.profileId }, account.profileId),
          { action: 'identity.login-refused', detail: { reason: 'closed' } },
        ),
      );
    throw new AppError('PROFILE_CLOSED');
  }
  if (!account || !valid || account.status !== 'activated') {
    await recordFailure(platform.db, userKey, PASSWORD_PER_USERNAME);
    await recordFailure(platform.db, ipKey, PASSWORD_PER_ADDRESS);
    const ctx = account
      ? recordOn({ kind: 'patient', accountId: account.accountId, profileId: account.profileId }, account.profileId)
      : recordOn({ kind: 'system', job: 'login' }, null);
    await platform.db
      .transaction()
      .execute((trx) => journal(trx, ctx, { action: 'identity.login-failed', detail: { step: 'password' } }));
    throw new AppError('INVALID_CREDENTIALS');
  }
  await clearFailures(platform.db, userKey);
  // Only reached with the right password: says nothing to someone who does not know it.
  if (await isLocked(platform.db, codeKey(account.accountId))) throw new AppError('RATE_LIMITED');
  const { token, hash } = newToken();
  await platform.db
    .insertInto('login_attempt')
    .values({
      id_hash: hash,
      account_id: account.accountId,
      purpose: 'login',
      expires_at: new Date(Date.now() + ATTEMPT_MINUTES * 60_000),
    })
    .execute();
  return { attemptId: token, channels: channelsOf(account) };
}

async function openAttempt(platform: Platform, attemptId: string) {
  const hash = tokenHash(attemptId);
  const row = await platform.db
    .selectFrom('login_attempt')
    .innerJoin('account', 'account.id', 'login_attempt.account_id')
    .innerJoin('profile', 'profile.id', 'account.profile_id')
    .select([
      'login_attempt.expires_at',
      'login_attempt.finished_at',
      'account.id as accountId',
      'profile.id as profileId',
      'profile.email',
      'profile.phone',
      'profile.email_verified_at',
      'profile.phone_verified_at',
    ])
    .where('login_attempt.id_hash', '=', hash)
    .where('login_attempt.purpose', '=', 'login')
    .executeTakeFirst();
  if (!row || row.finished_at || row.expires_at.getTime() <= Date.now()) throw new AppError('FLOW_EXPIRED');
  return { ...row, hash };
}

/** Step 2: sends a 6-digit code to the chosen verified channel; a new request revokes the previous code. */
export async function sendLoginCode(platform: Platform, attemptId: string, channel: 'email' | 'sms'): Promise<Channel> {
  const a = await openAttempt(platform, attemptId);
  const chosen = channelsOf(a).find((c) => c.channel === channel);
  if (!chosen) throw new AppError('BAD_REQUEST', "Ce moyen de réception n'est pas disponible pour votre compte.");
  const destination = channel === 'email' ? a.email! : a.phone!;
  await platform.db.transaction().execute(async (trx) => {
    await issueOtp(trx, platform.queue, platform.codeKey, { purpose: 'login', boundTo: a.hash, channel, destination });
    await journal(trx, accountAccess(a), { action: 'identity.code-sent', detail: { purpose: 'login', channel } });
  });
  return chosen;
}

/** Step 3: the code. Right → a new session (new token); the fifth wrong code ends the attempt. */
export async function verifyLoginCode(
  platform: Platform,
  reply: FastifyReply,
  attemptId: string,
  code: string,
  userAgent: string | undefined,
): Promise<void> {
  const a = await openAttempt(platform, attemptId);
  const ctx = accountAccess(a);
  if (await isLocked(platform.db, codeKey(a.accountId))) throw new AppError('RATE_LIMITED');
  const result = await platform.db.transaction().execute(async (trx) => {
    const check = await checkOtp(trx, platform.codeKey, { purpose: 'login', boundTo: a.hash, code });
    if (!check.ok) {
      if (check.reason === 'locked')
        await trx.updateTable('login_attempt').set({ finished_at: new Date() }).where('id_hash', '=', a.hash).execute();
      await recordFailure(trx, codeKey(a.accountId), LOGIN_CODE_PER_ACCOUNT);
      const accountLocked = await isLocked(trx, codeKey(a.accountId));
      await journal(trx, ctx, {
        action: check.reason === 'locked' || accountLocked ? 'identity.lockout' : 'identity.login-failed',
        detail: { step: 'code', ...(accountLocked ? { scope: 'account' } : {}) },
      });
      return check;
    }
    await trx.updateTable('login_attempt').set({ finished_at: new Date() }).where('id_hash', '=', a.hash).execute();
    const sessionId = await openSession(trx, platform.config, reply, a.accountId, userAgent);
    await journal(trx, ctx, { action: 'identity.login', detail: { session: sessionId } });
    return check;
  });
  if (!result.ok) throw new AppError(otpErrorCode(result.reason));
}
