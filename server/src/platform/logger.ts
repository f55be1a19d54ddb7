import type { FastifyServerOptions } from 'fastify';
import { UUID } from './ids.js';

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
  return url
    .split('?')[0]!
    .split('/')
    .map((segment) => (secretLike(segment) ? '[masqué]' : segment))
    .join('/')
    .replace(NIR_LIKE, '[masqué]');
}

/**
 * Path segments that look like a secret rather than a name or an id: a provisional code (three groups of four,
 * the letters' format, hyphens or %20/spaces between them), or a long random token (session, link, JWT) —
 * 16 characters or more of the URL-safe alphabet mixing letters and digits that is not a UUID. No route of the
 * contract has such a segment of its own (its words have no digits; ids are UUIDs), so nothing useful is lost.
 */
function secretLike(segment: string): boolean {
  if (/^[A-Za-z0-9]{4}(?:-|%20| )[A-Za-z0-9]{4}(?:-|%20| )[A-Za-z0-9]{4}$/.test(segment)) return true;
  if (UUID.test(segment) || /\.(?:js|css|map|woff2?|svg|png|jpe?g|ico|webmanifest|json|txt|pdf|zip)$/.test(segment))
    return false;
  return /^[\w.~%!*'()-]{16,}$/.test(segment) && /\d/.test(segment) && /[A-Za-z]/.test(segment);
}
