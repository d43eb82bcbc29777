import { INDEX_KEY, PLAN_PREFIX } from './pages/app';
import { expect, test } from './pages/fixtures';
import { formatKr, toKr } from './pages/money';
import { BudgetView } from './pages/views';

// Working as in Excel (issue 17): a formula in an amount cell, fill down, Räkna upp med %,
// a note on a line, and Ctrl+F that finds rows the windowed grid does not render.

const RENT = 'Lokalhyra';
const IT = 'IT, telefoni och licenser';

/** The plan's years as the grid's year columns show them. */
async function yearsOf(budget: BudgetView): Promise<number[]> {
  return (await budget.grid.table.locator('thead th').allTextContents())
    .map((t) => parseInt(t, 10))
    .filter((n) => !Number.isNaN(n));
}

test('a formula in an amount cell gives its value, is shown while editing, and a wrong one says where', async ({ app, page }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const [y1] = await yearsOf(budget);
  await budget.grid.type(`${RENT} ${y1}`, '=60000*1,02', 'Enter');
  await expect(budget.amount(RENT, y1)).toHaveValue(formatKr(61_200n));
  await budget.grid.select(`${RENT} ${y1}`);
  await page.keyboard.press('F2');
  await expect(budget.amount(RENT, y1)).toHaveValue('=60000*1,02');
  await page.keyboard.press('Escape');

  await budget.grid.type(`${RENT} ${y1}`, '=(450 000+12 tkr)/12*10x', 'Enter');
  await expect(budget.grid.error(`${RENT} ${y1}`)).toHaveText('formeln har ett fel vid tecken 24: "x" kan inte stå här');
  await expect(budget.amount(RENT, y1)).toHaveValue(formatKr(61_200n));
});

test('Ctrl+D and Ctrl+R fill the selection down and right as one undo step each; Räkna upp med % fills the later years', async ({ app, page }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const [y1, y2, y3] = await yearsOf(budget);
  const rent = await budget.amountKr(RENT, y1);
  const it = await budget.amountKr(IT, y1);
  expect(rent).not.toBe(it);
  await budget.grid.select(`${RENT} ${y1}`);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+d');
  await expect(budget.amount(IT, y1)).toHaveValue(formatKr(rent));
  await page.keyboard.press('Control+z');
  await expect(budget.amount(IT, y1)).toHaveValue(formatKr(it));
  // Ctrl+R fills the first column of the selection right, also one undo step.
  const it2 = await budget.amountKr(IT, y2);
  expect(it2).not.toBe(it);
  await budget.grid.select(`${IT} ${y1}`);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+r');
  await expect(budget.amount(IT, y2)).toHaveValue(formatKr(it));
  await page.keyboard.press('Control+z');
  await expect(budget.amount(IT, y2)).toHaveValue(formatKr(it2));

  await budget.grid.type(`${RENT} ${y1}`, '100 000', 'Enter');
  await budget.grid.select(`${RENT} ${y1}`);
  await budget.button('Räkna upp med %').click();
  await page.getByTestId('rakna-upp-procent').fill('2,5');
  await page.getByRole('button', { name: 'Fyll senare år' }).click();
  await expect(budget.amount(RENT, y2)).toHaveValue(formatKr(102_500n));
  // 105 062,5 → 105 063 (half-up to whole kronor).
  await expect(budget.amount(RENT, y3)).toHaveValue(formatKr(105_063n));
  await page.keyboard.press('Control+z');
  await expect(budget.amount(RENT, y2)).not.toHaveValue(formatKr(102_500n));
  expect(await budget.amountKr(RENT, y1)).toBe(100_000n);
  expect(toKr(formatKr(1n))).toBe(1n);
});

test('a note typed in the Notering column shows a marker on the line, also with the column hidden', async ({ app, page }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  // The column is off by default (every year fits beside the split panel); a note shows anyway.
  await page.getByTestId('visa-notering-kolumn').check();
  await budget.grid.type(`Notering ${RENT}`, 'Avtalet löper ut 2027', 'Enter');
  await expect(budget.grid.input(`Notering ${RENT}`)).toHaveValue('Avtalet löper ut 2027');
  const marker = budget.grid.table.getByRole('img', { name: 'Notering: Avtalet löper ut 2027' });
  await expect(marker).toBeVisible();
  await page.screenshot({ path: '/tmp/h4-note.png' });
  await page.getByTestId('visa-notering-kolumn').uncheck();
  await expect(budget.grid.input(`Notering ${RENT}`)).toHaveCount(0);
  await expect(marker).toBeVisible();
});

const FIRST_YEAR = 2026;
const lineName = (i: number) => `Post ${String(i).padStart(4, '0')}`;

/** A plan file with `lines` lines over two years (as app-grid-virtual.spec.ts writes it). */
function planFile(lines: number): string {
  const years = [FIRST_YEAR, FIRST_YEAR + 1];
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
    category: 'Kansli',
    amounts: Object.fromEntries(years.map((y) => [y, String(1_000 + i)])),
  }));
  const yearInputs = Object.fromEntries(
    years.map((y, j) => [y, { funding: j === 0 ? { typ: 'Total', värde: '900000000' } : { typ: 'PreviousPlusPercent', värde: '2' } }]),
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
      years,
      year_inputs: yearInputs,
      members,
      lines: planLines,
      opening_equity: '2000000',
      scenarios: [],
      next_id: id + 1,
    },
  });
}

test('Ctrl+F in the grid finds row 1 900 of a 2 000-line plan; Enter goes to the next match, Escape closes', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.seedStorage({
    [INDEX_KEY]: JSON.stringify({ plans: [{ id: 'p1', name: 'Test 2000 poster' }], current: 'p1', next: 2 }),
    [PLAN_PREFIX + 'p1']: planFile(2_000),
  });
  await app.open('#budget');
  const budget = new BudgetView(app);
  await expect(budget.amount(lineName(0), FIRST_YEAR)).toBeVisible({ timeout: 30_000 });
  // Not rendered before the search.
  await expect(budget.grid.input(`Post ${lineName(1_900)}`)).toHaveCount(0);
  await budget.grid.select(`Post ${lineName(0)}`);
  await page.keyboard.press('Control+f');
  const search = page.getByRole('searchbox', { name: 'Sök i tabellen' });
  await expect(search).toBeFocused();
  await search.fill('post 19');
  await page.keyboard.press('Enter');
  // Post 1900 … Post 1999 (Post 0019 reads "post 0019").
  const status = page.getByRole('search').getByRole('status');
  await expect(status).toHaveText('Träff 1 av 100');
  const found = budget.grid.input(`Post ${lineName(1_900)}`);
  await expect(found).toBeInViewport();
  await expect(search).toBeFocused();
  await page.screenshot({ path: '/tmp/h4-find.png' });
  // Enter goes on to the next match, Shift+Enter back.
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('Träff 2 av 100');
  await page.keyboard.press('Shift+Enter');
  await expect(status).toHaveText('Träff 1 av 100');
  await page.keyboard.press('Escape');
  await expect(found).toBeFocused();
  await expect(page.getByRole('search')).toHaveCount(0);
});

test('a column widened by keyboard and by dragging, a collapsed group and a hidden year are kept after reload', async ({ app, page }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const [, y2] = await yearsOf(budget);
  const konto = budget.grid.table.locator('thead th', { hasText: 'Konto' });
  const width = async () => Math.round((await konto.boundingBox())!.width);
  const before = await width();
  // A six-digit account fits in Konto by default (docs/app.md), and every year stays in view.
  await budget.grid.type(`Konto ${RENT}`, '512345', 'Enter');
  const account = budget.grid.input(`Konto ${RENT}`);
  await expect(account).toHaveValue('512345');
  expect(await account.evaluate((e) => (e as HTMLInputElement).scrollWidth <= (e as HTMLInputElement).clientWidth)).toBe(true);

  // Alt+Shift+→ in a cell of the column widens it by 10 px.
  await budget.grid.select(`Konto ${RENT}`);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect.poll(width).toBe(before + 50);
  await expect(page.getByText(`Kolumnen Konto är ${before + 50} px bred`)).toBeVisible();
  const handle = konto.locator('.col-resize');
  // Dragging 40 px further.
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(width).toBe(before + 90);

  await page.getByText('Grupper och år').click();
  await page.getByRole('group', { name: /^Visa grupperna/ }).getByRole('checkbox', { name: 'Kansli' }).uncheck();
  await expect(budget.grid.input(`Post ${RENT}`)).toHaveCount(0);
  await expect(budget.sum('Summa Kansli', y2)).toBeVisible();
  await page.getByRole('group', { name: 'Visa åren' }).getByRole('checkbox', { name: String(y2) }).uncheck();
  await expect(budget.grid.table.locator('thead th', { hasText: `${y2} (kr)` })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/h4-layout.png' });

  await app.reload();
  await app.goTo('Budget');
  await expect.poll(width).toBe(before + 90);
  await expect(budget.grid.input(`Post ${RENT}`)).toHaveCount(0);
  await expect(budget.grid.table.locator('thead th', { hasText: `${y2} (kr)` })).toHaveCount(0);
  // Shown again.
  await page.getByText('Grupper och år').click();
  await page.getByRole('group', { name: /^Visa grupperna/ }).getByRole('checkbox', { name: 'Kansli' }).check();
  await expect(budget.grid.input(`Post ${RENT}`)).toBeVisible();
});
