import { test, expect } from './fixtures';

// The main flows on a phone: a 360 px wide screen (and the narrowest, 320 px). The header
// keeps a usable search box, the language links fold into one menu, nothing scrolls
// sideways. Runs with JavaScript on and off.

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test('on a phone the header keeps a usable search box and a compact language menu', async ({ page }) => {
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    await page.goto('/zh/entries/kubectl-timeout');
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height, 'header height').toBeLessThanOrEqual(130);
    const box = await page.locator('#q-header').boundingBox();
    expect(box!.width, 'search box width').toBeGreaterThanOrEqual(width - 140);
    // The four language links are folded away until the menu is opened.
    const languages = page.getByRole('navigation', { name: '语言' });
    await expect(languages.getByRole('link', { name: '日本語' })).toBeHidden();
    await noSidewaysScroll(page);
  }
  await page.getByRole('navigation', { name: '语言' }).locator('summary').click();
  await page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/ja\/entries\/kubectl-timeout$/);
});

test('on a phone a reader searches from the header, opens the answer and votes', async ({ page }) => {
  await page.goto('/id/wizards');
  await page.locator('#q-header').fill('kubectl timeout');
  await page.locator('#q-header').press('Enter');
  await expect(page).toHaveURL(/\/id\/search\?q=kubectl/);
  await noSidewaysScroll(page);
  await page.locator('a.result-title').first().click();
  await expect(page).toHaveURL(/\/id\/entries\/kubectl-timeout/);
  await noSidewaysScroll(page);
  await expect(page.locator('.feedback')).toBeVisible();
});

test('on a phone the ACL wizard reaches its result without sideways scrolling', async ({ page }) => {
  await page.goto('/ja/wizards/acl?kind=ack&vpc=192.168.0.0/16&clients=203.0.113.7&step=result');
  await expect(page.locator('.verdict')).toBeVisible();
  await noSidewaysScroll(page);
});
