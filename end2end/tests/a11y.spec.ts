import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { test, expect, isJs, allowStatusErrors } from './fixtures';

// axe-core on every page type, in the four locales, with JavaScript on (light and dark
// colour schemes) and off. No serious or critical violation may remain.
//
// axe runs inside the page, so it needs JavaScript. For the pages as a reader without
// JavaScript gets them, the test takes the DOM that the JavaScript-off browser built and
// checks it in a second page with the scripts removed: the same markup and styles.

const LOCALES = ['zh', 'zh-TW', 'id', 'ja'];
const PUBLIC_PAGES = [
  '',
  '/search?q=kubectl%20timeout',
  '/search?q=qzxwv%20plorp',
  '/entries/kubectl-timeout',
  '/entries/high-risk-operations',
  '/categories/network',
  '/wizards',
  '/wizards/acl',
  '/wizards/runtime-migration',
  '/wizards/diagnostics',
  // A step with its field errors shown, and a result.
  '/wizards/acl?kind=ack&vpc=192.168.0.0/33&clients=203.0.113.7&step=networks&check=1',
  '/wizards/acl?kind=ack&vpc=192.168.0.0/16&clients=203.0.113.7&step=result',
  '/wizards/runtime-migration?current_version=1.22.15-aliyun.1&target_version=1.24&step=result',
  // The output check: the form, and findings of every severity with a wizard offered.
  '/check',
  '/check?output=' + encodeURIComponent('net.ipv4.ip_forward = 0\nnet.ipv4.tcp_tw_reuse = 1\nNAME STATUS ROLES AGE VERSION\nnode-a NotReady <none> 1d v1.22.15-aliyun.1 10.0.0.1 <none> CentOS 3.10 docker://19.3.15\n  Warning  BackOff  3s  kubelet  Back-off pulling image "nginx:latst"'),
  '/no-such-page',
  '/support/signin',
];
const PORTAL_PAGES = ['/support', '/support/gaps', '/support/gaps/synonyms', '/support/feedback', '/support/health', '/support/runs', '/support/users'];
const SERIOUS = ['serious', 'critical'];

function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
  return violations
    .filter((v) => SERIOUS.includes(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join(' | ')}`);
}

/** The page's DOM as built without JavaScript, checked in a page that may run axe. */
async function checkWithoutScripts(browser: Browser, page: Page, colorScheme: 'light' | 'dark') {
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*>/gi, '');
  const url = page.url();
  const ctx = await browser.newContext({ javaScriptEnabled: true, colorScheme, viewport: page.viewportSize() ?? undefined });
  const copy = await ctx.newPage();
  await copy.route('**/*', (route) => {
    const r = route.request();
    if (r.url() === url && r.resourceType() === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (r.resourceType() === 'script' || r.url().endsWith('.wasm')) return route.abort();
    return route.continue();
  });
  await copy.goto(url);
  const result = await new AxeBuilder({ page: copy }).analyze();
  await ctx.close();
  return result;
}

async function check(browser: Browser, page: Page, js: boolean, colorScheme: 'light' | 'dark' = 'light') {
  if (js) {
    await page.emulateMedia({ colorScheme });
    // Hydrated (or the page has no script to wait for).
    await page.waitForFunction(() => document.documentElement.classList.contains('hydrated') || !document.querySelector('script[type="module"]'), null, { timeout: 10_000 }).catch(() => {});
    return new AxeBuilder({ page }).analyze();
  }
  return checkWithoutScripts(browser, page, colorScheme);
}

for (const lang of LOCALES) {
  test(`every public page type passes axe in ${lang}`, async ({ page, browser, consoleErrors }, testInfo) => {
    test.setTimeout(180_000);
    const js = isJs(testInfo.project.name);
    const problems: string[] = [];
    for (const path of PUBLIC_PAGES) {
      await page.goto(`/${lang}${path}`);
      for (const scheme of js ? (['light', 'dark'] as const) : (['light'] as const)) {
        const found = describe((await check(browser, page, js, scheme)).violations);
        problems.push(...found.map((f) => `/${lang}${path} [${scheme}]: ${f}`));
      }
    }
    allowStatusErrors(consoleErrors, 404);
    expect(problems).toEqual([]);
  });
}

test('the support portal passes axe once signed in', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const js = isJs(testInfo.project.name);
  await page.goto('/ja/support/signin');
  await page.locator('input[name="email"]').fill('lead@example.com');
  await page.locator('input[name="password"]').fill('a long enough password');
  await page.locator('#password').press('Enter');
  await expect(page).toHaveURL(/\/ja\/support$/);
  const problems: string[] = [];
  for (const lang of LOCALES) {
    for (const path of PORTAL_PAGES) {
      await page.goto(`/${lang}${path}`);
      for (const scheme of js ? (['light', 'dark'] as const) : (['light'] as const)) {
        problems.push(...describe((await check(browser, page, js, scheme)).violations).map((f) => `/${lang}${path} [${scheme}]: ${f}`));
      }
    }
  }
  expect(problems).toEqual([]);
});
