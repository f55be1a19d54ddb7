import type { Db } from '../../server/src/platform/db.js';
import { createVerifiedPerson } from '../../server/test/sessions.js';
import { otpOf } from '../../server/test/identity.js';
import { multipartBody } from '../../server/test/documents.js';

export interface Person {
  profileId: string;
  cookie: string;
}

/** One request of the load, as the client saw it. */
export interface Sample {
  kind: 'measure' | 'document' | 'read';
  start: number;
  end: number;
  status: number;
  /** The node that answered (nginx's X-Carnet-Upstream), when nginx reached one. */
  node: string;
}

/** A write the cluster acknowledged (2xx): it must be there after every failure. */
export interface Ack {
  kind: 'measure' | 'document';
  id: string;
  profileId: string;
}

const csrf = { 'x-carnet-csrf': '1' };

/** Signs a person in through nginx as the web does: password, one-time code by e-mail (read from the outbox). */
async function signIn(base: string, db: Db, p: { username: string; password: string; email: string }) {
  const post = (url: string, body: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const start = await post('/api/auth/login', { username: p.username, password: p.password });
  if (start.status !== 200) throw new Error(`login answered ${start.status}: ${await start.text()}`);
  const { attemptId } = (await start.json()) as { attemptId: string };
  const code = await post('/api/auth/login/code', { attemptId, channel: 'email' });
  if (!code.ok) throw new Error(`login code answered ${code.status}`);
  let otp = '';
  for (let i = 0; i < 50 && !otp; i++) otp = await otpOf(db, p.email).catch(() => '');
  const verify = await post('/api/auth/login/verify', { attemptId, code: otp });
  const cookie = /carnet_session=[^;]+/.exec(verify.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`login verify answered ${verify.status}`);
  return cookie;
}

/** `count` people made in the database and signed in through nginx (each step may reach another node). */
export async function signedInPeople(base: string, db: Db, count: number): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const p = await createVerifiedPerson(db);
    out.push({ profileId: p.profileId, cookie: await signIn(base, db, p) });
  }
  return out;
}

/**
 * Writers through nginx: each loops over measures (3 in 4) and documents (1 in 4), with a read now and
 * then, and records every request and every acknowledged write. Bounded: stops when told, or after
 * `maxMs` whatever happens.
 */
export class Load {
  readonly samples: Sample[] = [];
  readonly acks: Ack[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private n = 0;

  constructor(
    private readonly base: string,
    private readonly people: Person[],
    private readonly concurrency: number,
    private readonly maxMs = 10 * 60_000,
  ) {}

  start(): void {
    this.running = true;
    const end = Date.now() + this.maxMs;
    for (let w = 0; w < this.concurrency; w++)
      this.workers.push(
        (async () => {
          const person = this.people[w % this.people.length]!;
          while (this.running && Date.now() < end) await this.step(person);
        })(),
      );
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async step(p: Person): Promise<void> {
    const i = this.n++;
    const base = `${this.base}/api/profiles/${p.profileId}`;
    if (i % 8 === 7) {
      await this.send('read', `${base}/medical/measures/weight`, { method: 'GET', headers: { cookie: p.cookie } });
      return;
    }
    if (i % 4 === 3) {
      const body = multipartBody(
        `compte-rendu-${i}.txt`,
        Buffer.from(`Compte rendu ${i} du ${new Date().toISOString()}\n`),
      );
      const res = await this.send('document', base + '/documents', {
        method: 'POST',
        headers: { cookie: p.cookie, ...body.headers },
        body: body.payload,
      });
      const id = (res as { document?: { id?: string } } | null)?.document?.id;
      if (id) this.acks.push({ kind: 'document', id, profileId: p.profileId });
      return;
    }
    const minute = String(i % 60).padStart(2, '0');
    const res = await this.send('measure', `${base}/medical/measures/weight`, {
      method: 'POST',
      headers: { cookie: p.cookie, ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ measuredAt: `2026-01-02T08:${minute}`, value: 60 + (i % 30) }),
    });
    const id = (res as { value?: { id?: string } } | null)?.value?.id;
    if (id) this.acks.push({ kind: 'measure', id, profileId: p.profileId });
  }

  /** Sends one request; answers the parsed JSON of a 2xx answer, null otherwise (the failure recorded). */
  private async send(kind: Sample['kind'], url: string, init: RequestInit): Promise<unknown> {
    const start = Date.now();
    let status = 0;
    let node = '';
    let body: unknown = null;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      status = res.status;
      node = res.headers.get('x-carnet-upstream') ?? '';
      const text = await res.text();
      if (res.ok) body = text ? JSON.parse(text) : {};
    } catch {
      status = 0;
    }
    this.samples.push({ kind, start, end: Date.now(), status, node });
    if (!body) await new Promise((r) => setTimeout(r, 100)); // a failing cluster is not hammered
    return body;
  }
}
