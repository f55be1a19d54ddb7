import type { FastifyServerOptions } from 'fastify';

/**
 * Pino options: JSON lines, and every place a secret or health data could appear is redacted
 * (cookies, authorization, passwords, codes, request bodies are never logged).
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.code',
        '*.token',
        '*.nir',
      ],
      censor: '[masqué]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}
