import { sql } from 'kysely';
import { normalizeNir } from '../../../../shared/src/nir.js';
import { isMinor, MAJORITY_AGE } from '../../../../shared/src/age.js';
import { minorSql } from '../../platform/age.sql.js';
import type { Platform } from '../../platform/platform.js';
import { accountAccess, recordOn, type AccessContext } from '../../platform/access.js';
import type { Executor, Trx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { journal } from '../../platform/journal.js';
import type { SessionUser } from '../../platform/session.js';
import { codeHash, normalizeProvisionalCode, sameHash } from '../identity/codes.js';
import { IDENTIFY_PER_ADDRESS, isLocked, recordFailure } from '../identity/throttle.js';
import { identityMatches } from './family.match.js';

export const MAX_CAREGIVERS = 3;
export const MAX_HELPED = 5;

function me(user: SessionUser): AccessContext {
  return accountAccess(user);
}

/** The person's own identity traits, to match invitations and to check age. */
async function ownProfile(db: Executor, user: SessionUser) {
  return db
    .selectFrom('profile')
    .select(['id', 'birth_name', 'first_names', 'used_first_name', 'birth_date'])
    .where('id', '=', user.profileId)
    .executeTakeFirstOrThrow();
}

/** Minors attached to me at enrolment whose profile I do not represent yet (R4.1: « Ajouter un profil »). */
export async function attachableChildren(platform: Platform, user: SessionUser) {
  const rows = await platform.db
    .selectFrom('profile')
    .leftJoin('representation', (j) =>
      j
        .onRef('representation.profile_id', '=', 'profile.id')
        .on('representation.representative_id', '=', user.profileId)
        .on('representation.status', '=', 'validated'),
    )
    .select(['profile.id', 'profile.used_first_name', 'profile.birth_name', 'profile.birth_date'])
    .where('profile.holder_id', '=', user.profileId)
    .where('profile.status', '!=', 'closed')
    .where('representation.profile_id', 'is', null)
    .where(minorSql('profile.birth_date'))
    .orderBy('profile.birth_date')
    .execute();
  return rows.map((r) => ({ id: r.id, firstName: r.used_first_name, lastName: r.birth_name, birthDate: r.birth_date }));
}

/** Records me as a validated legal representative of a minor and opens the minor's space. */
async function becomeRepresentative(
  trx: Trx,
  user: SessionUser,
  childId: string,
  how: 'enrolment' | 'code' | 'invitation',
): Promise<void> {
  const now = new Date();
  await trx
    .insertInto('representation')
    .values({ representative_id: user.profileId, profile_id: childId, status: 'validated', declared_at: now })
    .onConflict((oc) =>
      oc
        .columns(['profile_id', 'representative_id'])
        .doUpdateSet({ status: 'validated', declared_at: now, ended_at: null, end_reason: null }),
    )
    .execute();
  await trx
    .updateTable('profile')
    .set({ status: 'activated', activated_at: sql`coalesce(activated_at, ${now})` })
    .where('id', '=', childId)
    .where('status', 'in', ['enrolled', 'created', 'opposed', 'activated'])
    .execute();
  await trx
    .updateTable('provisional_code')
    .set({ used_at: now })
    .where('profile_id', '=', childId)
    .where('used_at', 'is', null)
    .execute();
  const ctx = recordOn({ kind: 'representative', accountId: user.accountId, profileId: user.profileId }, childId);
  await journal(trx, ctx, { action: 'family.representative-added', detail: { how, certified: true } });
}

/**
 * « Ajouter »: the selected minors, after « Je certifie être le représentant légal du ou des profils sélectionnés. »
 */
export async function addChildren(
  platform: Platform,
  user: SessionUser,
  ids: string[],
  certified: boolean,
): Promise<number> {
  if (!certified) throw new AppError('CERTIFICATION_REQUIRED');
  const allowed = new Set((await attachableChildren(platform, user)).map((c) => c.id));
  if (!ids.length || ids.some((id) => !allowed.has(id))) throw new AppError('NOT_FOUND');
  await platform.db.transaction().execute(async (trx) => {
    for (const id of ids) await becomeRepresentative(trx, user, id, 'enrolment');
  });
  return ids.length;
}

/**
 * A child not listed (R4.2): added with the child's own provisional code, NIR and birth date. Any mismatch
 * gets the generic answer of the activation; failures count on the code and per address.
 */
export async function addChildByCode(
  platform: Platform,
  user: SessionUser,
  input: { code: string; nir: string; birthDate: string; certified: boolean },
  ip: string,
): Promise<{ id: string; firstName: string }> {
  if (!input.certified) throw new AppError('CERTIFICATION_REQUIRED');
  const ipKey = `identify-ip:${ip}`;
  if (await isLocked(platform.db, ipKey)) throw new AppError('RATE_LIMITED');
  const result = await platform.db.transaction().execute(async (trx) => {
    const child = await trx
      .selectFrom('profile')
      .select(['id', 'birth_date', 'status', 'used_first_name'])
      .where('nir', '=', normalizeNir(input.nir))
      .executeTakeFirst();
    const pc = child
      ? await trx
          .selectFrom('provisional_code')
          .select(['id', 'code_hash', 'expires_at', 'failures'])
          .where('profile_id', '=', child.id)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
          .limit(1)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    const ok =
      child &&
      pc &&
      child.status !== 'closed' &&
      child.birth_date === input.birthDate &&
      isMinor(child.birth_date) &&
      pc.expires_at.getTime() > Date.now() &&
      sameHash(codeHash(platform.codeKey, 'provisional', normalizeProvisionalCode(input.code)), pc.code_hash);
    if (!ok || !child) {
      if (pc)
        await trx
          .updateTable('provisional_code')
          .set({ failures: pc.failures + 1, ...(pc.failures + 1 >= 5 ? { revoked_at: new Date() } : {}) })
          .where('id', '=', pc.id)
          .execute();
      await journal(trx, me(user), { action: 'family.add-child-failed' });
      return null;
    }
    await becomeRepresentative(trx, user, child.id, 'code');
    return { id: child.id, firstName: child.used_first_name };
  });
  if (!result) {
    await recordFailure(platform.db, ipKey, IDENTIFY_PER_ADDRESS);
    throw new AppError('IDENTIFICATION_FAILED');
  }
  return result;
}

/** A minor's representatives and the invitations sent for them (both representatives see them). */
export async function representativesOf(platform: Platform, user: SessionUser, ctx: AccessContext) {
  const childId = ctx.profileId!;
  if (ctx.relation !== 'representative') throw new AppError('NOT_A_MINOR');
  return platform.db.transaction().execute(async (trx) => {
    const reps = await trx
      .selectFrom('representation')
      .innerJoin('profile', 'profile.id', 'representation.representative_id')
      .select(['profile.id', 'profile.used_first_name', 'profile.birth_name', 'representation.declared_at'])
      .where('representation.profile_id', '=', childId)
      .where('representation.status', '=', 'validated')
      .execute();
    const invitations = await trx
      .selectFrom('representative_invitation')
      .selectAll()
      .where('profile_id', '=', childId)
      .orderBy('created_at', 'desc')
      .execute();
    await journal(trx, ctx, { action: 'family.representatives-read' });
    return {
      representatives: reps.map((r) => ({
        firstName: r.used_first_name,
        lastName: r.birth_name,
        me: r.id === user.profileId,
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        firstName: i.first_name,
        lastName: i.last_name,
        birthDate: i.birth_date,
        status: i.status,
        createdAt: i.created_at.toISOString(),
        mine: i.invited_by === user.profileId,
      })),
    };
  });
}

/** « Partager »: invites the child's second legal representative, designated by identity (R4.3). */
export async function inviteRepresentative(
  platform: Platform,
  user: SessionUser,
  ctx: AccessContext,
  input: { lastName: string; firstName: string; birthDate: string; certified: boolean },
): Promise<string> {
  if (!input.certified) throw new AppError('CERTIFICATION_REQUIRED');
  const childId = ctx.profileId!;
  if (ctx.relation !== 'representative') throw new AppError('NOT_A_MINOR');
  return platform.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('representative_invitation')
      .values({
        profile_id: childId,
        invited_by: user.profileId,
        last_name: input.lastName.trim(),
        first_name: input.firstName.trim(),
        birth_date: input.birthDate,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await journal(trx, ctx, {
      action: 'family.representative-invited',
      resourceType: 'representative_invitation',
      resourceId: row.id,
    });
    return row.id;
  });
}

/** A representative withdraws their own access to the minor's profile. */
export async function withdrawRepresentation(platform: Platform, user: SessionUser, ctx: AccessContext): Promise<void> {
  const childId = ctx.profileId!;
  if (ctx.relation !== 'representative') throw new AppError('NOT_A_MINOR');
  await platform.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('representation')
      .set({ status: 'ended', ended_at: new Date(), end_reason: 'withdrawn' })
      .where('profile_id', '=', childId)
      .where('representative_id', '=', user.profileId)
      .execute();
    await journal(trx, ctx, { action: 'family.representative-withdrawn' });
  });
}

/** Caregivers of my own space, with their statuses (R5). Only the person helped manages them. */
export async function caregiversOf(platform: Platform, ctx: AccessContext) {
  const profileId = ctx.profileId!;
  await expireCaregiving(platform.db, { profileId });
  return platform.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('caregiving')
      .selectAll()
      .where('profile_id', '=', profileId)
      .orderBy('created_at', 'desc')
      .execute();
    await journal(trx, ctx, { action: 'family.caregivers-read' });
    return rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      birthDate: r.birth_date,
      endsOn: r.ends_on,
      status: r.status,
      createdAt: r.created_at.toISOString(),
    }));
  });
}

/** Invites a caregiver by identity, with an end date; at most 3 pending or accepted per person. */
export async function inviteCaregiver(
  platform: Platform,
  user: SessionUser,
  ctx: AccessContext,
  input: { lastName: string; firstName: string; birthDate: string; endsOn: string },
): Promise<string> {
  const profileId = ctx.profileId!;
  const own = await ownProfile(platform.db, user);
  if (isMinor(own.birth_date)) throw new AppError('FORBIDDEN', 'Un aidant est invité par un adulte.');
  if (isMinor(input.birthDate))
    throw new AppError('VALIDATION_FAILED', 'Un aidant doit être majeur.', [
      { path: 'body.birthDate', message: 'Un aidant doit être majeur.' },
    ]);
  const today = new Date().toISOString().slice(0, 10);
  if (input.endsOn <= today)
    throw new AppError('VALIDATION_FAILED', 'La date de fin doit être dans le futur.', [
      { path: 'body.endsOn', message: 'La date de fin doit être dans le futur.' },
    ]);
  await expireCaregiving(platform.db, { profileId });
  return platform.db.transaction().execute(async (trx) => {
    // Serialises invitations of one person so that two at once cannot pass the limit together.
    await sql`select pg_advisory_xact_lock(hashtext(${`caregivers:${profileId}`}))`.execute(trx);
    const active = await trx
      .selectFrom('caregiving')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('profile_id', '=', profileId)
      .where('status', 'in', ['pending', 'accepted'])
      .executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_CAREGIVERS) throw new AppError('CAREGIVER_LIMIT');
    const row = await trx
      .insertInto('caregiving')
      .values({
        profile_id: profileId,
        last_name: input.lastName.trim(),
        first_name: input.firstName.trim(),
        birth_date: input.birthDate,
        ends_on: input.endsOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await journal(trx, ctx, { action: 'family.caregiver-invited', resourceType: 'caregiving', resourceId: row.id });
    return row.id;
  });
}

/** Ends a caregiving, from either side: the person helped, or the caregiver. */
export async function endCaregiving(platform: Platform, user: SessionUser, id: string): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('caregiving').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    const side =
      row?.profile_id === user.profileId ? 'helped' : row?.caregiver_id === user.profileId ? 'caregiver' : null;
    if (!row || !side) throw new AppError('NOT_FOUND');
    if (!['pending', 'accepted'].includes(row.status)) throw new AppError('INVITATION_CLOSED');
    await trx
      .updateTable('caregiving')
      .set({ status: 'ended', ended_at: new Date(), ended_by: side })
      .where('id', '=', id)
      .execute();
    const actor =
      side === 'helped'
        ? { kind: 'patient' as const, accountId: user.accountId, profileId: user.profileId }
        : { kind: 'caregiver' as const, accountId: user.accountId, profileId: user.profileId };
    await journal(trx, recordOn(actor, row.profile_id), {
      action: 'family.caregiving-ended',
      resourceType: 'caregiving',
      resourceId: id,
      detail: { by: side },
    });
  });
}

/** Pending invitations and accepted caregivings past their end date become "expired". */
export async function expireCaregiving(
  db: Executor,
  only?: { profileId: string } | { caregiverId: string; birthDate: string },
): Promise<void> {
  // The daily job expires every row; a request expires only the rows it is about to show or count.
  let q = db
    .updateTable('caregiving')
    .set({ status: 'expired' })
    .where('status', 'in', ['pending', 'accepted'])
    .where('ends_on', '<', sql<string>`current_date`);
  if (only && 'profileId' in only) q = q.where('profile_id', '=', only.profileId);
  if (only && 'caregiverId' in only)
    q = q.where((eb) => eb.or([eb('caregiver_id', '=', only.caregiverId), eb('birth_date', '=', only.birthDate)]));
  await q.execute();
}

/**
 * A waiting invitation to be a representative stays open only while the child is a minor with a space
 * not closed, and its author still represents the child (withdrawal or majority ends what they shared).
 */
const invitationStillOpen = sql<boolean>`exists (
  select 1 from representation r join profile c on c.id = r.profile_id
  where r.profile_id = i.profile_id and r.representative_id = i.invited_by and r.status = 'validated'
    and c.status <> 'closed' and c.birth_date > current_date - make_interval(years => ${MAJORITY_AGE}))`;

/** Invitations addressed to me (matched on my identity), and the people I help. */
export async function myInvitations(platform: Platform, user: SessionUser) {
  const own = await ownProfile(platform.db, user);
  await expireCaregiving(platform.db, { caregiverId: user.profileId, birthDate: own.birth_date });
  const reps = await platform.db
    .selectFrom('representative_invitation as i')
    .innerJoin('profile as child', 'child.id', 'i.profile_id')
    .innerJoin('profile as inviter', 'inviter.id', 'i.invited_by')
    .select([
      'i.id',
      'i.last_name',
      'i.first_name',
      'i.birth_date',
      'child.used_first_name as childFirstName',
      'child.birth_name as childLastName',
      'inviter.used_first_name as byFirstName',
      'inviter.birth_name as byLastName',
    ])
    .where('i.status', '=', 'waiting')
    .where('i.birth_date', '=', own.birth_date)
    .where('i.invited_by', '!=', user.profileId)
    .where(invitationStillOpen)
    .execute();
  const cares = await platform.db
    .selectFrom('caregiving as c')
    .innerJoin('profile as helped', 'helped.id', 'c.profile_id')
    .select([
      'c.id',
      'c.last_name',
      'c.first_name',
      'c.birth_date',
      'c.ends_on',
      'helped.used_first_name as byFirstName',
      'helped.birth_name as byLastName',
    ])
    .where('c.status', '=', 'pending')
    .where('c.birth_date', '=', own.birth_date)
    .where('c.profile_id', '!=', user.profileId)
    .execute();
  const helping = await platform.db
    .selectFrom('caregiving as c')
    .innerJoin('profile as helped', 'helped.id', 'c.profile_id')
    .select(['c.id', 'c.ends_on', 'helped.used_first_name', 'helped.birth_name'])
    .where('c.caregiver_id', '=', user.profileId)
    .where('c.status', '=', 'accepted')
    .execute();
  return {
    invitations: [
      ...reps
        .filter((r) => identityMatches(r, own))
        .map((r) => ({
          id: r.id,
          kind: 'representative' as const,
          from: `${r.byFirstName} ${r.byLastName}`,
          about: `${r.childFirstName} ${r.childLastName}`,
          endsOn: null,
        })),
      ...cares
        .filter((c) => identityMatches(c, own))
        .map((c) => ({
          id: c.id,
          kind: 'caregiver' as const,
          from: `${c.byFirstName} ${c.byLastName}`,
          about: `${c.byFirstName} ${c.byLastName}`,
          endsOn: c.ends_on,
        })),
    ],
    helping: helping.map((h) => ({
      id: h.id,
      firstName: h.used_first_name,
      lastName: h.birth_name,
      endsOn: h.ends_on,
    })),
  };
}

/** Accepts or refuses an invitation addressed to me; a caregiver helps 5 people at most. */
export async function answerInvitation(
  platform: Platform,
  user: SessionUser,
  kind: 'representative' | 'caregiver',
  id: string,
  accept: boolean,
): Promise<void> {
  const own = await ownProfile(platform.db, user);
  await platform.db.transaction().execute(async (trx) => {
    const now = new Date();
    if (kind === 'representative') {
      const inv = await trx
        .selectFrom('representative_invitation as i')
        .selectAll('i')
        .select(invitationStillOpen.as('open'))
        .where('i.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!inv || inv.invited_by === user.profileId || !identityMatches(inv, own)) throw new AppError('NOT_FOUND');
      if (inv.status !== 'waiting' || !inv.open) throw new AppError('INVITATION_CLOSED');
      await trx
        .updateTable('representative_invitation')
        .set({ status: accept ? 'validated' : 'refused', representative_id: user.profileId, decided_at: now })
        .where('id', '=', id)
        .execute();
      if (accept) await becomeRepresentative(trx, user, inv.profile_id, 'invitation');
      else
        await journal(
          trx,
          recordOn({ kind: 'patient', accountId: user.accountId, profileId: user.profileId }, inv.profile_id),
          { action: 'family.representative-refused', resourceType: 'representative_invitation', resourceId: id },
        );
      return;
    }
    const inv = await trx.selectFrom('caregiving').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!inv || inv.profile_id === user.profileId || !identityMatches(inv, own)) throw new AppError('NOT_FOUND');
    if (inv.status !== 'pending' || inv.ends_on < now.toISOString().slice(0, 10))
      throw new AppError('INVITATION_CLOSED');
    if (accept) {
      if (isMinor(own.birth_date)) throw new AppError('FORBIDDEN', 'Un aidant doit être majeur.');
      await sql`select pg_advisory_xact_lock(hashtext(${`helping:${user.profileId}`}))`.execute(trx);
      const helping = await trx
        .selectFrom('caregiving')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('caregiver_id', '=', user.profileId)
        .where('status', '=', 'accepted')
        .where('ends_on', '>=', sql<string>`current_date`)
        .executeTakeFirstOrThrow();
      if (Number(helping.n) >= MAX_HELPED) throw new AppError('HELPED_LIMIT');
    }
    await trx
      .updateTable('caregiving')
      .set({ status: accept ? 'accepted' : 'refused', caregiver_id: user.profileId, decided_at: now })
      .where('id', '=', id)
      .execute();
    await journal(
      trx,
      recordOn({ kind: 'caregiver', accountId: user.accountId, profileId: user.profileId }, inv.profile_id),
      {
        action: accept ? 'family.caregiver-accepted' : 'family.caregiver-refused',
        resourceType: 'caregiving',
        resourceId: id,
      },
    );
  });
}
