import { expect, test } from './pages/fixtures';
import { INDEX_KEY, PLAN_PREFIX } from './pages/app';
import { expectExactText } from './pages/grid';
import { formatKr } from './pages/money';
import { BudgetView } from './pages/views';

// The budget grid on big plans (docs/app.md): only the rows in view plus a margin are in the
// DOM, while the keyboard, paste, print and the sums reach every row; and the grid stops only
// where typing counts (sum rows are skipped, typing on one says why), with Kategori as a list.

const FIRST_YEAR = 2026;
const COSTS = ['Individinsatser', 'Strukturpaverkande', 'Processtod', 'Styrelse', 'Kansli'];

/** Name of line i: "Post 0001". */
const lineName = (i: number) => `Post ${String(i).padStart(4, '0')}`;

/** The amount of line i in year index j, in kr. */
const amountOf = (i: number, j: number) => 1_000 * (1 + ((i * 7 + j * 13) % 500));

/** Category of line i: every 40th line is an income line, the others cycle over the costs. */
const categoryOf = (i: number) => (i % 40 === 39 ? 'OvrigaIntakter' : COSTS[i % COSTS.length]);

/** A plan file (engine/src/plan_file.rs, version 2) with `lines` lines over `years` years. */
function planFile(lines: number, years: number): string {
  const yearList = Array.from({ length: years }, (_, i) => FIRST_YEAR + i);
  let id = 0;
  const members = [
    { id: ++id, name: 'Staten', kind: 'Stat', values: {} },
    { id: ++id, name: 'Region Testlän', kind: 'Region', values: {} },
    { id: ++id, name: 'Älvstad', kind: 'Kommun', values: { [FIRST_YEAR]: { population: 10_000 } } },
  ];
  const planLines = Array.from({ length: lines }, (_, i) => ({
    id: ++id,
    account: String(10_000 + i),
    name: lineName(i),
    category: categoryOf(i),
    amounts: Object.fromEntries(yearList.map((y, j) => [y, String(amountOf(i, j))])),
  }));
  const yearInputs = Object.fromEntries(
    yearList.map((y, j) => [y, { funding: j === 0 ? { typ: 'Total', värde: '900000000' } : { typ: 'PreviousPlusPercent', värde: '2' } }]),
  );
  return JSON.stringify({
    format: 'samplan-plan',
    version: 2,
    plan: {
      settings: {
        name: `Test ${lines} poster`,
        shares: { staten: '50', region: '25', kommuner: '25' },
        unit: 1,
        rounding: 'each',
        kommun_key: { Mix: [{ method: 'Population', weight: '100' }] },
        region_key: { Mix: [{ method: 'Population', weight: '100' }] },
        equity_ceiling_percent: '20',
        equity_base: 'SameYear',
        percent_rounding: 'LargestRemainder',
      },
      years: yearList,
      year_inputs: yearInputs,
      members,
      lines: planLines,
      opening_equity: '2000000',
      scenarios: [],
      next_id: id + 1,
    },
  });
}

/** Opens the Budget tab on a generated plan of `lines` lines × `years` years. */
async function openPlan(app: import('./pages/app').AppPage, lines: number, years: number): Promise<BudgetView> {
  await app.seedStorage({
    [INDEX_KEY]: JSON.stringify({ plans: [{ id: 'p1', name: `Test ${lines} poster` }], current: 'p1', next: 2 }),
    [PLAN_PREFIX + 'p1']: planFile(lines, years),
  });
  await app.open('#budget');
  const budget = new BudgetView(app);
  await expect(budget.amount(lineName(0), FIRST_YEAR)).toBeVisible({ timeout: 30_000 });
  return budget;
}

/** The data rows in the DOM (not the header or the spacers). */
const renderedRows = (budget: BudgetView) => budget.grid.table.locator('tbody tr[aria-rowindex]');

test('a 2 000-line plan renders a window of rows; Ctrl+End reaches, edits and sums the last line', async ({ app }) => {
  test.setTimeout(120_000);
  const years = 3;
  const budget = await openPlan(app, 2_000, years);
  const rowCount = Number(await budget.grid.table.getAttribute('aria-rowcount'));
  expect(rowCount).toBeGreaterThan(2_000);
  expect(await renderedRows(budget).count()).toBeLessThanOrEqual(100);

  const lastYear = FIRST_YEAR + years - 1;
  await budget.grid.select(`${lineName(0)} ${FIRST_YEAR}`);
  await app.page.keyboard.press('Control+End');
  // The last line (an income line) in the last column, Kommun (docs/budget.md): the sum rows
  // after it are skipped. One step left is the last year.
  await expect(budget.grid.input(`Kommun ${lineName(1_999)}`)).toBeFocused();
  await app.page.keyboard.press('ArrowLeft');
  const last = budget.amount(lineName(1_999), lastYear);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  expect(await renderedRows(budget).count()).toBeLessThanOrEqual(100);
  await expect(budget.grid.table.locator(`tr[aria-rowindex="${rowCount}"]`)).toHaveCount(1);

  const income = Array.from({ length: 2_000 }, (_, i) => i).filter((i) => categoryOf(i) === 'OvrigaIntakter');
  const sum = income.reduce((a, i) => a + BigInt(amountOf(i, years - 1)), 0n);
  const label = 'Summa Övriga intäkter';
  await expectExactText(budget.sum(label, lastYear), formatKr(sum));
  await app.page.keyboard.type('5000');
  await app.page.keyboard.press('Enter');
  await expect(last).toHaveValue(formatKr(5_000n));
  await expectExactText(budget.sum(label, lastYear), formatKr(sum - BigInt(amountOf(1_999, years - 1)) + 5_000n));

  // Ctrl+Home goes back to the first line, which is rendered again.
  await app.page.keyboard.press('Control+Home');
  await expect(budget.grid.input(`Post ${lineName(0)}`)).toBeFocused();
});

test('a pasted TSV block reaches rows beyond the rendered window (one undo step)', async ({ app }) => {
  test.setTimeout(120_000);
  const budget = await openPlan(app, 1_000, 2);
  await budget.grid.select(`${lineName(0)} ${FIRST_YEAR}`);
  // 150 rows: the Individinsatser lines 0, 5, 10, … 745 (the group has 200 lines).
  const values = Array.from({ length: 150 }, (_, k) => String(k + 1));
  await budget.grid.pasteEvent(values.join('\r\n') + '\r\n');
  expect(await renderedRows(budget).count()).toBeLessThanOrEqual(100);

  const stored = async (i: number) => {
    const plan = await app.storedPlan();
    return plan.plan.lines.find((l) => l.name === lineName(i))?.amounts[String(FIRST_YEAR)];
  };
  await expect.poll(() => stored(745)).toBe('150');
  expect(await stored(0)).toBe('1');
  expect(await stored(5 * 99)).toBe('100');
  // The line after the block keeps its amount.
  expect(await stored(750)).toBe(String(amountOf(750, 0)));

  // The last pasted row is reached by the keyboard (it is rendered when selected).
  await budget.grid.select(`${lineName(0)} ${FIRST_YEAR}`);
  for (let k = 0; k < 149; k++) await app.page.keyboard.press('ArrowDown');
  await expect(budget.amount(lineName(745), FIRST_YEAR)).toBeFocused();
  await expect(budget.amount(lineName(745), FIRST_YEAR)).toHaveValue('150');

  await app.page.keyboard.press('Control+z');
  await expect.poll(() => stored(745)).toBe(String(amountOf(745, 0)));
  expect(await stored(0)).toBe(String(amountOf(0, 0)));
});

test('printing renders every row of a big plan', async ({ app }) => {
  test.setTimeout(120_000);
  const budget = await openPlan(app, 300, 2);
  const rowCount = Number(await budget.grid.table.getAttribute('aria-rowcount'));
  expect(rowCount).toBeGreaterThan(300);
  expect(await renderedRows(budget).count()).toBeLessThanOrEqual(100);

  await app.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await app.page.emulateMedia({ media: 'print' });
  await expect(renderedRows(budget)).toHaveCount(rowCount - 1);
  await expect(budget.sum('Årets resultat', FIRST_YEAR)).toHaveCount(1);

  await app.page.emulateMedia({ media: 'screen' });
  await app.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(() => renderedRows(budget).count()).toBeLessThanOrEqual(100);
});

test('Enter and the arrows skip sum rows; typing on a sum says why; Kategori is a list', async ({ app }) => {
  // Groups of two lines: Individinsatser (0, 5), Strukturpåverkande (1, 6), Processtöd (2, 7) …
  const budget = await openPlan(app, 10, 2);
  const page = app.page;

  await budget.grid.type(`${lineName(5)} ${FIRST_YEAR}`, '7', 'Enter');
  // Past "Summa Individinsatser" and the next heading to the next line.
  await expect(budget.amount(lineName(1), FIRST_YEAR)).toBeFocused();
  await expect(budget.amount(lineName(5), FIRST_YEAR)).toHaveValue('7');
  await page.keyboard.press('ArrowUp');
  await expect(budget.amount(lineName(5), FIRST_YEAR)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(budget.amount(lineName(1), FIRST_YEAR)).toBeFocused();
  await page.keyboard.type('8');
  await page.keyboard.press('ArrowUp');
  await expect(budget.amount(lineName(5), FIRST_YEAR)).toBeFocused();
  await expect(budget.amount(lineName(1), FIRST_YEAR)).toHaveValue('8');

  // Typing on a sum does nothing, and the status says why.
  const sum = budget.sum('Summa Individinsatser', FIRST_YEAR);
  const before = (await sum.textContent()) ?? '';
  await sum.click();
  await page.keyboard.type('123');
  await expect(page.getByRole('status').filter({ hasText: 'Summeringsrader räknas fram och kan inte ändras' })).toBeVisible();
  await expect(sum).toHaveText(before);

  // Kategori offers every category of the engine.
  const category = budget.grid.table.getByRole('combobox', { name: `Kategori ${lineName(0)}`, exact: true });
  await category.click();
  const list = await category.getAttribute('list');
  expect(list).toBeTruthy();
  const options = await page.locator(`datalist[id="${list}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual([
    'Individinsatser',
    'Strukturpåverkande insatser',
    'Processtöd samverkansinsatser',
    'Styrelse',
    'Kansli',
    'Övriga intäkter',
    'Finansiella intäkter',
    'Finansiella kostnader',
  ]);
  await page.keyboard.type('Kansli');
  await page.keyboard.press('Enter');
  await expect(category).toHaveValue('Kansli');
});
