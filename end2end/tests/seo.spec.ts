import { test, expect } from './fixtures';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

// Lighthouse's SEO category (mobile profile, the default) in Debian's Chromium, on an
// entry, a category and a wizard's start page in every locale. Anything short of 1.0
// fails, with the audits that were not met.

const PAGES = ['/entries/kubectl-timeout', '/categories/network', '/wizards/acl'];

test.describe.configure({ mode: 'serial' });

for (const lang of ['zh', 'zh-TW', 'id', 'ja']) {
  test(`Lighthouse scores SEO 1.0 on an entry, a category and a wizard in ${lang}`, async ({ baseURL }) => {
    test.setTimeout(240_000);
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      for (const path of PAGES) {
        const url = `${baseURL}/${lang}${path}`;
        const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['seo'], output: 'json', logLevel: 'error' });
        const lhr = result!.lhr;
        const seo = lhr.categories.seo;
        const unmet = seo.auditRefs
          .map((ref) => lhr.audits[ref.id])
          .filter((a) => a.score !== null && a.score < 1)
          .map((a) => `${a.id}: ${a.explanation ?? a.title}`);
        expect(unmet, url).toEqual([]);
        expect(seo.score, url).toBe(1);
      }
    } finally {
      await chrome.kill();
    }
  });
}
