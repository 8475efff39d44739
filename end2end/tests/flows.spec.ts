import { test, expect, freshX509Line, allowStatusErrors } from './fixtures';

// These flows run twice: with JavaScript on (hydrated) and off (plain HTML forms).

test.use({ locale: 'zh-TW' });

test('paste an x509 error, open the answer, switch to Japanese and vote helpful', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/zh-TW$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');

  const search = page.getByRole('combobox', { name: '搜尋說明' });
  await search.fill(freshX509Line());
  await search.press('Enter');
  await expect(page).toHaveURL(/\/zh-TW\/search\?q=/);

  const first = page.locator('ol.results > li').first();
  await expect(first).toHaveAttribute('data-id', 'apiserver-loopback-cert-expired');
  await first.getByRole('link').first().click();
  // The link says which search and position it came from, so the click is counted.
  await expect(page).toHaveURL(/\/zh-TW\/entries\/apiserver-loopback-cert-expired\?from=[0-9a-f]{16}\.1$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('x509');

  await page.getByRole('navigation', { name: '語言' }).getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/ja\/entries\/apiserver-loopback-cert-expired$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('x509');

  await page.getByLabel('役に立った', { exact: true }).check();
  await page.getByRole('button', { name: 'フィードバックを送信' }).click();
  await expect(page.getByRole('status')).toHaveText('フィードバックありがとうございました。');

  // The language switcher's choice is remembered for the next visit to /.
  await page.goto('/');
  await expect(page).toHaveURL(/\/ja$/);
});

test('a feedback mistake is explained, nothing typed is lost, and the fix goes through', async ({ page, consoleErrors }) => {
  await page.goto('/zh-TW/entries/collect-node-diagnostics');
  const comment = page.getByLabel('補充說明（選填）');
  await comment.fill('Windows 節點的指令在 <REGION_ID> 要怎麼填？');
  await page.getByRole('button', { name: '送出意見' }).click();

  await expect(page.getByRole('alert')).toHaveText('請選擇「有幫助」或「沒幫助」。');
  await expect(comment).toHaveValue('Windows 節點的指令在 <REGION_ID> 要怎麼填？');

  // Without JavaScript the refusal is the answer to the post itself (422).
  allowStatusErrors(consoleErrors, 422);

  await page.getByLabel('沒幫助', { exact: true }).check();
  await page.getByRole('button', { name: '送出意見' }).click();
  await expect(page.getByRole('status')).toHaveText('感謝您的意見回饋！');
});

test('an unknown page says so in the reader\'s language with status 404', async ({ page, consoleErrors }) => {
  const response = await page.goto('/id/entries/tidak-ada');
  expect(response?.status()).toBe(404);
  // The browser reports the 404 of the page itself; nothing else may fail.
  const others = consoleErrors.filter((e) => !e.includes('/id/entries/tidak-ada'));
  consoleErrors.length = 0;
  consoleErrors.push(...others);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});

test('a Japanese reader lands in Japanese and finds an answer by a short query', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/ja$/);
  await page.getByRole('combobox', { name: 'ヘルプを検索' }).fill('診断情報 収集');
  await page.getByRole('button', { name: '検索' }).click();
  await expect(page.locator('ol.results > li').first()).toHaveAttribute('data-id', 'collect-node-diagnostics');
  await context.close();
});

test('a high-risk operation found by search opens at its row of the table', async ({ page }) => {
  await page.goto('/zh/search?q=' + encodeURIComponent('系统盘 重要数据 节点池自愈'));
  const first = page.locator('ol.results > li').first();
  await expect(first).toHaveAttribute('data-id', 'nodepool-important-data-on-system-disk');
  await first.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/zh\/entries\/high-risk-operations\?from=[0-9a-f]{16}\.1#op-nodepool-important-data-on-system-disk$/);
  const row = page.locator('#op-nodepool-important-data-on-system-disk');
  await expect(row).toContainText('系统盘');
  await expect(page.locator('#group-node-pools')).toHaveText('节点池');
});
