import { test as base, expect, type Page } from '@playwright/test';

/** Every page records browser console errors and uncaught exceptions; a test fails if any. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      expect(errors, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const isJs = (projectName: string) => projectName.startsWith('javascript');

/** A kube-apiserver style x509 line with timestamps of right now, unlike any example. */
export function freshX509Line(): string {
  const now = new Date();
  const before = new Date(now.getTime() - 37 * 24 * 3600 * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const klog = `E${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}.${pad(now.getUTCMilliseconds(), 3)}417`;
  return `${klog}       1 reflector.go:138] Get "https://[::1]:6443/api/v1/namespaces/team-${now.getTime() % 997}/resourcequotes": x509: certificate has expired or is not yet valid: current time ${now.toISOString().replace(/\.\d+Z$/, 'Z')} is after ${before.toISOString().replace(/\.\d+Z$/, 'Z')}`;
}

/**
 * Posts a form the way a page of the console does: with the browser's id cookie (set when
 * a page is opened) and the page's form token.
 */
export async function postForm(page: Page, path: string, form: Record<string, string>) {
  await page.goto('/zh/wizards');
  const token = (await page.locator('meta[name="ack-form-token"]').getAttribute('content')) ?? '';
  return page.request.post(path, { form: { ...form, csrf: token }, maxRedirects: 0 });
}

/** Drops the console errors a page's own error status causes (the browser reports them). */
export function allowStatusErrors(consoleErrors: string[], status: number) {
  const others = consoleErrors.filter((e) => !e.includes(`status of ${status}`));
  consoleErrors.length = 0;
  consoleErrors.push(...others);
}

/** `kubectl get nodes -o wide -L alibabacloud.com/nodepool-id` of `n` nodes in two pools. */
export function nodesOutput(n: number): string {
  const lines = [
    'NAME                          STATUS   ROLES    AGE    VERSION            INTERNAL-IP    EXTERNAL-IP   OS-IMAGE                                              KERNEL-VERSION              CONTAINER-RUNTIME     NODEPOOL-ID',
  ];
  for (let i = 0; i < n; i++) {
    const [pool, runtime] = i % 3 === 0 ? ['np-docker01', 'docker://19.3.15'] : ['np-cntd0002', 'containerd://1.6.28'];
    const ip = `10.${1 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
    lines.push(
      `cn-hangzhou.${ip}    Ready    <none>   35d    v1.22.15-aliyun.1   ${ip}   <none>        Alibaba Cloud Linux 3.2104 U10 (OpenAnolis Edition)   5.10.134-16.1.al8.x86_64   ${runtime}   ${pool}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Drops the console errors of pages that are not the console's (such as the OpenID provider's). */
export function allowForeignErrors(consoleErrors: string[], consoleOrigin: string) {
  const ours = consoleErrors.filter((e) => {
    const url = /\(([^()]*)\)$/.exec(e)?.[1] ?? '';
    return url === '' || url.startsWith(consoleOrigin);
  });
  consoleErrors.length = 0;
  consoleErrors.push(...ours);
}
