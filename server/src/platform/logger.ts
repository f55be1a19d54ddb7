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
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: maskUrl(req.url),
        id: req.id,
      }),
    },
  };
}

// A NIR-like run: 13 characters or more of digits (2A/2B for Corsica allowed after the first), spaces and
// dots between them allowed, as raw or %20-encoded. Hyphens are not separators, so UUIDs are left whole.
const NIR_LIKE = /\d(?:(?:%20|[ .+])?[\dAB]){12,}/g;

/**
 * The URL as logged: without its query string, and with any NIR-like run in the path masked — a person may
 * paste a social security number into the address bar, and a path segment is not redacted by field name.
 */
export function maskUrl(url: string): string {
  return url.split('?')[0]!.replace(NIR_LIKE, '[masqué]');
}
