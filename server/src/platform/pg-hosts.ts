import net from 'node:net';
import pg from 'pg';

/** One PostgreSQL server of a multi-host URL. */
export interface PgHost {
  host: string;
  port: number;
}

interface MultiHostUrl {
  hosts: PgHost[];
  /** The URL with the first host only and without target_session_attrs (what node-postgres can parse). */
  single: string;
  /** target_session_attrs=read-write (or primary): only a server that accepts writes will do. */
  readWrite: boolean;
}

const URL_RE = /^(postgres(?:ql)?:\/\/)([^@/?]*@)?([^/?]*)(.*)$/;

/**
 * Splits a libpq multi-host URL (`postgresql://u@h1:5432,h2:5433/db?target_session_attrs=read-write`);
 * null for a one-host URL. node-postgres has no multi-host support: its URL parser refuses the comma.
 */
export function parseMultiHost(url: string): MultiHostUrl | null {
  const m = URL_RE.exec(url);
  if (!m || !m[3]!.includes(',')) return null;
  const [, scheme, auth = '', hostList, rest = ''] = m;
  const hosts = hostList!.split(',').map((h): PgHost => {
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(h);
    if (v6) return { host: v6[1]!, port: Number(v6[2] ?? 5432) };
    const [host, port] = h.split(':');
    return { host: host || 'localhost', port: Number(port ?? 5432) };
  });
  const [pathPart, query = ''] = rest.split('?');
  const params = new URLSearchParams(query);
  const attrs = params.get('target_session_attrs') ?? 'any';
  params.delete('target_session_attrs');
  const first = hosts[0]!;
  const hostText = first.host.includes(':') ? `[${first.host}]` : first.host;
  const q = params.toString();
  return {
    hosts,
    single: `${scheme}${auth}${hostText}:${first.port}${pathPart}${q ? `?${q}` : ''}`,
    readWrite: attrs === 'read-write' || attrs === 'primary',
  };
}

/** The same URL aimed at one host (probes, and operator messages). */
function urlFor(single: string, h: PgHost): string {
  const m = URL_RE.exec(single)!;
  const hostText = h.host.includes(':') ? `[${h.host}]` : h.host;
  return `${m[1]}${m[2] ?? ''}${hostText}:${h.port}${m[4] ?? ''}`;
}

/**
 * Finds the server to use among the hosts, as libpq does for target_session_attrs=read-write: every host
 * is asked `show transaction_read_only`, the first to answer `off` wins. The answer is kept for a second
 * and forgotten as soon as a connection to it fails (a failover moves the primary).
 */
class HostPicker {
  private current: PgHost | null = null;
  private checkedAt = 0;
  private pending: Promise<PgHost> | null = null;

  constructor(private readonly target: MultiHostUrl) {}

  pick(): Promise<PgHost> {
    if (this.current && Date.now() - this.checkedAt < 1000) return Promise.resolve(this.current);
    this.pending ??= this.probeAll().finally(() => (this.pending = null));
    return this.pending;
  }

  forget(h: PgHost): void {
    if (this.current && this.current.host === h.host && this.current.port === h.port) this.current = null;
  }

  private async probeAll(): Promise<PgHost> {
    const answers = await Promise.all(this.target.hosts.map((h) => this.probe(h)));
    const i = answers.findIndex((a) => (this.target.readWrite ? a === 'rw' : a !== 'down'));
    if (i < 0) {
      this.current = null;
      const what = this.target.readWrite ? 'read-write PostgreSQL server' : 'PostgreSQL server';
      const list = this.target.hosts.map((h) => `${h.host}:${h.port}`).join(', ');
      // 08001 (sqlclient_unable_to_establish_sqlconnection): answered 503 like any unreachable database.
      throw Object.assign(new Error(`no ${what} among ${list}`), { code: '08001' });
    }
    this.current = this.target.hosts[i]!;
    this.checkedAt = Date.now();
    return this.current;
  }

  private async probe(h: PgHost): Promise<'rw' | 'ro' | 'down'> {
    const client = new pg.Client({
      connectionString: urlFor(this.target.single, h),
      connectionTimeoutMillis: 2000,
      application_name: 'carnet-host-probe',
    });
    client.on('error', () => {});
    try {
      await client.connect();
      const r = await client.query<{ transaction_read_only: string }>('show transaction_read_only');
      return r.rows[0]?.transaction_read_only === 'off' ? 'rw' : 'ro';
    } catch {
      return 'down';
    } finally {
      await client.end().catch(() => {});
    }
  }
}

const pickers = new Map<string, HostPicker>();

/** A socket that connects, when node-postgres asks, to the host the picker chooses instead of the one given. */
function pickedSocket(picker: HostPicker): net.Socket {
  const socket = new net.Socket();
  const connect = socket.connect.bind(socket) as (port: number, host: string) => net.Socket;
  let chosen: PgHost | null = null;
  socket.on('error', () => chosen && picker.forget(chosen));
  socket.connect = ((..._ignored: unknown[]) => {
    picker.pick().then(
      (h) => {
        chosen = h;
        if (!socket.destroyed) connect(h.port, h.host);
      },
      (err: Error) => socket.destroy(err),
    );
    return socket;
  }) as typeof socket.connect;
  return socket;
}

/**
 * The node-postgres settings for a URL. A one-host URL is passed as it is; a multi-host one becomes its
 * first host plus a socket factory that connects each new connection to the current primary, so the pool,
 * pg-boss's pool and its LISTEN connection all follow a failover without a restart.
 */
export function pgSettings(url: string): { connectionString: string; stream?: () => net.Socket } {
  const multi = parseMultiHost(url);
  if (!multi) return { connectionString: url };
  let picker = pickers.get(url);
  if (!picker) pickers.set(url, (picker = new HostPicker(multi)));
  const p = picker;
  return { connectionString: multi.single, stream: () => pickedSocket(p) };
}
