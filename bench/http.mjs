#!/usr/bin/env node
// The console's speed over HTTP next to its baselines, in one run on one machine:
// `/healthz` (the floor of the console's own stack) and Debian's nginx serving the same
// bytes from a file. Load comes from wrk (Debian). Prints requests/s, p50 and p99, and
// the ratios that issue 11 sets as targets; only ratios compare across machines.
//
//   ACK_SERVER_BIN=…/release/server ACK_SITE_ROOT=$PWD/target/site \
//   ACK_CONTENT_DIR=$PWD/content node bench/http.mjs [seconds per run, default 8]
//
// `./bootstrap.sh bench` builds the release binary and the site, then runs this.

import { execFileSync } from 'node:child_process';
import { startConsole, staticNginx } from '../end2end/support/procs.mjs';

const seconds = Number(process.argv[2] ?? 8);
const connections = 64;

function wrk(url, { threads = 2, conns = connections, secs = seconds, script } = {}) {
  const args = ['-t', String(threads), '-c', String(conns), '-d', `${secs}s`, '--latency'];
  if (script) args.push('-s', script);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const ms = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors:[^\n]*/.exec(out)?.[0] ?? '';
  return { rps, p50: ms(50), p99: ms(99), non2xx, errors };
}

const enc = encodeURIComponent;
const natural = '节点 NotReady 怎么办';
const pasted = 'Unable to connect to the server: x509: certificate has expired or is not yet valid: current time 2026-11-22T09:41:07Z is after 2026-11-20T01:02:03Z';
const wizardResult = '/zh/wizards/acl?step=result&kind=ack&vpc=192.168.0.0%2F16&clients=203.0.113.7';

const console_ = await startConsole({
  logTo: 'ignore',
  env: {
    // One load generator on loopback is one client: the per-client limits would measure
    // themselves, not the console.
    RATE_SEARCH_PER_MINUTE: '0',
    RATE_PAGE_PER_MINUTE: '0',
    MAX_CONNECTIONS_PER_CLIENT: '1024',
  },
});
const fetchBytes = async (path) => Buffer.from(await (await fetch(console_.base + path)).arrayBuffer());
const entryPath = '/zh/entries/kubectl-timeout';
const nginx = await staticNginx({ healthz: await fetchBytes('/healthz'), entry: await fetchBytes(entryPath), category: await fetchBytes('/zh/categories/network') });

const rows = [];
const run = (name, url, opts) => {
  const r = wrk(url, opts);
  rows.push({ name, ...r });
  if (r.non2xx || r.errors) console.error(`  ${name}: ${r.non2xx} non-2xx; ${r.errors}`);
  return r;
};

try {
  const floor = run('console /healthz', `${console_.base}/healthz`);
  const staticEntry = run('nginx: the entry page as a file', `${nginx.base}/entry`);
  const staticCategory = run('nginx: the category page as a file', `${nginx.base}/category`);
  const searchNatural = run('/api/search, natural query (zh)', `${console_.base}/api/search?lang=zh&q=${enc(natural)}`);
  const searchPasted = run('/api/search, pasted error', `${console_.base}/api/search?lang=zh&q=${enc(pasted)}`);
  const suggest = run('/api/suggest', `${console_.base}/api/suggest?lang=ja&q=${enc('ノード')}`);
  // Every request a query never asked before: what a search costs when its answer is not
  // in the cache (context, not a target).
  const varied = new URL('./varied.lua', import.meta.url).pathname;
  run('/api/search, every query new', `${console_.base}/api/search`, { script: varied });
  run('search page', `${console_.base}/zh/search?q=${enc(natural)}`);
  const entry = run('entry page', `${console_.base}${entryPath}`);
  const category = run('category page', `${console_.base}/zh/categories/network`);
  run('wizard result page', `${console_.base}${wizardResult}`);
  const single = (name, url) => run(`${name}, one client`, url, { threads: 1, conns: 1, secs: Math.max(3, seconds / 2) });
  single('console /healthz', `${console_.base}/healthz`);
  single('/api/search, natural query (zh)', `${console_.base}/api/search?lang=zh&q=${enc(natural)}`);
  run('/api/search, every query new, one client', `${console_.base}/api/search`, { threads: 1, conns: 1, secs: Math.max(3, seconds / 2), script: varied });
  single('entry page', `${console_.base}${entryPath}`);

  const rss = Number(/VmRSS:\s+(\d+)/.exec(execFileSync('cat', [`/proc/${console_.proc.pid}/status`], { encoding: 'utf8' }))?.[1] ?? 0) / 1024;
  const pad = (s, n) => String(s).padEnd(n);
  const num = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');
  console.log(`\n${seconds} s per run, ${connections} connections (2 wrk threads) unless "one client"; ${new Date().toISOString()}\n`);
  console.log(`${pad('what', 42)} ${'req/s'.padStart(10)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
  for (const r of rows) console.log(`${pad(r.name, 42)} ${num(r.rps).padStart(10)} ${num(r.p50, 2).padStart(9)} ${num(r.p99, 2).padStart(9)}`);
  const ratio = (a, b) => (a.rps / b.rps).toFixed(3);
  console.log(`
ratios (issue 11 targets)
  /api/search natural / healthz    ${ratio(searchNatural, floor)}   (≥ 0.25)
  /api/search pasted / healthz     ${ratio(searchPasted, floor)}   (≥ 0.25)
  /api/suggest / healthz           ${ratio(suggest, floor)}   (≥ 0.4)
  entry page / nginx same bytes    ${ratio(entry, staticEntry)}   (≥ 0.3)
  category page / nginx same bytes ${ratio(category, staticCategory)}   (≥ 0.3)
console RSS after the load: ${rss.toFixed(0)} MiB (≤ 150)`);
} finally {
  await nginx.stop();
  await console_.stop();
}
