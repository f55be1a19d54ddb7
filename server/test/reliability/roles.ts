import type { FastifyInstance } from 'fastify';
import type { Access } from '../../../shared/src/access.js';
import { policy, type PersonRelation } from '../../src/platform/profile-access.js';
import type { Db } from '../../src/platform/db.js';
import { createPerson, sessionCookie } from '../sessions.js';
import { seedEverySection } from './seed.js';

/** The people and profiles of the matrix, each profile with data in every section and a marker of its own. */
export interface World {
  app: FastifyInstance;
  db: Db;
  profiles: Record<string, { id: string; marker: string; ids: Record<string, string> }>;
  people: Record<string, { profileId: string; accountId: string; cookie: string }>;
}

/** What a cell must answer: allowed, or refused with this status (and journaled when a person asked). */
export type Expected = { allow: true } | { allow: false; status: 401 | 403 | 404; journaled: boolean };

/**
 * One role of the access matrix: who asks (headers), on which profile, and what the platform must
 * decide for a route's declared access. Other features add their roles to `roles` (professionals:
 * authorized, blocked, other profession, in emergency) without changing the suite.
 */
export interface Role {
  name: string;
  /** The profile the role acts on (a key of World.profiles). */
  target: string;
  headers(world: World): Record<string, string>;
  expect(access: Access): Expected;
}

/** A signed-in person standing to the target as `relation` (null: no relation at all). */
function personRole(name: string, person: string, target: string, relation: PersonRelation | null): Role {
  return {
    name,
    target,
    headers: (w) => ({ cookie: w.people[person]!.cookie, 'x-carnet-csrf': '1' }),
    expect(access) {
      if (typeof access !== 'object') return { allow: false, status: 404, journaled: false };
      // A person without a professional session on a professional's route: not signed in as one.
      if ('patient' in access || 'software' in access) return { allow: false, status: 401, journaled: false };
      if (!relation) return { allow: false, status: 404, journaled: true };
      return policy[relation].has(access.profile) ? { allow: true } : { allow: false, status: 403, journaled: true };
    },
  };
}

export const roles: Role[] = [
  personRole('patient', 'alice', 'alice', 'self'),
  personRole('stranger', 'sam', 'bruno', null),
  personRole('legal representative', 'rita', 'kid', 'representative'),
  personRole('former representative', 'fred', 'kid', null),
  personRole('caregiver', 'carla', 'bruno', 'caregiver'),
  personRole('expired caregiver', 'eric', 'bruno', null),
  {
    name: 'logged out',
    target: 'bruno',
    headers: () => ({ 'x-carnet-csrf': '1' }),
    expect: () => ({ allow: false, status: 401, journaled: false }),
  },
];

/**
 * Builds the world: Alice (patient), Bruno (cared for by Carla, formerly by Eric), a child represented
 * by Rita and formerly by Fred, and Sam, a stranger; every profile seeded in every section.
 */
export async function buildWorld(app: FastifyInstance, db: Db): Promise<World> {
  const people: World['people'] = {};
  for (const name of ['alice', 'bruno', 'sam', 'rita', 'fred', 'carla', 'eric']) {
    const p = await createPerson(db, { firstName: `Prenom${name}`, lastName: `Nom${name}` });
    people[name] = { profileId: p.profileId, accountId: p.accountId, cookie: await sessionCookie(db, p.accountId) };
  }
  const year = new Date().getUTCFullYear();
  const kid = await db
    .insertInto('profile')
    .values({
      nir: null,
      birth_name: 'NOMKID',
      first_names: 'Prenomkid',
      used_first_name: 'Prenomkid',
      sex: 'M',
      birth_date: `${year - 7}-03-03`,
      status: 'activated',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('representation')
    .values({ representative_id: people.rita!.profileId, profile_id: kid.id, status: 'validated' })
    .execute();
  await db
    .insertInto('representation')
    .values({ representative_id: people.fred!.profileId, profile_id: kid.id, status: 'ended' })
    .execute();
  const caregiving = (caregiver: string, endsOn: string) =>
    db
      .insertInto('caregiving')
      .values({
        profile_id: people.bruno!.profileId,
        caregiver_id: people[caregiver]!.profileId,
        last_name: 'X',
        first_name: 'Y',
        birth_date: '1970-01-01',
        ends_on: endsOn,
        status: 'accepted',
      })
      .execute();
  await caregiving('carla', `${year + 1}-12-31`);
  await caregiving('eric', '2021-01-01');
  const profiles: World['profiles'] = {};
  for (const name of ['alice', 'bruno', 'sam']) {
    const marker = `MARQUE${name.toUpperCase()}`;
    profiles[name] = {
      id: people[name]!.profileId,
      marker,
      ids: await seedEverySection(app, db, people[name]!.profileId, people[name]!.cookie, marker),
    };
  }
  profiles.kid = {
    id: kid.id,
    marker: 'MARQUEKID',
    ids: await seedEverySection(app, db, kid.id, people.rita!.cookie, 'MARQUEKID'),
  };
  return { app, db, profiles, people };
}
