import { randomBytes } from 'node:crypto';
import { judgePassword } from '../../../../shared/src/credentials.js';
import { normalizePhone } from '../../../../shared/src/nir.js';
import type { Platform } from '../../platform/platform.js';
import { accountAccess } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal } from '../../platform/journal.js';
import { sendLater } from '../../platform/outbox.js';
import { currentLocale } from '../../platform/locale.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { endAllSessions, sessionId, type SessionUser } from '../../platform/session.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { checkOtp, issueOtp, OTP_MINUTES, otpErrorCode } from './otp.js';
import { channelsOf } from './login.service.js';
import { isLocked, PASSWORD_PER_USERNAME, recordFailure, type ThrottlePolicy } from './throttle.js';

const RESET_PER_USERNAME: ThrottlePolicy = { max: 5, windowMinutes: 60, lockMinutes: 60 };

function self(user: SessionUser) {
  return accountAccess(user);
}

/** The person's open sessions (device, start, last activity), newest first. */
export async function listSessions(platform: Platform, user: SessionUser) {
  const rows = await platform.db
    .selectFrom('session')
    .select(['token_hash', 'user_agent', 'created_at', 'last_seen_at'])
    .where('account_id', '=', user.accountId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', new Date())
    .where('last_seen_at', '>', new Date(Date.now() - platform.config.SESSION_IDLE_MINUTES * 60_000))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => {
    const id = sessionId(r.token_hash);
    return {
      id,
      userAgent: r.user_agent,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      current: id === user.sessionId,
    };
  });
}

/** Ends one of the person's sessions (by its public id). */
export async function endSession(platform: Platform, user: SessionUser, id: string): Promise<void> {
  const ended = await platform.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('session')
      .select('token_hash')
      .where('account_id', '=', user.accountId)
      .where('ended_at', 'is', null)
      .execute();
    const target = rows.find((r) => sessionId(r.token_hash) === id);
    if (!target) return false;
    await trx
      .updateTable('session')
      .set({ ended_at: new Date() })
      .where('token_hash', '=', target.token_hash)
      .execute();
    await journal(trx, self(user), { action: 'identity.session-end', detail: { session: id } });
    return true;
  });
  if (!ended) throw new AppError('NOT_FOUND');
}

/**
 * Checks the signed-in person's password again before a sensitive change (password, e-mail, phone): a
 * session left open on a shared computer is not enough. Failures count towards a lock like sign-in's.
 */
async function confirmPassword(platform: Platform, user: SessionUser, password: string, path: string) {
  const key = `password-change:${user.accountId}`;
  if (await isLocked(platform.db, key)) throw new AppError('RATE_LIMITED');
  const acc = await platform.db
    .selectFrom('account')
    .innerJoin('profile', 'profile.id', 'account.profile_id')
    .select(['account.password_hash', 'account.username', 'profile.used_first_name', 'profile.birth_name'])
    .where('account.id', '=', user.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(acc.password_hash, password))) {
    await recordFailure(platform.db, key, PASSWORD_PER_USERNAME);
    const message = 'Le mot de passe actuel est incorrect.';
    throw new AppError('INVALID_CREDENTIALS', message, [{ path, message }]);
  }
  return acc;
}

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  platform: Platform,
  user: SessionUser,
  current: string,
  next: string,
): Promise<void> {
  const acc = await confirmPassword(platform, user, current, 'body.currentPassword');
  const verdict = judgePassword(next, [acc.username, acc.used_first_name, acc.birth_name]);
  if (!verdict.ok)
    throw new AppError('PASSWORD_TOO_WEAK', verdict.messages.join(' '), [
      { path: 'body.newPassword', message: verdict.messages.join(' ') },
    ]);
  const hash = await hashPassword(next);
  await platform.db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set({ password_hash: hash }).where('id', '=', user.accountId).execute();
    await endAllSessions(trx, user.accountId, user.sessionId);
    await journal(trx, self(user), { action: 'identity.password-change' });
  });
}

/** The person's contact details as shown in « Paramètres ». */
export async function contactDetails(platform: Platform, user: SessionUser) {
  const p = await platform.db
    .selectFrom('profile')
    .select(['email', 'phone', 'email_verified_at', 'phone_verified_at'])
    .where('id', '=', user.profileId)
    .executeTakeFirstOrThrow();
  return { email: p.email, phone: p.phone, channels: channelsOf(p) };
}

/**
 * Changing an e-mail or phone: the password first, then a code goes to the new one, and nothing changes
 * until it is confirmed.
 */
export async function sendNewContactCode(
  platform: Platform,
  user: SessionUser,
  channel: 'email' | 'sms',
  destination: string,
  password: string,
): Promise<string> {
  await confirmPassword(platform, user, password, 'body.password');
  const normalized = channel === 'sms' ? normalizePhone(destination) : destination.trim().toLowerCase();
  if (!normalized)
    throw new AppError('VALIDATION_FAILED', "Ce numéro de téléphone n'est pas valide.", [
      { path: 'body.destination', message: "Ce numéro de téléphone n'est pas valide." },
    ]);
  await platform.db.transaction().execute(async (trx) => {
    await issueOtp(trx, platform.queue, platform.codeKey, {
      purpose: channel === 'email' ? 'contact-email' : 'contact-phone',
      boundTo: tokenHash(`account:${user.accountId}`),
      channel,
      destination: normalized,
    });
    await journal(trx, self(user), { action: 'identity.code-sent', detail: { purpose: 'contact', channel } });
  });
  return normalized;
}

/**
 * Confirms the new e-mail or phone with its code. The previous one, when it was confirmed, is told of the
 * change (through the outbox, in the same transaction; no health data), so a hijacked session that swaps
 * the contact details does not go unnoticed.
 */
export async function confirmNewContact(
  platform: Platform,
  user: SessionUser,
  channel: 'email' | 'sms',
  code: string,
): Promise<void> {
  const result = await platform.db.transaction().execute(async (trx) => {
    const check = await checkOtp(trx, platform.codeKey, {
      purpose: channel === 'email' ? 'contact-email' : 'contact-phone',
      boundTo: tokenHash(`account:${user.accountId}`),
      code,
    });
    if (!check.ok) return check;
    const before = await trx
      .selectFrom('profile')
      .select(['email', 'phone', 'email_verified_at', 'phone_verified_at'])
      .where('id', '=', user.profileId)
      .executeTakeFirstOrThrow();
    const now = new Date();
    await trx
      .updateTable('profile')
      .set(
        channel === 'email'
          ? { email: check.destination, email_verified_at: now }
          : { phone: check.destination, phone_verified_at: now },
      )
      .where('id', '=', user.profileId)
      .execute();
    const old =
      channel === 'email'
        ? before.email_verified_at
          ? before.email
          : null
        : before.phone_verified_at
          ? before.phone
          : null;
    if (old && old !== check.destination) await sendLater(trx, platform.queue, contactChangedNotice(channel, old));
    await journal(trx, self(user), {
      action: 'identity.contact-change',
      detail: { channel, previousNotified: Boolean(old && old !== check.destination) },
    });
    return check;
  });
  if (!result.ok) throw new AppError(otpErrorCode(result.reason));
}

/** The notice sent to the previous e-mail or phone: what changed and what to do, nothing else. */
function contactChangedNotice(channel: 'email' | 'sms', to: string) {
  if (currentLocale() === 'en') {
    const thing = channel === 'email' ? 'e-mail address' : 'phone number';
    return {
      channel,
      to,
      subject: channel === 'email' ? 'Your e-mail address has been changed' : undefined,
      text:
        `The ${thing} of your Mon espace santé account has just been replaced. ` +
        'If you did not make this change, sign in and change your password, ' +
        'or ask for a new password with “Forgotten password”.',
      kind: 'contact-changed',
    };
  }
  const what = channel === 'email' ? "L'adresse e-mail" : 'Le numéro de téléphone';
  const text =
    `${what} de votre compte Mon espace santé vient d'être ${channel === 'email' ? 'remplacée' : 'remplacé'}. ` +
    "Si vous n'êtes pas à l'origine de ce changement, connectez-vous et changez votre mot de passe, " +
    'ou demandez un nouveau mot de passe avec « Mot de passe oublié ».';
  return {
    channel,
    to,
    subject: channel === 'email' ? 'Votre adresse e-mail a été modifiée' : undefined,
    text,
    kind: 'contact-changed',
  };
}

/**
 * Forgotten password, step 1: the username. When it names an active account, a code goes to its e-mail
 * (or phone when it has no e-mail). The answer is the same either way.
 */
export async function startPasswordReset(
  platform: Platform,
  username: string,
  ip: string,
): Promise<{ resetId: string }> {
  const ipKey = `reset-ip:${ip}`;
  // Per username too, known or not (so the limit says nothing): each reset brings 5 tries at a new code.
  const userKey = `reset:${username.toLowerCase().slice(0, 100)}`;
  if ((await isLocked(platform.db, ipKey)) || (await isLocked(platform.db, userKey)))
    throw new AppError('RATE_LIMITED');
  await recordFailure(platform.db, ipKey, { max: 20, windowMinutes: 15, lockMinutes: 15 });
  await recordFailure(platform.db, userKey, RESET_PER_USERNAME);
  const { token, hash } = newToken();
  await platform.db.transaction().execute(async (trx) => {
    const acc = await trx
      .selectFrom('account')
      .innerJoin('profile', 'profile.id', 'account.profile_id')
      .select([
        'account.id',
        'profile.id as profileId',
        'profile.status',
        'profile.email',
        'profile.phone',
        'profile.email_verified_at',
        'profile.phone_verified_at',
      ])
      .where((eb) => eb(eb.fn('lower', ['account.username']), '=', username.toLowerCase()))
      .executeTakeFirst();
    const active = acc && acc.status === 'activated' ? acc : undefined;
    await trx
      .insertInto('login_attempt')
      .values({
        id_hash: hash,
        account_id: active?.id ?? null,
        purpose: 'reset-password',
        expires_at: new Date(Date.now() + 15 * 60_000),
      })
      .execute();
    const channel = !active
      ? null
      : active.email && active.email_verified_at
        ? 'email'
        : active.phone && active.phone_verified_at
          ? 'sms'
          : null;
    if (!active || !channel) {
      // A code nobody has and that matches nothing: the tries then count and lock as for a real reset.
      await trx
        .insertInto('one_time_code')
        .values({
          purpose: 'reset-password',
          bound_to: hash,
          channel: 'email',
          destination: '',
          code_hash: randomBytes(32),
          expires_at: new Date(Date.now() + OTP_MINUTES * 60_000),
        })
        .execute();
      return;
    }
    await issueOtp(trx, platform.queue, platform.codeKey, {
      purpose: 'reset-password',
      boundTo: hash,
      channel,
      destination: channel === 'email' ? active.email! : active.phone!,
    });
    await journal(trx, accountAccess({ accountId: active.id, profileId: active.profileId }), {
      action: 'identity.code-sent',
      detail: { purpose: 'reset-password', channel },
    });
  });
  return { resetId: token };
}

/**
 * Forgotten password, step 2: the code and the new password; every session ends. A reset started with
 * an unknown username goes through the same steps (password judged, hashed, code checked and counted),
 * so neither the answers nor their timing say whether the username exists.
 */
export async function finishPasswordReset(
  platform: Platform,
  resetId: string,
  code: string,
  password: string,
): Promise<void> {
  const hash = tokenHash(resetId);
  const attempt = await platform.db
    .selectFrom('login_attempt')
    .selectAll()
    .where('id_hash', '=', hash)
    .where('purpose', '=', 'reset-password')
    .executeTakeFirst();
  if (!attempt || attempt.finished_at || attempt.expires_at.getTime() <= Date.now()) throw new AppError('FLOW_EXPIRED');
  const acc = attempt.account_id
    ? await platform.db
        .selectFrom('account')
        .innerJoin('profile', 'profile.id', 'account.profile_id')
        .select([
          'account.id',
          'account.username',
          'profile.id as profileId',
          'profile.used_first_name',
          'profile.birth_name',
        ])
        .where('account.id', '=', attempt.account_id)
        .executeTakeFirstOrThrow()
    : null;
  const verdict = judgePassword(password, acc ? [acc.username, acc.used_first_name, acc.birth_name] : []);
  if (!verdict.ok)
    throw new AppError('PASSWORD_TOO_WEAK', verdict.messages.join(' '), [
      { path: 'body.password', message: verdict.messages.join(' ') },
    ]);
  const passwordHash = await hashPassword(password);
  const result = await platform.db.transaction().execute(async (trx) => {
    const check = await checkOtp(trx, platform.codeKey, { purpose: 'reset-password', boundTo: hash, code });
    if (!check.ok || !acc) return check.ok ? { ok: false as const, reason: 'invalid' as const } : check;
    await trx.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', acc.id).execute();
    await trx.updateTable('login_attempt').set({ finished_at: new Date() }).where('id_hash', '=', hash).execute();
    await endAllSessions(trx, acc.id);
    await journal(trx, accountAccess({ accountId: acc.id, profileId: acc.profileId }), {
      action: 'identity.password-reset',
    });
    return check;
  });
  if (!result.ok) throw new AppError(otpErrorCode(result.reason));
}

/**
 * Forgotten username: the person gives the e-mail or phone of their account; when one active account
 * has it confirmed, its username is sent there. The answer is the same either way.
 */
export async function remindUsername(
  platform: Platform,
  channel: 'email' | 'sms',
  destination: string,
  ip: string,
): Promise<void> {
  const ipKey = `remind-ip:${ip}`;
  if (await isLocked(platform.db, ipKey)) throw new AppError('RATE_LIMITED');
  await recordFailure(platform.db, ipKey, { max: 20, windowMinutes: 15, lockMinutes: 15 });
  const to = channel === 'sms' ? normalizePhone(destination) : destination.trim().toLowerCase();
  if (!to) return;
  await platform.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('account')
      .innerJoin('profile', 'profile.id', 'account.profile_id')
      .select(['account.id', 'account.username', 'profile.id as profileId'])
      .where('profile.status', '=', 'activated')
      .where(channel === 'email' ? 'profile.email' : 'profile.phone', '=', to)
      .where(channel === 'email' ? 'profile.email_verified_at' : 'profile.phone_verified_at', 'is not', null)
      .execute();
    for (const r of rows) {
      await sendLater(trx, platform.queue, {
        channel,
        to,
        ...(currentLocale() === 'en'
          ? {
              subject: channel === 'email' ? 'Your Mon espace santé username' : undefined,
              text: `Your username for signing in to Mon espace santé is: ${r.username}. If you did not ask for anything, ignore this message.`,
            }
          : {
              subject: channel === 'email' ? 'Votre identifiant Mon espace santé' : undefined,
              text: `Votre identifiant de connexion à Mon espace santé est : ${r.username}. Si vous n'avez rien demandé, ignorez ce message.`,
            }),
        kind: 'username-reminder',
      });
      await journal(trx, accountAccess({ accountId: r.id, profileId: r.profileId }), {
        action: 'identity.username-reminder',
        detail: { channel },
      });
    }
  });
}
