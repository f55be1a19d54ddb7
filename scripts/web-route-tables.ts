import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Prints, as JSON, what the web app keeps of each route file of the shared contract (shared/src/routes): for each
 * exported table of routes, every route's method and path — all web/src/client.ts reads at run time. Schemas (Zod)
 * are left out: the web takes their types only, and the validation is the server's. Run by the web build
 * (web/vite.config.ts, plugin carnet-route-tables-without-schemas) so that no page ships Zod (issue 13).
 */
const ROUTES_DIR = path.resolve(import.meta.dirname, '../shared/src/routes');

const isSchema = (value: unknown) => typeof value === 'object' && value !== null && '_zod' in value;
const isRoute = (value: unknown): value is { method: string; path: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { method?: unknown }).method === 'string' &&
  typeof (value as { path?: unknown }).path === 'string';

/** A table of routes (possibly nested: `items.conditions.list`) as { method, path }, or undefined if it is not one. */
function slim(value: unknown): unknown {
  if (isRoute(value)) return { method: value.method, path: value.path };
  if (typeof value !== 'object' || value === null || isSchema(value)) return undefined;
  const entries = Object.entries(value).map(([key, inner]) => [key, slim(inner)] as const);
  return entries.length > 0 && entries.every(([, inner]) => inner !== undefined)
    ? Object.fromEntries(entries)
    : undefined;
}

const out: Record<string, Record<string, unknown>> = {};
for (const name of readdirSync(ROUTES_DIR).filter((n) => n.endsWith('.routes.ts'))) {
  const file = path.join(ROUTES_DIR, name);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [exported, value] of Object.entries(module)) {
    if (isSchema(value)) continue;
    const table = slim(value);
    if (table !== undefined) kept[exported] = table;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      kept[exported] = value;
    }
    // Anything else (functions, other objects) is left out: a web import of it fails the build, and the
    // exception is then added here knowingly.
  }
  out[file] = kept;
}
process.stdout.write(JSON.stringify(out));
