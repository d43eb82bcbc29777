import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

import { AppPage } from './app';

export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 8081}`;

/**
 * Watches every page of a browser context: requests that leave the test server's origin, uncaught page
 * errors and Content-Security-Policy violations. Checked after each test.
 */
export class Watch {
  readonly requests: string[] = [];
  readonly problems: string[] = [];

  attach(context: BrowserContext): void {
    context.on('request', (req) => this.requests.push(req.url()));
    const onPage = (page: Page) => {
      page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text())) {
          this.problems.push(`CSP: ${msg.text()}`);
        }
      });
    };
    context.pages().forEach(onPage);
    context.on('page', onPage);
  }

  check(): void {
    const foreign = this.requests.filter((url) => {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
      return u.origin !== ORIGIN;
    });
    expect(foreign, `requests to anywhere but ${ORIGIN}`).toEqual([]);
    expect(this.problems, 'CSP violations and uncaught errors').toEqual([]);
  }
}

/** `test` with an `app` page object and a context-wide watch checked after every test. */
export const test = base.extend<{ app: AppPage; watch: Watch }>({
  watch: [
    async ({ context }, use) => {
      const watch = new Watch();
      watch.attach(context);
      await use(watch);
      watch.check();
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
});

export { expect };
export { file, readDownload, type DownloadedFile } from './files';
