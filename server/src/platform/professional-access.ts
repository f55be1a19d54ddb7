import type { FastifyRequest } from 'fastify';
import type { Db } from './db.js';
import type { AccessContext } from './access.js';
import { AppError } from './errors.js';

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
 * The professionals' access decision for a request on `profileId` (R8): the patient's lists, consent,
 * the access matrix, confidentiality and the emergency switches. Until the professionals' feature lands
 * it refuses everything.
 */
export async function authorizeProfessional(_db: Db, _req: FastifyRequest, _profileId: string, _capability: ProCapability): Promise<AccessContext> {
  throw new AppError('FORBIDDEN');
}
