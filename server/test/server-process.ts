import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';

/** A free TCP port on 127.0.0.1 (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server (main.ts) in a child process on its own port, as an operator runs it: migrations, blob
 * sweep, upload recovery, workers when asked. `kill()` is SIGKILL: no handler runs, nothing is flushed.
 */
export class ServerProcess {
  child: ChildProcess | null = null;
  /** Everything the process wrote on stdout and stderr since it was last started. */
  output = '';

  constructor(
    readonly port: number,
    private readonly env: () => Record<string, string>,
    private readonly entry = 'server/src/main.ts',
    /** When set, everything the process writes goes to this file too (pino's lines, for audits). */
    private readonly logFile?: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const env = { ...process.env, HOST: '127.0.0.1', PORT: String(this.port), ...this.env() };
    const child = spawn(process.execPath, ['--import', 'tsx', this.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    if (this.logFile) {
      const log = createWriteStream(this.logFile, { flags: 'a' });
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${this.output}`)), timeoutMs);
      let ready = false;
      const onData = (d: Buffer) => {
        if (ready) return; // past start-up the output may be large: the log file keeps it
        this.output += d.toString();
        if (this.output.includes('Carnet is ready')) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => {
        if (this.output.length < 1_000_000) this.output += d.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}) before it was ready: ${this.output}`));
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

/** Runs a command to its end, or kills it with SIGKILL as soon as `killWhen` resolves true. */
export function runKillable(
  args: string[],
  env: Record<string, string>,
  killWhen: () => Promise<boolean>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let done = false;
    const poll = async () => {
      while (!done) {
        if (await killWhen().catch(() => false)) {
          child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    void poll();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      done = true;
      resolve({ code, signal, output });
    });
  });
}
