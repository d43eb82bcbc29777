import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

// Offline builds (docs/app.md):
// - the single-file build dist-single/samplan.html (scripts/build-single.sh) works when opened
//   from disk (file://): it renders, computes and keeps its state in localStorage, and makes
//   no http(s) request at all;
// - dist/ over http makes requests to its own origin only;
// - dist/ over http keeps working offline once its service worker (dist/sw.js) is ready.

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 8081}`;
const SINGLE = fileURLToPath(new URL('../../dist-single/samplan.html', import.meta.url));
const SINGLE_URL = pathToFileURL(SINGLE).href;
const TITLE = 'samplan – budget och finansiering för samordningsförbund';
const TOTAL_LABEL = 'Medelstilldelning (kr)';

/** Parses a whole number as the app shows or accepts it: "12 345", "12 345", "12 345 kr". */
function parseWhole(text: string): bigint {
  const compact = text.replace(/kr$/i, '').replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(compact)) throw new Error(`not a whole number: ${JSON.stringify(text)}`);
  return BigInt(compact);
}

/** Every request of the context, every CSP violation, uncaught error and console CSP error. */
function watch(context: BrowserContext) {
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (req) => requests.push(req.url()));
  const onPage = (page: Page) => {
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text())) {
        problems.push(`CSP: ${msg.text()}`);
      }
    });
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return { requests, problems };
}

/** Records securitypolicyviolation events of every document in window.__cspViolations. */
async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
}

/** Waits (at most 10 s) for the page's service worker to be active; null if there is none. */
async function serviceWorkerReady(page: Page) {
  return page.evaluate(async () => {
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000));
    const reg = await Promise.race([navigator.serviceWorker.ready, timeout]);
    if (!reg) return null;
    return { state: reg.active?.state, script: reg.active?.scriptURL, scope: reg.scope };
  });
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** The app has rendered: the total input and at least one municipality amount. */
async function expectApp(page: Page): Promise<void> {
  await expect(page).toHaveTitle(TITLE);
  await expect(page.getByLabel(TOTAL_LABEL, { exact: true })).toBeEditable();
  await expect(page.locator('[data-testid^="belopp-"]').first()).toBeVisible();
}

/**
 * Changes the total (to twice the old value plus 1 000 kr) and checks that the first
 * municipality's amount changes with it. Returns the new total, the amount's test id and text.
 */
async function changeTotal(page: Page): Promise<{ total: bigint; testId: string; amount: string }> {
  const input = page.getByLabel(TOTAL_LABEL, { exact: true });
  const amountCell = page.locator('[data-testid^="belopp-"]').first();
  const testId = (await amountCell.getAttribute('data-testid')) ?? '';
  expect(testId).toMatch(/^belopp-./);
  const amount = page.getByTestId(testId);
  const before = ((await amount.textContent()) ?? '').trim();
  const total = parseWhole(await input.inputValue()) * 2n + 1000n;

  await input.fill(total.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
  await input.press('Tab'); // commit like a spreadsheet cell
  await expect.poll(async () => parseWhole(await input.inputValue())).toBe(total);
  await expect.poll(async () => ((await amount.textContent()) ?? '').trim(), { message: testId }).not.toBe(before);
  return { total, testId, amount: ((await amount.textContent()) ?? '').trim() };
}

/** All of localStorage as one string, to see when autosave has written. */
async function storageSnapshot(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: [string, string | null][] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i) as string;
      out.push([k, localStorage.getItem(k)]);
    }
    return JSON.stringify(out.sort());
  });
}

test.describe('single-file build opened from disk (file://)', () => {
  test.beforeAll(() => {
    expect(existsSync(SINGLE), `${SINGLE} missing: run scripts/build-single.sh`).toBe(true);
  });

  test('renders, computes and keeps its state, without any network request', async ({ page, context }) => {
    const { requests, problems } = watch(context);
    await recordCspViolations(context);

    await page.goto(SINGLE_URL);
    await expectApp(page);
    expect(await page.evaluate(() => typeof (window as unknown as { wasmBindings?: { default?: unknown } }).wasmBindings?.default)).toBe('function');

    const stored = await storageSnapshot(page);
    const changed = await changeTotal(page);
    // Autosave (debounced) has written the change before the page goes away.
    await expect.poll(() => storageSnapshot(page), { message: 'localStorage after the change' }).not.toBe(stored);

    await page.reload();
    await expectApp(page);
    const total = page.getByLabel(TOTAL_LABEL, { exact: true });
    await expect.poll(async () => parseWhole(await total.inputValue()), { message: 'total after reload' }).toBe(changed.total);
    await expect(page.getByTestId(changed.testId)).toHaveText(changed.amount);

    // Nothing but the file itself (and data:/blob: URLs) was ever requested.
    const other = requests.filter((url) => {
      if (url === SINGLE_URL) return false;
      return !/^(data|blob):/.test(url);
    });
    expect(other, 'requests other than the HTML file').toEqual([]);
    expect(requests.filter((url) => /^(https?|wss?):/.test(url)), 'http(s) requests').toEqual([]);
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(problems, 'uncaught errors and CSP errors').toEqual([]);
  });

  test('the file refers to no other file and allows no network in its CSP', async ({ page }) => {
    await page.goto(SINGLE_URL);
    await expectApp(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'(;|$)/);
    // No external script, stylesheet, preload or service-worker registration.
    expect(await page.locator('script[src], link[rel="stylesheet"], link[rel="modulepreload"], link[rel="preload"]').count()).toBe(0);
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
  });
});

test.describe('dist/ over http', () => {
  // The service worker is part of what is checked here (the config blocks it elsewhere).
  test.use({ serviceWorkers: 'allow' });

  test('every request during load and use goes to the page origin', async ({ page, context }) => {
    const { requests, problems } = watch(context);
    await recordCspViolations(context);

    await page.goto('/');
    await expectApp(page);
    await changeTotal(page);
    expect(await serviceWorkerReady(page), 'service worker (dist/sw.js)').not.toBeNull();
    await page.reload();
    await expectApp(page);

    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((url) => {
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
      return u.origin !== ORIGIN;
    });
    expect(foreign, `requests to anywhere but ${ORIGIN}`).toEqual([]);
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(problems, 'uncaught errors and CSP errors').toEqual([]);
  });

  test('keeps working offline once the service worker is ready', async ({ page, context }) => {
    const { requests, problems } = watch(context);
    await recordCspViolations(context);

    await page.goto('/');
    await expectApp(page);
    expect(await serviceWorkerReady(page), 'service worker (dist/sw.js)').toEqual({ state: 'activated', script: `${ORIGIN}/sw.js`, scope: `${ORIGIN}/` });

    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker(), 'the page comes from the service worker').toBe(true);
    await expectApp(page);
    await changeTotal(page);

    // The network really is gone: a file the worker has not cached cannot be fetched.
    const uncached = await page.evaluate(() =>
      fetch(`./not-precached-${Date.now()}.txt`).then(
        (r) => `status ${r.status}`,
        () => 'failed',
      ),
    );
    expect(uncached).toBe('failed');

    const foreign = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== ORIGIN);
    expect(foreign, `requests to anywhere but ${ORIGIN}`).toEqual([]);
    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(problems, 'uncaught errors and CSP errors').toEqual([]);
  });
});
