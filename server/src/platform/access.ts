import { AppError } from './errors.js';

/** Who acts. Professionals act by RPPS; people by their account and own profile. */
export type Actor =
  | { kind: 'patient'; accountId: string; profileId: string }
  | { kind: 'representative'; accountId: string; profileId: string }
  | { kind: 'caregiver'; accountId: string; profileId: string }
  | { kind: 'professional'; professionalId: string; rpps: string }
  | { kind: 'operator'; operatorId: string }
  | { kind: 'system'; job: string }
  | { kind: 'visitor' };

export type AccessReason = 'normal' | 'emergency';

/** How the holder of a context stands to the profile (R4, R5, R8). */
export type Relation = 'self' | 'representative' | 'caregiver' | 'professional' | 'operator' | 'system';

/**
 * What the holder may see of the profile's documents, decided with the access (R4.5, R7.6): visibility
 * travels in the context, so no repository or presenter takes it as a parameter passed by hand.
 */
export interface Sees {
  /** Documents marked « invisible représentants légaux ». */
  hiddenFromRepresentatives: boolean;
  /** Documents marked « masqué aux professionnels » (MASQUE_PS). */
  hiddenFromProfessionals: boolean;
  /** Documents a professional deposited invisible to the patient (INVISIBLE_PATIENT). */
  invisibleToPatient: boolean;
}

const genuine = new WeakSet<object>();

/**
 * The access context: who acts, on which profile, and why. Health-data repositories take it as their
 * first argument and refuse any object that was not made here, so no code path can reach health data
 * without having gone through an access decision. A context made only to record an event on someone's
 * journal (`recordOn`) is accepted by the journal and refused by every repository.
 */
export interface AccessContext {
  readonly actor: Actor;
  /** The profile whose data is read or written; null for actions tied to no profile (a failed login). */
  readonly profileId: string | null;
  readonly reason: AccessReason;
  readonly relation: Relation;
  readonly sees: Readonly<Sees>;
  /**
   * 'data' opens the profile's data; 'record' only writes journal lines; 'messages' opens only the
   * messaging repository (a professional's own conversation with the patient, never the record).
   */
  readonly purpose: 'data' | 'record' | 'messages';
  /** Set when a professional acts (R8): who, their TRE_G15 profession, and the access mode journaled. */
  readonly professional?: Readonly<ProfessionalFacts>;
}

/** A professional's access as the context carries it (the documents' filter reads the profession). */
export interface ProfessionalFacts {
  id: string;
  professionCode: string;
  /** TRE_R248 access mode: normal, bris_de_glace (break-the-glass), centre_15 (SAMU regulation). */
  mode: 'normal' | 'bris_de_glace' | 'centre_15';
}

const SEES_ALL: Sees = { hiddenFromRepresentatives: true, hiddenFromProfessionals: true, invisibleToPatient: true };

function make(
  actor: Actor,
  profileId: string | null,
  relation: Relation,
  sees: Sees,
  reason: AccessReason,
  purpose: AccessContext['purpose'],
  professional?: ProfessionalFacts,
): AccessContext {
  const pro = professional ? { professional: Object.freeze({ ...professional }) } : {};
  const ctx = Object.freeze({
    actor: Object.freeze({ ...actor }),
    profileId,
    reason,
    relation,
    sees: Object.freeze({ ...sees }),
    purpose,
    ...pro,
  });
  genuine.add(ctx);
  return ctx;
}

/**
 * Makes a data access context. PRIVATE TO THE PLATFORM (a lint rule forbids importing it elsewhere): only
 * the policies of `platform/` call it, once they have decided that `actor` may act on `profileId`.
 */
export function grantAccess(
  actor: Actor,
  profileId: string | null,
  relation: Relation,
  sees: Sees,
  reason: AccessReason = 'normal',
  professional?: ProfessionalFacts,
): AccessContext {
  return make(actor, profileId, relation, sees, reason, 'data', professional);
}

/** A background job of Carnet itself (majority, opposition window, demo seed, imports' bookkeeping). */
export function systemAccess(job: string, profileId: string | null): AccessContext {
  return make({ kind: 'system', job }, profileId, 'system', SEES_ALL, 'normal', 'data');
}

/** The insurer's operator, authenticated by the operator credential (imports of enrolment, care, documents). */
export function operatorAccess(operatorId: string, profileId: string | null): AccessContext {
  return make({ kind: 'operator', operatorId }, profileId, 'operator', SEES_ALL, 'normal', 'data');
}

/**
 * The account holder on their own profile, for identity events the identity service has just proved
 * (sign-in, code sent, password reset, logout): their own space, so every right.
 */
export function accountAccess(account: { accountId: string; profileId: string }): AccessContext {
  return make(
    { kind: 'patient', accountId: account.accountId, profileId: account.profileId },
    account.profileId,
    'self',
    SEES_ALL,
    'normal',
    'data',
  );
}

/**
 * A context that opens nothing: it only lets the journal record on `profileId`'s chain what `actor` did
 * (an invitation answered, a refused access, a failed login). Repositories refuse it.
 */
export function recordOn(
  actor: Actor,
  profileId: string | null,
  reason: AccessReason = 'normal',
  professional?: ProfessionalFacts,
): AccessContext {
  const relation: Relation = actor.kind === 'patient' ? 'self' : actor.kind === 'visitor' ? 'system' : actor.kind;
  const none = { hiddenFromRepresentatives: false, hiddenFromProfessionals: false, invisibleToPatient: false };
  return make(actor, profileId, relation, none, reason, 'record', professional);
}

/** Asserts that `ctx` is a genuine data context that names a profile; returns that profile. */
export function requireProfileAccess(ctx: AccessContext): string {
  if (!ctx || !genuine.has(ctx) || ctx.purpose !== 'data')
    throw new Error('health data reached without an access context');
  if (!ctx.profileId) throw new AppError('FORBIDDEN');
  return ctx.profileId;
}

/** True when `ctx` was made by this module (used by the journal to refuse forged contexts). */
export function isGenuine(ctx: AccessContext): boolean {
  return genuine.has(ctx);
}

/** A stable id for the actor, as written in the journal. */
export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'patient':
    case 'representative':
    case 'caregiver':
      return actor.accountId;
    case 'professional':
      return actor.professionalId;
    case 'operator':
      return actor.operatorId;
    case 'system':
      return actor.job;
    case 'visitor':
      return null;
  }
}

/**
 * A context that opens a patient's messaging only (purpose 'messages'): every repository of the record
 * refuses it (requireProfileAccess), the messaging repository accepts it (requireMessagingAccess).
 * PRIVATE TO THE PLATFORM, like grantAccess: platform/messaging-access.ts decides when to make one.
 */
export function grantMessagingAccess(actor: Actor, profileId: string, relation: Relation, sees: Sees): AccessContext {
  return make(actor, profileId, relation, sees, 'normal', 'messages');
}

/** Asserts that `ctx` is a genuine context that opens the profile's data or its messaging; returns the profile. */
export function requireMessagingAccess(ctx: AccessContext): string {
  if (!ctx || !genuine.has(ctx) || (ctx.purpose !== 'data' && ctx.purpose !== 'messages')) {
    throw new Error('messages reached without an access context');
  }
  if (!ctx.profileId) throw new AppError('FORBIDDEN');
  return ctx.profileId;
}
