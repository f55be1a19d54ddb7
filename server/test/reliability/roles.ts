import type { FastifyInstance } from 'fastify';
import type { Access } from '../../../shared/src/access.js';
import { policy, type PersonRelation } from '../../src/platform/profile-access.js';
import type { Db } from '../../src/platform/db.js';
import { createPerson, proSessionCookie, sessionCookie } from '../sessions.js';
import { seedEverySection } from './seed.js';
import { multipartBody } from '../documents.js';

/** The people and profiles of the matrix, each profile with data in every section and a marker of its own. */
export interface World {
  app: FastifyInstance;
  db: Db;
  profiles: Record<string, { id: string; marker: string; ids: Record<string, string> }>;
  people: Record<string, { profileId: string; accountId: string; cookie: string }>;
  /** Health professionals of the directory, each with an open professional session. */
  pros: Record<string, { id: string; cookie: string }>;
}

/** The operator's credential in the matrix's app (testApp({ OPERATOR_TOKEN })). */
export const MATRIX_OPERATOR_TOKEN = 'operator-token-for-the-access-matrix-0123456789';

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
  /** Markers that must be in none of this role's answers, even allowed ones (what the matrix hides). */
  neverSees?: string[];
  /** Allowed reads of health data must be journaled with this reason (an emergency access). */
  reason?: 'normal' | 'emergency';
}

/** A document a podiatrist may not read (the child health report, TRE_G15 80 × 68817-6). */
export const FORBIDDEN_TYPE_MARKER = 'MARQUEINTERDIT';
/** A document the patient hid from professionals (MASQUE_PS). */
export const HIDDEN_MARKER = 'MARQUEMASQUE';

type ProState = 'authorized' | 'administrator' | 'blocked' | 'emergency';

/**
 * A signed-in professional acting on the target as `state` says (R8, platform/professional-access.ts):
 * consent declared (and « la synthèse » shared when `shared`), blocked by the patient, or an open
 * break-the-glass access without consent. A professional's session opens no person's route.
 */
function proRole(name: string, pro: string, target: string, state: ProState, shared: boolean, never: string[]): Role {
  return {
    name,
    target,
    headers: (w) => ({ cookie: w.pros[pro]!.cookie, 'x-carnet-csrf': '1' }),
    // An administrator the patient named sees the documents hidden from professionals (MASQUE_PS).
    neverSees: state === 'administrator' ? never : [HIDDEN_MARKER, ...never],
    reason: state === 'emergency' ? 'emergency' : 'normal',
    expect(access) {
      if (typeof access !== 'object' || !('patient' in access)) return { allow: false, status: 401, journaled: false };
      const refused = { allow: false, status: 403, journaled: true } as const;
      const cap = access.patient;
      if (cap === 'administer') return state === 'administrator' ? { allow: true } : refused;
      if (cap === 'synthesis') return state === 'authorized' && shared ? { allow: true } : refused;
      if (state === 'blocked') return cap === 'deposit' ? { allow: true } : refused;
      return { allow: true };
    },
  };
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
  proRole('professional authorized', 'docteur', 'paula', 'authorized', true, []),
  proRole('professional blocked', 'bloque', 'paula', 'blocked', false, []),
  proRole('professional of another profession', 'podologue', 'paula', 'authorized', false, [FORBIDDEN_TYPE_MARKER]),
  proRole('professional in emergency', 'urgentiste', 'paula', 'emergency', false, []),
  proRole('professional administrator', 'administrateur', 'paula', 'administrator', false, []),
  {
    name: 'operator',
    target: 'paula',
    headers: () => ({ authorization: `Bearer ${MATRIX_OPERATOR_TOKEN}`, 'x-carnet-csrf': '1' }),
    expect: () => ({ allow: false, status: 401, journaled: false }),
  },
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
  for (const name of ['alice', 'bruno', 'sam', 'rita', 'fred', 'carla', 'eric', 'paula']) {
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
  for (const name of ['alice', 'bruno', 'sam', 'paula']) {
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
  const pros = await professionalsOf(app, db, people.paula!);
  return { app, db, profiles, people, pros };
}

/**
 * Paula's professionals — a doctor she consented to (and shared « la synthèse » with), a doctor she blocked, a
 * podiatrist she consented to, an emergency doctor with an open break-the-glass access, a doctor she named
 * administrator — and two more documents: a child health report (no podiatrist reads it) and one hidden from
 * professionals.
 */
async function professionalsOf(app: FastifyInstance, db: Db, paula: World['people'][string]) {
  const pros: World['pros'] = {};
  const codes: Record<string, string> = {
    docteur: '10',
    bloque: '10',
    podologue: '80',
    urgentiste: '10',
    administrateur: '10',
  };
  for (const [i, [name, code]] of Object.entries(codes).entries()) {
    const p = await db
      .insertInto('professional')
      .values({ rpps: `3${String(i).padStart(10, '0')}`, profession_code: code, first_name: 'P', last_name: name })
      .returning('id')
      .executeTakeFirstOrThrow();
    pros[name] = { id: p.id, cookie: await proSessionCookie(db, p.id) };
  }
  const access = (
    pro: string,
    status: 'authorized' | 'blocked',
    synthesis: string[] | null = null,
    administrator = false,
  ) =>
    db
      .insertInto('professional_access')
      .values({
        profile_id: paula.profileId,
        professional_id: pros[pro]!.id,
        status,
        consent_at: new Date(),
        synthesis_sections: synthesis,
        administrator,
      })
      .execute();
  await access('docteur', 'authorized', ['conditions']);
  await access('bloque', 'blocked');
  await access('podologue', 'authorized');
  await access('administrateur', 'authorized', null, true);
  await db
    .insertInto('emergency_access')
    .values({
      profile_id: paula.profileId,
      professional_id: pros.urgentiste!.id,
      mode: 'bris_de_glace',
      reason: 'Patiente inconsciente aux urgences',
      ends_at: new Date(Date.now() + 3600_000),
    })
    .execute();
  for (const [marker, set] of [
    [FORBIDDEN_TYPE_MARKER, { type_code: '68817-6', category: 'DEPISTAG' }],
    [HIDDEN_MARKER, { hidden_from_professionals: true }],
  ] as const) {
    const file = multipartBody(`carnet-${marker}.txt`, Buffer.from(`Contenu ${marker}\n`));
    const res = await app.inject({
      method: 'POST',
      url: `/api/profiles/${paula.profileId}/documents`,
      headers: { ...file.headers, cookie: paula.cookie },
      payload: file.payload,
    });
    if (res.statusCode !== 201) throw new Error(`seed ${marker}: ${res.statusCode} ${res.body}`);
    await db
      .updateTable('document')
      .set({ ...set, title: `Document ${marker}` })
      .where('id', '=', res.json().document.id)
      .execute();
  }
  return pros;
}
