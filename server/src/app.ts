import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './platform/db.js';
import type { Queue } from './platform/queue.js';
import type { BlobStore } from './platform/blobs.js';
import { AppError, installErrorHandling } from './platform/errors.js';
import { loggerOptions } from './platform/logger.js';
import { installCsrf, installSessions } from './platform/session.js';
import { healthRoutes } from './features/health/health.routes.js';
import { devMailboxRoutes } from './features/devmailbox/devmailbox.routes.js';
import { siteRoutes } from './features/health/site.routes.js';
import { identityRoutes } from './features/identity/identity.routes.js';
import { documentsRoutes } from './features/documents/documents.routes.js';
import { familyRoutes } from './features/family/family.routes.js';
import { medicalRoutes } from './features/medical/medical.routes.js';

/** What every feature receives: settings and the platform's pieces. */
export interface Platform {
  config: Config;
  db: Db;
  queue: Queue;
  blobs: BlobStore;
  /** HMAC key for provisional and one-time codes, derived from the master key. */
  codeKey: Buffer;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
    /** Every route of the app (method and URL pattern), for audits such as the no-access sweep test. */
    routeList: { method: string; url: string }[];
  }
}

export const webDist = path.join(import.meta.dirname, '..', '..', 'web', 'dist');

/** Builds the HTTP application: plugins → platform → features, in that order. Does not listen. */
export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('platform', platform);
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url });
  });
  app.decorate('routeList', routeList);
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Carnet API', description: "API de Carnet, l'espace santé personnel", version: '0.1.0' },
      servers: [{ url: config.PUBLIC_URL }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The DSFR sets a few style attributes from JavaScript.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on localhost in development; production sits behind TLS.
    strictTransportSecurity: config.NODE_ENV === 'production',
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  installCsrf(app, config);
  installSessions(app, platform.db, config);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes);
  await app.register(siteRoutes);
  await app.register(identityRoutes);
  await app.register(documentsRoutes);
  await app.register(familyRoutes);
  await app.register(medicalRoutes);
  if (config.NODE_ENV !== 'production') await app.register(devMailboxRoutes);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !existsSync(path.join(webDist, 'index.html'))) {
      throw new AppError('NOT_FOUND');
    }
    // The web app's routes (including its own 404 page) are drawn by the browser.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, serve: true, preCompressed: true });
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html'));
  }
  return app;
}
