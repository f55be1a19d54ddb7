import { sql } from 'kysely';
import { minorSql } from '../../platform/age.sql.js';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Me, type ProfileRef } from '../../../../shared/src/schemas/me.js';
import { closeSession } from '../../platform/session.js';
import { ErrorResponse } from '../../platform/http.js';
import { accountAccess } from '../../platform/access.js';
import { journal } from '../../platform/journal.js';

/** GET /api/me and POST /api/logout. */
export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.platform;
  app.get('/api/me', { config: { access: 'session' }, schema: { tags: ['identity'], summary: 'Signed-in person and their profiles', response: { 200: Me, 401: ErrorResponse } } }, async (req) => {
    const user = req.user!;
    const own = await db.selectFrom('account').innerJoin('profile', 'profile.id', 'account.profile_id').select(['account.username', 'profile.id', 'profile.used_first_name', 'profile.birth_name']).where('account.id', '=', user.accountId).executeTakeFirstOrThrow();
    const children = await db
      .selectFrom('representation')
      .innerJoin('profile', 'profile.id', 'representation.profile_id')
      .select(['profile.id', 'profile.used_first_name', 'profile.birth_name'])
      .where('representation.representative_id', '=', user.profileId)
      .where('representation.status', '=', 'validated')
      .where('profile.status', '!=', 'closed')
      .where(minorSql('profile.birth_date'))
      .orderBy('profile.birth_date')
      .execute();
    const helped = await db
      .selectFrom('caregiving')
      .innerJoin('profile', 'profile.id', 'caregiving.profile_id')
      .select(['profile.id', 'profile.used_first_name', 'profile.birth_name'])
      .where('caregiving.caregiver_id', '=', user.profileId)
      .where('caregiving.status', '=', 'accepted')
      .where('caregiving.ends_on', '>=', sql<string>`current_date`)
      .orderBy('profile.birth_name')
      .execute();
    const self: ProfileRef = { id: own.id, firstName: own.used_first_name, lastName: own.birth_name, relation: 'self' };
    return {
      username: own.username,
      profile: self,
      profiles: [
        self,
        ...children.map((c) => ({ id: c.id, firstName: c.used_first_name, lastName: c.birth_name, relation: 'child' as const })),
        ...helped.map((h) => ({ id: h.id, firstName: h.used_first_name, lastName: h.birth_name, relation: 'caregiver' as const })),
      ],
    };
  });

  app.post('/api/logout', { config: { access: 'public' }, schema: { tags: ['identity'], summary: 'End this session', response: { 204: z.null() } } }, async (req, reply) => {
    const user = req.user;
    await db.transaction().execute(async (trx) => {
      await closeSession(trx, app.platform.config, req, reply);
      if (user) {
        await journal(trx, accountAccess(user), { action: 'identity.logout', detail: { session: user.sessionId } });
      }
    });
    return reply.status(204).send(null);
  });
};
