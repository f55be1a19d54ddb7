import type { FastifyReply } from 'fastify';
import type { Identified } from '../../../../shared/src/schemas/activation.js';
import { isValidUsername, judgePassword } from '../../../../shared/src/credentials.js';
import { isValidVitaleSerial, normalizeNir, normalizePhone } from '../../../../shared/src/nir.js';
import type { Platform } from '../../platform/platform.js';
import { accountAccess, recordOn, systemAccess, type AccessContext } from '../../platform/access.js';
import type { Trx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { journal } from '../../platform/journal.js';
import { sendLater } from '../../platform/outbox.js';
import { currentLocale } from '../../platform/locale.js';
import type { Locale } from '../../../../shared/src/locale.js';
import { hashPassword } from '../../platform/passwords.js';
import { openSession } from '../../platform/session.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { codeHash, normalizeProvisionalCode, sameHash } from './codes.js';
import { checkOtp, issueOtp, otpErrorCode } from './otp.js';
import { IDENTIFY_PER_ADDRESS, isLocked, recordFailure, USERNAME_CHECK_PER_ADDRESS } from './throttle.js';
import { issueProvisionalCode } from './provisional.js';

const FLOW_MINUTES = 30;
/**
 * Statuses a provisional code can activate: a closed space too (R10.4, the archive comes back), unless its deletion was
 * asked.
 */
const REOPENABLE: string[] = ['enrolled', 'created', 'opposed', 'closed'];
const CODE_TRIES = 5;

export type { Identified };

function system(profileId: string | null): AccessContext {
  return systemAccess('activation', profileId);
}

/** The person themselves, before they have an account (identified by their provisional code). */
function person(profileId: string): AccessContext {
  return recordOn({ kind: 'patient', accountId: 'activation', profileId }, profileId);
}

/** Whether the entered serial matches the enrolled one: the whole number, or its 11 last digits (photo card). */
function serialMatches(enrolled: string | null, entered: string): boolean {
  if (!enrolled || !isValidVitaleSerial(entered)) return false;
  return enrolled === entered || (entered.length === 11 && enrolled.length > 11 && enrolled.endsWith(entered));
}

/** Whether `code` is a used code of this opposed person and the other answers are right. */
async function usedToOppose(
  trx: Trx,
  profile: { id: string; birth_date: string; vitale_serial: string | null },
  code: string,
  input: { birthDate: string; vitaleSerial: string },
  codeKey: Buffer,
): Promise<boolean> {
  if (
    profile.birth_date !== input.birthDate ||
    !serialMatches(profile.vitale_serial, input.vitaleSerial.replace(/\s/g, ''))
  )
    return false;
  const used = await trx
    .selectFrom('provisional_code')
    .select('code_hash')
    .where('profile_id', '=', profile.id)
    .where('used_at', 'is not', null)
    .execute();
  const hash = codeHash(codeKey, 'provisional', code);
  return used.some((u) => sameHash(hash, u.code_hash));
}

/**
 * Step « Commencer »: provisional code + NIR + birth date + Carte Vitale serial. Any mismatch gets the
 * same generic answer (never which field); failures are counted on the code (5 → revoked) and per address.
 */
export async function identify(
  platform: Platform,
  input: { code: string; nir: string; birthDate: string; vitaleSerial: string },
  ip: string,
): Promise<Identified> {
  const ipKey = `identify-ip:${ip}`;
  if (await isLocked(platform.db, ipKey)) throw new AppError('RATE_LIMITED');
  const nir = normalizeNir(input.nir);
  const code = normalizeProvisionalCode(input.code);
  const outcome = await platform.db.transaction().execute(async (trx) => {
    const profile = await trx
      .selectFrom('profile')
      .select([
        'id',
        'status',
        'birth_date',
        'vitale_serial',
        'used_first_name',
        'birth_name',
        'first_names',
        'email',
        'phone',
        'creation_due_at',
        'deletion_requested_at',
      ])
      .where('nir', '=', nir)
      .executeTakeFirst();
    const pc = profile
      ? await trx
          .selectFrom('provisional_code')
          .select(['id', 'code_hash', 'expires_at', 'failures'])
          .where('profile_id', '=', profile.id)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
          .limit(1)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    const codeOk =
      !!pc &&
      pc.expires_at.getTime() > Date.now() &&
      sameHash(codeHash(platform.codeKey, 'provisional', code), pc.code_hash);
    const ok =
      profile &&
      REOPENABLE.includes(profile.status) &&
      !profile.deletion_requested_at &&
      codeOk &&
      profile.birth_date === input.birthDate &&
      serialMatches(profile.vitale_serial, input.vitaleSerial.replace(/\s/g, ''));
    if (!ok || !profile) {
      // The one case told apart: every answer right, and the code is the one this person used to oppose.
      // Whoever typed it knows all four answers already, so saying so reveals nothing.
      if (
        profile?.status === 'opposed' &&
        !codeOk &&
        (await usedToOppose(trx, profile, code, input, platform.codeKey))
      ) {
        await journal(trx, person(profile.id), {
          action: 'identity.identify-failed',
          detail: { reason: 'code-used-by-opposition' },
        });
        return 'opposed-code' as const;
      }
      if (profile && pc) {
        const failures = pc.failures + 1;
        await trx
          .updateTable('provisional_code')
          .set({ failures, ...(failures >= CODE_TRIES ? { revoked_at: new Date() } : {}) })
          .where('id', '=', pc.id)
          .execute();
      }
      await journal(trx, system(profile?.id ?? null), { action: 'identity.identify-failed' });
      return null;
    }
    const { token, hash } = newToken();
    await trx
      .insertInto('activation_flow')
      .values({
        id_hash: hash,
        profile_id: profile.id,
        expires_at: new Date(Date.now() + FLOW_MINUTES * 60_000),
        email: profile.email,
        phone: profile.phone,
      })
      .execute();
    await journal(trx, person(profile.id), { action: 'identity.identified' });
    return {
      flowId: token,
      firstName: profile.used_first_name,
      lastName: profile.birth_name,
      firstNames: profile.first_names,
      status: profile.status as Identified['status'],
      canOppose:
        profile.status === 'enrolled' && (!profile.creation_due_at || profile.creation_due_at.getTime() > Date.now()),
      email: profile.email,
      phone: profile.phone,
    };
  });
  if (!outcome) {
    await recordFailure(platform.db, ipKey, IDENTIFY_PER_ADDRESS);
    throw new AppError('IDENTIFICATION_FAILED');
  }
  if (outcome === 'opposed-code') throw new AppError('OPPOSITION_NEEDS_NEW_CODE');
  return outcome;
}

async function openFlow(trx: Trx, flowId: string) {
  const hash = tokenHash(flowId);
  const flow = await trx
    .selectFrom('activation_flow')
    .innerJoin('profile', 'profile.id', 'activation_flow.profile_id')
    .select([
      'activation_flow.profile_id',
      'activation_flow.expires_at',
      'activation_flow.finished_at',
      'activation_flow.decision',
      'activation_flow.email',
      'activation_flow.phone',
      'activation_flow.email_verified',
      'activation_flow.phone_verified',
      'profile.status',
      'profile.creation_due_at',
      'profile.used_first_name',
      'profile.birth_name',
      'profile.first_names',
      'profile.birth_date',
      'profile.nir',
    ])
    .where('activation_flow.id_hash', '=', hash)
    .forUpdate()
    .executeTakeFirst();
  if (!flow || flow.expires_at.getTime() <= Date.now()) throw new AppError('FLOW_EXPIRED');
  return { ...flow, hash };
}

/** « Je m'oppose à la création de mon compte »: only within the 6-week window; the space is frozen, not deleted. */
export async function oppose(platform: Platform, flowId: string): Promise<{ reference: string; opposedAt: string }> {
  return platform.db.transaction().execute(async (trx) => {
    const f = await openFlow(trx, flowId);
    if (f.finished_at) throw new AppError('FLOW_EXPIRED');
    if (f.status !== 'enrolled' || (f.creation_due_at && f.creation_due_at.getTime() <= Date.now()))
      throw new AppError('OPPOSITION_CLOSED');
    const now = new Date();
    await trx
      .updateTable('profile')
      .set({ status: 'opposed', opposed_at: now })
      .where('id', '=', f.profile_id)
      .execute();
    await trx
      .updateTable('provisional_code')
      .set({ used_at: now })
      .where('profile_id', '=', f.profile_id)
      .where('used_at', 'is', null)
      .execute();
    // Finished, but the flow still opens the proof until it expires.
    await trx
      .updateTable('activation_flow')
      .set({ decision: 'oppose', finished_at: now })
      .where('id_hash', '=', f.hash)
      .execute();
    await journal(trx, person(f.profile_id), { action: 'identity.oppose' });
    if (f.email) {
      await sendLater(trx, platform.queue, {
        channel: 'email',
        to: f.email,
        ...oppositionNotice(now, currentLocale()),
        kind: 'opposition',
      });
    }
    return { reference: oppositionReference(f.profile_id, now), opposedAt: now.toISOString() };
  });
}

/** The e-mail confirming an opposition, in the language of the person who opposed. */
function oppositionNotice(now: Date, locale: Locale): { subject: string; text: string } {
  if (locale === 'en')
    return {
      subject: 'Your opposition to the creation of Mon espace santé',
      text: `Hello,\n\nYour opposition to the creation of your health space was recorded on ${now.toLocaleDateString('en-GB', { timeZone: 'Europe/Paris' })}. You can change your mind at any time by activating your space with a new temporary code.\n\nThis message is automatic, please do not reply to it.`,
    };
  return {
    subject: 'Votre opposition à la création de Mon espace santé',
    text: `Bonjour,\n\nVotre opposition à la création de votre espace santé a bien été enregistrée le ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}. Vous pouvez changer d'avis à tout moment en activant votre espace avec un nouveau code provisoire.\n\nCe message est automatique, merci de ne pas y répondre.`,
  };
}

/** A human-readable reference of an opposition, printed on its proof. */
export function oppositionReference(profileId: string, at: Date): string {
  return `OPP-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${profileId.slice(0, 8).toUpperCase()}`;
}

/** The data printed on the proof of opposition (the flow must be the one that opposed). */
export async function oppositionProofData(platform: Platform, flowId: string) {
  return platform.db.transaction().execute(async (trx) => {
    const f = await openFlow(trx, flowId);
    if (f.decision !== 'oppose' || f.status !== 'opposed') throw new AppError('NOT_FOUND');
    const p = await trx
      .selectFrom('profile')
      .select(['opposed_at'])
      .where('id', '=', f.profile_id)
      .executeTakeFirstOrThrow();
    await journal(trx, person(f.profile_id), { action: 'identity.opposition-proof' });
    return {
      firstNames: f.first_names,
      birthName: f.birth_name,
      birthDate: f.birth_date,
      nir: f.nir ?? '',
      opposedAt: p.opposed_at!,
      reference: oppositionReference(f.profile_id, p.opposed_at!),
    };
  });
}

/** « Je vérifie mes coordonnées de contact »: sends a code to the e-mail or phone given (possibly changed). */
export async function sendContactCode(
  platform: Platform,
  flowId: string,
  channel: 'email' | 'sms',
  destination: string,
): Promise<string> {
  const normalized = channel === 'sms' ? normalizePhone(destination) : destination.trim().toLowerCase();
  if (!normalized)
    throw new AppError('VALIDATION_FAILED', "Ce numéro de téléphone n'est pas valide.", [
      { path: 'body.destination', message: "Ce numéro de téléphone n'est pas valide." },
    ]);
  await platform.db.transaction().execute(async (trx) => {
    const f = await openFlow(trx, flowId);
    if (f.finished_at) throw new AppError('FLOW_EXPIRED');
    await trx
      .updateTable('activation_flow')
      .set(
        channel === 'email'
          ? { email: normalized, email_verified: false }
          : { phone: normalized, phone_verified: false },
      )
      .where('id_hash', '=', f.hash)
      .execute();
    await issueOtp(trx, platform.queue, platform.codeKey, {
      purpose: channel === 'email' ? 'activation-email' : 'activation-phone',
      boundTo: f.hash,
      channel,
      destination: normalized,
    });
    await journal(trx, person(f.profile_id), {
      action: 'identity.code-sent',
      detail: { purpose: 'activation', channel },
    });
  });
  return normalized;
}

/** Confirms the e-mail or phone with its code. */
export async function verifyContactCode(
  platform: Platform,
  flowId: string,
  channel: 'email' | 'sms',
  code: string,
): Promise<{ emailVerified: boolean; phoneVerified: boolean }> {
  const result = await platform.db.transaction().execute(async (trx) => {
    const f = await openFlow(trx, flowId);
    if (f.finished_at) throw new AppError('FLOW_EXPIRED');
    const check = await checkOtp(trx, platform.codeKey, {
      purpose: channel === 'email' ? 'activation-email' : 'activation-phone',
      boundTo: f.hash,
      code,
    });
    if (!check.ok) return check;
    await trx
      .updateTable('activation_flow')
      .set(channel === 'email' ? { email_verified: true } : { phone_verified: true })
      .where('id_hash', '=', f.hash)
      .execute();
    return {
      ok: true as const,
      emailVerified: channel === 'email' || f.email_verified,
      phoneVerified: channel === 'sms' || f.phone_verified,
    };
  });
  if (!result.ok) throw new AppError(otpErrorCode(result.reason));
  return { emailVerified: result.emailVerified, phoneVerified: result.phoneVerified };
}

/** Whether a username can be chosen (format and availability, case-insensitive). */
export async function usernameAvailable(
  platform: Platform,
  username: string,
  ip: string,
): Promise<{ available: boolean; reason: 'format' | 'taken' | null }> {
  // Each answer tells whether an account exists under that name: every lookup counts, in the database
  // (like sign-in's per-address limit), so the limit holds across nodes and beyond the minute.
  const ipKey = `username-check-ip:${ip}`;
  if (await isLocked(platform.db, ipKey)) throw new AppError('RATE_LIMITED');
  await recordFailure(platform.db, ipKey, USERNAME_CHECK_PER_ADDRESS);
  if (!isValidUsername(username)) return { available: false, reason: 'format' };
  const taken = await platform.db
    .selectFrom('account')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return taken ? { available: false, reason: 'taken' } : { available: true, reason: null };
}

/**
 * « Je choisis mon nouvel identifiant et mon mot de passe »: creates the account, activates the space with
 * its confirmed contacts, uses up the provisional code, and opens a session.
 */
export async function finishActivation(
  platform: Platform,
  reply: FastifyReply,
  input: { flowId: string; username: string; password: string },
  userAgent: string | undefined,
): Promise<{ firstName: string }> {
  if (!isValidUsername(input.username))
    throw new AppError('VALIDATION_FAILED', "Cet identifiant n'est pas valide.", [
      { path: 'body.username', message: "Cet identifiant n'est pas valide." },
    ]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await platform.db.transaction().execute(async (trx) => {
      const f = await openFlow(trx, input.flowId);
      if (f.finished_at || !REOPENABLE.includes(f.status)) throw new AppError('FLOW_EXPIRED');
      if (!f.email_verified && !f.phone_verified) throw new AppError('CONTACT_NOT_VERIFIED');
      const verdict = judgePassword(input.password, [
        input.username,
        f.used_first_name,
        f.birth_name,
        ...f.first_names.split(' '),
      ]);
      if (!verdict.ok)
        throw new AppError('PASSWORD_TOO_WEAK', verdict.messages.join(' '), [
          { path: 'body.password', message: verdict.messages.join(' ') },
        ]);
      const now = new Date();
      // A closed space reopened (R10.4) keeps its account row: it takes the new username and password.
      const account = await trx
        .insertInto('account')
        .values({ profile_id: f.profile_id, username: input.username, password_hash: passwordHash })
        .onConflict((oc) =>
          oc.column('profile_id').doUpdateSet({ username: input.username, password_hash: passwordHash }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('profile')
        .set({
          status: 'activated',
          activated_at: now,
          closed_at: null,
          archive_until: null,
          email: f.email_verified ? f.email : null,
          email_verified_at: f.email_verified ? now : null,
          phone: f.phone_verified ? f.phone : null,
          phone_verified_at: f.phone_verified ? now : null,
        })
        .where('id', '=', f.profile_id)
        .execute();
      await trx
        .updateTable('provisional_code')
        .set({ used_at: now })
        .where('profile_id', '=', f.profile_id)
        .where('used_at', 'is', null)
        .execute();
      await trx
        .updateTable('activation_flow')
        .set({ decision: 'activate', finished_at: now })
        .where('id_hash', '=', f.hash)
        .execute();
      const sessionId = await openSession(trx, platform.config, reply, account.id, userAgent);
      await journal(trx, accountAccess({ accountId: account.id, profileId: f.profile_id }), {
        action: 'identity.activate',
        detail: { session: sessionId },
      });
      return { firstName: f.used_first_name };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('USERNAME_TAKEN');
    throw err;
  }
}

/**
 * « Demander un nouveau code »: when the NIR and birth date match a space not yet activated and the
 * chosen channel is known, a new code is sent and the old ones stop working. The answer never says
 * whether anything matched.
 */
export async function requestNewCode(
  platform: Platform,
  input: { nir: string; birthDate: string; channel: 'email' | 'sms' },
  ip: string,
): Promise<void> {
  const ipKey = `newcode-ip:${ip}`;
  if (await isLocked(platform.db, ipKey)) throw new AppError('RATE_LIMITED');
  await recordFailure(platform.db, ipKey, IDENTIFY_PER_ADDRESS); // every request counts: this route sends messages
  const nir = normalizeNir(input.nir);
  await platform.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('profile')
      .leftJoin('profile as holder', 'holder.id', 'profile.holder_id')
      .select([
        'profile.id',
        'profile.status',
        'profile.birth_date',
        'profile.email',
        'profile.phone',
        'profile.used_first_name',
        'profile.deletion_requested_at',
        'holder.email as holderEmail',
        'holder.phone as holderPhone',
      ])
      .where('profile.nir', '=', nir)
      .executeTakeFirst();
    if (!p || p.birth_date !== input.birthDate || !REOPENABLE.includes(p.status) || p.deletion_requested_at) {
      await journal(trx, system(p?.id ?? null), { action: 'identity.new-code-refused' });
      return;
    }
    const to = input.channel === 'email' ? (p.email ?? p.holderEmail) : (p.phone ?? p.holderPhone);
    if (!to) {
      await journal(trx, system(p.id), { action: 'identity.new-code-refused', detail: { reason: 'no-contact' } });
      return;
    }
    await issueProvisionalCode(trx, platform, {
      profileId: p.id,
      firstName: p.used_first_name,
      channel: input.channel,
      to,
    });
    await journal(trx, person(p.id), {
      action: 'identity.code-sent',
      detail: { purpose: 'provisional', channel: input.channel },
    });
  });
}
