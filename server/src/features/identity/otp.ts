import type { Executor, Trx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { Queue } from '../../platform/queue.js';
import { sendLater } from '../../platform/outbox.js';
import { codeHash, newOneTimeCode, sameHash } from './codes.js';
import { currentLocale } from '../../platform/locale.js';
import type { Locale } from '../../../../shared/src/locale.js';

export const OTP_MINUTES = 10;
export const OTP_TRIES = 5;

export type OtpPurpose =
  'login' | 'reset-password' | 'activation-email' | 'activation-phone' | 'contact-email' | 'contact-phone';

const wording: Record<OtpPurpose, string> = {
  login: 'pour vous connecter',
  'reset-password': 'pour choisir un nouveau mot de passe',
  'activation-email': 'pour confirmer votre adresse e-mail',
  'activation-phone': 'pour confirmer votre numéro de téléphone',
  'contact-email': 'pour confirmer votre nouvelle adresse e-mail',
  'contact-phone': 'pour confirmer votre nouveau numéro de téléphone',
};

const wordingEn: Record<OtpPurpose, string> = {
  login: 'to sign in',
  'reset-password': 'to choose a new password',
  'activation-email': 'to confirm your e-mail address',
  'activation-phone': 'to confirm your phone number',
  'contact-email': 'to confirm your new e-mail address',
  'contact-phone': 'to confirm your new phone number',
};

/** The text of a one-time code's e-mail or SMS, in the language of the person asking for it. */
export function otpMessage(purpose: OtpPurpose, code: string, locale: Locale): { subject: string; text: string } {
  if (locale === 'en')
    return {
      subject: `Your one-time code: ${code}`,
      text: `Your one-time code ${wordingEn[purpose]}: ${code}. It is valid for ${OTP_MINUTES} minutes. Do not give it to anyone: no adviser will ever ask you for it.`,
    };
  return {
    subject: `Votre code à usage unique : ${code}`,
    text: `Votre code à usage unique ${wording[purpose]} : ${code}. Il est valable ${OTP_MINUTES} minutes. Ne le communiquez à personne : aucun conseiller ne vous le demandera.`,
  };
}

/**
 * Sends a fresh 6-digit code for `purpose`, bound to `boundTo` (a login attempt, an activation flow, an
 * account); earlier unused codes of the same binding are revoked. The new code inherits the wrong tries
 * of the previous one while that one is still within its validity, so asking for a code again never
 * gives 5 new tries; a binding whose code is locked gets no new code until then (CODE_LOCKED). Runs in
 * the caller's transaction.
 */
export async function issueOtp(
  trx: Trx,
  queue: Queue,
  key: Buffer,
  o: { purpose: OtpPurpose; boundTo: Buffer; channel: 'email' | 'sms'; destination: string },
): Promise<void> {
  const previous = await trx
    .selectFrom('one_time_code')
    .select('failures')
    .where('bound_to', '=', o.boundTo)
    .where('purpose', '=', o.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  const failures = previous?.failures ?? 0;
  if (failures >= OTP_TRIES) throw new AppError('CODE_LOCKED');
  await trx
    .updateTable('one_time_code')
    .set({ revoked_at: new Date() })
    .where('bound_to', '=', o.boundTo)
    .where('purpose', '=', o.purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const code = newOneTimeCode();
  await trx
    .insertInto('one_time_code')
    .values({
      purpose: o.purpose,
      bound_to: o.boundTo,
      channel: o.channel,
      destination: o.destination,
      code_hash: codeHash(key, o.purpose, code),
      failures,
      expires_at: new Date(Date.now() + OTP_MINUTES * 60_000),
    })
    .execute();
  const { subject, text } = otpMessage(o.purpose, code, currentLocale());
  await sendLater(trx, queue, {
    channel: o.channel,
    to: o.destination,
    subject: o.channel === 'email' ? subject : undefined,
    text,
    kind: `otp-${o.purpose}`,
  });
}

export type OtpCheck =
  { ok: true; destination: string; channel: 'email' | 'sms' } | { ok: false; reason: 'invalid' | 'expired' | 'locked' };

/**
 * Checks a code against the latest one sent for this binding. A wrong code counts a failure (committed
 * even though the caller then answers an error); the fifth failure revokes the code; a right code is used
 * up. Expired, used and revoked codes never match.
 */
export async function checkOtp(
  db: Executor,
  key: Buffer,
  o: { purpose: OtpPurpose; boundTo: Buffer; code: string },
): Promise<OtpCheck> {
  const row = await db
    .selectFrom('one_time_code')
    .select(['id', 'code_hash', 'expires_at', 'failures', 'used_at', 'revoked_at', 'destination', 'channel'])
    .where('bound_to', '=', o.boundTo)
    .where('purpose', '=', o.purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.used_at) return { ok: false, reason: 'expired' };
  if (row.revoked_at) return { ok: false, reason: row.failures >= OTP_TRIES ? 'locked' : 'expired' };
  if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  if (!/^\d{6}$/.test(o.code) || !sameHash(codeHash(key, o.purpose, o.code), row.code_hash)) {
    const failures = row.failures + 1;
    await db
      .updateTable('one_time_code')
      .set({ failures, ...(failures >= OTP_TRIES ? { revoked_at: new Date() } : {}) })
      .where('id', '=', row.id)
      .execute();
    return { ok: false, reason: failures >= OTP_TRIES ? 'locked' : 'invalid' };
  }
  await db.updateTable('one_time_code').set({ used_at: new Date() }).where('id', '=', row.id).execute();
  return { ok: true, destination: row.destination, channel: row.channel };
}

/** The error code to answer for a failed check. */
export function otpErrorCode(
  reason: 'invalid' | 'expired' | 'locked',
): 'CODE_INVALID' | 'CODE_EXPIRED' | 'CODE_LOCKED' {
  return reason === 'invalid' ? 'CODE_INVALID' : reason === 'expired' ? 'CODE_EXPIRED' : 'CODE_LOCKED';
}
