import { test as base, expect } from '@playwright/test';

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

export const isJs = (projectName: string) => projectName === 'javascript';

/** A kube-apiserver style x509 line with timestamps of right now, unlike any example. */
export function freshX509Line(): string {
  const now = new Date();
  const before = new Date(now.getTime() - 37 * 24 * 3600 * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const klog = `E${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}.${pad(now.getUTCMilliseconds(), 3)}417`;
  return `${klog}       1 reflector.go:138] Get "https://[::1]:6443/api/v1/namespaces/team-${now.getTime() % 997}/resourcequotes": x509: certificate has expired or is not yet valid: current time ${now.toISOString().replace(/\.\d+Z$/, 'Z')} is after ${before.toISOString().replace(/\.\d+Z$/, 'Z')}`;
}
