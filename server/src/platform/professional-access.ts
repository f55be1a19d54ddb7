import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Db, Trx } from './db.js';
import { grantAccess, recordOn, type AccessContext, type Actor, type ProfessionalFacts } from './access.js';
import { AppError } from './errors.js';
import { journal, SYSTEM_CHAIN } from './journal.js';
import type { Platform } from './platform.js';
import { sendManyLater } from './outbox.js';
import { emailLocale } from './locale.js';
import { isMinor } from '../../../shared/src/age.js';
import type { ErrorCode } from '../../../shared/src/errors.js';

/** A signed-in health professional (professional session, separate from patients'). */
export interface ProfessionalUser {
  sessionId: string;
  professionalId: string;
  rpps: string;
  /** TRE_G15 profession code (10 médecin, 21 pharmacien, 60 infirmier, 80 pédicure-podologue…). */
  professionCode: string;
  /** A SAMU centre 15 regulator. */
  regulator: boolean;
}

/** What a professional may do on a patient's space, declared by the portal's routes as `{ patient: … }`. */
export type { ProCapability } from '../../../shared/src/access.js';
import type { ProCapability } from '../../../shared/src/access.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in professional behind the request (professional session cookie), or null. */
    professional: ProfessionalUser | null;
  }
}

/**
 * How long a break-the-glass or centre 15 access stays open: 4 hours. The reference gives no figure; an
 * emergency is one episode of care (a SAMU call, a stay in an emergency department, whose median length
 * in France is about 3 hours), not a standing right: past it, a new emergency access needs a new reason
 * and sends the patient a new e-mail. The professional may choose a shorter one.
 */
export const EMERGENCY_MAX_MINUTES = 240;

/** How often, at most, « à chaque accès » notices go out for one professional (a page view is not an access). */
const EVERY_ACCESS_GAP_MS = 3_600_000;

/** The actor a professional is in the journal. */
export function professionalActor(pro: ProfessionalUser): Actor {
  return { kind: 'professional', professionalId: pro.professionalId, rpps: pro.rpps };
}

type Mode = ProfessionalFacts['mode'];

interface Facts {
  profile: { id: string; birth_date: string } | undefined;
  access: { status: 'authorized' | 'blocked'; administrator: boolean; synthesis_sections: string[] | null } | undefined;
  emergency: { samu: boolean; break_glass: boolean; hidden_readable: boolean };
  /** The open emergency access, when one is open and its switch is still on. */
  open: Mode | null;
}

async function facts(db: Db, pro: ProfessionalUser, profileId: string): Promise<Facts> {
  const profile = await db
    .selectFrom('profile')
    .select(['id', 'birth_date'])
    .where('id', '=', profileId)
    .where('status', 'in', ['created', 'activated'])
    .executeTakeFirst();
  if (!profile)
    return {
      profile,
      access: undefined,
      emergency: { samu: false, break_glass: false, hidden_readable: false },
      open: null,
    };
  const [access, setting, open] = await Promise.all([
    db
      .selectFrom('professional_access')
      .select(['status', 'administrator', 'synthesis_sections'])
      .where('profile_id', '=', profileId)
      .where('professional_id', '=', pro.professionalId)
      .executeTakeFirst(),
    db
      .selectFrom('emergency_setting')
      .select(['samu', 'break_glass', 'hidden_readable'])
      .where('profile_id', '=', profileId)
      .executeTakeFirst(),
    db
      .selectFrom('emergency_access')
      .select('mode')
      .where('profile_id', '=', profileId)
      .where('professional_id', '=', pro.professionalId)
      .where('ends_at', '>', sql<Date>`now()`)
      .orderBy('ends_at', 'desc')
      .executeTakeFirst(),
  ]);
  // No row = the defaults of the law: SAMU and break-the-glass on, hidden documents not readable.
  const emergency = setting ?? { samu: true, break_glass: true, hidden_readable: false };
  // An open access lapses as soon as the patient turns its switch off.
  const still = open && (open.mode === 'centre_15' ? emergency.samu : emergency.break_glass) ? open.mode : null;
  return { profile, access, emergency, open: still };
}

/** The mode a new emergency access would have, or null when the patient's switches refuse it. */
function emergencyMode(pro: ProfessionalUser, f: Facts): Mode | null {
  if (pro.regulator && f.emergency.samu) return 'centre_15';
  return f.emergency.break_glass ? 'bris_de_glace' : null;
}

interface Verdict {
  refuse?: ErrorCode;
  why?: string;
  mode: Mode;
}

/** The rules of R8, as one function of the facts: consent, block, emergency. */
function decide(pro: ProfessionalUser, f: Facts, capability: ProCapability): Verdict {
  const status = f.access?.status;
  if (capability === 'deposit') {
    // A blocked professional may still deposit documents (R8.7).
    if (status) return { mode: 'normal' };
    if (f.open) return { mode: f.open };
    return { refuse: 'PRO_NO_CONSENT', why: 'no_consent', mode: 'normal' };
  }
  if (status === 'blocked')
    return {
      refuse: 'PRO_BLOCKED',
      why: 'blocked',
      mode: capability === 'emergency' ? (emergencyMode(pro, f) ?? 'bris_de_glace') : 'normal',
    };
  if (capability === 'consent') return { mode: 'normal' };
  // An administrator (« statut administrateur », given by the patient to an authorized professional) sees the
  // patient's professionals and may block others; an emergency access never makes one.
  if (capability === 'administer') {
    if (status === 'authorized' && f.access?.administrator) return { mode: 'normal' };
    return { refuse: 'PRO_NOT_ADMINISTRATOR', why: 'not_administrator', mode: 'normal' };
  }
  if (capability === 'emergency') {
    const mode = emergencyMode(pro, f);
    return mode
      ? { mode }
      : { refuse: 'EMERGENCY_DISABLED', why: 'emergency_off', mode: pro.regulator ? 'centre_15' : 'bris_de_glace' };
  }
  // « la synthèse »: only the one the patient shared with this professional (R6.5), and never once blocked
  // (blocking withdraws it too); an emergency access does not open it, since the patient chose who reads it.
  if (capability === 'synthesis') {
    if (status === 'authorized' && f.access?.synthesis_sections?.length) return { mode: 'normal' };
    return { refuse: 'PRO_SYNTHESIS_NOT_SHARED', why: 'synthesis_not_shared', mode: 'normal' };
  }
  // Read: an open emergency access (which may see more), else the consent collected at a visit.
  if (f.open) return { mode: f.open };
  if (status === 'authorized') return { mode: 'normal' };
  return { refuse: 'PRO_NO_CONSENT', why: 'no_consent', mode: 'normal' };
}

/**
 * The professionals' access decision for a request on `profileId` (R8): the patient's lists (consent
 * collected at a visit, block), the emergency switches and open emergency accesses. Grants a context that
 * carries the professional (the documents' matrix filter reads the profession) and what they see; records
 * the first and last access, and sends the patient the notice their preference asks for. Refusals are
 * journaled on the patient's chain, with the mode and the reason. `noConsentAsNotFound` (the FHIR API's
 * reads by id): a professional with no relation to the patient hears 404, as for an id that does not exist.
 */
export async function authorizeProfessional(
  db: Db,
  req: FastifyRequest,
  profileId: string,
  capability: ProCapability,
  opts: { noConsentAsNotFound?: boolean } = {},
): Promise<AccessContext> {
  const pro = req.professional;
  if (!pro) throw new AppError('UNAUTHENTICATED');
  const f = await facts(db, pro, profileId);
  const route = `${req.method} ${req.routeOptions.url}`;
  if (!f.profile) {
    await db.transaction().execute((trx) =>
      journal(trx, recordOn(professionalActor(pro), SYSTEM_CHAIN), {
        action: 'access.refused',
        resourceType: 'route',
        detail: { route, capability, status: 404, profileId },
      }),
    );
    throw new AppError('NOT_FOUND');
  }
  const v = decide(pro, f, capability);
  const facts_: ProfessionalFacts = { id: pro.professionalId, professionCode: pro.professionCode, mode: v.mode };
  const reason = v.mode === 'normal' ? 'normal' : 'emergency';
  if (v.refuse) {
    // A resource named by its id (the FHIR API's reads): no relation to its patient → not found.
    const hidden = opts.noConsentAsNotFound && v.refuse === 'PRO_NO_CONSENT';
    await db.transaction().execute((trx) =>
      journal(trx, recordOn(professionalActor(pro), profileId, reason, facts_), {
        action: 'access.refused',
        resourceType: 'route',
        detail: { route, capability, status: hidden ? 404 : 403, why: v.why },
      }),
    );
    throw new AppError(hidden ? 'NOT_FOUND' : v.refuse);
  }
  const administrator = f.access?.status === 'authorized' && f.access.administrator;
  const ctx = grantAccess(
    professionalActor(pro),
    profileId,
    'professional',
    {
      hiddenFromProfessionals: administrator || (reason === 'emergency' && f.emergency.hidden_readable),
      hiddenFromRepresentatives: true,
      invisibleToPatient: true,
    },
    reason,
    facts_,
  );
  if (capability === 'read' || capability === 'deposit' || capability === 'synthesis') {
    const queue = (req.server as unknown as { platform: Platform }).platform.queue;
    await db.transaction().execute((trx) => recordAccess(trx, queue, ctx, pro, f));
  }
  return ctx;
}

/**
 * First and last access on the patient's list, and the notice by e-mail: at the first access of each
 * professional, or at every access (at most one an hour), or never, as the patient chose (R8.6; default
 * first). Emergency accesses send their own notice when they open (openEmergency in the feature).
 */
async function recordAccess(trx: Trx, queue: Platform['queue'], ctx: AccessContext, pro: ProfessionalUser, f: Facts) {
  if (!f.access) return;
  const profileId = ctx.profileId!;
  const before = await trx
    .selectFrom('professional_access')
    .select(['first_access_at', 'last_access_at'])
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', pro.professionalId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return;
  const now = new Date();
  await trx
    .updateTable('professional_access')
    .set({ first_access_at: before.first_access_at ?? now, last_access_at: now })
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', pro.professionalId)
    .execute();
  const pref = await trx
    .selectFrom('notification_setting')
    .select('accesses')
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
  const accesses = pref?.accesses ?? 'first';
  const first = before.first_access_at === null;
  const gapPassed = !before.last_access_at || now.getTime() - before.last_access_at.getTime() >= EVERY_ACCESS_GAP_MS;
  if ((accesses === 'first' && first) || (accesses === 'every' && (first || gapPassed))) {
    await notifyAccess(trx, queue, profileId, 'normal');
  }
}

const NOTICE = {
  normal: {
    subject: 'Un professionnel de santé a consulté votre espace santé',
    text: "Un professionnel de santé a consulté votre espace santé. Pour savoir qui et quand, connectez-vous et ouvrez l'« Historique d'activité ». Si vous ne reconnaissez pas cet accès, vous pouvez le signaler depuis cette page.",
  },
  emergency: {
    subject: "Accès en cas d'urgence à votre espace santé",
    text: "Un professionnel de santé a accédé à votre espace santé en urgence. Pour savoir qui, quand et pourquoi, connectez-vous et ouvrez l'« Historique d'activité ». Vous pouvez régler l'« Accès en cas d'urgence » dans vos paramètres.",
  },
} as const;

const NOTICE_EN = {
  normal: {
    subject: 'A health professional has looked at your health space',
    text: 'A health professional has looked at your health space. To know who and when, sign in and open “Activity history”. If you do not recognise this access, you can report it from that page.',
  },
  emergency: {
    subject: 'Emergency access to your health space',
    text: 'A health professional has opened your health space in an emergency. To know who, when and why, sign in and open “Activity history”. You can set “Emergency access” in your settings.',
  },
} as const;

/**
 * Enqueues the access notice, with no health data, to the patient and, for a minor, to their legal
 * representatives (R8.5), in the caller's transaction.
 */
export async function notifyAccess(
  trx: Trx,
  queue: Platform['queue'],
  profileId: string,
  kind: 'normal' | 'emergency',
): Promise<number> {
  const me = await trx
    .selectFrom('profile')
    .select(['email', 'birth_date'])
    .where('id', '=', profileId)
    .executeTakeFirst();
  if (!me) return 0;
  const to = new Set<string>();
  if (me.email) to.add(me.email);
  if (isMinor(me.birth_date)) {
    const reps = await trx
      .selectFrom('representation')
      .innerJoin('profile', 'profile.id', 'representation.representative_id')
      .select('profile.email')
      .where('representation.profile_id', '=', profileId)
      .where('representation.status', '=', 'validated')
      .execute();
    for (const r of reps) if (r.email) to.add(r.email);
  }
  const mails = [];
  for (const email of to) {
    const n = ((await emailLocale(trx, email)) === 'en' ? NOTICE_EN : NOTICE)[kind];
    mails.push({ channel: 'email' as const, to: email, subject: n.subject, text: n.text, kind: `pro-access-${kind}` });
  }
  await sendManyLater(trx, queue, mails);
  return to.size;
}
