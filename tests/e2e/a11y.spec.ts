import { test, expect } from './pages/fixtures';
import { type TabName } from './pages/app';
import { expectNoAxeViolations } from './support/axe';

// WCAG 2.1 AA (docs/app.md, "Tillgänglighet"): axe-core with the WCAG 2.0/2.1 A and AA rules
// finds nothing on any view of the example plan, in the normal and the presentation mode, nor
// in the menus and dialogs that open. axe is injected as an inline script, which the app's CSP
// refuses: this spec (only) runs with bypassCSP.
test.use({ bypassCSP: true });

const TABS: TabName[] = ['Översikt', 'Finansiering', 'Budget', 'Uppföljning', 'Eget kapital', 'Kommun', 'Scenarier', 'Versioner'];

test.describe('axe: WCAG 2.1 AA', () => {
  test('every view in normal mode, with the chart tables open', async ({ app, page }) => {
    await app.open();
    for (const tab of TABS) {
      await app.goTo(tab);
      for (const summary of await page.locator('summary', { hasText: 'Visa som tabell' }).all()) await summary.click();
      await expectNoAxeViolations(page, tab);
    }
  });

  test('every view in presentation mode, the projector layout included', async ({ app, page }) => {
    await app.open();
    await page.keyboard.press('Alt+KeyP');
    await expect(page.locator('html')).toHaveClass(/presentation/);
    for (const tab of TABS) {
      await app.goTo(tab);
      if (tab === 'Översikt') await expect(page.getByTestId('projektor')).toBeVisible();
      await expectNoAxeViolations(page, `${tab} (presentationsläge)`);
    }
    // A lever's status message and a refused keystroke's message are on screen.
    await app.goTo('Översikt');
    await page.getByRole('button', { name: '+5 %' }).click();
    await expect(page.getByTestId('projektor-status')).not.toBeEmpty();
    await app.goTo('Budget');
    await page.getByLabel('Samordningsteam Älvstad 2026', { exact: true }).focus();
    await page.keyboard.type('7');
    await expect(page.getByTestId('presentationsmeddelande')).not.toBeEmpty();
    await expectNoAxeViolations(page, 'presentationsläge med meddelanden');
  });

  test('with a message, a refused cell, the split panel and a dialog open', async ({ app, page }) => {
    await app.open('#budget');
    const grid = page.getByRole('grid', { name: /^Budget per år/ });
    // The split panel (a selected line) and a refused cell with its reason.
    await grid.getByRole('textbox', { name: 'Lokalhyra 2026', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Fördelning av Lokalhyra' })).toBeVisible();
    await page.keyboard.type('12 tusen');
    await page.keyboard.press('Enter');
    await expect(grid.getByRole('alert')).toBeVisible();
    // A message with "Ångra" (a line deleted).
    await grid.getByRole('textbox', { name: 'Revision 2026', exact: true }).click();
    await app.panel.getByRole('button', { name: 'Ta bort post', exact: true }).click();
    await expect(page.getByTestId('meddelande').getByRole('button', { name: 'Ångra' })).toBeVisible();
    await expectNoAxeViolations(page, 'Budget med meddelande, fel i en cell och fördelningspanel');
    // A dialog on top of it all.
    await app.planMenu.getByRole('button', { name: 'Ny plan', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Ny plan' })).toBeVisible();
    await expectNoAxeViolations(page, 'Ny plan över Budget med meddelande');
  });

  test('the accessibility statement and the plan-delete confirmation', async ({ app, page }) => {
    await app.open();
    await page.getByRole('button', { name: 'Tillgänglighet' }).click();
    const statement = page.getByRole('dialog', { name: 'Tillgänglighet för samplan' });
    await expect(statement).toBeVisible();
    await expectNoAxeViolations(page, 'Tillgänglighet');
    await statement.getByRole('button', { name: 'Stäng' }).click();
    await expect(statement).toBeHidden();

    await page.getByRole('button', { name: 'Ta bort plan' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Bekräfta borttagning' })).toBeVisible();
    await expectNoAxeViolations(page, 'Ta bort plan (bekräftelse)');
    await page.getByRole('button', { name: 'Avbryt' }).click();
  });
});
