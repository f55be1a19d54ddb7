import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import { systemAccess } from '../../platform/access.js';
import { MAJORITY_AGE } from '../../../../shared/src/age.js';
import { journal } from '../../platform/journal.js';
import { issueProvisionalCode } from '../identity/provisional.js';
import { lettersPdf, type Letter } from '../identity/documents.pdf.js';
import { expireCaregiving } from './family.service.js';

export const FAMILY_DAILY_QUEUE = 'family-daily';

/**
 * The 18th birthday (R4.6; the real-world rule is not verified, see docs/architecture.md): the legal
 * representatives' access ends, the space becomes "created" (not activated: the young adult has no
 * account yet), and the young adult gets a provisional code of their own — by e-mail when one is known,
 * otherwise in a letter. The data stays theirs. Returns the profiles that came of age.
 */
export async function applyMajority(
  platform: Pick<Platform, 'db' | 'queue' | 'codeKey' | 'blobs'>,
  today = new Date(),
): Promise<string[]> {
  const day = today.toISOString().slice(0, 10);
  const letters: Letter[] = [];
  const adults = await platform.db.transaction().execute(async (trx) => {
    const rows = await sql<{
      id: string;
      email: string | null;
      used_first_name: string;
      first_names: string;
      birth_name: string;
      postal_address: Letter['address'];
    }>`
      select p.id, p.email, p.used_first_name, p.first_names, p.birth_name, p.postal_address
      from profile p
      where p.birth_date <= (${day}::date - make_interval(years => ${MAJORITY_AGE}))
        and exists (select 1 from representation r where r.profile_id = p.id and r.status = 'validated')
      for update of p skip locked`.execute(trx);
    for (const p of rows.rows) {
      await trx
        .updateTable('representation')
        .set({ status: 'ended', ended_at: today, end_reason: 'majority' })
        .where('profile_id', '=', p.id)
        .where('status', '=', 'validated')
        .execute();
      const hasAccount = await trx.selectFrom('account').select('id').where('profile_id', '=', p.id).executeTakeFirst();
      if (!hasAccount) {
        await trx
          .updateTable('profile')
          .set({ status: 'created' })
          .where('id', '=', p.id)
          .where('status', '=', 'activated')
          .execute();
        const code = await issueProvisionalCode(trx, platform, {
          profileId: p.id,
          firstName: p.used_first_name,
          channel: p.email ? 'email' : 'letter',
          to: p.email,
          now: today,
        });
        if (!p.email)
          letters.push({
            firstNames: p.first_names,
            birthName: p.birth_name,
            forName: `${p.used_first_name} ${p.birth_name}`,
            address: p.postal_address,
            code,
            sentAt: today,
          });
      }
      await journal(trx, systemAccess('majority', p.id), {
        action: 'family.majority',
        detail: { representativesEnded: true, codeSent: !hasAccount },
      });
    }
    return rows.rows.map((r) => r.id);
  });
  if (letters.length) {
    const batch = `majorite-${day}`;
    const stored = await platform.blobs.put(await lettersPdf(batch, letters));
    await platform.db
      .insertInto('letter_batch')
      .values({ id: batch, pages: letters.length, blob_key: stored.key })
      .onConflict((oc) => oc.column('id').doUpdateSet({ pages: letters.length, blob_key: stored.key }))
      .execute();
  }
  return adults;
}

/** Daily at 01:15 (Paris), and once at start: majority, and caregiver invitations past their end date. */
export async function startFamilyJobs(platform: Platform): Promise<void> {
  await platform.queue.declare(FAMILY_DAILY_QUEUE, { retryLimit: 3 });
  await platform.queue.boss.schedule(FAMILY_DAILY_QUEUE, '15 1 * * *', {}, { tz: 'Europe/Paris' });
  await platform.queue.boss.work(FAMILY_DAILY_QUEUE, async () => {
    await applyMajority(platform);
    await expireCaregiving(platform.db);
  });
  await platform.queue.boss.send(FAMILY_DAILY_QUEUE, {});
}
