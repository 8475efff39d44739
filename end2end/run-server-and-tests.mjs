// Starts what the browser tests use, all real and on loopback: the built console on SQLite
// and a second one on a throwaway PostgreSQL, Debian's nginx (default settings) in front
// of the first, and an OpenID provider (oidc-provider) for single sign-on. Each console
// gets a local portal account made with `server users add`. Runs Playwright against them
// and always stops everything (SIGTERM, so the graceful shutdown is exercised too).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, need, startConsole, startNginx, startPostgres } from './support/procs.mjs';
import { CLIENT_ID, CLIENT_SECRET, startOidc } from './support/oidc.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LOCAL_ACCOUNT = ['lead@example.com', 'a long enough password'];

/** `server users add` against a database, the password on standard input. */
function addAccount(env) {
  const r = spawnSync(need('ACK_SERVER_BIN'), ['users', 'add', LOCAL_ACCOUNT[0], '--role', 'admin'], {
    env: { ...process.env, ADMIN_ADDR: 'off', ...env },
    input: `${LOCAL_ACCOUNT[1]}\n`,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`server users add failed: ${r.stdout}${r.stderr}`);
}

let status = 1;
const started = [];
let pg;
let oidc;
const data = mkdtempSync(join(tmpdir(), 'ack-e2e-'));
try {
  const [portA, portB] = [await freePort(), await freePort()];
  oidc = await startOidc([`http://127.0.0.1:${portA}/support/oidc/callback`, `http://127.0.0.1:${portB}/support/oidc/callback`]);
  pg = await startPostgres();
  const common = {
    // The browser tests are one busy client; the limits have tests of their own.
    RATE_PAGE_PER_MINUTE: '100000',
    RATE_PAGE_BURST: '10000',
    RATE_SEARCH_PER_MINUTE: '100000',
    RATE_SEARCH_BURST: '10000',
    RATE_WRITE_PER_MINUTE: '100000',
    RATE_WRITE_BURST: '10000',
    TRUSTED_PROXIES: '127.0.0.1/32',
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_ADMIN_GROUPS: 'ack-support-admins',
    OIDC_EDITOR_GROUPS: 'ack-support-editors',
    OIDC_VIEWER_GROUPS: 'ack-support-viewers',
  };
  addAccount({ DATA_DIR: data, DATABASE_URL: '' });
  addAccount({ DATABASE_URL: pg.url });
  const sqlite = await startConsole({ port: portA, dataDir: data, env: common, name: 'console-sqlite' });
  started.push(sqlite);
  const postgres = await startConsole({ port: portB, env: { ...common, DATABASE_URL: pg.url }, name: 'console-postgres' });
  started.push(postgres);
  const nginx = await startNginx([sqlite.base]);
  started.push(nginx);
  const ready = await (await fetch(`${sqlite.base}/readyz`)).json();
  console.log(`consoles ready: ${sqlite.base} (sqlite, ${ready.entries} entries), ${postgres.base} (postgres), through nginx ${nginx.base}, OpenID provider ${oidc.issuer}`);
  const pw = spawn(join(here, 'node_modules/.bin/playwright'), ['test', ...process.argv.slice(2)], {
    cwd: here,
    env: { ...process.env, ACK_BASE_URL: sqlite.base, ACK_PROXY_URL: nginx.base, ACK_PG_URL: postgres.base },
    stdio: 'inherit',
  });
  status = await new Promise((resolve) => pw.on('exit', (code) => resolve(code ?? 1)));
} catch (e) {
  console.error(String(e?.stack ?? e));
  status = 1;
} finally {
  for (const p of started.reverse()) {
    const exited = await p.stop();
    if (p.name?.startsWith('console') && exited && (exited.forced || (exited.signal === null && exited.code !== 0))) {
      console.error(`${p.name} did not shut down cleanly: ${JSON.stringify(exited)}`);
      status = status || 1;
    }
  }
  pg?.destroy();
  await oidc?.stop();
  rmSync(data, { recursive: true, force: true });
}
process.exit(status);
