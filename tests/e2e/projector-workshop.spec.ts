import { type Locator, type Page } from '@playwright/test';

import { expect, test } from './pages/fixtures';
import { expectNoAxeViolations } from './support/axe';

// The projector mode as a workshop facilitator uses it (docs/app.md, "Projector mode"): the
// levers never write to the board's plan but to a scenario "Workshop <datum>" made on the first
// click; Esc says where the changes are (Ångra, Återställ, "Spara i basplanen"); the panel shows
// the amount before and now; PageDown scrolls a long view before the next one; old messages are
// not on the board; key figures fit their cards from 1280×720 up; the comparison shows all years.

const NBSP = '\u00a0';
const WORKSHOP = /Workshop \d{4}-\d{2}-\d{2}/;
const TOTAL_LABEL = 'Medelstilldelning (kr)';

const board = (page: Page): Locator => page.getByTestId('projektor');

async function enter(page: Page): Promise<void> {
  await page.keyboard.press('Alt+KeyP');
  await expect(page.locator('html')).toHaveClass(/presentation/);
}

/** The base plan's medelstilldelning 2025 as Finansiering shows it with Basplan active. */
async function baseTotal(page: Page): Promise<string> {
  await page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: 'Basplan' });
  await page.getByRole('tablist', { name: 'Vyer' }).getByRole('tab', { name: 'Finansiering', exact: true }).click();
  return page.getByLabel(TOTAL_LABEL, { exact: true }).inputValue();
}

test.describe('workshop at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('levers work on a workshop scenario; Esc says where; Återställ and "Spara i basplanen"', async ({ app, page }, testInfo) => {
    await app.open('#oversikt');
    await enter(page);
    const b = board(page);
    await expect(b.getByTestId('projektor-workshop')).toContainText('Första klicket gör ett scenario ”Workshop');

    // Before and now of a line, then a click: "Nu" changes, "Före" stays.
    await b.getByRole('combobox', { name: 'Vad som ändras' }).selectOption({ label: 'Samordningsteam Älvstad' });
    const before = await b.getByTestId('projektor-fore').innerText();
    await expect(b.getByTestId('projektor-nu')).toHaveText(before);
    await b.getByRole('button', { name: '+5 %' }).click();
    await expect(b.getByTestId('projektor-status')).toContainText('Samordningsteam Älvstad 2025 +5 % i scenariot ”Workshop');
    await expect(b.getByTestId('projektor-fore')).toHaveText(before);
    await expect(b.getByTestId('projektor-nu')).not.toHaveText(before);
    // The board shows the workshop scenario.
    await expect(b.getByRole('heading', { level: 2 })).toContainText(WORKSHOP);
    await expect(b.getByTestId('projektor-workshop')).toContainText('basplanen är oförändrad');

    // The medelstilldelning +1 %: 12 000 000 → 12 120 000 on the board.
    await b.getByRole('combobox', { name: 'Vad som ändras' }).selectOption({ label: 'Medelstilldelningen' });
    await expect(b.getByTestId('projektor-fore')).toHaveText(`12${NBSP}000${NBSP}000`);
    await b.getByRole('button', { name: '+1 %' }).click();
    await expect(b.getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}120${NBSP}000`);
    await expect(b.getByTestId('projektor-nu')).toHaveText(`12${NBSP}120${NBSP}000`);
    await page.screenshot({ path: testInfo.outputPath('workshop-board.png') });

    // Esc: the notice says where the changes are; the base plan is unchanged.
    await page.keyboard.press('Escape');
    await expect(page.locator('html')).not.toHaveClass(/presentation/);
    const notice = page.getByTestId('workshop-meddelande');
    await expect(notice).toContainText('Workshoppens ändringar finns i scenariot ”Workshop');
    await expect(notice).toContainText('Basplanen är oförändrad.');
    for (const name of ['Ångra', 'Återställ', 'Spara i basplanen']) {
      await expect(notice.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await page.screenshot({ path: testInfo.outputPath('workshop-esc.png') });
    await expect(page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).locator('option:checked')).toHaveText(WORKSHOP);

    // Återställ: the workshop scenario goes, the plan is as before.
    await notice.getByRole('button', { name: 'Återställ', exact: true }).click();
    await expect(notice).toBeHidden();
    await expect(page.getByTestId('meddelande')).toContainText('Workshoppens ändringar är borttagna');
    await expect(page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).locator('option', { hasText: 'Workshop' })).toHaveCount(0);
    expect(await baseTotal(page)).toMatch(/^12\s000\s000$/);

    // Again, and this time "Spara i basplanen": the base plan gets the workshop's figure.
    await app.goTo('Översikt');
    await enter(page);
    await board(page).getByRole('button', { name: '+1 %' }).click();
    await expect(board(page).getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}120${NBSP}000`);
    await page.keyboard.press('Escape');
    await page.getByTestId('workshop-meddelande').getByRole('button', { name: 'Spara i basplanen', exact: true }).click();
    await expect(page.getByTestId('meddelande')).toContainText('Workshoppens ändringar är sparade i basplanen.');
    await expect(page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).locator('option:checked')).toHaveText('Basplan');
    await expect(page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).locator('option', { hasText: 'Workshop' })).toHaveCount(0);
    expect(await baseTotal(page)).toMatch(/^12\s120\s000$/);
    // One undo step back.
    await app.undoButton.click();
    await expect(page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).locator('option', { hasText: 'Workshop' })).toHaveCount(1);
    expect(await baseTotal(page)).toMatch(/^12\s000\s000$/);
  });

  test('Esc after a lever keeps the base plan, also after a reload', async ({ app, page }) => {
    await app.open('#oversikt');
    await enter(page);
    await board(page).getByRole('button', { name: '+1 %' }).click();
    await expect(board(page).getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}120${NBSP}000`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('workshop-meddelande')).toBeVisible();
    await app.reload();
    expect(await baseTotal(page)).toMatch(/^12\s000\s000$/);
    // The workshop is kept as a scenario.
    await expect(page.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'Scenario', exact: true }).locator('option', { hasText: 'Workshop' })).toHaveCount(1);
  });

  test('the panel\'s Ångra after the first click removes the workshop again', async ({ app, page }) => {
    await app.open('#oversikt');
    await enter(page);
    const b = board(page);
    await b.getByRole('button', { name: '−5 %' }).click();
    await expect(b.getByTestId('projektor-medelstilldelning')).toHaveText(`11${NBSP}400${NBSP}000`);
    await b.getByRole('button', { name: 'Ångra', exact: true }).click();
    await expect(b.getByTestId('projektor-medelstilldelning')).toHaveText(`12${NBSP}000${NBSP}000`);
    await expect(b.getByRole('heading', { level: 2 })).toContainText('Basplan');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('workshop-meddelande')).toHaveCount(0);
  });

  test('old messages are not shown on the board', async ({ app, page }) => {
    await app.open('#budget');
    const grid = page.getByRole('grid', { name: /^Budget per år/ });
    await grid.getByRole('textbox', { name: 'Konto Stegvis – förrehabilitering', exact: true }).click();
    await page.getByRole('button', { name: 'Ta bort post', exact: true }).click();
    await expect(page.getByTestId('meddelande')).toContainText('togs bort');
    await app.goTo('Översikt');
    await enter(page);
    await expect(page.getByTestId('meddelande')).toBeHidden();
  });

  test('the comparison has an all-years view with equity', async ({ app, page }) => {
    await app.open('#scenarier');
    const table = page.getByTestId('jamforelse-alla-ar');
    await expect(table).toBeVisible();
    await expect(table.locator('caption')).toContainText('med eget kapital');
    for (const y of [2025, 2026, 2027, 2028, 2029]) await expect(page.getByTestId(`jamfor-ar-${y}`)).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Eget kapital vid årets slut' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Eget kapital i % av bas' })).toBeVisible();
    // The example's "Medelstilldelning −10 %" differs from the base plan in T and in equity.
    await expect(page.getByTestId('alla-ar-medelstilldelning-2026')).toHaveText(/^−/);
    await expect(page.getByTestId('alla-ar-ek-2029')).toHaveText(/^−/);
    await enter(page);
    await expect(table).toBeVisible();
  });
});

test.describe('WCAG 2.1 AA', () => {
  // axe-core injects an inline script, which the app's CSP refuses: this test runs with bypassCSP.
  test.use({ bypassCSP: true, viewport: { width: 1920, height: 1080 } });

  test('axe finds nothing on the lever panel with a workshop, nor on the notice after Esc', async ({ app, page }) => {
    await app.open('#oversikt');
    await enter(page);
    await board(page).getByRole('button', { name: '+1 %' }).click();
    await expect(board(page).getByTestId('projektor-nu')).toHaveText(`12${NBSP}120${NBSP}000`);
    await expectNoAxeViolations(page, 'projektor med workshop');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('workshop-meddelande')).toBeVisible();
    await expectNoAxeViolations(page, 'workshopmeddelandet');
    await app.goTo('Scenarier');
    await expectNoAxeViolations(page, 'Scenarier med alla år');
  });
});

test.describe('PageDown on a long view', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('scrolls the view before it moves on to the next', async ({ app, page }) => {
    await app.open('#budget');
    await enter(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.evaluate(() => window.scrollTo(0, 0));
    const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 10);
    expect(scrollable, 'the Budget view is longer than the screen').toBe(true);
    await page.keyboard.press('PageDown');
    await app.expectTab('Budget');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    // Until the end; then the next view, from its top.
    let presses = 0;
    while ((await page.getByRole('tab', { name: 'Budget', exact: true }).getAttribute('aria-selected')) === 'true') {
      const atEnd = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 3);
      await page.keyboard.press('PageDown');
      presses += 1;
      if (!atEnd) await app.expectTab('Budget');
      expect(presses).toBeLessThan(40);
    }
    expect(presses).toBeGreaterThan(1);
    await app.expectTab('Uppföljning');
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(5);
    // PageUp goes back up within a view first too.
    await page.keyboard.press('PageUp');
    await app.expectTab('Budget');
  });
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`key figures fit their cards at ${size.width}×${size.height}`, async ({ app, page }, testInfo) => {
    await page.setViewportSize(size);
    await app.open('#finansiering');
    // A large funding makes long figures (e.g. "−1 056 000" and longer).
    const total = page.getByLabel(TOTAL_LABEL, { exact: true });
    await total.fill('123 456 000');
    await total.press('Tab');
    await app.goTo('Översikt');
    await enter(page);
    for (const year of [2025, 2026, 2027, 2028, 2029]) {
      await app.selectYear(year);
      const spills = await page.evaluate(() =>
        [...document.querySelectorAll('.projector-figures > div')].flatMap((card) => {
          const dd = card.querySelector('dd')!;
          const c = card.getBoundingClientRect();
          const r = document.createRange();
          r.selectNodeContents(dd);
          const t = r.getBoundingClientRect();
          return t.right > c.right + 0.5 || dd.scrollWidth > dd.clientWidth + 0.5 ? [`${card.querySelector('dt')!.textContent}: ${dd.textContent}`] : [];
        }),
      );
      expect(spills, `${year}: figures outside their cards`).toEqual([]);
    }
    await page.screenshot({ path: testInfo.outputPath(`projektor-${size.width}.png`) });
  });
}
