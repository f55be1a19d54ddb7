import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/harness.js';
import { adult, enrol } from '../../../test/identity.js';
import { applyOppositionWindow } from './identity.jobs.js';
import { verifyJournal } from '../../platform/journal.js';

describe('the 6-week opposition window (R1.3)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform();
  });
  afterAll(async () => p.close());

  it('creates the spaces of people who did not oppose within 6 weeks of the code, and only those', async () => {
    const [late, recent, opposed] = [adult(), adult(), adult()];
    await enrol(p, [late, recent, opposed]);
    await p.db.updateTable('profile').set({ status: 'opposed' }).where('nir', '=', opposed.nir).execute();
    const sixWeeksAndADay = new Date(Date.now() + (42 * 86_400 + 60) * 1000);
    await p.db
      .updateTable('profile')
      .set({ creation_due_at: new Date(Date.now() - 1000) })
      .where('nir', 'in', [late.nir, opposed.nir])
      .execute();
    expect(await applyOppositionWindow(p)).toBe(1);
    const status = async (nir: string) =>
      (await p.db.selectFrom('profile').select('status').where('nir', '=', nir).executeTakeFirstOrThrow()).status;
    expect(await status(late.nir)).toBe('created');
    expect(await status(recent.nir)).toBe('enrolled');
    expect(await status(opposed.nir)).toBe('opposed');
    // Six weeks later, the recent one too.
    expect(await applyOppositionWindow(p, sixWeeksAndADay)).toBe(1);
    expect(await status(recent.nir)).toBe('created');
    expect(await applyOppositionWindow(p, sixWeeksAndADay)).toBe(0);
    const lines = await p.db
      .selectFrom('journal')
      .select('action')
      .where('action', '=', 'identity.space-created')
      .execute();
    expect(lines).toHaveLength(2);
    expect((await verifyJournal(p.db)).problems).toEqual([]);
  });
});
