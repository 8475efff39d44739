import { test, expect, postForm } from './fixtures';

// Hydrated behaviour of the wizards (JavaScript on only).

test('choosing ACK Edge asks for the edge nodes without a page load', async ({ page }) => {
  await page.goto('/ja/wizards/acl?step=networks&kind=ack');
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await expect(page.locator('textarea[name="edge_egress"]')).toBeHidden();
  await page.goto('/ja/wizards/acl?step=cluster');
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.locator('input[name="kind"][value="edge"]').check();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.locator('textarea[name="edge_egress"]')).toBeVisible();
});

test('a saved run has copy buttons and a print button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const response = await postForm(page, '/zh/wizards/diagnostics/submit', {
    step: 'result', cluster_type: 'dedicated', role: 'worker', os: 'linux', region: 'cn-hangzhou', action: 'save',
  });
  expect(response.status()).toBe(303);
  await page.goto(response.headers()['location']);
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
  const block = page.locator('.plan .code-block:not(.output)').first();
  await block.getByRole('button', { name: '复制' }).click();
  await expect(block.getByRole('button')).toHaveText('已复制');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(5);
});

test('a saved run prints as the verdict and the plan, without the site around it', async ({ page }) => {
  const response = await postForm(page, '/ja/wizards/acl/submit', {
    step: 'result', kind: 'ack', vpc: '192.168.0.0/16', clients: '203.0.113.7', action: 'save',
  });
  expect(response.status()).toBe(303);
  await page.goto(response.headers()['location']);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.run-actions')).toBeHidden();
  await expect(page.locator('.verdict')).toBeVisible();
  await expect(page.locator('.plan')).toContainText('100.104.0.0/16');
  await expect(page.locator('.plan .copy').first()).toBeHidden();
});

/** Holds the WebAssembly back until `release` is called: the page is usable, its script not started. */
async function holdScript(page) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return () => release();
}

test('what is typed before the script starts is checked once it starts', async ({ page }) => {
  const release = await holdScript(page);
  await page.goto('/ja/wizards/acl?step=networks&kind=ack');
  await page.locator('textarea[name="vpc"]').fill('192.168.0.0/33');
  release();
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await expect(page.locator('#f-vpc-msg li.error')).toContainText('192.168.0.0/33');
  // Typing in another field afterwards checks both, with what was typed first.
  await page.locator('textarea[name="clients"]').fill('203.0.113.7');
  await expect(page.locator('#f-vpc-msg li.error')).toContainText('192.168.0.0/33');
});

test('a vote and comment given before the script starts are sent with the form', async ({ page }) => {
  const release = await holdScript(page);
  await page.goto('/ja/entries/apiserver-slb-acl-cidrs');
  await page.locator('input[name="vote"][value="yes"]').check();
  await page.locator('#feedback-comment').fill('早い段階で入力したコメント');
  release();
  await expect(page.locator('html')).toHaveClass(/hydrated/);
  await page.locator('.feedback button[type="submit"]').click();
  await expect(page.locator('.feedback-thanks')).toBeVisible();
});
