import type { Db } from '../../platform/db.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal, withJournal } from '../../platform/journal.js';
import type { WishesInput, WishesView } from '../../../../shared/src/medical.js';
import type { z } from 'zod';
import * as repo from './medical.repo.js';
import { presentWishes } from './medical.presenter.js';

export async function readWishes(db: Db, ctx: AccessContext): Promise<WishesView> {
  return withJournal(db, ctx, { action: 'wishes.read', resourceType: 'wishes' }, async (trx) =>
    presentWishes(await repo.findWishes(trx, ctx), await repo.birthDate(trx, ctx)),
  );
}

/**
 * Saves the wishes: only the fields given change. Advance directives are for adults only (R4.5): a minor's
 * profile is refused, whoever writes (the minor's representative included).
 */
export async function saveWishes(db: Db, ctx: AccessContext, input: z.infer<typeof WishesInput>): Promise<WishesView> {
  return db.transaction().execute(async (trx) => {
    const birthDate = await repo.birthDate(trx, ctx);
    const set: Parameters<typeof repo.saveWishes>[2] = {};
    if (input.directives !== undefined) {
      if (!presentWishes(undefined, birthDate).directivesAllowed && input.directives)
        throw new AppError('DIRECTIVES_ADULTS_ONLY');
      set.directives = input.directives || null;
      set.directives_updated_at = new Date();
    }
    if (input.donationStance !== undefined) set.donation_stance = input.donationStance;
    if (input.donationNote !== undefined) set.donation_note = input.donationNote || null;
    const row = await repo.saveWishes(trx, ctx, set);
    await journal(trx, ctx, { action: 'wishes.update', resourceType: 'wishes', detail: { fields: Object.keys(set) } });
    return presentWishes(row, birthDate);
  });
}
