#!/usr/bin/env node
// The console on a knowledge base a hundred times larger: bench/gen-kb.mjs writes the
// shipped entries plus generated ones (10,000 in all, four locales each); the release
// server indexes it once (cold start), then starts again reusing the index (warm start).
// Prints the start times, single-client search latency for queries never asked before
// (bench/varied.lua defeats the answer cache), throughput, the RSS after the load, and
// the relevance set's first results on both knowledge bases side by side.
//
//   ACK_SERVER_BIN=…/release/server ACK_SITE_ROOT=$PWD/target/site \
//   ACK_CONTENT_DIR=$PWD/content node bench/scale.mjs [entries, default 10000] [seconds, default 6]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConsole } from '../end2end/support/procs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const entries = Number(process.argv[2] ?? 10000);
const seconds = Number(process.argv[3] ?? 6);
const env = { RATE_SEARCH_PER_MINUTE: '0', RATE_PAGE_PER_MINUTE: '0', MAX_CONNECTIONS_PER_CLIENT: '1024' };

function wrk(url, { threads = 2, conns = 64, secs = seconds, script } = {}) {
  const args = ['-t', String(threads), '-c', String(conns), '-d', `${secs}s`, '--latency'];
  if (script) args.push('-s', script);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const ms = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN), p50: ms(50), p99: ms(99) };
}
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** The relevance set's queries (text, lang, expect), read from its TOML. */
function relevanceQueries() {
  const toml = readFileSync(join(here, '../server/tests/relevance.toml'), 'utf8');
  const out = [];
  for (const block of toml.split('[[query]]').slice(1)) {
    const field = (name) => {
      const m = new RegExp(`^${name}\\s*=\\s*(?:'([^']*)'|"((?:[^"\\\\]|\\\\.)*)")`, 'm').exec(block);
      return m ? (m[1] ?? JSON.parse(`"${m[2]}"`)) : undefined;
    };
    out.push({ text: field('text'), lang: field('lang'), expect: field('expect') });
  }
  return out.filter((q) => q.text && q.expect);
}

async function firsts(base, queries) {
  const found = [];
  for (const q of queries) {
    const lang = ['zh', 'zh-TW', 'id', 'ja'].includes(q.lang) ? q.lang : 'zh';
    const r = await fetch(`${base}/api/search?lang=${lang}&limit=3&q=${encodeURIComponent(q.text)}`);
    const j = await r.json();
    found.push((j.results ?? []).map((h) => h.id));
  }
  return found;
}

const kb = mkdtempSync(join(tmpdir(), 'ack-kb-'));
const data = mkdtempSync(join(tmpdir(), 'ack-kb-data-'));
const small = await startConsole({ logTo: 'ignore', env, name: 'shipped' });
let large;
try {
  console.log(execFileSync('node', [join(here, 'gen-kb.mjs'), kb, String(entries)], { encoding: 'utf8' }).trim());
  let t = Date.now();
  large = await startConsole({ logTo: 'ignore', env: { ...env, CONTENT_DIR: kb }, dataDir: data, name: 'large (cold)' });
  const cold = Date.now() - t;
  await large.stop();
  t = Date.now();
  large = await startConsole({ logTo: 'ignore', env: { ...env, CONTENT_DIR: kb }, dataDir: data, name: 'large (warm)' });
  const warm = Date.now() - t;
  const rssStart = rss(large.proc.pid);

  const varied = join(here, 'varied.lua');
  const rows = [];
  for (const [name, c] of [['shipped', small], ['large', large]]) {
    const one = wrk(`${c.base}/api/search`, { threads: 1, conns: 1, script: varied });
    const many = wrk(`${c.base}/api/search`, { script: varied });
    const entry = wrk(`${c.base}/zh/entries/kubectl-timeout`);
    rows.push({ name, one, many, entry });
  }
  const rssAfter = rss(large.proc.pid);

  const queries = relevanceQueries();
  const [a, b] = [await firsts(small.base, queries), await firsts(large.base, queries)];
  const right = (found) => found.filter((ids, i) => ids[0] === queries[i].expect).length;
  const same = a.filter((ids, i) => ids[0] === b[i][0]).length;

  const pad = (s, n) => String(s).padEnd(n);
  const num = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');
  console.log(`\n${entries.toLocaleString('en-US')} entries × 4 locales; ${seconds} s per run; ${new Date().toISOString()}\n`);
  console.log(`start, index built (cold)       ${num(cold)} ms`);
  console.log(`start, index reused (warm)      ${num(warm)} ms   (≤ 1,500)`);
  console.log(`RSS after start / after load    ${num(rssStart)} / ${num(rssAfter)} MiB   (≤ 400)\n`);
  console.log(`${pad('knowledge base', 16)} ${'search p50, one client'.padStart(24)} ${'p99'.padStart(8)} ${'search req/s'.padStart(14)} ${'entry page req/s'.padStart(18)}`);
  for (const r of rows) {
    console.log(`${pad(r.name, 16)} ${`${num(r.one.p50, 2)} ms`.padStart(24)} ${num(r.one.p99, 1).padStart(8)} ${num(r.many.rps).padStart(14)} ${num(r.entry.rps).padStart(18)}`);
  }
  console.log('(every search a query never asked before: no answer comes from the cache; target p50 ≤ 2 ms on the large one)\n');
  console.log(`relevance set, ${queries.length} queries: first result right ${right(a)} (shipped) vs ${right(b)} (large); same first result ${same}/${queries.length}`);
  for (let i = 0; i < queries.length; i++) {
    if (a[i][0] !== b[i][0]) console.log(`  differs: [${queries[i].lang}] ${queries[i].text.slice(0, 60)} → ${a[i][0]} vs ${b[i][0]}`);
  }
} finally {
  await small.stop();
  if (large) await large.stop();
  rmSync(kb, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
}
