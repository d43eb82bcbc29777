import { fileURLToPath } from 'node:url';

import { expect, test } from './pages/fixtures';
import { exactText } from './pages/grid';
import { formatKr, toKr } from './pages/money';
import { EgetKapitalView } from './pages/views';

// Equity on the right basis (docs/equity.md), with the shipped Västmanland 2024 example:
// 427 565 + 3 519 143 + 81 778 = 4 028 486 kr, 21,16 % of 19 038 000, over the 20 % ceiling.
// The year's result is the typed one; without it, the closed year (every budgeted line has
// its final outcome) rolls on the outcome result +81 778, never on the budget's −1 945 000.

const VM2024 = fileURLToPath(new URL('../../examples/vm2024.samplan.json', import.meta.url));

test('a closed year rolls equity on its outcome, and the view says which result it uses', async ({ app }) => {
  await app.open('#eget-kapital');
  await app.openFile(VM2024);
  await expect(app.planName).toHaveText('Samordningsförbundet Västmanland');
  await app.goTo('Eget kapital');
  const ek = new EgetKapitalView(app);
  const basis = ek.grid.table.getByTestId('ek-resultatbas-2024');

  await expect(basis).toHaveText('Angivet');
  await expect(ek.closing(2024)).toHaveText(formatKr(4_028_486n));
  await expect(ek.ratio(2024)).toHaveText('21,2\u00a0%');

  // Clear the typed result: the outcome result of the closed year is used.
  await ek.grid.select('Faktiskt resultat 2024');
  await app.page.keyboard.press('Delete');
  await expect(basis).toHaveText('Utfall');
  await expect(ek.closing(2024)).toHaveText(formatKr(4_028_486n));
  await expect(app.panel.getByTestId('ek-flagga-2024')).toHaveText('Över taket');
  // The budgeted result is still the board's −1 945 000 (the decided total as revenue).
  expect(toKr(await exactText(ek.result(2024)))).toBe(-1_945_000n);

  // "Bokslut klart" is already implied; ticking and unticking it keeps the outcome basis.
  const closed = app.panel.getByTestId('bokslut-klart-2024');
  await closed.check();
  await expect(basis).toHaveText('Utfall');
  await closed.uncheck();
  await expect(basis).toHaveText('Utfall');

  // Next year's funding as the base: the last year's ratio is an assumption.
  await app.panel.getByRole('radio', { name: 'Nästa års medelstilldelning' }).check();
  await expect(ek.ratio(2024)).toHaveText('21,2\u00a0% (antagande)');
  const expected = app.panel.getByLabel('Förväntad medelstilldelning 2025 (kr, tomt = oförändrad)');
  await expected.fill('25 000 000');
  await expected.press('Tab');
  await expect(ek.ratio(2024)).toHaveText('16,1\u00a0% (antagande)');
});
