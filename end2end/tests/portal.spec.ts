import { test, expect, allowForeignErrors, allowStatusErrors, postForm } from './fixtures';

// The support portal as a support engineer uses it, against the console on SQLite and on
// PostgreSQL (one project each), with JavaScript on and off. Sign-in goes through a real
// OpenID provider (oidc-provider, started by the test runner) and through a local account
// (made with `server users add` by the runner).

const LOCAL = { email: 'lead@example.com', password: 'a long enough password' };

async function signInLocally(page) {
  await page.goto('/zh/support');
  await expect(page).toHaveURL(/\/zh\/support\/signin\?next=/);
  await page.getByLabel('邮箱').fill(LOCAL.email);
  await page.getByLabel('密码').fill(LOCAL.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/zh\/support$/);
}

async function signInWithSso(page, login: string) {
  // A fresh browser each time, so that the provider asks who is signing in.
  await page.context().clearCookies();
  await page.goto('/ja/support/signin');
  await page.getByRole('button', { name: 'シングルサインオン（SSO）でログイン' }).click();
  // The provider's own login and consent pages.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await Promise.race([page.waitForURL(/\/support/), consent.waitFor()]);
  if (await consent.isVisible()) await consent.click();
  await page.waitForURL(/\/support/);
}

test('a wrong password is refused, the right one signs in, and signing out ends it', async ({ page, consoleErrors }) => {
  await page.goto('/zh/support/signin');
  await page.getByLabel('邮箱').fill(LOCAL.email);
  await page.getByLabel('密码').fill('not the password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('邮箱或密码不正确。');
  await expect(page.getByLabel('邮箱')).toHaveValue(LOCAL.email);
  allowStatusErrors(consoleErrors, 401);
  await page.getByLabel('密码').fill(LOCAL.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/zh\/support$/);
  await expect(page.locator('.who')).toHaveText(`${LOCAL.email}（管理员）`);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/zh\/support\/signin/);
  await page.goto('/zh/support/gaps');
  await expect(page).toHaveURL(/\/zh\/support\/signin\?next=/);
});

test('single sign-on maps the provider\'s groups to roles, and a stranger gets no role', async ({ page, consoleErrors }) => {
  await signInWithSso(page, 'alice');
  await expect(page).toHaveURL(/\/ja\/support$/);
  await expect(page.locator('.who')).toHaveText('alice@example.com（管理者）');
  await expect(page.getByRole('link', { name: 'アカウント' })).toBeVisible();
  await page.getByRole('button', { name: 'ログアウト' }).click();

  await signInWithSso(page, 'bob');
  await expect(page.locator('.who')).toHaveText('bob@example.com（閲覧者）');
  const users = await page.goto('/ja/support/users');
  expect(users?.status()).toBe(403);
  allowStatusErrors(consoleErrors, 403);
  await page.goto('/ja/support');
  await page.getByRole('button', { name: 'ログアウト' }).click();

  await signInWithSso(page, 'eve');
  await expect(page.getByRole('alert')).toContainText('サポートポータルの権限がありません');
  // The provider's own pages load fonts from the internet, which this machine cannot reach.
  allowForeignErrors(consoleErrors, new URL(page.url()).origin);
  allowStatusErrors(consoleErrors, 403);
});

test('a support engineer reads the searches, triages a gap, exports the synonym patch, reads feedback and opens a customer\'s run', async ({ page, context, consoleErrors }) => {
  // What customers did: a search nobody answered, a vote with a comment, a saved run.
  const stamp = Date.now().toString(36);
  const missing = `qzxwv plorp frumious ${stamp}`;
  await page.goto(`/zh/search?q=${encodeURIComponent(missing)}`);
  await expect(page.getByText('暂时没有找到答案。')).toBeVisible();
  await page.goto('/zh/entries/kubectl-timeout');
  await page.getByLabel('没帮助', { exact: true }).check();
  await page.getByLabel('补充说明（可选）').fill(`步骤 2 的命令在我这里不起作用 ${stamp}`);
  await page.getByRole('button', { name: '提交反馈' }).click();
  await expect(page.getByRole('status')).toHaveText('感谢您的反馈！');
  const saved = await postForm(page, '/zh/wizards/acl/submit', {
    step: 'result', kind: 'ack', vpc: '192.168.0.0/16', clients: '203.0.113.7', action: 'save',
  });
  expect(saved.status()).toBe(303);
  const permalink = new URL(saved.headers()['location'], page.url()).toString();
  await context.clearCookies();

  await signInLocally(page);
  // The dashboard counts the search; the chart needs no script.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索分析');
  await expect(page.locator('.chart svg')).toBeVisible();
  await expect(page.locator('.stat-table').filter({ hasText: '无结果的热门搜索' })).toContainText(missing, { timeout: 10_000 });
  await page.getByRole('link', { name: '昨天' }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  const csv = await page.request.get('/zh/support/export/zero.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');

  // The gap: triage it as answered by an entry, then export the patch.
  await page.getByRole('link', { name: '内容缺口', exact: true }).click();
  const row = page.locator('tr', { hasText: missing });
  await expect(row).toBeVisible();
  await row.locator('select[name="decision"]').selectOption('answered');
  await row.getByLabel('内容 ID').fill('kubectl-timeout');
  await row.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').first()).toHaveText('已保存。');
  await page.getByRole('link', { name: '已回答' }).click();
  await expect(page.locator('tr', { hasText: missing })).toBeVisible();
  await page.getByRole('link', { name: '同义词提案' }).click();
  await expect(page.locator('table')).toContainText(missing);
  const patch = await page.request.get('/zh/support/gaps/synonyms.patch');
  expect(await patch.text()).toContain('+++ b/content/entries/kubectl-timeout/zh.md');

  // The feedback: the least helpful entry first, the comment marked resolved.
  await page.getByRole('link', { name: '反馈', exact: true }).click();
  await page.getByRole('link', { name: /kubectl 命令执行超时/ }).click();
  const comment = page.locator('.comment', { hasText: stamp });
  await expect(comment).toBeVisible();
  await comment.getByRole('button', { name: '标为已解决' }).click();
  await expect(page.locator('.comment', { hasText: stamp }).locator('.badge')).toHaveText('已解决');

  // The customer's run, pasted from a ticket.
  await page.getByRole('link', { name: '向导结果' }).click();
  await page.getByLabel('运行 ID 或固定链接').fill(permalink);
  await page.getByRole('button', { name: '打开' }).click();
  await expect(page.locator('.verdict')).toBeVisible();
  await expect(page.locator('.plan')).toContainText('100.104.0.0/16');
  await expect(page.locator('.your-inputs')).toContainText('203.0.113.7');

  // Content health.
  await page.getByRole('link', { name: '内容健康度' }).click();
  await expect(page.getByText('全部有效')).toBeVisible();
  allowStatusErrors(consoleErrors, 0);
});

test('a help link embedded in another product survives a renamed entry and counts for its product', async ({ page, consoleErrors }) => {
  // The entry's former id still opens it, from a page link and from /go.
  await page.goto('/zh/entries/loopback-cert-expired');
  await expect(page).toHaveURL(/\/zh\/entries\/apiserver-loopback-cert-expired$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('x509');
  const product = `ecs-console-${Date.now().toString(36)}`;
  await page.goto(`/go/loopback-cert-expired?from=${product}`);
  await expect(page).toHaveURL(/\/entries\/apiserver-loopback-cert-expired$/);
  await page.context().clearCookies();

  await signInLocally(page);
  const arrivals = page.locator('.stat-table').filter({ hasText: '来自其他产品的访问' });
  await expect(async () => {
    await page.reload();
    await expect(arrivals).toContainText(product, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});
