// Starts the built server on a free loopback port with a fresh data folder, waits until
// it is healthy, runs Playwright against it, and always stops it (SIGTERM, so the
// graceful shutdown is exercised too). Exits with Playwright's status.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const need = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return v;
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const port = await freePort();
const data = mkdtempSync(join(tmpdir(), 'ack-e2e-'));
const base = `http://127.0.0.1:${port}`;
const server = spawn(need('ACK_SERVER_BIN'), [], {
  env: {
    ...process.env,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: need('ACK_SITE_ROOT'),
    CONTENT_DIR: need('ACK_CONTENT_DIR'),
    DATA_DIR: data,
    DATABASE_URL: '',
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let exited = null;
server.on('exit', (code, signal) => (exited = { code, signal }));

const stop = async () => {
  if (exited) return;
  server.kill('SIGTERM');
  for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
  if (!exited) server.kill('SIGKILL');
};

let status = 1;
try {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the server exited early: ${JSON.stringify(exited)}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('the server did not become healthy within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = await (await fetch(`${base}/readyz`)).json();
  console.log(`server ready at ${base}: ${ready.entries} entries, ${ready.database}`);
  const pw = spawn(join(here, 'node_modules/.bin/playwright'), ['test', ...process.argv.slice(2)], {
    cwd: here,
    env: { ...process.env, ACK_BASE_URL: base },
    stdio: 'inherit',
  });
  status = await new Promise((resolve) => pw.on('exit', (code) => resolve(code ?? 1)));
} catch (e) {
  console.error(String(e));
  status = 1;
} finally {
  await stop();
  rmSync(data, { recursive: true, force: true });
}
if (exited && exited.signal === null && exited.code !== 0) {
  console.error(`the server did not shut down cleanly: ${JSON.stringify(exited)}`);
  status = status || 1;
}
process.exit(status);
