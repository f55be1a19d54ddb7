import { z } from 'zod';

/** The answer to a successful identification (code, NIR, birth date, card): the activation flow that opens. */
export const Identified = z.object({
  flowId: z.string(),
  firstName: z.string(),
  /** Birth name and first names: the password meter warns against them before the server refuses them. */
  lastName: z.string(),
  firstNames: z.string(),
  status: z.enum(['enrolled', 'created', 'opposed', 'closed']),
  canOppose: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Identified = z.infer<typeof Identified>;
