import type { Executor } from './db.js';
import { requireProfileAccess, type AccessContext } from './access.js';

/** The birth date of the context's profile (children's curves, adults-only rules). */
export async function birthDate(db: Executor, ctx: AccessContext): Promise<string> {
  const r = await db
    .selectFrom('profile')
    .select('birth_date')
    .where('id', '=', requireProfileAccess(ctx))
    .executeTakeFirstOrThrow();
  return r.birth_date;
}
