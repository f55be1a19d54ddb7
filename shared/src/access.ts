/** What a person may do with a profile's space (the policy in server/src/platform/profile-access.ts decides who). */
export const capabilities = [
  'health:read', // medical profile, documents, journal
  'health:write',
  'messages',
  'access:manage', // professionals' access, emergency switches
  'family:manage', // a minor's representatives
  'caregivers:manage', // one's own caregivers: only the person helped invites them (R5)
  'privacy:manage', // what one keeps from one's own representatives (a minor's documents, R4)
  'contacts:manage', // contact details and credentials
  'space:download',
  'space:close',
] as const;
export type Capability = (typeof capabilities)[number];

/**
 * What a route needs, declared in the route contract and enforced by the platform before validation:
 * `public` anyone; `session` a signed-in person on their own account; `operator` the operator credential;
 * `professional` a signed-in health professional; `{ profile }` a signed-in person acting on the route's
 * `:profileId` with that capability; `{ patient }` a signed-in professional acting on the patient's
 * `:profileId`; `{ software }` a professional's software (a SMART Backend Services bearer token bound to one
 * professional) acting on the patient its FHIR request names (`patient=`, the resource id, the INS
 * identifier, or the subject of a created resource), decided by the same professional-access policy.
 */
export type Access =
  | 'public'
  | 'session'
  | 'operator'
  | 'professional'
  | { profile: Capability }
  | { patient: ProCapability }
  | { software: ProCapability };

/**
 * What a signed-in professional may do on a patient's `:profileId` (decided by platform/professional-access.ts):
 * read, deposit a document, open an emergency access, declare the consent collected at a visit, open « la
 * synthèse » the patient shared with them, administer (a professional the patient gave « statut administrateur »:
 * see the patient's professionals and block others).
 */
export type ProCapability = 'read' | 'deposit' | 'emergency' | 'consent' | 'synthesis' | 'administer';
