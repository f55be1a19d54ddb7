import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import type { Trx } from '../../platform/db.js';
import { sendLater } from '../../platform/outbox.js';
import { currentLocale } from '../../platform/locale.js';
import type { Locale } from '../../../../shared/src/locale.js';
import { codeHash, newProvisionalCode } from './codes.js';

export const PROVISIONAL_CODE_DAYS = 90;
export const OPPOSITION_WEEKS = 6;

/**
 * Creates a provisional code for a profile and sends it (e-mail or SMS through the outbox) or returns it
 * for a letter. Earlier codes are revoked. The first code sent starts the 6-week opposition window.
 */
export async function issueProvisionalCode(
  trx: Trx,
  platform: Pick<Platform, 'queue' | 'codeKey'>,
  o: { profileId: string; firstName: string; channel: 'email' | 'sms' | 'letter'; to: string | null; now?: Date },
): Promise<string> {
  const now = o.now ?? new Date();
  await trx
    .updateTable('provisional_code')
    .set({ revoked_at: now })
    .where('profile_id', '=', o.profileId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const code = newProvisionalCode();
  await trx
    .insertInto('provisional_code')
    .values({
      profile_id: o.profileId,
      code_hash: codeHash(platform.codeKey, 'provisional', code.replace(/-/g, '')),
      channel: o.channel,
      created_at: now,
      expires_at: new Date(now.getTime() + PROVISIONAL_CODE_DAYS * 86_400_000),
    })
    .execute();
  await trx
    .updateTable('profile')
    .set({
      code_sent_at: sql`coalesce(code_sent_at, ${now})`,
      creation_due_at: sql`coalesce(creation_due_at, ${new Date(now.getTime() + OPPOSITION_WEEKS * 7 * 86_400_000)})`,
    })
    .where('id', '=', o.profileId)
    .execute();
  if (o.channel !== 'letter' && o.to)
    await sendLater(trx, platform.queue, provisionalCodeMessage(o.channel, o.to, o.firstName, code, currentLocale()));
  return code;
}

/** The e-mail or SMS carrying a provisional code: the code, what to do with it, no health data. */
export function provisionalCodeMessage(
  channel: 'email' | 'sms',
  to: string,
  firstName: string,
  code: string,
  locale: Locale = 'fr',
) {
  if (locale === 'en') return provisionalCodeMessageEn(channel, to, firstName, code);
  const text =
    channel === 'sms'
      ? `Mon espace santé : code provisoire pour ${firstName} : ${code}. Valable ${PROVISIONAL_CODE_DAYS} jours, à saisir sur « Activer Mon espace santé ».`
      : `Bonjour,\n\nVoici le code provisoire de l'espace santé au nom de ${firstName} : ${code}\n\nPour activer l'espace, ou vous opposer à sa création, choisissez « Activer Mon espace santé » sur la page d'accueil et munissez-vous de ce code, du numéro de sécurité sociale, de la date de naissance et de la carte Vitale.\n\nSans opposition de votre part dans les ${OPPOSITION_WEEKS} semaines, l'espace sera créé ; vous pourrez l'activer plus tard ou demander sa clôture.\n\nCe code est valable ${PROVISIONAL_CODE_DAYS} jours. Ne le communiquez à personne.`;
  return {
    channel,
    to,
    subject: channel === 'email' ? 'Votre code provisoire Mon espace santé' : undefined,
    text,
    kind: 'provisional-code',
  };
}

function provisionalCodeMessageEn(channel: 'email' | 'sms', to: string, firstName: string, code: string) {
  const text =
    channel === 'sms'
      ? `Mon espace santé: temporary code for ${firstName}: ${code}. Valid for ${PROVISIONAL_CODE_DAYS} days, to enter on “Activate Mon espace santé”.`
      : `Hello,\n\nHere is the temporary code of the health space in the name of ${firstName}: ${code}\n\nTo activate the space, or to oppose its creation, choose “Activate Mon espace santé” on the home page and have this code, the social security number, the date of birth and the Carte Vitale at hand.\n\nWithout opposition from you within ${OPPOSITION_WEEKS} weeks, the space will be created; you can activate it later or ask for it to be closed.\n\nThis code is valid for ${PROVISIONAL_CODE_DAYS} days. Do not give it to anyone.`;
  return {
    channel,
    to,
    subject: channel === 'email' ? 'Your temporary code for Mon espace santé' : undefined,
    text,
    kind: 'provisional-code',
  };
}
