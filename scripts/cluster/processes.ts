import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';

/** A process of the cluster, started in its own process group so that kill -9 takes its children too. */
export interface Member {
  name: string;
  child: ChildProcess;
  log: string;
}

/** Starts `cmd` detached (own group), output appended to `log`; as `uid`/`gid` when given (pg_autoctl). */
export function launch(
  name: string,
  cmd: string,
  args: string[],
  log: string,
  env: NodeJS.ProcessEnv,
  ids: { uid?: number; gid?: number } = {},
): Member {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', fd, fd], ...ids });
  return { name, child, log };
}

/** kill -9 of the member's whole process group (a machine lost), then waits for it to be gone. */
export async function killHard(m: Member): Promise<void> {
  if (m.child.pid === undefined || m.child.exitCode !== null || m.child.signalCode !== null) return;
  const gone = new Promise<void>((r) => m.child.once('exit', () => r()));
  try {
    process.kill(-m.child.pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone;
}

/** SIGTERM to the group, SIGKILL after `graceMs`. */
export async function stop(m: Member, graceMs = 10_000): Promise<void> {
  if (m.child.pid === undefined || m.child.exitCode !== null || m.child.signalCode !== null) return;
  const gone = new Promise<void>((r) => m.child.once('exit', () => r()));
  try {
    process.kill(-m.child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-m.child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await gone;
  clearTimeout(timer);
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** True when `cmd` is on the PATH. */
export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it answers true; throws after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}
