import { test, expect, isJs, nodesOutput } from './fixtures';

// Through Debian's nginx with its default settings, as behind a real reverse proxy. Runs
// with JavaScript on and off.
const proxy = process.env.ACK_PROXY_URL;
test.use({ baseURL: proxy });

test('a 330-node kubectl get nodes paste goes through nginx and reaches the plan', async ({ page }, testInfo) => {
  expect(proxy, 'the test runner starts nginx and sets ACK_PROXY_URL').toBeTruthy();
  await page.goto('/zh/wizards/runtime-migration');
  if (isJs(testInfo.project.name)) await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.locator('input[name="current_version"]').fill('1.22');
  await page.locator('input[name="target_version"]').fill('1.26');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/step=pools/);

  const paste = nodesOutput(330);
  expect(paste.length).toBeGreaterThan(50_000);
  await page.locator('textarea[name="nodes"]').fill(paste);
  await page.getByRole('button', { name: '查看结果' }).click();

  // The inputs are kept server-side; the URL carries a short draft id.
  await expect(page).toHaveURL(/step=result&draft=[0-9a-f]{20}/);
  expect(page.url().length).toBeLessThan(300);
  await expect(page.locator('.verdict')).toBeVisible();
  await expect(page.locator('.plan')).toContainText('np-docker01');
  await expect(page.locator('.your-inputs')).toContainText('cn-hangzhou.10.1.1.73');

  // Back to the paste and on again: nothing is lost on the way.
  await page.getByRole('button', { name: '上一步' }).click();
  await expect(page.locator('textarea[name="nodes"]')).toHaveValue(paste);
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.locator('.plan')).toContainText('np-docker01');

  await page.getByRole('button', { name: '保存并生成链接' }).click();
  await expect(page).toHaveURL(/\/zh\/wizards\/runtime-migration\/runs\/[0-9a-f]{20}$/);
  await expect(page.locator('.your-inputs')).toContainText('cn-hangzhou.10.1.1.73');
});

test('a vote through the proxy counts', async ({ page }) => {
  expect(proxy, 'the test runner starts nginx and sets ACK_PROXY_URL').toBeTruthy();
  await page.goto('/ja/entries/kubectl-timeout');
  await page.getByLabel('役に立った', { exact: true }).check();
  await page.getByRole('button', { name: 'フィードバックを送信' }).click();
  await expect(page.getByRole('status')).toHaveText('フィードバックありがとうございました。');
});
