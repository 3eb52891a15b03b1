import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './local-cluster.ts';

/** The proxy settings shipped for deployments; the tests run exactly these. */
export const nspLocationsConf = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../deploy/nginx/nsp-locations.conf',
);
const nginxBinary = process.env.NSP_TEST_NGINX ?? '/usr/sbin/nginx';

export interface Nginx {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Debian's nginx as a foreground process of its own (own prefix, pid, logs and temp folders, a free
 * port) in front of the given upstream addresses. Each reply says which instance answered in
 * `X-Upstream` (the test's only addition to the shipped settings).
 */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  if (!existsSync(nginxBinary))
    throw new Error(`nginx is not installed (${nginxBinary}): apt-get install -y nginx`);
  const prefix = mkdtempSync(path.join(tmpdir(), 'nsp-nginx-test-'));
  // Workers run as an unprivileged user when the tests run as root; they must reach their temp folders.
  chmodSync(prefix, 0o755);
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream nsp {
${upstreams.map((address) => `    server ${address};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    add_header X-Upstream $upstream_addr always;
    include ${nspLocationsConf};
  }
}
`,
  );
  let output = '';
  const child: ChildProcess = spawn(nginxBinary, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx did not start:\n${output}`);
    }
    const ready = await fetch(`${url}/healthz`).then(
      (reply) => reply.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer within 10 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, url, stop };
}
