import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A minimal browser for app.inject: follows nothing by itself, keeps cookies by name. */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    const set = res.headers['set-cookie'];
    for (const c of [set ?? []].flat()) {
      const [pair, ...attrs] = String(c).split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const u = new URL(url, 'http://localhost:3000');
    const res = await this.app.inject({
      method: 'GET',
      url: u.pathname + u.search,
      headers: { cookie: this.cookieHeader(), host: u.host },
    });
    this.keep(res);
    return res;
  }

  async postForm(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    const u = new URL(url, 'http://localhost:3000');
    const res = await this.app.inject({
      method: 'POST',
      url: u.pathname + u.search,
      headers: { cookie: this.cookieHeader(), host: u.host, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    this.keep(res);
    return res;
  }
}

export const location = (res: LightMyRequestResponse) => String(res.headers.location ?? '');

/**
 * Runs the provider's side of a sign-in: authorization request (from /api/pro/auth/start, possibly
 * rewritten by `tamper`), the interaction page, the form (RPPS, PIN, acr). Returns the callback URL the
 * provider sends the browser back to.
 */
export async function throughProvider(
  b: Browser,
  opts: { rpps: string; pin?: string; acr?: string; tamper?: (authorizeUrl: URL) => void },
): Promise<string> {
  const start = await b.get('/api/pro/auth/start');
  if (start.statusCode !== 303) throw new Error(`start: ${start.statusCode} ${start.body}`);
  const authorize = new URL(location(start));
  opts.tamper?.(authorize);
  const auth = await b.get(authorize.href);
  if (auth.statusCode !== 303) throw new Error(`authorize: ${auth.statusCode} ${auth.body}`);
  const interaction = location(auth);
  const page = await b.get(interaction);
  if (page.statusCode !== 200) throw new Error(`interaction page: ${page.statusCode} ${page.body}`);
  const done = await b.postForm(interaction, { rpps: opts.rpps, pin: opts.pin ?? '1234', acr: opts.acr ?? 'eidas1' });
  if (done.statusCode !== 303) throw new Error(`login: ${done.statusCode} ${done.body}`);
  const resume = await b.get(location(done));
  if (resume.statusCode !== 303) throw new Error(`resume: ${resume.statusCode} ${resume.body}`);
  return location(resume);
}
