import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { postgresRateLimitStore } from './platform/rate-limit-store.js';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Platform } from './platform/platform.js';
import { installRouteAccess, type RouteAccess } from './platform/route-access.js';
import { AppError, installErrorHandling } from './platform/errors.js';
import { loggerOptions } from './platform/logger.js';
import { installCsrf, installSessions } from './platform/session.js';
import { installProfessionalSessions } from './platform/professional-session.js';
import { installNoStore } from './platform/http.js';
import { installLocale } from './platform/locale.js';
import { healthRoutes } from './features/health/health.routes.js';
import { devMailboxRoutes } from './features/devmailbox/devmailbox.routes.js';
import { siteRoutes } from './features/health/site.routes.js';
import { identityRoutes } from './features/identity/identity.routes.js';
import { documentsRoutes } from './features/documents/documents.routes.js';
import { familyRoutes } from './features/family/family.routes.js';
import { medicalRoutes } from './features/medical/medical.routes.js';
import { proRoutes } from './features/professionals/pro.routes.js';
import { accessRoutes } from './features/access/access.routes.js';
import { messagingRoutes } from './features/messaging/messaging.routes.js';
import { closureRoutes } from './features/closure/closure.routes.js';
import { fhirRoutes } from './features/fhir/fhir.routes.js';
import { fhirApi } from './features/fhir/fhir.api.js';
import { devicesRoutes } from './features/devices/devices.routes.js';

export type { Platform };

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
    /** Every route of the app (method, URL pattern, declared access), for audits such as the no-access sweep. */
    routeList: RouteEntry[];
  }
}

/** A registered route as the audits see it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
  /** The route's Zod schemas, so audits can build valid requests. */
  schema: { params?: unknown; querystring?: unknown; body?: unknown };
  /** The contract's valid request (params, query, body), when the route comes from the contract. */
  example?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  operationId?: string;
}

export const webDist = path.join(import.meta.dirname, '..', '..', 'web', 'dist');

/** Builds the HTTP application: plugins → platform → features, in that order. Does not listen. */
export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    // Behind nginx every request comes from the proxy: its X-Forwarded-For is believed only from TRUST_PROXY.
    trustProxy: config.TRUST_PROXY
      ? config.TRUST_PROXY.split(',')
          .map((a) => a.trim())
          .filter(Boolean)
      : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('platform', platform);
  installErrorHandling(app);
  // Before any route: every route declares the access it needs, or the app does not start.
  installRouteAccess(app, platform.db, config.OPERATOR_TOKEN);
  const routeList: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    const schema = (r.schema ?? {}) as RouteEntry['schema'];
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD')
        routeList.push({
          method,
          url: r.url,
          access: r.config!.access!,
          schema,
          example: r.config?.example,
          operationId: r.config?.operationId,
        });
    }
  });
  app.decorate('routeList', routeList);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Carnet API', description: "API de Carnet, l'espace santé personnel", version: '0.1.0' },
      servers: [{ url: config.PUBLIC_URL }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'carnet_session',
            description: 'A person’s session, opened by the login (or activation) routes.',
          },
          professionalSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'carnet_pro_session',
            description: 'A professional’s session, opened by the OpenID Connect sign-in.',
          },
          csrfHeader: {
            type: 'apiKey',
            in: 'header',
            name: 'x-carnet-csrf',
            description: 'Must be `1` on every state-changing request of a session.',
          },
          operatorBearer: { type: 'http', scheme: 'bearer', description: 'OPERATOR_TOKEN, for the operator API.' },
          smartBearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An access token of SMART Backend Services (client_credentials with a private_key_jwt assertion, /oidc/token): docs/fhir.md.',
          },
        },
      },
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
        // The installed app (web/public/manifest.webmanifest) and its offline service worker (web/public/sw.js).
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
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
  // Counters in PostgreSQL: every node of a cluster counts the same requests.
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(platform.db) });
  installCsrf(app, config);
  installSessions(app, platform.db, config);
  installProfessionalSessions(app, platform.db, config);
  installLocale(app);
  installNoStore(app);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes);
  await app.register(siteRoutes);
  await app.register(identityRoutes);
  await app.register(documentsRoutes);
  await app.register(familyRoutes);
  await app.register(medicalRoutes);
  await app.register(proRoutes);
  await app.register(accessRoutes);
  await app.register(messagingRoutes);
  await app.register(closureRoutes);
  await app.register(fhirRoutes);
  await app.register(fhirApi);
  await app.register(devicesRoutes);
  if (config.NODE_ENV !== 'production') await app.register(devMailboxRoutes);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !existsSync(path.join(webDist, 'index.html'))) {
      throw new AppError('NOT_FOUND');
    }
    // The web app's routes (including its own 404 page) are drawn by the browser.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
  if (existsSync(webDist)) {
    // The plugin only lends reply.sendFile (confined to webDist); the one route below declares its access.
    await app.register(fastifyStatic, { root: webDist, serve: false, preCompressed: true });
    const files = new Set(listFiles(webDist));
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) => {
      const file = decodeURIComponent(req.url.split('?')[0]!).slice(1);
      if (file.startsWith('api/')) throw new AppError('NOT_FOUND');
      if (files.has(file) && file !== 'index.html') {
        return reply
          .header('cache-control', file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
          .sendFile(file);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
