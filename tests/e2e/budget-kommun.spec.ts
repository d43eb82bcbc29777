import { expect, test } from './pages/fixtures';
import { BudgetView } from './pages/views';

// A budget line's municipality is set in the Budget grid's Kommun column (docs/budget.md,
// "Where a line operates"): the Kommun view lists the line at once, says "Inga poster …" only
// when no line is linked, and the column can be hidden without losing the links.

const LINE = 'Stegvis – förrehabilitering';
const NONE = 'Inga poster i budgeten är kopplade till Granvik. Koppla en post i Budget, kolumnen Kommun.';

test('the Kommun column links a line to a municipality; the column can be hidden', async ({ app, page }) => {
  await app.open('#kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Granvik' });
  await expect(page.getByTestId('kommun-inga-insatser')).toHaveText(NONE);

  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await expect(budget.grid.table.getByRole('columnheader', { name: 'Kommun', exact: true })).toBeVisible();
  // An unknown name is refused with the reason, and nothing changes.
  await budget.grid.type(`Kommun ${LINE}`, 'Atlantis');
  await expect(budget.grid.error(`Kommun ${LINE}`)).toContainText('det finns ingen kommun som heter Atlantis i planen');
  await page.keyboard.press('Escape');
  // The names rule: "granvik" is Granvik.
  await budget.grid.type(`Kommun ${LINE}`, 'granvik');
  await expect(budget.grid.input(`Kommun ${LINE}`)).toHaveValue('Granvik');

  await app.goTo('Kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Granvik' });
  await expect(page.getByTestId('kommun-inga-insatser')).toHaveCount(0);
  await expect(page.getByTestId('kommun-insatser')).toContainText(LINE);

  // Hidden: the column goes, the link stays.
  await app.goTo('Budget');
  await page.getByRole('checkbox', { name: 'Visa kolumnen Kommun' }).uncheck();
  await expect(budget.grid.table.getByRole('columnheader', { name: 'Kommun', exact: true })).toHaveCount(0);
  await app.goTo('Kommun');
  await expect(page.getByTestId('kommun-insatser')).toContainText(LINE);

  // Undo removes the link again, and the message is right again.
  await app.undoButton.click();
  await expect(page.getByTestId('kommun-inga-insatser')).toHaveText(NONE);
});
