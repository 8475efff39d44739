import type { Page } from '@playwright/test';
import { test, expect, nodesOutput } from './fixtures';

// Each wizard, from its first step to its result, with the keyboard alone: Tab to a
// field, type or pick with the arrow keys, Enter on the step's main button. Runs with
// JavaScript on and off.

type Values = Record<string, string>;

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Fills the current step's fields named in `values`, then presses Enter on its main button. */
async function keyboardStep(page: Page, values: Values) {
  const form = page.locator('form.wizard-form');
  const fields: { name: string; type: string }[] = await form.locator('input:not([type="hidden"]), textarea, select').evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => ({ name: (e as HTMLInputElement).name, type: (e as HTMLInputElement).type })),
  );
  const done = new Set<string>();
  // Start from the top of the page, as a keyboard user arriving on it.
  await page.locator('body').focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const { name, type } of fields) {
    if (!(name in values) || done.has(name)) continue;
    done.add(name);
    const want = values[name];
    if (type === 'radio') {
      await tabTo(page, `form.wizard-form input[type="radio"][name="${name}"]`);
      // Arrow keys move through the group and check what they land on.
      for (let i = 0; i < 8; i++) {
        const at = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
        if (at === want) break;
        await page.keyboard.press('ArrowRight');
      }
      await page.keyboard.press('Space');
      await expect(form.locator(`input[name="${name}"][value="${want}"]`)).toBeChecked();
    } else {
      await tabTo(page, `form.wizard-form [name="${name}"]`);
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText(want);
    }
  }
  await tabTo(page, 'form.wizard-form .wizard-buttons button:not(.secondary)');
  await page.keyboard.press('Enter');
  await page.waitForLoadState('domcontentloaded');
}

async function runWithKeyboard(page: Page, start: string, values: Values) {
  await page.goto(start);
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (await page.locator('.verdict').isVisible()) return seen;
    const step = new URL(page.url()).searchParams.get('step') ?? 'first';
    await expect(page.getByRole('alert'), `step ${step} has no errors`).toHaveCount(0);
    seen.push(step);
    const before = page.url();
    await keyboardStep(page, values);
    await expect.poll(() => page.url(), { message: `leaving step ${step}` }).not.toBe(before);
  }
  throw new Error(`no result after the steps ${seen.join(' → ')}`);
}

test('the ACL wizard can be completed with the keyboard alone', async ({ page }) => {
  await runWithKeyboard(page, '/zh/wizards/acl', { kind: 'ack', vpc: '192.168.0.0/16', clients: '203.0.113.7' });
  await expect(page.locator('.plan')).toContainText('100.104.0.0/16');
});

test('the runtime migration wizard can be completed with the keyboard alone', async ({ page }) => {
  await runWithKeyboard(page, '/ja/wizards/runtime-migration', {
    current_version: '1.22.15-aliyun.1', target_version: '1.24', target_runtime: 'containerd', nodes: nodesOutput(3),
  });
  await expect(page.locator('.plan')).toContainText('cn-hangzhou.10.1.0.0');
});

test('the diagnostics wizard can be completed with the keyboard alone', async ({ page }) => {
  await runWithKeyboard(page, '/id/wizards/diagnostics', { cluster_type: 'dedicated', role: 'worker', os: 'linux', region: 'cn-hangzhou' });
  await expect(page.locator('.plan')).toBeVisible();
});
