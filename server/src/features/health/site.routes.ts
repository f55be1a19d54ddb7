import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const Site = z.object({
  serviceName: z.string(),
  tagline: z.string(),
  brandTop: z.string(),
  officialBrand: z.boolean(),
  devMailbox: z.boolean(),
});

/** GET /api/site: the configurable brand block and service name, read by the web shell at start. */
export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  const c = app.platform.config;
  app.get('/api/site', { config: { access: 'public' }, schema: { tags: ['platform'], summary: 'Brand and service name', response: { 200: Site } } }, async () => ({
    serviceName: c.SERVICE_NAME,
    tagline: c.SERVICE_TAGLINE,
    brandTop: c.BRAND_TOP,
    officialBrand: c.BRAND_OFFICIAL,
    devMailbox: c.NODE_ENV !== 'production',
  }));
};
