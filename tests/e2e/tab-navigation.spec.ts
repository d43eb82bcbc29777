import type { TabName } from './pages/app';
import { expect, test } from './pages/fixtures';
import { RecoveryScreen } from './pages/recovery';
import { BudgetView } from './pages/views';

// Leaving a view by its URL fragment (a hand-edited `location.hash`, back and forward) right
// after an edit in its grid must never reach a closure of the view that is gone (docs/app.md,
// "Views"): a grid's deferred work (a frame or task queued by an edit) used to read a signal of
// the unmounted grid and stop the app with the recovery screen ("reactive value … disposed").
// Every ordered pair of tabs is tried after an edit, also with an edit still being typed.

const TABS: [TabName, string][] = [
  ['Översikt', 'oversikt'],
  ['Finansiering', 'finansiering'],
  ['Budget', 'budget'],
  ['Uppföljning', 'uppfoljning'],
  ['Eget kapital', 'eget-kapital'],
  ['Kommun', 'kommun'],
  ['Scenarier', 'scenarier'],
  ['Versioner', 'versioner'],
];

const YEAR = 2026; // the example plan's budget year
const RENT = 'Lokalhyra';
const IT = 'IT, telefoni och licenser';

async function setHash(page: import('@playwright/test').Page, slug: string): Promise<void> {
  await page.evaluate((s) => {
    location.hash = s;
  }, slug);
}

test('after a budget edit, every tab is reached by its fragment and by back/forward', async ({ app }) => {
  const page = app.page;
  const recovery = new RecoveryScreen(page);
  await app.open('#budget');
  const budget = new BudgetView(app);
  let amount = 1000;
  for (const [name, slug] of TABS) {
    if (slug === 'budget') continue;
    await app.expectTab('Budget');
    amount += 1;
    await budget.grid.type(`${RENT} ${YEAR}`, String(amount), 'Enter');
    await expect(budget.amount(IT, YEAR)).toBeFocused();
    await setHash(page, slug);
    await app.expectTab(name);
    await page.goBack();
    await app.expectTab('Budget');
    await expect(budget.amount(RENT, YEAR)).toHaveValue(`1\u00a0${String(amount).slice(1)}`);
    await page.goForward();
    await app.expectTab(name);
    await page.goBack();
    await app.expectTab('Budget');
    await expect(recovery.heading).toHaveCount(0);
  }
});

test('with an edit still being typed, leaving by fragment keeps the app running', async ({ app }) => {
  const page = app.page;
  const recovery = new RecoveryScreen(page);
  const budget = new BudgetView(app);
  for (const [name, slug] of TABS) {
    if (slug === 'budget') continue;
    await app.open('#budget');
    await budget.grid.input(`${RENT} ${YEAR}`).click();
    await page.keyboard.type('4321');
    await setHash(page, slug);
    await app.expectTab(name);
    await page.goBack();
    await app.expectTab('Budget');
    // What was typed is kept: leaving the view committed it, as a click on a tab does.
    await expect(budget.amount(RENT, YEAR)).toHaveValue('4\u00a0321');
    await expect(recovery.heading).toHaveCount(0);
  }
});

/**
 * Puts the focus where a user would leave it in the shown view: in a grid's cell with a value
 * being typed (the grid's first editable cell), else in the view's first field.
 */
async function focusInView(app: import('./pages/app').AppPage): Promise<void> {
  const cell = app.panel.getByRole('grid').locator('td input, th input').first();
  if ((await cell.count()) > 0 && (await cell.isVisible())) {
    await cell.click();
    await app.page.keyboard.type('7');
    return;
  }
  const field = app.panel.locator('input:visible, select:visible, textarea:visible').first();
  if ((await field.count()) > 0) await field.focus();
}

test('after an edit, every ordered pair of tabs is switched by fragment with the focus left in the view', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const recovery = new RecoveryScreen(page);
  const budget = new BudgetView(app);
  await app.open('#budget');
  await budget.grid.type(`${RENT} ${YEAR}`, '2222', 'Enter');
  for (const [from, fromSlug] of TABS) {
    for (const [to, toSlug] of TABS) {
      if (from === to) continue;
      await setHash(page, fromSlug);
      await app.expectTab(from);
      await focusInView(app);
      await setHash(page, toSlug);
      await app.expectTab(to);
      await expect(recovery.heading, `${from} → ${to}`).toHaveCount(0);
    }
  }
});
