// Starts the built server on a free loopback port with a fresh data folder, and Debian's
// nginx in front of it with its default settings; waits until both are healthy, runs
// Playwright against them, and always stops them (SIGTERM, so the graceful shutdown is
// exercised too). Exits with Playwright's status.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConsole, startNginx } from './support/procs.mjs';

const here = dirname(fileURLToPath(import.meta.url));

let status = 1;
let server;
let nginx;
try {
  server = await startConsole({
    env: {
      // The browser tests are one busy client; the limits have tests of their own.
      RATE_PAGE_PER_MINUTE: '100000',
      RATE_PAGE_BURST: '10000',
      RATE_SEARCH_PER_MINUTE: '100000',
      RATE_SEARCH_BURST: '10000',
      RATE_WRITE_PER_MINUTE: '100000',
      RATE_WRITE_BURST: '10000',
      TRUSTED_PROXIES: '127.0.0.1/32',
    },
  });
  nginx = await startNginx([server.base]);
  const ready = await (await fetch(`${server.base}/readyz`)).json();
  console.log(`server ready at ${server.base} (through nginx: ${nginx.base}): ${ready.entries} entries, ${ready.database}`);
  const pw = spawn(join(here, 'node_modules/.bin/playwright'), ['test', ...process.argv.slice(2)], {
    cwd: here,
    env: { ...process.env, ACK_BASE_URL: server.base, ACK_PROXY_URL: nginx.base },
    stdio: 'inherit',
  });
  status = await new Promise((resolve) => pw.on('exit', (code) => resolve(code ?? 1)));
} catch (e) {
  console.error(String(e?.stack ?? e));
  status = 1;
} finally {
  await nginx?.stop();
  const exited = await server?.stop();
  if (server) rmSync(server.data, { recursive: true, force: true });
  if (exited && (exited.forced || (exited.signal === null && exited.code !== 0))) {
    console.error(`the server did not shut down cleanly: ${JSON.stringify(exited)}`);
    status = status || 1;
  }
}
process.exit(status);
