import { defineConfig } from '@playwright/test';

// End-to-end tests run against the release build in ../dist (scripts/test.sh builds it),
// served on 127.0.0.1:8081 by a tiny static server, and against the single-file build
// ../dist-single/samplan.html opened from disk (file://). The browser is the system
// Chromium; Playwright never downloads a browser. E2E_PORT overrides the port (two checkouts
// can then run their suites at the same time). Service workers are blocked except in
// the tests that check dist/sw.js (offline.spec.ts).
const PORT = Number(process.env.E2E_PORT ?? 8081);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node e2e/support/serve.mjs',
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
