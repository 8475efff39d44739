import { test, expect } from './fixtures';
import type { Page, Response } from '@playwright/test';
import { gzipSync } from 'node:zlib';

// Page weight (issue 12), measured on what the browser really loads, each response's body
// gzipped: the first page a reader opens (home, search results, an entry) ships at most
// 250 KB of WebAssembly and JavaScript; a wizard page at most 400 KB in all (HTML, CSS,
// JavaScript, WebAssembly). JavaScript on only: without it no script is loaded at all.

const KB = 1000;
const FIRST_PAGE_SCRIPT_BUDGET = 250 * KB;
const WIZARD_PAGE_BUDGET = 400 * KB;

type Kind = 'html' | 'css' | 'js' | 'wasm' | 'other';

function kindOf(r: Response): Kind {
  const type = r.headers()['content-type'] ?? '';
  const path = new URL(r.url()).pathname;
  if (path.endsWith('.wasm') || type.includes('wasm')) return 'wasm';
  if (path.endsWith('.js') || type.includes('javascript')) return 'js';
  if (path.endsWith('.css') || type.includes('text/css')) return 'css';
  if (type.includes('text/html')) return 'html';
  return 'other';
}

/** Opens `path` in a fresh page and sums the gzipped bytes of everything it loaded, by kind. */
async function weigh(page: Page, path: string): Promise<Record<Kind, number>> {
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(path);
  // The islands are hydrated once the WebAssembly has run.
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.waitForLoadState('networkidle');
  const sizes: Record<Kind, number> = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  for (const r of responses) {
    if (r.status() >= 300 && r.status() < 400) continue;
    const body = await r.body().catch(() => Buffer.alloc(0));
    sizes[kindOf(r)] += gzipSync(body, { level: 9 }).length;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`${path}: ${Object.entries(sizes).map(([k, v]) => `${k} ${(v / KB).toFixed(1)} KB`).join(', ')}; total ${(total / KB).toFixed(1)} KB gzipped`);
  return sizes;
}

const firstPages = ['/zh', '/ja/search?q=' + encodeURIComponent('x509 证书过期'), '/id/entries/kubectl-timeout'];

for (const path of firstPages) {
  test(`a first page ships at most 250 KB of script: ${path}`, async ({ page }) => {
    const sizes = await weigh(page, path);
    expect(sizes.wasm, 'the page loads the WebAssembly').toBeGreaterThan(10 * KB);
    expect(sizes.js + sizes.wasm, 'gzipped WebAssembly and JavaScript').toBeLessThanOrEqual(FIRST_PAGE_SCRIPT_BUDGET);
  });
}

const wizardPages = [
  '/ja/wizards/acl?step=networks&kind=ack',
  '/zh/wizards/diagnostics?step=result&cluster_type=dedicated&role=worker&os=linux&region=cn-hangzhou',
];

for (const path of wizardPages) {
  test(`a wizard page ships at most 400 KB in all: ${path}`, async ({ page }) => {
    const sizes = await weigh(page, path);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    expect(sizes.html, 'the page itself').toBeGreaterThan(1 * KB);
    expect(total, 'everything the page loaded, gzipped').toBeLessThanOrEqual(WIZARD_PAGE_BUDGET);
  });
}
