import { type Locator } from '@playwright/test';

import { AppPage } from './pages/app';
import { expect, test } from './pages/fixtures';
import { exactText } from './pages/grid';
import { formatKr, toKr } from './pages/money';
import { FinansieringView } from './pages/views';

// Keys per year (docs/allocation.md): the key between the municipalities is chosen for the
// selected year "och framåt". The example plan uses Invånare; here 2026 switches to Lika delar,
// so 2025 keeps the population split and 2026 and later split the municipal part equally.
// Expected amounts are computed here with BigInt integer arithmetic, never floats.

/** round_half_up(num / den) for num >= 0, den > 0. */
function divRoundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

function keySelect(app: AppPage): Locator {
  return app.panel.getByRole('combobox', { name: /^Fördelningsnyckel mellan kommunerna/ });
}

async function partyKr(view: FinansieringView, party: string): Promise<bigint> {
  return toKr(await exactText(view.party(party)));
}

async function expectAmounts(view: FinansieringView, names: string[], expected: bigint[], year: number): Promise<void> {
  for (const [i, name] of names.entries()) {
    await expect(view.amount(name), `${name} ${year}`).toHaveText(formatKr(expected[i]));
  }
}

test('a different key for two years gives each year its own member amounts', async ({ app }) => {
  await app.open('#finansiering');
  await app.expectTab('Finansiering');
  const view = new FinansieringView(app);
  const years = (await app.yearSelect.locator('option').allTextContents()).map((t) => Number(t.trim()));
  expect(years.length).toBeGreaterThanOrEqual(3);
  const [first, second, third] = years;

  // The first year: Invånare, for every year from the first on.
  await app.selectYear(first);
  await expect(keySelect(app)).toHaveValue('invanare');
  await expect(app.panel.getByTestId('nyckel-giltighet')).toHaveText(`gäller ${first} och framåt`);
  const names = await view.municipalities();
  expect(names.length).toBeGreaterThan(2);
  const pops = await Promise.all(names.map(async (n) => toKr(await view.population(n).inputValue())));
  const popTotal = pops.reduce((a, b) => a + b, 0n);

  // The second year switches to Lika delar "från och med" that year.
  await app.selectYear(second);
  await expect(app.panel.getByTestId('nyckel-giltighet')).toHaveText(`gäller ${second} och framåt`);
  await keySelect(app).selectOption('lika');
  await expect(keySelect(app)).toHaveValue('lika');
  await expect(app.panel.getByRole('grid', { name: /^Kommuner / })).toHaveAccessibleName(
    `Kommuner ${second} – nyckel: Lika delar`,
  );
  const k2 = await partyKr(view, 'Kommuner');
  const n = BigInt(names.length);
  await expectAmounts(view, names, names.map(() => divRoundHalfUp(k2, n)), second);

  // The first year still splits by population.
  await app.selectYear(first);
  await expect(keySelect(app)).toHaveValue('invanare');
  const k1 = await partyKr(view, 'Kommuner');
  await expectAmounts(view, names, pops.map((p) => divRoundHalfUp(k1 * p, popTotal)), first);

  // The key is in force from the second year on: the third year is also Lika delar.
  await app.selectYear(third);
  await expect(keySelect(app)).toHaveValue('lika');
  const k3 = await partyKr(view, 'Kommuner');
  await expectAmounts(view, names, names.map(() => divRoundHalfUp(k3, n)), third);

  // The keys per year survive a reload (saved with the plan).
  await app.reload();
  await app.goTo('Finansiering');
  await app.selectYear(second);
  await expect(keySelect(app)).toHaveValue('lika');
  await expectAmounts(view, names, names.map(() => divRoundHalfUp(k2, n)), second);
  await app.selectYear(first);
  await expect(keySelect(app)).toHaveValue('invanare');
  await expectAmounts(view, names, pops.map((p) => divRoundHalfUp(k1 * p, popTotal)), first);
});
