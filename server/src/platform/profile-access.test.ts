import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../test/harness.js';
import { createPerson } from '../../test/sessions.js';
import { authorize, policy, relationTo } from './profile-access.js';
import { requireProfileAccess } from './access.js';

describe('who may act on which profile', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform();
  });
  afterAll(async () => p.close());
  const user = (x: { accountId: string; profileId: string }) => ({
    sessionId: 's',
    accountId: x.accountId,
    profileId: x.profileId,
  });
  const thisYear = new Date().getUTCFullYear();

  it('self, validated representative of a minor, active caregiver — and nobody else', async () => {
    const parent = await createPerson(p.db);
    const stranger = await createPerson(p.db);
    const helper = await createPerson(p.db);
    const child = await p.db
      .insertInto('profile')
      .values({
        birth_name: 'KID',
        first_names: 'Tim',
        used_first_name: 'Tim',
        sex: 'M',
        birth_date: `${thisYear - 8}-01-01`,
        status: 'activated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.id, status: 'validated' })
      .execute();
    await p.db
      .insertInto('caregiving')
      .values({
        profile_id: parent.profileId,
        caregiver_id: helper.profileId,
        last_name: 'x',
        first_name: 'y',
        birth_date: '1980-01-01',
        ends_on: `${thisYear + 1}-01-01`,
        status: 'accepted',
      })
      .execute();

    expect(await relationTo(p.db, user(parent), parent.profileId)).toBe('self');
    expect(await relationTo(p.db, user(parent), child.id)).toBe('representative');
    expect(await relationTo(p.db, user(helper), parent.profileId)).toBe('caregiver');
    expect(await relationTo(p.db, user(helper), child.id)).toBeNull();
    expect(await relationTo(p.db, user(stranger), child.id)).toBeNull();
    await expect(authorize(p.db, user(stranger), child.id, 'health:read')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(authorize(p.db, user(helper), parent.profileId, 'access:manage')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(authorize(p.db, user(helper), parent.profileId, 'space:close')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const ctx = await authorize(p.db, user(helper), parent.profileId, 'health:write');
    expect(requireProfileAccess(ctx)).toBe(parent.profileId);
    expect(ctx.actor).toMatchObject({ kind: 'caregiver', profileId: helper.profileId });
  });

  it('ends a representative’s access at 18 and a caregiver’s after the end date', async () => {
    const parent = await createPerson(p.db);
    const helper = await createPerson(p.db);
    const adult = await p.db
      .insertInto('profile')
      .values({
        birth_name: 'BIG',
        first_names: 'Zoé',
        used_first_name: 'Zoé',
        sex: 'F',
        birth_date: `${thisYear - 18}-01-01`,
        status: 'activated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: adult.id, status: 'validated' })
      .execute();
    expect(await relationTo(p.db, user(parent), adult.id)).toBeNull();
    await p.db
      .insertInto('caregiving')
      .values({
        profile_id: parent.profileId,
        caregiver_id: helper.profileId,
        last_name: 'x',
        first_name: 'y',
        birth_date: '1980-01-01',
        ends_on: '2020-01-01',
        status: 'accepted',
      })
      .execute();
    expect(await relationTo(p.db, user(helper), parent.profileId)).toBeNull();
  });

  it('caregivers cannot manage access rights, contacts or credentials, nor close or download the space (R5)', () => {
    for (const c of ['access:manage', 'contacts:manage', 'space:close', 'space:download', 'family:manage'] as const)
      expect(policy.caregiver.has(c)).toBe(false);
    for (const c of ['health:read', 'health:write', 'messages'] as const) expect(policy.caregiver.has(c)).toBe(true);
  });
});
