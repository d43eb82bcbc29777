import type { Locator } from '@playwright/test';

import type { AppPage, StoredPlanFile } from './pages/app';
import { storedAmount } from './pages/app';
import { expect, test } from './pages/fixtures';
import { exactText, expectExactText } from './pages/grid';
import { formatKr, toKr, typedKr } from './pages/money';
import { BudgetView, FinansieringView } from './pages/views';

// The grids and fields edit the active scenario (docs/scenarios.md, issue 5): with a scenario active,
// a budget amount or the medelstilldelning typed in Budget / Finansiering becomes that
// scenario's override; the base plan (Basplan) keeps its values, and the comparison in
// Scenarier shows exactly the change. Example plan (engine/src/example.rs): "Lokalhyra" is a
// Kansli line, ten municipalities share by population, medelstilldelning 2026 = 12 400 000 kr.

const YEAR = 2026;
const LINE = 'Lokalhyra';
const KANSLI = 'Summa Kansli';
const COSTS = 'Verksamhetens kostnader';
const DELTA = 40_000n;
const KOMMUN = 'Älvstad';

/** The toolbar's scenario select (the scenario every view shows and edits). */
function toolbarScenario(app: AppPage): Locator {
  return app.toolbar.getByRole('combobox', { name: 'Scenario', exact: true });
}

/** Creates a scenario in #scenarier; it becomes the active one. */
async function createScenario(app: AppPage, name: string): Promise<void> {
  await app.goTo('Scenarier');
  await app.page.getByLabel('Namn på nytt scenario').fill(name);
  await app.page.getByRole('button', { name: 'Skapa scenario', exact: true }).click();
  await expect(app.page.getByTestId('scenario-status')).toContainText(`${name} skapades`);
  await expect(app.page.getByLabel('Aktivt scenario').locator('option:checked')).toHaveText(name);
  await expect(toolbarScenario(app).locator('option:checked')).toHaveText(name);
}

/** Compares Basplan (A) with `name` (B) in #scenarier. */
async function compareWithBase(app: AppPage, name: string): Promise<void> {
  await app.goTo('Scenarier');
  await app.page.getByLabel('Scenario A').selectOption({ label: 'Basplan' });
  await app.page.getByLabel('Scenario B').selectOption({ label: name });
}

/** A whole-kronor figure shown in a cell. */
async function shownKr(locator: Locator): Promise<bigint> {
  return toKr(await exactText(locator));
}

/** The scenario `name` of a stored plan (the plan file JSON), with its overrides. */
function storedScenario(plan: StoredPlanFile, name: string) {
  const scenarios = (plan.plan as unknown as { scenarios?: Array<{ name: string; overrides?: Record<string, unknown> }> })
    .scenarios;
  return scenarios?.find((s) => s.name === name);
}

test.beforeEach(async ({ app }) => {
  await app.open('#scenarier');
  await app.selectYear(YEAR);
});

test('a budget amount typed in a scenario changes only that scenario', async ({ app }) => {
  const SCENARIO = 'Ny lokal';
  const page = app.page;
  await createScenario(app, SCENARIO);

  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await expect(page.getByTestId('scenario-not')).toContainText(SCENARIO);
  // Structure is shared by every scenario, and says so.
  await expect(budget.button('Lägg till post')).toHaveAttribute('title', /alla scenarier/);

  const base = await budget.amountKr(LINE, YEAR);
  const kansli = await budget.sumKr(KANSLI, YEAR);
  const costs = await budget.sumKr(COSTS, YEAR);

  await budget.grid.type(`${LINE} ${YEAR}`, typedKr(base + DELTA), 'Enter');
  await expect(budget.amount(LINE, YEAR)).toHaveValue(formatKr(base + DELTA));
  await expectExactText(budget.sum(KANSLI, YEAR), formatKr(kansli + DELTA), KANSLI);
  await expectExactText(budget.sum(COSTS, YEAR), formatKr(costs + DELTA), COSTS);

  // Stored: the scenario holds the amount as its override; the base plan keeps its own.
  await expect
    .poll(async () => JSON.stringify(storedScenario(await app.storedPlan(), SCENARIO)?.overrides ?? {}))
    .toContain(String(base + DELTA));
  expect(storedAmount(await app.storedPlan(), LINE, YEAR)).toBe(String(base));

  // Back to Basplan (toolbar): the old value and sums, no scenario note, no marks.
  await toolbarScenario(app).selectOption({ label: 'Basplan' });
  await expect(budget.amount(LINE, YEAR)).toHaveValue(formatKr(base));
  await expectExactText(budget.sum(KANSLI, YEAR), formatKr(kansli), KANSLI);
  await expectExactText(budget.sum(COSTS, YEAR), formatKr(costs), COSTS);
  await expect(page.getByTestId('scenario-not')).toHaveCount(0);
  await expect(budget.button('Lägg till post')).not.toHaveAttribute('title', /./);

  // The comparison shows the line's difference = the change, and the costs moved as much.
  await compareWithBase(app, SCENARIO);
  await expectExactText(page.getByTestId('skillnad-post-lokalhyra'), `+${formatKr(DELTA)}`);
  await expectExactText(page.getByTestId('skillnad-kostnader'), `+${formatKr(DELTA)}`);
  await expectExactText(page.getByTestId('skillnad-medelstilldelning'), '0');

  // The scenario again: its value is back.
  await toolbarScenario(app).selectOption({ label: SCENARIO });
  await app.goTo('Budget');
  await expect(budget.amount(LINE, YEAR)).toHaveValue(formatKr(base + DELTA));
});

test('medelstilldelning and key values typed in a scenario change only that scenario', async ({ app }) => {
  const SCENARIO = 'Lägre anslag';
  const page = app.page;
  await createScenario(app, SCENARIO);

  await app.goTo('Finansiering');
  const fin = new FinansieringView(app);
  await expect(page.getByTestId('scenario-not')).toContainText(SCENARIO);
  const total = await fin.totalKr();
  const amount = await shownKr(fin.amount(KOMMUN));
  const population = fin.population(KOMMUN);
  const inhabitants = await population.inputValue();

  // Medelstilldelning −1 000 000 kr in the scenario: the municipality pays less there.
  await fin.setTotal(typedKr(total - 1_000_000n));
  await expect.poll(() => fin.totalKr()).toBe(total - 1_000_000n);
  await expect.poll(() => shownKr(fin.amount(KOMMUN))).toBeLessThan(amount);
  const lowered = await shownKr(fin.amount(KOMMUN));
  await expect(page.getByText(`Scenariot ${SCENARIO} har en egen medelstilldelning för ${YEAR}.`)).toBeVisible();

  // A key value typed in the scenario is the scenario's too.
  await fin.kommuner.type(`Invånare ${KOMMUN}`, '120 000', 'Enter');
  await expect(population).toHaveValue(formatKr(120_000n));
  await expect.poll(() => shownKr(fin.amount(KOMMUN))).toBeGreaterThan(lowered);

  // Basplan: the old total, amount and population.
  await toolbarScenario(app).selectOption({ label: 'Basplan' });
  await expect.poll(() => fin.totalKr()).toBe(total);
  await expect.poll(() => shownKr(fin.amount(KOMMUN))).toBe(amount);
  await expect(population).toHaveValue(inhabitants);

  // The comparison: medelstilldelning −1 000 000, Älvstad pays a different amount.
  await compareWithBase(app, SCENARIO);
  await expectExactText(page.getByTestId('skillnad-medelstilldelning'), `\u2212${formatKr(1_000_000n)}`);
  await expect(page.getByTestId('skillnad-medlem-älvstad')).not.toHaveText('0');
  await expect(page.getByTestId('skillnad-post-lokalhyra')).toHaveText('0');

  // Undo (Ctrl+Z) works on scenario edits too: the key value goes back in the scenario.
  await toolbarScenario(app).selectOption({ label: SCENARIO });
  await app.goTo('Finansiering');
  await app.undoButton.click();
  await expect(population).toHaveValue(inhabitants);
  await expect.poll(() => fin.totalKr()).toBe(total - 1_000_000n);
});
