import { test, expect } from './pages/fixtures';
import { type Locator, type Page } from '@playwright/test';

// The projector mode (docs/app.md, "Presentationsläge") at 1920×1080 on the example plan
// "Samordningsförbundet Exempeldalen" (ten municipalities): the toolbar says it is on and how
// to leave it, PageDown/PageUp step through the views (a long view scrolls first), the lever
// panel changes every municipality's amount live as one undo step — in a workshop scenario, never
// in the board's plan (tests/e2e/projector-workshop.spec.ts) —, "Återställ" returns to the plan
// and Esc leaves.
test.use({ viewport: { width: 1920, height: 1080 } });

const NBSP = '\u00a0';

/** PageDown until the next view shows (a long view scrolls first, docs/app.md). */
async function pageDown(page: Page): Promise<void> {
  const before = await page.getByRole('tabpanel').getAttribute('aria-labelledby');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('PageDown');
    if ((await page.getByRole('tabpanel').getAttribute('aria-labelledby')) !== before) return;
  }
  throw new Error('PageDown never moved on to the next view');
}

/** PageUp until the previous view shows. */
async function pageUp(page: Page): Promise<void> {
  const before = await page.getByRole('tabpanel').getAttribute('aria-labelledby');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('PageUp');
    if ((await page.getByRole('tabpanel').getAttribute('aria-labelledby')) !== before) return;
  }
  throw new Error('PageUp never moved on to the previous view');
}

/** The municipalities' names and amounts as shown on the projector board. */
async function amounts(board: Locator): Promise<string[]> {
  return board.getByTestId('projektor-kommuner').getByRole('listitem').allInnerTexts();
}

test('enter, step, a live lever, Återställ, undo and leave with Esc', async ({ app, page }) => {
  await app.open('#oversikt');
  const toggle = page.getByRole('button', { name: /^Presentationsläge/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toHaveText('Presentationsläge på – Esc avslutar');
  await expect(toggle).toBeEnabled();
  await expect(page.locator('html')).toHaveClass(/presentation/);

  // The board: key figures and all ten municipalities at once, inside the 1920×1080 screen.
  const board = page.getByTestId('projektor');
  await expect(board).toBeVisible();
  await expect(board.getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}000${NBSP}000`);
  const items = board.getByTestId('projektor-kommuner').getByRole('listitem');
  await expect(items).toHaveCount(10);
  for (const item of await items.all()) await expect(item).toBeInViewport({ ratio: 1 });
  await expect(board.getByTestId('projektor-spakar')).toBeInViewport({ ratio: 1 });
  // No editing chrome: the plan menu and the toolbar's undo are gone.
  await expect(page.getByRole('button', { name: 'Ny plan' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Gör om' })).toBeHidden();

  // PageDown/PageUp step through the views (focus on the page, not in a field).
  await page.locator('body').click({ position: { x: 5, y: 1070 } });
  await pageDown(page);
  await app.expectTab('Finansiering');
  await pageDown(page);
  await app.expectTab('Budget');
  await pageUp(page);
  await app.expectTab('Finansiering');
  await pageUp(page);
  await app.expectTab('Översikt');
  await pageUp(page);
  await app.expectTab('Versioner'); // the last tab (issue 20 added Versioner after Scenarier)
  await page.keyboard.press('ArrowRight');
  await app.expectTab('Översikt');

  // Typing gives feedback instead of nothing.
  await page.keyboard.type('5');
  await expect(page.getByTestId('presentationsmeddelande')).toHaveText(
    'Presentationsläget är skrivskyddat. Tryck Esc för att lämna det och redigera.',
  );

  // A lever: the 2025 medelstilldelning 12 000 000 +5 % → 12 600 000 (computed by the engine),
  // and every municipality's amount changes.
  const before = await amounts(board);
  await board.getByRole('button', { name: '+5 %' }).click();
  await expect(board.getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}600${NBSP}000`);
  await expect(board.getByTestId('projektor-status')).toContainText('Medelstilldelning 2025 +5 % i scenariot ”Workshop');
  const after = await amounts(board);
  expect(after).toHaveLength(10);
  for (let i = 0; i < 10; i++) expect(after[i], `municipality ${i + 1} changed`).not.toEqual(before[i]);

  // One undo step: the panel's Ångra brings all of it back.
  await board.getByRole('button', { name: 'Ångra' }).click();
  await expect(board.getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}000${NBSP}000`);
  expect(await amounts(board)).toEqual(before);

  // A budget line −5 %, then the medelstilldelning −1 %; Återställ returns to the plan.
  await board.getByRole('combobox', { name: 'Vad som ändras' }).selectOption({ label: 'Samordningsteam Älvstad' });
  await board.getByRole('button', { name: '−5 %' }).click();
  await expect(board.getByTestId('projektor-status')).toContainText('Samordningsteam Älvstad 2025 −5 % i scenariot ”Workshop');
  await board.getByRole('combobox', { name: 'Vad som ändras' }).selectOption({ label: 'Medelstilldelningen' });
  await board.getByRole('button', { name: '−1 %' }).click();
  await expect(board.getByTestId('projektor-medelstilldelning')).toHaveText(`11${NBSP}880${NBSP}000`);
  await board.getByRole('button', { name: 'Återställ' }).click();
  await expect(board.getByTestId('projektor-status')).toHaveText(
    'Återställd: workshopscenariot är borttaget, tavlan visar planen som före.',
  );
  await expect(board.getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}000${NBSP}000`);
  expect(await amounts(board)).toEqual(before);
  // Nothing of the workshop is left to undo on the board.
  await expect(board.getByRole('button', { name: 'Ångra' })).toBeDisabled();

  // Esc leaves the mode; Översikt is the ordinary view again.
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toHaveText('Presentationsläge');
  await expect(page.locator('html')).not.toHaveClass(/presentation/);
  await expect(board).toBeHidden();
  await expect(page.getByRole('button', { name: 'Ny plan' })).toBeVisible();
});

test('screenshot of the projector at 1920×1080 (docs/img/projector.png)', async ({ app, page }) => {
  test.skip(!process.env.SAMPLAN_SCREENSHOT, 'set SAMPLAN_SCREENSHOT=1 to refresh the README image');
  await app.open('#oversikt');
  await page.keyboard.press('Alt+KeyP');
  await expect(page.getByTestId('projektor')).toBeVisible();
  await page.screenshot({ path: '../docs/img/projector.png' });
});

test('Eget kapital at 1280 px: the EK-kvot and flag columns are on screen', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open('#eget-kapital');
  const table = page.getByRole('grid', { name: /^Eget kapital per år/ });
  await expect(table).toBeVisible();
  for (const header of ['EK / bas', 'Flaggor', 'Resultat räknas på']) {
    await expect(table.getByRole('columnheader', { name: header })).toBeInViewport({ ratio: 1 });
  }
  const wrap = await table.evaluate((t) => {
    const w = t.closest('.table-wrap') ?? t.parentElement!;
    return { scroll: w.scrollWidth, client: w.clientWidth };
  });
  expect(wrap.scroll, 'no horizontal scrolling').toBeLessThanOrEqual(wrap.client);
});

test('the equity chart: legend colours are the bars\' colours; chart text is larger in presentation mode', async ({ app, page }) => {
  await app.open('#eget-kapital');
  const svg = page.getByTestId('diagram-eget-kapital').locator('svg.chart');
  await expect(svg).toBeVisible();
  // 2029 is under the floor in the example plan: its bar and its legend swatch share a colour.
  const fills = await svg.evaluate((s) => {
    const fill = (sel: string) => [...s.querySelectorAll(sel)].map((e) => getComputedStyle(e).fill);
    return {
      bars: fill('g.chart-row rect.chart-below-floor'),
      swatch: fill('.chart-legend rect.chart-below-floor'),
      plainBars: fill('g.chart-row rect.chart-equity:not(.chart-below-floor):not(.chart-above-ceiling)'),
      plainSwatch: fill('.chart-legend rect.chart-equity'),
    };
  });
  expect(fills.bars.length).toBeGreaterThan(0);
  expect(fills.swatch).toEqual([fills.bars[0]]);
  expect(fills.plainSwatch).toEqual([fills.plainBars[0]]);
  await expect(page.getByTestId('diagram-eget-kapital').getByText('Under golvet eller negativt')).toBeVisible();

  const size = () => svg.evaluate((s) => parseFloat(getComputedStyle(s).fontSize));
  const normal = await size();
  await page.keyboard.press('Alt+KeyP');
  await expect(page.locator('html')).toHaveClass(/presentation/);
  expect(await size()).toBeGreaterThan(normal);
});

test('Esc leaves presentation mode from inside a grid too', async ({ app, page }) => {
  await app.open('#budget');
  await page.keyboard.press('Alt+KeyP');
  await expect(page.locator('html')).toHaveClass(/presentation/);
  await page.getByLabel('Samordningsteam Älvstad 2026', { exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveClass(/presentation/);
  await expect(page.getByRole('button', { name: 'Presentationsläge', exact: true })).toHaveAttribute('aria-pressed', 'false');
});
