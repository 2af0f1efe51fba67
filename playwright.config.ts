// End-to-end tests drive the release build (dist/) in Debian's headless Chromium.
import { defineConfig } from '@playwright/test';

// E2E_DIST and E2E_PORT let several people test their own builds side by side.
const port = Number(process.env.E2E_PORT || 4173);
const dist = process.env.E2E_DIST || 'dist';

export default defineConfig({
  testDir: 'tests',
  testMatch: /.*\.spec\.ts/,
  outputDir: 'tests/artifacts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off',
    // The release build registers a service worker (src/offline.rs), whose fetches would bypass
    // the routes tests set with page.route; only tests/e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node tests/serve.mjs ${dist} ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
