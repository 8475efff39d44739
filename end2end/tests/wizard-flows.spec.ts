import { test, expect, isJs } from './fixtures';

// These flows run twice: with JavaScript on (hydrated, checked as you type) and off
// (server-rendered steps, one form post each).

test('ACL wizard: a wrong CIDR is explained, the fix goes through, and the saved run reads in Japanese', async ({ page }, testInfo) => {
  await page.goto('/zh-TW/wizards/acl');
  await page.locator('input[name="kind"][value="ack"]').check();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/step=networks/);

  const vpc = page.locator('textarea[name="vpc"]');
  const clients = page.locator('textarea[name="clients"]');
  await vpc.fill('192.168.0.0/33');
  await clients.fill('203.0.113.7');
  if (isJs(testInfo.project.name)) {
    // Hydrated: the same rules run in the browser while typing.
    await expect(page.locator('#f-vpc-msg li.error')).toContainText('192.168.0.0/33');
  }
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/step=networks.*check=1/);
  await expect(page.getByRole('alert')).toContainText('請先修正下方標示的內容');
  await expect(vpc).toHaveValue('192.168.0.0/33');
  await expect(clients).toHaveValue('203.0.113.7');
  await expect(vpc).toHaveAttribute('aria-invalid', 'true');

  await vpc.fill('192.168.0.0/16\n172.16.0.0/12');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/step=audit/);
  await page.getByRole('button', { name: '查看結果' }).click();
  await expect(page).toHaveURL(/step=result/);
  await expect(page.locator('.verdict')).toBeVisible();
  await expect(page.locator('.plan')).toContainText('100.104.0.0/16');
  await expect(page.locator('.plan')).toContainText('172.16.0.0/12');

  await page.getByRole('button', { name: '儲存並產生連結' }).click();
  await expect(page).toHaveURL(/\/zh-TW\/wizards\/acl\/runs\/[0-9a-f]{20}$/);
  const run = page.url().split('/').pop();

  await page.getByRole('navigation', { name: '語言' }).getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(new RegExp(`/ja/wizards/acl/runs/${run}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('保存された結果');
  await expect(page.locator('.your-inputs')).toContainText('192.168.0.0/16');
  await expect(page.locator('.plan')).toContainText('100.104.0.0/16');

  const markdown = await page.request.get(`/ja/wizards/acl/runs/${run}/markdown`);
  expect(markdown.status()).toBe(200);
  expect(await markdown.text()).toContain('100.104.0.0/16');
});

test('a prefilled link from another product opens the wizard filled in', async ({ page }) => {
  await page.goto('/id/wizards/acl?kind=edge&vpc=192.168.0.0/16&step=networks');
  await expect(page.locator('textarea[name="vpc"]')).toHaveValue('192.168.0.0/16');
  await expect(page.locator('textarea[name="edge_egress"]')).toBeVisible();
  await page.getByRole('button', { name: 'Sebelumnya' }).click();
  await expect(page.locator('input[name="kind"][value="edge"]')).toBeChecked();
});

test('runtime migration: pasted kubectl output gives a plan with the real node names', async ({ page }) => {
  await page.goto('/zh/wizards/runtime-migration?current_version=1.22.15-aliyun.1&target_version=1.24&step=pools');
  const nodes = page.locator('textarea[name="nodes"]');
  await nodes.fill(
    [
      'NAME                        STATUS   ROLES    AGE   VERSION            INTERNAL-IP     EXTERNAL-IP   OS-IMAGE                            KERNEL-VERSION              CONTAINER-RUNTIME',
      'cn-hangzhou.192.168.0.41    Ready    <none>   90d   v1.22.15-aliyun.1  192.168.0.41    <none>        Alibaba Cloud Linux 3.2104 U8       5.10.134-15.al8.x86_64      docker://19.3.15',
      'cn-hangzhou.192.168.0.42    Ready    <none>   12d   v1.22.15-aliyun.1  192.168.0.42    <none>        Alibaba Cloud Linux 3.2104 U8       5.10.134-15.al8.x86_64      containerd://1.6.20',
    ].join('\n'),
  );
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page).toHaveURL(/step=result/);
  await expect(page.locator('.verdict')).toHaveClass(/blocked/);
  await expect(page.locator('.plan')).toContainText('kubectl drain cn-hangzhou.192.168.0.41');
});
