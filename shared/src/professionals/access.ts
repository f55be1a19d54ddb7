import { z } from 'zod';
import { activityKinds } from './journal-actions.js';
import { SynthesisSection } from '../medical.js';

/** Roles a patient may record for a professional (R8.3; MES codes MEDECIN_TRAITANT…). */
export const roles = {
  medecin_traitant: 'Médecin traitant',
  sage_femme_referente: 'Sage-femme référente',
  pharmacien_correspondant: 'Pharmacien correspondant',
} as const;
export const Role = z.enum(Object.keys(roles) as [keyof typeof roles, ...(keyof typeof roles)[]]);
export type Role = z.infer<typeof Role>;

/** A professional on the patient's lists (« autorisés » / « bloqués »). */
export const ProfessionalView = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  rpps: z.string(),
  profession: z.string(),
  specialty: z.string().nullable(),
  structureName: z.string().nullable(),
  status: z.enum(['authorized', 'blocked']).nullable(),
  /** « Depuis le … »: when the current status began (ISO). */
  since: z.string().nullable(),
  administrator: z.boolean(),
  role: Role.nullable(),
  /** « la synthèse » shared with this professional (R6.5): the sections chosen and when, or null. */
  synthesis: z.object({ sections: z.array(SynthesisSection), sharedAt: z.string() }).nullable(),
});
export type ProfessionalView = z.infer<typeof ProfessionalView>;

/** « Accès en cas d'urgence » (R8.5): three separate switches. */
export const EmergencySettings = z.object({ samu: z.boolean(), breakGlass: z.boolean(), hiddenReadable: z.boolean() });
export type EmergencySettings = z.infer<typeof EmergencySettings>;

/** When the patient gets an e-mail on a professional's access. */
export const AccessNotice = z.enum(['first', 'every', 'never']);

export const ActivityKind = z.enum(
  Object.keys(activityKinds) as [keyof typeof activityKinds, ...(keyof typeof activityKinds)[]],
);
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'Cette date n’existe pas.');

/** « Historique d'activité »: a tab, a kind, a period, and the cursor (the seq of the last line seen). */
export const ActivityQuery = z.object({
  group: z.enum(['professionals', 'mine']).default('professionals'),
  kind: ActivityKind.optional(),
  from: Day.optional(),
  to: Day.optional(),
  before: z.coerce.number().int().positive().optional(),
});

export const ActivityLine = z.object({
  seq: z.number(),
  at: z.string(),
  who: z.string(),
  actorKind: z.enum(['professional', 'self', 'representative', 'caregiver', 'operator', 'system', 'other']),
  profession: z.string().nullable(),
  professionalId: z.string().nullable(),
  action: z.string(),
  label: z.string(),
  emergency: z.boolean(),
  mode: z.enum(['normal', 'bris_de_glace', 'centre_15']),
  /** Why a refused access was refused, in plain French (null on any other line). */
  refusal: z.string().nullable(),
  /** « J'ai signalé ce professionnel le … ». */
  reportedAt: z.string().nullable(),
  /**
   * The other professional a line is about (blocked, unblocked, given or refused a status…), by name and
   * profession; null on any other line. Only ever a professional of the directory, never another person.
   */
  target: z.object({ name: z.string(), profession: z.string() }).nullable(),
});
export type ActivityLine = z.infer<typeof ActivityLine>;

export const ReportInput = z.object({
  description: z
    .string()
    .trim()
    .min(10, 'Décrivez l’accès en 10 caractères au moins.')
    .max(2000, '2 000 caractères au plus.'),
});

export const AccessReportView = z.object({
  id: z.uuid(),
  profileId: z.uuid(),
  journalSeq: z.number(),
  professional: z.object({ rpps: z.string(), name: z.string(), profession: z.string() }).nullable(),
  description: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  action: z.string().nullable(),
  at: z.string().nullable(),
});
