import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, killHard, stop, until, type Member } from './processes.js';

export interface AppLayout {
  root: string;
  publicUrl: string;
  ports: number[];
  databaseUrl: string;
}

/** Keys every node shares (one master key for the shared blob folder, one journal key), made once. */
function sharedKeys(root: string): { MASTER_KEY: string; JOURNAL_SIGNING_KEY: string; OPERATOR_TOKEN: string } {
  const file = path.join(root, 'keys.json');
  if (!existsSync(file)) {
    const keys = {
      MASTER_KEY: randomBytes(32).toString('base64'),
      JOURNAL_SIGNING_KEY: randomBytes(32).toString('base64'),
      OPERATOR_TOKEN: randomBytes(32).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof sharedKeys>;
}

/** Three Carnet nodes: same database URL, same keys, one shared blob folder, each its own port. */
export class AppNodes {
  readonly members = new Map<number, Member>();
  constructor(
    private readonly layout: AppLayout,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  env(index: number): NodeJS.ProcessEnv {
    const { root } = this.layout;
    const dataDir = path.join(root, `app${index + 1}`);
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(path.join(root, 'blobs'), { recursive: true });
    return {
      ...process.env,
      ...sharedKeys(root),
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(this.layout.ports[index]),
      PUBLIC_URL: this.layout.publicUrl,
      DATABASE_URL: this.layout.databaseUrl,
      DATA_DIR: dataDir,
      BLOB_DIR: path.join(root, 'blobs'),
      TRUST_PROXY: '127.0.0.1',
      // The demo accounts once, from the first node; the others find them there.
      SEED_DEMO: index === 0 ? 'true' : 'false',
      SMTP_INTAKE_PORT: '0',
      WORKERS: 'true',
      LOG_LEVEL: 'warn',
      ...this.extraEnv,
    };
  }

  url(index: number): string {
    return `http://127.0.0.1:${this.layout.ports[index]}`;
  }

  async start(index: number): Promise<void> {
    const log = path.join(this.layout.root, 'logs', `app${index + 1}.log`);
    const m = launch(
      `app${index + 1}`,
      process.execPath,
      ['--import', 'tsx', 'server/src/main.ts'],
      log,
      this.env(index),
    );
    this.members.set(index, m);
    const exited = new Promise<never>((_, reject) =>
      m.child.once('exit', (code) => reject(new Error(`app${index + 1} exited (${code}): see ${log}`))),
    );
    await Promise.race([until(`app${index + 1}`, () => this.answers(index), 180_000, 300), exited]);
  }

  async answers(index: number): Promise<boolean> {
    const r = await fetch(`${this.url(index)}/api/health`, { signal: AbortSignal.timeout(1000) });
    return r.ok;
  }

  async kill(index: number): Promise<void> {
    const m = this.members.get(index);
    if (m) await killHard(m);
  }

  async down(): Promise<void> {
    for (const m of this.members.values()) await stop(m, 5000);
  }
}
