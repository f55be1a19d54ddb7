import type { FastifyPluginAsync } from 'fastify';
import { meRoutes } from './me.routes.js';
import { loginRoutes } from './login.routes.js';
import { activationRoutes } from './activation.routes.js';
import { accountRoutes } from './account.routes.js';
import { operatorRoutes } from './operator.routes.js';

/** Every identity route: activation, login, account settings, forgotten credentials. */
export const identityRoutes: FastifyPluginAsync = async (app) => {
  await app.register(meRoutes);
  await app.register(loginRoutes);
  await app.register(activationRoutes);
  await app.register(accountRoutes);
  await app.register(operatorRoutes);
};
