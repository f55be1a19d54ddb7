import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { launch, stop, until, type Member } from './processes.js';

/**
 * nginx in front of the app nodes. Passive health checks: one failed connection takes a node out for
 * 5 s. A request that could not reach a node (refused, timed out connecting, 502) goes to the next one;
 * nginx never re-sends a POST, PUT, PATCH or DELETE that a node may have received (no `non_idempotent`),
 * so only the requests in flight on a dying node fail.
 */
export function nginxConf(root: string, listen: number, upstreams: number[]): string {
  const tmp = path.join(root, 'nginx', 'tmp');
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  return `worker_processes 1;
daemon off;
pid ${path.join(root, 'nginx', 'nginx.pid')};
error_log ${path.join(root, 'logs', 'nginx-error.log')} warn;
${process.getuid?.() === 0 ? 'user nobody nogroup;' : ''}
events { worker_connections 1024; }
http {
  access_log ${path.join(root, 'logs', 'nginx-access.log')};
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  client_max_body_size 70m;
  upstream carnet {
${servers}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://carnet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout http_502;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 10s;
      add_header X-Carnet-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Writes the configuration, checks it with `nginx -t`, starts nginx in the foreground of its own group. */
export async function startNginx(root: string, listen: number, upstreams: number[]): Promise<Member> {
  const dir = path.join(root, 'nginx');
  mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  if (process.getuid?.() === 0) {
    const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    chownSync(path.join(dir, 'tmp'), nobody, 0);
  }
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf(root, listen, upstreams));
  const check = spawnSync('nginx', ['-t', '-q', '-c', conf, '-e', path.join(root, 'logs', 'nginx-error.log')], {
    encoding: 'utf8',
  });
  if (check.status !== 0) throw new Error(`nginx -t refused ${conf}:\n${check.stderr}`);
  const m = launch(
    'nginx',
    'nginx',
    ['-c', conf, '-e', path.join(root, 'logs', 'nginx-error.log')],
    path.join(root, 'logs', 'nginx.log'),
    process.env,
  );
  await until('nginx', async () => (await fetch(`http://127.0.0.1:${listen}/api/health`)).status > 0, 30_000);
  return m;
}

export { stop as stopNginx };
