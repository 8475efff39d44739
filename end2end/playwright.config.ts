import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. The server is started by
// run-server-and-tests.mjs, which passes its address in ACK_BASE_URL.
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.ACK_BASE_URL ?? 'http://127.0.0.1:3000',
    trace: 'off',
  },
  projects: [
    {
      name: 'javascript',
      use: { ...chromium, javaScriptEnabled: true },
    },
    {
      name: 'no-javascript',
      testMatch: /(flows|wizard-flows|check-flows|proxy|portal|a11y|keyboard|phone)\.spec\.ts/,
      use: { ...chromium, javaScriptEnabled: false },
    },
    // The support portal again, against the console on PostgreSQL.
    {
      name: 'javascript-postgres',
      testMatch: /portal\.spec\.ts/,
      use: { ...chromium, javaScriptEnabled: true, baseURL: process.env.ACK_PG_URL },
    },
    {
      name: 'no-javascript-postgres',
      testMatch: /portal\.spec\.ts/,
      use: { ...chromium, javaScriptEnabled: false, baseURL: process.env.ACK_PG_URL },
    },
  ],
});
