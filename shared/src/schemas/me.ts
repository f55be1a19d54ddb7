import { z } from 'zod';

/** A profile the signed-in person may open: their own, or one they act for. */
export const ProfileRef = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  relation: z.enum(['self', 'child', 'caregiver']),
});
export type ProfileRef = z.infer<typeof ProfileRef>;

/** GET /api/me: who is signed in, and the profiles of the profile switcher. */
export const Me = z.object({
  username: z.string(),
  profile: ProfileRef,
  profiles: z.array(ProfileRef),
  /** The language saved on the account; null until the person chooses one. */
  locale: z.enum(['fr', 'en']).nullable(),
});
export type Me = z.infer<typeof Me>;
