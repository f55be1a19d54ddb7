import { sql } from 'kysely';
import { minorSql } from './age.sql.js';
import type { Executor } from './db.js';
import { grantAccess, type AccessContext, type AccessReason, type Actor, type Sees } from './access.js';
import { AppError } from './errors.js';
import type { SessionUser } from './session.js';

/** How a signed-in person stands to a profile. */
export type PersonRelation = 'self' | 'representative' | 'caregiver';
/** @deprecated name kept for the features' imports: a person's relation. */
export type Relation = PersonRelation;

import type { Capability } from '../../../shared/src/access.js';
export type { Capability };

/**
 * The policy, in one place (R4, R5, R10): the person has every right on their own space; a legal
 * representative acts for the minor with the same rights (closing the space included); a caregiver reads
 * and edits the profile and documents and uses messaging, and nothing else. A closed space has no
 * representative nor caregiver any more (relationTo), so nothing of its archive is readable.
 */
export const policy: Record<Relation, ReadonlySet<Capability>> = {
  self: new Set<Capability>([
    'health:read',
    'health:write',
    'messages',
    'access:manage',
    'family:manage',
    'caregivers:manage',
    'privacy:manage',
    'contacts:manage',
    'space:download',
    'space:close',
  ]),
  // R10 and seed 003 step 13 (« Il est à tout moment possible de choisir de clôturer ou d'activer le compte Mon
  // espace santé d'un enfant »): a legal representative may close the minor's space too.
  representative: new Set<Capability>([
    'health:read',
    'health:write',
    'messages',
    'access:manage',
    'family:manage',
    'space:download',
    'space:close',
  ]),
  caregiver: new Set<Capability>(['health:read', 'health:write', 'messages']),
};

/** Whether the context's holder also has `capability` on its profile (the same policy, for a further right). */
export function allows(ctx: AccessContext, capability: Capability): boolean {
  const rights = (policy as Record<string, ReadonlySet<Capability> | undefined>)[ctx.relation];
  return ctx.purpose === 'data' && rights !== undefined && rights.has(capability);
}

/**
 * The relation of `user` to `profileId`, checked against the database at each request: a representative
 * only while the minor is under 18 and the representation validated; a caregiver only while the
 * caregiving is accepted and not past its end date.
 */
export async function relationTo(db: Executor, user: SessionUser, profileId: string): Promise<Relation | null> {
  if (profileId === user.profileId) return 'self';
  const rep = await db
    .selectFrom('representation')
    .innerJoin('profile', 'profile.id', 'representation.profile_id')
    .select('representation.profile_id')
    .where('representation.profile_id', '=', profileId)
    .where('representation.representative_id', '=', user.profileId)
    .where('representation.status', '=', 'validated')
    .where('profile.status', 'not in', ['closed'])
    .where(minorSql('profile.birth_date'))
    .executeTakeFirst();
  if (rep) return 'representative';
  const care = await db
    .selectFrom('caregiving')
    .innerJoin('profile', 'profile.id', 'caregiving.profile_id')
    .select('caregiving.id')
    .where('caregiving.profile_id', '=', profileId)
    .where('caregiving.caregiver_id', '=', user.profileId)
    .where('profile.status', '!=', 'closed')
    .where('caregiving.status', '=', 'accepted')
    .where('caregiving.ends_on', '>=', sql<string>`current_date`)
    .executeTakeFirst();
  return care ? 'caregiver' : null;
}

/**
 * The access decision for a request on a profile: an access context when `user` may do `capability`;
 * otherwise NOT_FOUND when they have no relation at all (the profile's existence is not revealed) and
 * FORBIDDEN when the relation does not carry the right.
 */
export async function authorize(
  db: Executor,
  user: SessionUser,
  profileId: string,
  capability: Capability,
  reason: AccessReason = 'normal',
): Promise<AccessContext> {
  const relation = await relationTo(db, user, profileId);
  if (!relation) throw new AppError('NOT_FOUND');
  if (!policy[relation].has(capability)) throw new AppError('FORBIDDEN');
  return grantAccess(personActor(user, relation), profileId, relation, seesOf(relation), reason);
}

/** The actor a person is when acting on a profile they stand to as `relation`. */
export function personActor(user: SessionUser, relation: PersonRelation | null): Actor {
  const kind = relation === 'representative' || relation === 'caregiver' ? relation : 'patient';
  return { kind, accountId: user.accountId, profileId: user.profileId };
}

/**
 * What a person sees of the documents by relation: a legal representative never sees those hidden from representatives.
 */
function seesOf(relation: PersonRelation): Sees {
  return {
    hiddenFromRepresentatives: relation !== 'representative',
    hiddenFromProfessionals: true,
    invisibleToPatient: false,
  };
}
