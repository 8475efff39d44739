import { test, expect } from './fixtures';

// JavaScript only: the page hydrates and its interactive controls work.

test.use({ locale: 'ja-JP' });

test('the page hydrates and a command copies to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/ja/entries/collect-node-diagnostics');
  await expect(page.locator('html')).toHaveClass(/hydrated/);

  const block = page.locator('.code-block[data-lang="bash"]').first();
  const button = block.getByRole('button', { name: 'コピー' });
  await expect(button).toBeVisible();
  await button.click();
  await expect(button).toHaveText('コピーしました');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.trim()).toBe((await block.locator('pre').innerText()).trim());
  expect(copied).toContain('diagnose_k8s.sh');
});

test('the comment counter follows typing without a round trip', async ({ page }) => {
  await page.goto('/ja/entries/apiserver-slb-acl-cidrs');
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.getByLabel('コメント（任意）').fill('12345');
  await expect(page.locator('#feedback-hint .counter')).toHaveText('5');
});

test('following a result link opens the entry, whose islands run again', async ({ page }) => {
  // Islands (issue 12): a link loads the next page from the server; the script is cached.
  await page.goto('/ja/search?q=' + encodeURIComponent('100.104.0.0/16'));
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.locator('ol.results > li').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/ja\/entries\/[a-z0-9-]+/);
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.getByLabel('コメント（任意）').fill('123');
  await expect(page.locator('#feedback-hint .counter')).toHaveText('3');
});

test('the search box suggests entries while typing, and the keyboard picks one', async ({ page }) => {
  await page.goto('/ja');
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'ヘルプを検索' });
  await expect(box).toBeFocused();
  await box.pressSequentially('diagnose_k8', { delay: 30 });
  const list = page.getByRole('listbox');
  await expect(list).toBeVisible();
  await expect(list.locator('[data-id="collect-node-diagnostics"]')).toBeVisible();
  const index = await list.getByRole('option').evaluateAll((options) =>
    options.findIndex((o) => o.getAttribute('data-id') === 'collect-node-diagnostics'),
  );
  for (let i = 0; i <= index; i++) await box.press('ArrowDown');
  await expect(list.getByRole('option').nth(index)).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/ja\/entries\/collect-node-diagnostics$/);
});

test('Escape closes the suggestions and Enter then searches as typed', async ({ page }) => {
  await page.goto('/zh');
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  const box = page.getByRole('combobox', { name: '搜索帮助' });
  await box.fill('证书过期');
  await expect(page.getByRole('listbox')).toBeVisible();
  await box.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await box.press('Enter');
  await expect(page).toHaveURL(/\/zh\/search\?q=/);
});
