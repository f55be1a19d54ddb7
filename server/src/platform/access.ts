import { AppError } from './errors.js';

/** Who acts. Professionals act by RPPS; people by their account and own profile. */
export type Actor =
  | { kind: 'patient'; accountId: string; profileId: string }
  | { kind: 'representative'; accountId: string; profileId: string }
  | { kind: 'caregiver'; accountId: string; profileId: string }
  | { kind: 'professional'; professionalId: string; rpps: string }
  | { kind: 'operator'; operatorId: string }
  | { kind: 'system'; job: string };

export type AccessReason = 'normal' | 'emergency';

const genuine = new WeakSet<object>();

/**
 * The access context: who acts, on which profile, and why. Health-data repositories take it as their
 * first argument and refuse any object that was not made by `grantAccess`, so no code path can reach
 * health data without having gone through an access decision.
 */
export interface AccessContext {
  readonly actor: Actor;
  /** The profile whose data is read or written; null for actions tied to no profile (a failed login). */
  readonly profileId: string | null;
  readonly reason: AccessReason;
}

/** Makes an access context. Call it only where a policy has decided that `actor` may act on `profileId`. */
export function grantAccess(actor: Actor, profileId: string | null, reason: AccessReason = 'normal'): AccessContext {
  const ctx = Object.freeze({ actor: Object.freeze({ ...actor }), profileId, reason });
  genuine.add(ctx);
  return ctx;
}

/** Asserts that `ctx` is a context made by `grantAccess` and names a profile; returns that profile. */
export function requireProfileAccess(ctx: AccessContext): string {
  if (!ctx || !genuine.has(ctx)) throw new Error('health data reached without an access context');
  if (!ctx.profileId) throw new AppError('FORBIDDEN');
  return ctx.profileId;
}

/** True when `ctx` was made by grantAccess (used by the journal to refuse forged contexts). */
export function isGenuine(ctx: AccessContext): boolean {
  return genuine.has(ctx);
}

/** A stable id for the actor, as written in the journal. */
export function actorId(actor: Actor): string {
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
  }
}
