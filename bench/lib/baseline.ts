import Fastify, { type FastifyInstance } from 'fastify';

export const BASELINE_PATH = '/bare';

/**
 * The reference every HTTP ratio is taken against: Fastify 5 with default options and one route
 * answering a constant JSON body, in the same process as the server under test. What separates Carnet
 * from it (plugins, hooks, schemas, logging, the database) is what the ratio shows.
 */
export async function startBaseline(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  app.get(BASELINE_PATH, async () => ({ status: 'ok' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `${listeningUrl(app)}${BASELINE_PATH}` };
}

/** http://127.0.0.1:<port> of a Fastify app listening on a TCP port. */
export function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
