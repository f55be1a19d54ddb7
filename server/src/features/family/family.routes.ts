import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { familyRoutes as routes } from '../../../../shared/src/routes/family.routes.js';
import {
  addChildByCode,
  addChildren,
  answerInvitation,
  attachableChildren,
  caregiversOf,
  endCaregiving,
  inviteCaregiver,
  inviteRepresentative,
  myInvitations,
  representativesOf,
  withdrawRepresentation,
} from './family.service.js';

/** Minors' profiles, the second legal representative, caregivers (R4, R5), from shared/src/routes/family.routes.ts. */
export const familyRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  const rateLimit = { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

  serve(app, routes.attachable, async (req) => ({ children: await attachableChildren(platform, req.user!) }));
  serve(app, routes.addChildren, async (req) => ({
    added: await addChildren(platform, req.user!, req.body.profileIds, req.body.certified),
  }));
  serve(app, routes.addChildByCode, async (req) => addChildByCode(platform, req.user!, req.body, req.ip), {
    rateLimit,
  });
  serve(app, routes.representatives, async (req) => representativesOf(platform, req.user!, req.access!));
  serve(app, routes.inviteRepresentative, async (req, reply) =>
    reply.status(201).send({ id: await inviteRepresentative(platform, req.user!, req.access!, req.body) }),
  );
  serve(app, routes.withdraw, async (req, reply) => {
    await withdrawRepresentation(platform, req.user!, req.access!);
    return reply.status(204).send(null);
  });
  serve(app, routes.caregivers, async (req) => ({ caregivers: await caregiversOf(platform, req.access!) }));
  serve(app, routes.inviteCaregiver, async (req, reply) =>
    reply.status(201).send({ id: await inviteCaregiver(platform, req.user!, req.access!, req.body) }),
  );
  serve(app, routes.endCaregiving, async (req, reply) => {
    await endCaregiving(platform, req.user!, req.params.id);
    return reply.status(204).send(null);
  });
  serve(app, routes.invitations, async (req) => myInvitations(platform, req.user!));
  serve(app, routes.answer, async (req, reply) => {
    await answerInvitation(platform, req.user!, req.params.kind, req.params.id, req.params.answer === 'accept');
    return reply.status(204).send(null);
  });
};
