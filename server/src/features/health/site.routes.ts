import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { platformRoutes as routes } from '../../../../shared/src/routes/platform.routes.js';

/** GET /api/site: the configurable brand block and service name, read by the web shell at start. */
export const siteRoutes: FastifyPluginAsync = async (app) => {
  const c = app.platform.config;
  serve(app, routes.site, async () => ({
    serviceName: c.SERVICE_NAME,
    tagline: c.SERVICE_TAGLINE,
    brandTop: c.BRAND_TOP,
    officialBrand: c.BRAND_OFFICIAL,
    devMailbox: c.NODE_ENV !== 'production',
  }));
};
