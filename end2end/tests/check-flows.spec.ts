import { test, expect } from './fixtures';

// The output check, as a person uses it: paste, read the findings, follow them, save.
// Runs with JavaScript on and off: the page is a plain form either way.

const SYSCTL = [
  '[root@node-1 ~]# sysctl -a 2>/dev/null | grep -E "ip_forward|rp_filter|tw_reuse"',
  'net.ipv4.conf.all.rp_filter = 0',
  'net.ipv4.conf.eth0.rp_filter = 1',
  'net.ipv4.ip_forward = 0',
  'net.ipv4.tcp_tw_reuse = 2',
].join('\n');

const DESCRIBE = `Name:         web-0
Namespace:    shop
Events:
  Type     Reason              Age                From                     Message
  ----     ------              ----               ----                     -------
  Warning  FailedAttachVolume  1m (x3 over 5m)    attachdetach-controller  Multi-Attach error for volume "d-bp1abcdefg" Volume is already exclusively attached to one node and can't be attached to another
  Warning  FailedMount         30s                kubelet                  MountVolume.SetUp failed for volume "nas-pv" : mount failed: mount.nfs: access denied by server while mounting 0a1b2c3d4e-abc12.cn-hangzhou.nas.aliyuncs.com:/share`;

test('a pasted sysctl excerpt gets each risky setting with its row, and the row opens', async ({ page }) => {
  await page.goto('/zh');
  await page.locator('header').getByRole('link', { name: '检查输出' }).click();
  await expect(page).toHaveURL(/\/zh\/check$/);
  await page.getByLabel('命令输出').fill(SYSCTL);
  await page.getByRole('button', { name: '检查', exact: true }).click();
  const findings = page.locator('.finding');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText('net.ipv4.conf.eth0.rp_filter = 1');
  await expect(findings.nth(0)).toContainText('sysctl -w net.ipv4.conf.eth0.rp_filter=0');
  await expect(findings.nth(1)).toContainText('net.ipv4.ip_forward = 0');
  await expect(page.getByRole('status')).toContainText('2 个严重问题');
  // The paste is still there to change and check again.
  await expect(page.getByLabel('命令输出')).toHaveValue(SYSCTL);
  await findings.nth(1).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/zh\/entries\/high-risk-operations#op-kernel-ip-forward-disabled$/);
});

test('describe pod events point to their entries, and a saved check reads in Japanese', async ({ page }) => {
  await page.goto('/zh-TW/check');
  await page.getByLabel('指令輸出').fill(DESCRIBE);
  await page.getByRole('button', { name: '檢查', exact: true }).click();
  const findings = page.locator('.finding');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText('shop/web-0');
  await expect(page.locator('.finding a[href="/zh-TW/entries/multiple-pods-same-cloud-disk"]')).toBeVisible();
  await expect(page.locator('.finding a[href="/zh-TW/entries/pod-cannot-mount-nas"]')).toBeVisible();
  await page.getByRole('button', { name: '儲存結果' }).click();
  await expect(page).toHaveURL(/\/zh-TW\/check\/runs\/[A-Za-z0-9]+$/);
  const permalink = new URL(page.url()).pathname;
  await expect(page.locator('.finding')).toHaveCount(2);
  await page.goto(permalink.replace('/zh-TW/', '/ja/'));
  await expect(page.locator('h1')).toContainText('チェック');
  await expect(page.locator('.finding a[href="/ja/entries/pod-cannot-mount-nas"]')).toBeVisible();
  const md = await page.request.get(permalink.replace('/zh-TW/', '/ja/') + '/markdown');
  expect(md.status()).toBe(200);
  expect(await md.text()).toContain('Multi-Attach');
});

test('a node list offers the runtime migration wizard with the paste already in it', async ({ page }) => {
  const nodes = [
    'NAME                    STATUS   ROLES    AGE    VERSION             INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                 KERNEL-VERSION           CONTAINER-RUNTIME',
    'cn-hangzhou.10.0.1.12   Ready    <none>   210d   v1.22.15-aliyun.1   10.0.1.12     <none>        Alibaba Cloud Linux 3    5.10.134-17.3.al8.x86_64   docker://19.3.15',
    'cn-hangzhou.10.0.1.13   Ready    <none>   210d   v1.22.15-aliyun.1   10.0.1.13     <none>        Alibaba Cloud Linux 3    5.10.134-17.3.al8.x86_64   containerd://1.6.28',
  ].join('\n');
  await page.goto('/id/check');
  await page.locator('textarea[name="output"]').fill(nodes);
  await page.locator('select[name="kind"]').selectOption('nodes');
  await page.locator('button[name="action"][value="check"]').click();
  await expect(page.locator('.finding')).toHaveCount(1);
  await page.locator('.check-offer button').first().click();
  await expect(page).toHaveURL(/\/id\/wizards\/runtime-migration\?/);
  await expect(page.locator('textarea[name="nodes"]')).toHaveValue(/cn-hangzhou\.10\.0\.1\.12/);
});

test('a query that is command output offers the check from the search page', async ({ page }) => {
  await page.goto('/ja/search?q=' + encodeURIComponent('net.ipv4.ip_forward = 0 net.ipv4.tcp_tw_reuse = 1'));
  await page.locator('.check-offer-search a').click();
  await expect(page).toHaveURL(/\/ja\/check\?output=/);
  await expect(page.locator('.finding')).toHaveCount(2);
});
