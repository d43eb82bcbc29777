import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';

import { EXAMPLE_NAME, type TabName } from './pages/app';
import { expect, file as csvFile, test, type DownloadedFile } from './pages/fixtures';
import { FinansieringView } from './pages/views';
import { expectNoAxeViolations } from './support/axe';

// The shared read-only file (docs/app.md, "Sharing"; docs/plan-file.md): "Dela med kommunen"
// and "Dela hela planen" download the single-file build with the plan embedded. The file is
// opened from disk (file://) in a fresh browser context (a new profile) that may make no
// request except to file: URLs, logs no error and touches no localStorage until "Spara en
// kopia i mina planer". Then: the open-a-stored-plan-again dialog ("Ersätt", "Behåll båda",
// "Avbryt").

const SCENARIO = 'Medelstilldelning −10 %';
const TOTAL_LABEL = 'Medelstilldelning (kr)';
const YEARS = [2025, 2026, 2027, 2028, 2029];
const SINGLE = fileURLToPath(new URL('../../dist-single/samplan.html', import.meta.url));

/** Today in the tests' time zone, ÅÅÅÅ-MM-DD (the date the app writes into the file). */
function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** The embedded plan file of a shared HTML file (parsed JSON) and the data block's attributes. */
function embedded(html: string): { json: { format: string; version: number; plan: { settings: { name: string } } }; attrs: string } {
  const m = html.match(/<script type="application\/json" id="samplan-delad-plan"([^>]*)>([\s\S]*?)<\/script>/);
  expect(m, 'the data block of the shared plan').toBeTruthy();
  expect(html.match(/id="samplan-delad-plan"/g)?.length, 'exactly one data block').toBe(1);
  return { json: JSON.parse(m![2]), attrs: m![1] };
}

/** What a page of the shared file did that it must not: requests, errors, storage access. */
interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Opens `file` from disk in a fresh context; every request not to a file: URL is a problem.
 * `bypassCSP` only for the axe scan, which injects axe-core as an inline script.
 */
async function openFromDisk(browser: Browser, file: DownloadedFile, path: string, bypassCSP = false): Promise<Opened> {
  await writeFile(path, file.bytes);
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', bypassCSP });
  const problems: string[] = [];
  context.on('request', (req) => {
    const url = req.url();
    // The page itself, the `data:,` favicon of its head and `blob:` downloads (the CSV export)
    // are not network requests.
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request: ${url}`);
    }
  });
  // Every use of localStorage, before the app runs.
  await context.addInitScript(() => {
    const w = window as unknown as { __storageCalls: string[] };
    w.__storageCalls = [];
    for (const name of ['getItem', 'setItem', 'removeItem', 'key', 'clear'] as const) {
      const original = Storage.prototype[name] as (...a: unknown[]) => unknown;
      (Storage.prototype as unknown as Record<string, unknown>)[name] = function (this: Storage, ...args: unknown[]) {
        w.__storageCalls.push(`${name}(${args.map(String).join(', ')})`);
        return original.apply(this, args);
      };
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(pathToFileURL(path).href);
  await expect(page.getByRole('tablist', { name: 'Vyer' })).toBeVisible();
  return { context, page, problems };
}

async function storageCalls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __storageCalls: string[] }).__storageCalls);
}

async function storageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage));
}

/** The Kommun view's amounts per year, as displayed. */
async function kommunAmounts(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const y of YEARS) out.push((await page.getByTestId(`kommun-belopp-${y}`).innerText()).trim());
  return out;
}

function tab(page: Page, name: TabName): Locator {
  return page.getByRole('tablist', { name: 'Vyer' }).getByRole('tab', { name, exact: true });
}

/**
 * Tries to change every view of a read-only page: types into every visible field of the view
 * (at most 12 per view), into grid cells, presses Delete and Ctrl+V / Ctrl+Z, and clicks
 * buttons of the view. Nothing may change: field values stay (and "Ångra" is hidden: a read-only
 * file shows no editing control).
 */
async function tryToEdit(page: Page): Promise<void> {
  const panel = page.getByRole('tabpanel');
  for (const name of ['Finansiering', 'Budget', 'Uppföljning', 'Eget kapital', 'Scenarier', 'Översikt', 'Kommun'] as TabName[]) {
    await tab(page, name).click();
    await expect(panel).toHaveAccessibleName(name);
    const fields = panel.locator(
      'input:not([type=file]):not([type=hidden]):not([type=checkbox]):not([type=radio]):visible, textarea:visible',
    );
    const n = Math.min(await fields.count(), 12);
    for (let i = 0; i < n; i++) {
      const field = fields.nth(i);
      const before = await field.inputValue();
      await field.focus();
      await page.keyboard.type('123');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Enter');
      expect(await field.inputValue(), `${name}: field ${i} (${await field.getAttribute('aria-label')})`).toBe(before);
    }
    const cells = panel.locator('table.grid td[tabindex]:visible');
    const cellCount = Math.min(await cells.count(), 4);
    for (let i = 0; i < cellCount; i++) {
      const cell = cells.nth(i);
      const before = await cell.innerText();
      await cell.click();
      await page.keyboard.type('77');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Delete');
      expect(await cell.innerText(), `${name}: grid cell ${i}`).toBe(before);
    }
    const boxes = panel.locator('input[type=checkbox]:visible, input[type=radio]:visible');
    const boxCount = Math.min(await boxes.count(), 4);
    for (let i = 0; i < boxCount; i++) {
      const box = boxes.nth(i);
      // View filters marked "keep" (e.g. "Visa bara rader med skillnad") may change.
      if (await box.evaluate((e) => e.closest('[data-presentation="keep"]') !== null)) continue;
      const before = await box.isChecked();
      await box.click();
      expect(await box.isChecked(), `${name}: checkbox/radio ${i}`).toBe(before);
    }
    // Buttons of the view that would change the plan (add, delete, import, levers…).
    const buttons = panel.locator('button:visible:not([disabled]):not([data-presentation="keep"])');
    const buttonCount = Math.min(await buttons.count(), 6);
    for (let i = 0; i < buttonCount; i++) {
      await buttons.nth(i).click({ timeout: 2_000 }).catch(() => undefined);
    }
  }
  await page.keyboard.press('Control+z');
  // The toolbar's Ångra is hidden in a read-only file (docs/app.md, "Sharing"): no button that
  // looks live and does nothing. Nothing was changed, so nothing could be undone either.
  await expect(page.locator('.toolbar').getByText('Ångra', { exact: true })).toBeHidden();
}

test.describe('shared read-only file', () => {
  test('"Dela med kommunen" opens from disk on the municipality, read-only, and can be saved as a copy', async ({
    app,
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    await app.open('#kommun');
    await page.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: SCENARIO });
    await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Norrfors' });
    await expect(page.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();
    const boardAmounts = await kommunAmounts(page);
    const why = await page.getByTestId('kommun-varfor').innerText();

    const file = await app.download(page.getByRole('button', { name: 'Dela med kommunen', exact: true }));
    expect(file.name).toBe('Samordningsförbundet-Exempeldalen-Norrfors-2025.html');
    // The ordinary plan file, with the municipality, scenario, date and sender as attributes.
    const { json, attrs } = embedded(file.text);
    expect(json.format).toBe('samplan-plan');
    expect(json.version).toBe(4);
    expect(json.plan.settings.name).toBe(EXAMPLE_NAME);
    expect(attrs).toContain(`data-datum="${today()}"`);
    expect(attrs).toContain(`data-fran="${EXAMPLE_NAME}"`);

    const shared = await openFromDisk(browser, file, testInfo.outputPath(file.name));
    const p = shared.page;
    try {
      await expect(p.getByTestId('delad-plan')).toContainText(
        `Delad plan – skrivskyddad. Från ${EXAMPLE_NAME}, ${today()}, scenario ${SCENARIO}.`,
      );
      await expect(tab(p, 'Kommun')).toHaveAttribute('aria-selected', 'true');
      await expect(p.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();
      expect(await kommunAmounts(p)).toEqual(boardAmounts);
      await expect(p.getByTestId('kommun-varfor')).toHaveText(why);
      await expect(p.getByRole('combobox', { name: 'Scenario', exact: true })).toHaveValue(/\d+/);
      // No plan menu while read-only, and no way to share again.
      await expect(p.getByRole('group', { name: 'Planer och filer' })).toHaveCount(0);
      await expect(p.getByRole('button', { name: 'Dela med kommunen' })).toHaveCount(0);

      await tryToEdit(p);
      // Still the same figures after all that.
      await tab(p, 'Kommun').click();
      expect(await kommunAmounts(p)).toEqual(boardAmounts);
      // The municipality can still be chosen (browsing, not editing).
      await p.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Älvstad' });
      await expect(p.getByRole('heading', { name: 'Kommun: Älvstad' })).toBeVisible();

      // The economist can print the municipality's page and export its CSV (not edits).
      await p.evaluate(() => {
        const w = window as unknown as { __printed: number };
        w.__printed = 0;
        window.print = () => {
          w.__printed += 1;
        };
      });
      await p.getByTestId('kommun-skriv-ut').click();
      expect(await p.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
      const csv = p.waitForEvent('download');
      await p.getByRole('button', { name: 'Exportera CSV', exact: true }).click();
      expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
      // Presentation mode shows the board, but no lever panel that could change the plan.
      await tab(p, 'Översikt').click();
      await p.keyboard.press('Alt+KeyP');
      await expect(p.getByTestId('projektor')).toBeVisible();
      await expect(p.getByTestId('projektor-kommuner').getByRole('listitem')).toHaveCount(10);
      await expect(p.getByTestId('projektor-spakar')).toHaveCount(0);
      await p.keyboard.press('Escape');
      await expect(p.locator('html')).not.toHaveClass(/presentation/);

      expect(await storageCalls(p), 'localStorage untouched while read-only').toEqual([]);
      expect(await storageKeys(p)).toEqual([]);

      // "Spara en kopia i mina planer": stored as a new plan, editable from now on.
      await p.getByRole('button', { name: 'Spara en kopia i mina planer', exact: true }).click();
      await expect(p.getByTestId('delad-plan')).toHaveCount(0);
      const menu = p.getByRole('group', { name: 'Planer och filer' });
      await expect(menu.getByRole('combobox', { name: 'Välj plan' }).locator('option:checked')).toHaveText(EXAMPLE_NAME);
      await expect.poll(() => storageKeys(p)).toContain('samplan:v1:index');
      await tab(p, 'Finansiering').click();
      const total = p.getByLabel(TOTAL_LABEL, { exact: true });
      await total.fill('12 345 000');
      await total.press('Tab');
      await expect(p.getByRole('button', { name: 'Ångra', exact: true })).toBeEnabled();
      expect(shared.problems).toEqual([]);
    } finally {
      await shared.context.close();
    }
  });

  test('"Dela hela planen" opens from disk on Översikt with the banner', async ({ app, browser }, testInfo) => {
    test.setTimeout(60_000);
    await app.open('#budget');
    const file = await app.download(app.planMenu.getByRole('button', { name: 'Dela hela planen', exact: true }));
    expect(file.name).toBe('Samordningsförbundet-Exempeldalen-2025.html');
    const { json, attrs } = embedded(file.text);
    expect(json.plan.settings.name).toBe(EXAMPLE_NAME);
    expect(attrs).toContain('data-kommun=""');

    const shared = await openFromDisk(browser, file, testInfo.outputPath(file.name));
    const p = shared.page;
    try {
      await expect(p.getByTestId('delad-plan')).toContainText(
        `Delad plan – skrivskyddad. Från ${EXAMPLE_NAME}, ${today()}, scenario Basplan.`,
      );
      await expect(tab(p, 'Översikt')).toHaveAttribute('aria-selected', 'true');
      await expect(p.getByRole('tabpanel')).toHaveAccessibleName('Översikt');
      // Browsing the other views, read-only.
      await tab(p, 'Budget').click();
      await expect(p.getByRole('tabpanel')).toHaveAccessibleName('Budget');
      await tab(p, 'Kommun').click();
      await expect(p.getByRole('heading', { name: /^Kommun: / })).toBeVisible();
      expect(await storageCalls(p)).toEqual([]);
      expect(await storageKeys(p)).toEqual([]);
      expect(shared.problems).toEqual([]);
    } finally {
      await shared.context.close();
    }
  });
});

test.describe('shared read-only file: WCAG 2.1 AA', () => {
  // axe-core (WCAG 2.0/2.1 A and AA, as in a11y.spec.ts) on the file opened from disk: the
  // banner, the municipality first, and the other views browsed read-only.
  test('axe finds nothing on the Kommun view, Översikt, Budget and the other views', async ({ app, page, browser }, testInfo) => {
    test.setTimeout(120_000);
    await app.open('#kommun');
    await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Norrfors' });
    const file = await app.download(page.getByRole('button', { name: 'Dela med kommunen', exact: true }));
    const shared = await openFromDisk(browser, file, testInfo.outputPath(file.name), true);
    const p = shared.page;
    try {
      await expect(p.getByTestId('delad-plan')).toContainText('Delad plan – skrivskyddad.');
      await expect(p.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();
      await expectNoAxeViolations(p, 'delad fil: Kommun');
      for (const name of ['Översikt', 'Budget', 'Finansiering', 'Uppföljning', 'Eget kapital', 'Scenarier'] as TabName[]) {
        await tab(p, name).click();
        await expect(p.getByRole('tabpanel')).toHaveAccessibleName(name);
        for (const summary of await p.locator('summary', { hasText: 'Visa som tabell' }).all()) await summary.click();
        await expectNoAxeViolations(p, `delad fil: ${name}`);
      }
      // A refused keystroke's message is on screen too.
      await tab(p, 'Budget').click();
      await p.locator('table.grid td[tabindex]:visible').first().click();
      await p.keyboard.type('7');
      await expectNoAxeViolations(p, 'delad fil: Budget med meddelande');
      expect(shared.problems).toEqual([]);
    } finally {
      await shared.context.close();
    }
  });
});

test.describe('shared from the single-file build', () => {
  test('the file is the page itself plus the plan, and opens read-only from disk', async ({ browser }, testInfo) => {
    test.setTimeout(90_000);
    const single = await readFile(SINGLE, 'utf8');
    const board = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true });
    try {
      const page = await board.newPage();
      await page.goto(pathToFileURL(SINGLE).href + '#kommun');
      await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Sjöberga' });
      const amounts = await kommunAmounts(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Dela med kommunen', exact: true }).click(),
      ]);
      const path = await download.path();
      const bytes = await readFile(path);
      const file: DownloadedFile = { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
      expect(file.name).toBe('Samordningsförbundet-Exempeldalen-Sjöberga-2025.html');
      embedded(file.text);
      // The inline module script (pinned by its hash in the CSP) and the WebAssembly are
      // carried over byte for byte.
      const script = (html: string) => html.match(/<script type="module">([\s\S]*?)<\/script>/)![1];
      const wasm = (html: string) => html.match(/<script type="application\/octet-stream" id="samplan-wasm">([\s\S]*?)<\/script>/)![1];
      expect(script(file.text) === script(single), 'module script unchanged').toBe(true);
      expect(wasm(file.text) === wasm(single), 'wasm unchanged').toBe(true);

      const shared = await openFromDisk(browser, file, testInfo.outputPath(file.name));
      try {
        const p = shared.page;
        await expect(p.getByTestId('delad-plan')).toContainText('Delad plan – skrivskyddad.');
        await expect(p.getByRole('heading', { name: 'Kommun: Sjöberga' })).toBeVisible();
        expect(await kommunAmounts(p)).toEqual(amounts);
        expect(await storageCalls(p)).toEqual([]);
        expect(shared.problems).toEqual([]);
      } finally {
        await shared.context.close();
      }
    } finally {
      await board.close();
    }
  });
});

test.describe('opening a plan file that is already stored', () => {
  test('asks: "Avbryt" changes nothing, "Ersätt" replaces, "Behåll båda" adds "(2)", "(3)"', async ({ app, page }) => {
    await app.open('#finansiering');
    const file = await app.saveAsFile();
    const options = app.planSelect.locator('option');
    await expect(options).toHaveCount(1);

    // An edit after the file was saved.
    const total = page.getByLabel(TOTAL_LABEL, { exact: true });
    const original = await total.inputValue();
    await total.fill('12 345 000');
    await total.press('Tab');
    await expect(total).toHaveValue(/^12\s345\s000$/);

    const dialog = page.getByRole('alertdialog', { name: 'Planen finns redan' });
    const pick = async (choice: 'Avbryt' | 'Ersätt' | 'Behåll båda') => {
      await app.openFile({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText(`Planen "${EXAMPLE_NAME}" finns redan i webbläsaren.`);
      await dialog.getByRole('button', { name: choice, exact: true }).click();
      await expect(dialog).toHaveCount(0);
    };

    await pick('Avbryt');
    await expect(options).toHaveCount(1);
    await expect(total).toHaveValue(/^12\s345\s000$/);

    await pick('Ersätt');
    await expect(options).toHaveCount(1);
    await expect(total).toHaveValue(original);
    await expect(app.planName).toHaveText(EXAMPLE_NAME);
    await expect.poll(async () => (await app.storedPlan()).plan.year_inputs['2025'].funding.värde).not.toBe('12345000');

    await pick('Behåll båda');
    await expect(options).toHaveCount(2);
    await expect(app.planName).toHaveText(`${EXAMPLE_NAME} (2)`);
    await expect(app.planSelect.locator('option:checked')).toHaveText(`${EXAMPLE_NAME} (2)`);

    await pick('Behåll båda');
    await expect(options).toHaveCount(3);
    await expect(app.planName).toHaveText(`${EXAMPLE_NAME} (3)`);
    // The full name is readable in the plan menu.
    await expect(app.planSelect).toHaveAttribute('title', `${EXAMPLE_NAME} (3)`);
  });
});

test.describe('members import preview', () => {
  test('takes the full width under the import and export buttons', async ({ app, page }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    const flow = fin.membersImport;
    await flow.pick(csvFile('medlemmar.csv', 'Medlem;Typ;Invånare\r\nÄlvstad;Kommun;100 000\r\n'));
    await expect(flow.region).toContainText('Älvstad');
    const group = page.getByRole('group', { name: 'Filer för finansiering' });
    const exportButton = page.getByRole('button', { name: 'Exportera fördelning (CSV)', exact: true });
    const [g, r, b, e] = await Promise.all([
      group.boundingBox(),
      flow.region.boundingBox(),
      flow.button.boundingBox(),
      exportButton.boundingBox(),
    ]);
    // The buttons stay side by side on one line; the preview is under both, as wide as the group.
    expect(Math.abs(b!.y - e!.y)).toBeLessThan(2);
    expect(r!.y).toBeGreaterThanOrEqual(Math.max(b!.y + b!.height, e!.y + e!.height));
    expect(r!.width).toBeGreaterThan(g!.width - 2);
    await flow.cancelButton.click();
    await expect(flow.region).toBeHidden();
  });
});
