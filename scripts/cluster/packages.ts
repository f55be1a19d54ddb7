import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { has } from './processes.js';

/**
 * PostgreSQL's major version. Debian 12 packages 15, the version Carnet is specified on, with
 * pg_auto_failover 2.0 built for it (postgresql-15-auto-failover); CARNET_PG_MAJOR picks another.
 */
export const PG_MAJOR = process.env.CARNET_PG_MAJOR ?? '15';
export const PG_BIN = `/usr/lib/postgresql/${PG_MAJOR}/bin`;

const wanted = () => [
  { pkg: 'nginx', present: () => has('nginx') || existsSync('/usr/sbin/nginx') },
  { pkg: `postgresql-${PG_MAJOR}`, present: () => existsSync(`${PG_BIN}/pg_ctl`) },
  { pkg: `postgresql-${PG_MAJOR}-auto-failover`, present: () => existsSync(`${PG_BIN}/../lib/pgautofailover.so`) },
  { pkg: 'pg-auto-failover-cli', present: () => has('pg_autoctl') },
];

/**
 * Installs the Debian packages the cluster needs when they are missing (as the browser tests do for
 * Chromium); without root, says what to install and answers false.
 */
export function ensurePackages(say: (m: string) => void): boolean {
  const missing = wanted()
    .filter((w) => !w.present())
    .map((w) => w.pkg);
  if (!missing.length) return true;
  const root = process.getuid?.() === 0;
  if (!root) {
    say(`missing Debian packages: ${missing.join(' ')}`);
    say(`install them with: sudo apt-get install -y ${missing.join(' ')}`);
    return false;
  }
  say(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Debian's postgresql package starts a "main" cluster on 5432: the cluster does not need it.
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, stdio: 'inherit' });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'inherit' });
    r = install();
  }
  if (r.status !== 0) {
    say(`apt-get could not install ${missing.join(' ')}`);
    return false;
  }
  const still = wanted().filter((w) => !w.present());
  if (still.length) say(`still missing after apt-get: ${still.map((w) => w.pkg).join(' ')}`);
  return !still.length;
}
