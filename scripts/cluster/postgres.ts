import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { PG_BIN } from './packages.js';
import { killHard, launch, run, until, type Member } from './processes.js';

export interface PgLayout {
  root: string;
  monitorPort: number;
  nodePorts: number[];
  db: string;
}

export interface NodeState {
  name: string;
  port: number;
  reported: string;
  assigned: string;
}

/**
 * Monitor failure detection tuned for loopback (defaults in brackets): a health check every second
 * (5 s), a node unhealthy after 3 s without a report (20 s), the old primary given 5 s to demote
 * itself (30 s). Each keeper's network_partition_timeout goes down to 3 s (20 s) so that a primary cut
 * from the monitor and its standby demotes itself before the monitor promotes the standby.
 * Production keeps the defaults (docs/operations.md).
 */
const MONITOR_SETTINGS: Record<string, number> = {
  'pgautofailover.health_check_period': 1000,
  'pgautofailover.health_check_timeout': 1000,
  'pgautofailover.health_check_max_retries': 1,
  'pgautofailover.health_check_retry_delay': 500,
  'pgautofailover.node_considered_unhealthy_timeout': 3000,
  'pgautofailover.primary_demote_timeout': 5000,
};

/** pg_auto_failover: a monitor and two PostgreSQL nodes (primary + synchronous streaming replica). */
export class PgCluster {
  readonly members = new Map<string, Member>();
  private readonly ids: { uid?: number; gid?: number };
  private readonly owner: { uid: number; gid: number } | null;

  constructor(
    private readonly layout: PgLayout,
    private readonly say: (m: string) => void,
  ) {
    // PostgreSQL refuses to run as root: pg_autoctl runs as Debian's postgres user then.
    this.owner = process.getuid?.() === 0 ? postgresUser() : null;
    this.ids = this.owner ?? {};
  }

  get monitorUrl(): string {
    return `postgres://autoctl_node@127.0.0.1:${this.layout.monitorPort}/pg_auto_failover?sslmode=disable`;
  }

  /** The multi-host URL the app nodes use: libpq's syntax, the primary chosen by target_session_attrs. */
  get appUrl(): string {
    const hosts = this.layout.nodePorts.map((p) => `127.0.0.1:${p}`).join(',');
    return `postgresql://postgres@${hosts}/${this.layout.db}?target_session_attrs=read-write`;
  }

  nodeUrl(port: number): string {
    return `postgresql://postgres@127.0.0.1:${port}/${this.layout.db}`;
  }

  private dir(name: string) {
    return path.join(this.layout.root, 'pg', name);
  }

  private env(): NodeJS.ProcessEnv {
    const xdg = path.join(this.layout.root, 'pg', 'xdg');
    return {
      PATH: `${PG_BIN}:/usr/bin:/bin`,
      XDG_CONFIG_HOME: xdg,
      XDG_DATA_HOME: xdg,
      XDG_RUNTIME_DIR: xdg,
      HOME: path.join(this.layout.root, 'pg'),
      LANG: 'C.UTF-8',
    };
  }

  private prepare(): void {
    const base = path.join(this.layout.root, 'pg');
    for (const d of [base, path.join(base, 'xdg'), path.join(this.layout.root, 'logs')]) {
      mkdirSync(d, { recursive: true });
      if (this.owner) chownSync(d, this.owner.uid, this.owner.gid);
    }
  }

  private autoctl(args: string[]): string {
    return run('pg_autoctl', args, { env: this.env(), ...this.ids });
  }

  private start(name: string, args: string[]): Member {
    const log = path.join(this.layout.root, 'logs', `${name}.log`);
    const m = launch(name, 'pg_autoctl', args, log, this.env(), this.ids);
    this.members.set(name, m);
    return m;
  }

  /** Creates (first time) or runs (data present) the monitor, then the nodes one after the other. */
  async up(): Promise<void> {
    this.prepare();
    const monitor = this.dir('monitor');
    this.start(
      'monitor',
      existsSync(monitor)
        ? ['run', '--pgdata', monitor]
        : [
            'create',
            'monitor',
            '--pgdata',
            monitor,
            '--pgport',
            String(this.layout.monitorPort),
            '--hostname',
            '127.0.0.1',
            '--listen',
            '127.0.0.1',
            '--auth',
            'trust',
            '--no-ssl',
            '--run',
          ],
    );
    await until('the pg_auto_failover monitor', () => this.monitorAnswers(), 120_000, 500);
    await this.tuneMonitor();
    for (const [i, port] of this.layout.nodePorts.entries()) {
      const name = `node${i + 1}`;
      const fresh = !existsSync(this.dir(name));
      this.startNode(name, port);
      // pg_auto_failover wants nodes added one at a time: the second clones the first.
      await until(
        `${name} to join`,
        async () => {
          const states = await this.states();
          const me = states.find((s) => s.name === name);
          if (!me) return false;
          if (me.reported === 'catchingup' || me.reported === 'wait_standby') await this.checkpoint();
          return me.reported === me.assigned && ['single', 'primary', 'secondary'].includes(me.reported);
        },
        180_000,
        500,
      );
      if (fresh) this.autoctl(['config', 'set', '--pgdata', this.dir(name), 'timeout.network_partition_timeout', '3']);
    }
    await until('a primary with a synchronous secondary', async () => this.healthy(), 120_000, 500);
  }

  /** Starts (or restarts) a node's keeper: create on the first run, run when its data is there. */
  startNode(name: string, port: number): Member {
    const pgdata = this.dir(name);
    return this.start(
      name,
      existsSync(pgdata)
        ? ['run', '--pgdata', pgdata]
        : [
            'create',
            'postgres',
            '--pgdata',
            pgdata,
            '--pgport',
            String(port),
            '--pgctl',
            `${PG_BIN}/pg_ctl`,
            '--hostname',
            '127.0.0.1',
            '--listen',
            '127.0.0.1',
            '--name',
            name,
            '--monitor',
            this.monitorUrl,
            '--auth',
            'trust',
            '--no-ssl',
            '--dbname',
            this.layout.db,
            '--run',
          ],
    );
  }

  /** kill -9 of a node's keeper and its PostgreSQL (the machine is lost). */
  async kill(name: string): Promise<void> {
    const m = this.members.get(name);
    if (m) await killHard(m);
  }

  /** Every member stopped (SIGKILL: the data stays, the next start recovers it). */
  async down(): Promise<void> {
    for (const m of [...this.members.values()].reverse()) await killHard(m);
  }

  private async monitorAnswers(): Promise<boolean> {
    const rows = await this.monitorQuery<{ ok: number }>(`select 1 as ok from pgautofailover.formation limit 1`);
    return rows.length > 0;
  }

  private async tuneMonitor(): Promise<void> {
    for (const [k, v] of Object.entries(MONITOR_SETTINGS)) await this.monitorQuery(`alter system set ${k} = ${v}`);
    await this.monitorQuery('select pg_reload_conf()');
  }

  async monitorQuery<T extends object>(text: string): Promise<T[]> {
    const c = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${this.layout.monitorPort}/pg_auto_failover`,
      connectionTimeoutMillis: 2000,
    });
    c.on('error', () => {});
    try {
      await c.connect();
      return (await c.query<T>(text)).rows;
    } finally {
      await c.end().catch(() => {});
    }
  }

  /** The nodes as the monitor sees them. */
  async states(): Promise<NodeState[]> {
    return this.monitorQuery<NodeState>(
      `select nodename as name, nodeport as port, reportedstate as reported, goalstate as assigned
         from pgautofailover.node order by nodeid`,
    );
  }

  /** The node the monitor holds as primary (or single / wait_primary: accepting writes). */
  async primary(): Promise<NodeState | undefined> {
    const states = await this.states();
    return states.find((s) => ['primary', 'single', 'wait_primary'].includes(s.reported) && s.reported === s.assigned);
  }

  /** A primary and a secondary, both settled. */
  async healthy(): Promise<boolean> {
    const states = await this.states();
    return (
      states.some((s) => s.reported === 'primary' && s.assigned === 'primary') &&
      states.some((s) => s.reported === 'secondary' && s.assigned === 'secondary')
    );
  }

  /** pg_basebackup waits for a checkpoint that pg_autoctl does not ask to be fast: this asks for it. */
  private async checkpoint(): Promise<void> {
    const p = await this.primary();
    if (!p) return;
    const c = new pg.Client({ connectionString: this.nodeUrl(p.port), connectionTimeoutMillis: 2000 });
    c.on('error', () => {});
    await c.connect();
    await c.query('checkpoint').finally(() => c.end().catch(() => {}));
  }

  /** What pg_auto_failover set for replication on the primary (printed with the figures). */
  async replicationSettings(): Promise<Record<string, string>> {
    const p = await this.primary();
    if (!p) return {};
    const c = new pg.Client({ connectionString: this.nodeUrl(p.port), connectionTimeoutMillis: 2000 });
    await c.connect();
    try {
      const out: Record<string, string> = {};
      for (const k of ['synchronous_standby_names', 'synchronous_commit', 'wal_level'])
        out[k] = (await c.query<Record<string, string>>(`show ${k}`)).rows[0]![k]!;
      return out;
    } finally {
      await c.end();
    }
  }

  /** `pg_autoctl show uri --formation default`: the connection string the monitor gives applications. */
  formationUri(): string {
    return this.autoctl(['show', 'uri', '--pgdata', this.dir('monitor'), '--formation', 'default']).trim();
  }
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('no postgres user: install postgresql-15 first');
  return { uid, gid };
}
