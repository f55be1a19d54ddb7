import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { activationRoutes as routes } from '../../../../shared/src/routes/identity.routes.js';
import {
  finishActivation,
  identify,
  oppose,
  oppositionProofData,
  requestNewCode,
  sendContactCode,
  usernameAvailable,
  verifyContactCode,
} from './activation.service.js';
import { oppositionProofPdf } from './documents.pdf.js';

/**
 * Activation or opposition (R2), and « demander un nouveau code » (R1.4), from shared/src/routes/identity.routes.ts.
 */
export const activationRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  const limited = { rateLimit: { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  serve(app, routes.identify, async (req) => identify(platform, req.body, req.ip), limited);
  serve(
    app,
    routes.newCode,
    async (req, reply) => {
      await requestNewCode(platform, req.body, req.ip);
      return reply.status(202).send({
        message:
          "Si ces informations correspondent à un espace santé, un nouveau code provisoire vient d'être envoyé. L'ancien code ne fonctionne plus.",
      });
    },
    limited,
  );
  serve(app, routes.oppose, async (req) => oppose(platform, req.body.flowId));
  serve(app, routes.oppositionProof, async (req, reply) => {
    const pdf = await oppositionProofPdf(await oppositionProofData(platform, req.body.flowId), req.locale);
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="attestation-opposition.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  serve(
    app,
    routes.sendContactCode,
    async (req) => ({
      destination: await sendContactCode(platform, req.body.flowId, req.body.channel, req.body.destination),
    }),
    limited,
  );
  serve(
    app,
    routes.verifyContactCode,
    async (req) => verifyContactCode(platform, req.body.flowId, req.body.channel, req.body.code.replace(/\s/g, '')),
    limited,
  );
  serve(app, routes.usernameAvailable, async (req) => usernameAvailable(platform, req.query.username, req.ip), limited);
  serve(
    app,
    routes.finish,
    async (req, reply) => finishActivation(platform, reply, req.body, req.headers['user-agent']),
    limited,
  );
};
