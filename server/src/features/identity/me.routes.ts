import { sql } from 'kysely';
import { minorSql } from '../../platform/age.sql.js';
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { loginRoutes as routes } from '../../../../shared/src/routes/identity.routes.js';
import type { ProfileRef } from '../../../../shared/src/schemas/me.js';
import { closeSession } from '../../platform/session.js';
import { accountAccess } from '../../platform/access.js';
import { journal } from '../../platform/journal.js';
import { LANG_COOKIE } from '../../../../shared/src/locale.js';

/** GET /api/me and POST /api/logout. */
export const meRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform;
  serve(app, routes.me, async (req) => {
    const user = req.user!;
    const own = await db
      .selectFrom('account')
      .innerJoin('profile', 'profile.id', 'account.profile_id')
      .select(['account.username', 'account.locale', 'profile.id', 'profile.used_first_name', 'profile.birth_name'])
      .where('account.id', '=', user.accountId)
      .executeTakeFirstOrThrow();
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
      .where('profile.status', '!=', 'closed')
      .where('caregiving.ends_on', '>=', sql<string>`current_date`)
      .orderBy('profile.birth_name')
      .execute();
    const self: ProfileRef = { id: own.id, firstName: own.used_first_name, lastName: own.birth_name, relation: 'self' };
    return {
      username: own.username,
      locale: own.locale,
      profile: self,
      profiles: [
        self,
        ...children.map((c) => ({
          id: c.id,
          firstName: c.used_first_name,
          lastName: c.birth_name,
          relation: 'child' as const,
        })),
        ...helped.map((h) => ({
          id: h.id,
          firstName: h.used_first_name,
          lastName: h.birth_name,
          relation: 'caregiver' as const,
        })),
      ],
    };
  });

  serve(app, routes.setLanguage, async (req, reply) => {
    const user = req.user!;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('account').set({ locale: req.body.locale }).where('id', '=', user.accountId).execute();
      await journal(trx, accountAccess(user), { action: 'identity.language', detail: { locale: req.body.locale } });
    });
    // The browser's choice too, so that pages seen after signing out stay in this language.
    reply.setCookie(LANG_COOKIE, req.body.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    return reply.status(204).send(null);
  });

  serve(app, routes.logout, async (req, reply) => {
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
