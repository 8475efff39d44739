// Real processes for the browser tests and the load-and-fault suite: the built console,
// Debian's nginx as a reverse proxy, and Debian's PostgreSQL, each on a free loopback
// port in a throwaway folder, and each stopped by the caller.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export const need = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

async function until(what, check, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${ms / 1000} s`);
    await sleep(25);
  }
}

/** A child process that can be stopped and reports how it ended. */
class Child {
  constructor(name, proc) {
    this.name = name;
    this.proc = proc;
    this.exited = null;
    proc.on('exit', (code, signal) => (this.exited = { code, signal }));
  }
  get pid() {
    return this.proc.pid;
  }
  /** Resident memory in MiB, from /proc. */
  rssMiB() {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    } catch {
      return 0;
    }
  }
  async stop(signal = 'SIGTERM', waitMs = 15_000) {
    if (this.exited) return this.exited;
    this.proc.kill(signal);
    const deadline = Date.now() + waitMs;
    while (!this.exited && Date.now() < deadline) await sleep(50);
    if (!this.exited) {
      this.proc.kill('SIGKILL');
      while (!this.exited) await sleep(50);
      this.exited.forced = true;
    }
    return this.exited;
  }
}

/**
 * Starts the console. `env` adds or overrides settings; the data folder is fresh unless
 * given. Resolves once /healthz answers.
 */
export async function startConsole({ env = {}, dataDir, logTo = 'inherit', name = 'console', port: chosen } = {}) {
  const port = chosen ?? (await freePort());
  const admin = await freePort();
  const data = dataDir ?? mkdtempSync(join(tmpdir(), 'ack-data-'));
  const proc = spawn(need('ACK_SERVER_BIN'), [], {
    env: {
      ...process.env,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: need('ACK_SITE_ROOT'),
      CONTENT_DIR: need('ACK_CONTENT_DIR'),
      DATA_DIR: data,
      DATABASE_URL: '',
      ADMIN_ADDR: `127.0.0.1:${admin}`,
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
      ...env,
    },
    stdio: ['ignore', logTo, logTo],
  });
  const child = new Child(name, proc);
  child.port = port;
  child.base = `http://127.0.0.1:${port}`;
  child.admin = `http://127.0.0.1:${admin}`;
  child.data = data;
  await until(`${name} on ${port}`, async () => {
    if (child.exited) throw new Error(`${name} exited early: ${JSON.stringify(child.exited)}`);
    return (await fetch(`${child.base}/healthz`)).ok;
  });
  return child;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Debian's nginx with its default buffers and limits, one worker, and `server` as the
 * body of its one server block (`{{listen}}` is filled in). Resolves once `probe` answers.
 */
export async function runNginx(server, { extraHttp = '', files = {}, probe = '/healthz' } = {}) {
  const bin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
  if (!bin) throw new Error('nginx is not installed (Debian package nginx)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ack-nginx-'));
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'root']) mkdirSync(join(dir, t));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, 'root', name), bytes);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'root'), 0o755);
  const conf = `
${isRoot() ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${extraHttp}
  server {
    listen 127.0.0.1:${port};
${server.replaceAll('{{root}}', join(dir, 'root'))}
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const proc = spawn(bin, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const child = new Child('nginx', proc);
  child.port = port;
  child.base = `http://127.0.0.1:${port}`;
  child.dir = dir;
  await until(`nginx on ${port}`, async () => {
    if (child.exited) throw new Error(`nginx exited: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    const r = await fetch(`${child.base}${probe}`);
    return r.ok;
  });
  const stop = child.stop.bind(child);
  child.stop = async () => {
    const r = await stop('SIGQUIT', 5_000);
    rmSync(dir, { recursive: true, force: true });
    return r;
  };
  return child;
}

/** Debian's nginx proxying round-robin to `upstreams`. */
export async function startNginx(upstreams, { extraHttp = '' } = {}) {
  const servers = upstreams.map((u) => `    server ${u.replace(/^http:\/\//, '')};`).join('\n');
  return runNginx(
    `    location / {
      proxy_pass http://console;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }`,
    { extraHttp: `upstream console {\n${servers}\n  }\n  ${extraHttp}` },
  );
}

/** Debian's nginx serving `files` ({ name: bytes }) as they are, as text/html. */
export function staticNginx(files) {
  return runNginx('    root {{root}};\n    default_type text/html;', { files, probe: `/${Object.keys(files)[0]}` });
}

function pgBin() {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {}
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error('no initdb found (Debian package postgresql)');
}

/** PostgreSQL refuses to run as root: run its tools as the postgres user then. */
function pgRun(bin, args) {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
}

/** A throwaway PostgreSQL on a loopback port, with stop() and start() for outages. */
export async function startPostgres() {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'ack-pg-'));
  chmodSync(dir, 0o777);
  if (isRoot()) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = join(dir, 'data');
  pgRun(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
  const ctl = (...args) => pgRun(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const pg = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('-o', options, '-l', join(dir, 'log'), '-w', 'start'),
    stop: () => ctl('-m', 'fast', '-w', 'stop'),
    destroy: () => {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
