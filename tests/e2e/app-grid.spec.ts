import type { TabName } from './pages/app';
import { expect, test } from './pages/fixtures';
import { expectExactText } from './pages/grid';
import { formatKr, formatOre, formatTkr, plainOre, toOre } from './pages/money';
import { BudgetView } from './pages/views';

// The budget grid as a spreadsheet (docs/app.md) on the example plan a new user sees at first
// start: typing Swedish numbers, keyboard navigation, refused input, paste from Excel, copy,
// undo/redo, and the tabs (by mouse, keyboard and URL fragment).
//
// Lines of the example plan (engine/src/example.rs) used here, all in the Kansli group, in
// this order: "Ekonomi- och lönetjänster", "Lokalhyra", "IT, telefoni och licenser", …
// Expectations are computed from the values on screen, in öre with BigInt.

const YEAR = 2026; // the example plan's budget year ("next year")
const RENT = 'Lokalhyra';
const IT = 'IT, telefoni och licenser';
const ABOVE = 'Ekonomi- och lönetjänster';
const KANSLI = 'Summa Kansli';
const COSTS = 'Verksamhetens kostnader';
const RESULT = 'Årets resultat';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ app }) => {
  await app.open('#budget');
  await app.expectTab('Budget');
});

/** Subtotal, operating costs and result of one year, in kr. */
async function totals(budget: BudgetView, year: number) {
  return {
    kansli: await budget.sumKr(KANSLI, year),
    costs: await budget.sumKr(COSTS, year),
    result: await budget.sumKr(RESULT, year),
  };
}

/** Expects subtotal, costs and result to have moved by `deltaOre` (costs up, result down). */
async function expectMoved(budget: BudgetView, year: number, before: Awaited<ReturnType<typeof totals>>, deltaOre: bigint) {
  await expectExactText(budget.sum(KANSLI, year), formatOre(before.kansli * 100n + deltaOre), `${KANSLI} ${year}`);
  await expectExactText(budget.sum(COSTS, year), formatOre(before.costs * 100n + deltaOre), `${COSTS} ${year}`);
  await expectExactText(budget.sum(RESULT, year), formatOre(before.result * 100n - deltaOre), `${RESULT} ${year}`);
}

test('typing a Swedish number: Enter commits, moves down and updates subtotal and result', async ({ app }) => {
  const budget = new BudgetView(app);
  const old = await budget.amountKr(RENT, YEAR);
  const before = await totals(budget, YEAR);

  await budget.grid.type(`${RENT} ${YEAR}`, '1 234,50', 'Enter');

  // Enter moved the selection one row down, same column.
  await expect(budget.amount(IT, YEAR)).toBeFocused();
  // Shown in whole kronor (half-up), kept exactly: F2 on the cell shows the exact value.
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatOre(123_450n));
  await expectMoved(budget, YEAR, before, 123_450n - old * 100n);

  await app.page.keyboard.press('ArrowUp');
  await expect(budget.amount(RENT, YEAR)).toBeFocused();
  await app.page.keyboard.press('F2');
  await expect(budget.amount(RENT, YEAR)).toHaveValue('1\u00a0234,5');
  await app.page.keyboard.press('Escape');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatOre(123_450n));
});

test('"12 tkr" means 12 000 kr; Tab commits and moves right, Shift+Tab left', async ({ app }) => {
  const budget = new BudgetView(app);
  const old = await budget.amountKr(RENT, YEAR);
  const before = await totals(budget, YEAR);

  await budget.grid.type(`${RENT} ${YEAR}`, '12 tkr', 'Tab');
  await expect(budget.amount(RENT, YEAR + 1)).toBeFocused();
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(12_000n));
  await expectMoved(budget, YEAR, before, (12_000n - old) * 100n);

  await app.page.keyboard.press('Shift+Tab');
  await expect(budget.amount(RENT, YEAR)).toBeFocused();
});

test('arrow keys move the selection; typing then an arrow commits and moves', async ({ app }) => {
  const budget = new BudgetView(app);
  await budget.grid.select(`${RENT} ${YEAR}`);

  await app.page.keyboard.press('ArrowDown');
  await expect(budget.amount(IT, YEAR)).toBeFocused();
  await app.page.keyboard.press('ArrowUp');
  await app.page.keyboard.press('ArrowUp');
  await expect(budget.amount(ABOVE, YEAR)).toBeFocused();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowRight');
  await expect(budget.amount(RENT, YEAR + 1)).toBeFocused();
  await app.page.keyboard.press('ArrowLeft');
  await expect(budget.amount(RENT, YEAR)).toBeFocused();

  // Typing starts an edit; an arrow key commits it and moves (like Excel).
  await app.page.keyboard.type('5 000');
  await app.page.keyboard.press('ArrowRight');
  await expect(budget.amount(RENT, YEAR + 1)).toBeFocused();
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(5_000n));
});

test('Esc cancels the edit and keeps the old value', async ({ app }) => {
  const budget = new BudgetView(app);
  const oldText = await budget.amount(RENT, YEAR).inputValue();
  const before = await totals(budget, YEAR);

  await budget.grid.type(`${RENT} ${YEAR}`, '999 999', 'Escape');

  await expect(budget.amount(RENT, YEAR)).toBeFocused();
  await expect(budget.amount(RENT, YEAR)).toHaveValue(oldText);
  await expectMoved(budget, YEAR, before, 0n);
  await expect(app.undoButton).toBeDisabled();
});

test('Delete clears the selected cell and the subtotal drops by its amount', async ({ app }) => {
  const budget = new BudgetView(app);
  const old = await budget.amountKr(RENT, YEAR);
  const before = await totals(budget, YEAR);

  await budget.grid.select(`${RENT} ${YEAR}`);
  await app.page.keyboard.press('Delete');

  await expect(budget.amount(RENT, YEAR)).toHaveValue('');
  await expectMoved(budget, YEAR, before, -old * 100n);
});

test('invalid input keeps the old value and shows the reason next to the cell', async ({ app }) => {
  const budget = new BudgetView(app);
  const label = `${RENT} ${YEAR}`;
  const oldText = await budget.amount(RENT, YEAR).inputValue();
  const before = await totals(budget, YEAR);

  await budget.grid.type(label, '12a', 'Enter');

  await expect(budget.grid.error(label)).toHaveText('"12a" är inget tal');
  await expect(budget.amount(RENT, YEAR)).toHaveAttribute('aria-invalid', 'true');
  await expect(budget.amount(RENT, YEAR)).toHaveAccessibleDescription('"12a" är inget tal');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(oldText);
  await expect(budget.amount(RENT, YEAR)).toBeFocused(); // the selection stays on the cell
  await expectMoved(budget, YEAR, before, 0n);

  // "1.234" is ambiguous (thousands or decimals?) and refused with a hint.
  await budget.grid.type(label, '1.234', 'Enter');
  await expect(budget.grid.error(label)).toContainText('"1.234" är tvetydigt');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(oldText);

  // A good value clears the message.
  await budget.grid.type(label, '120 000', 'Enter');
  await expect(budget.grid.error(label)).toHaveCount(0);
  await expect(budget.amount(RENT, YEAR)).toHaveAttribute('aria-invalid', 'false');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(120_000n));
});

test('in tkr a typed number means thousands and headers name the unit', async ({ app }) => {
  const budget = new BudgetView(app);
  const before = await totals(budget, YEAR);
  const old = await budget.amountKr(RENT, YEAR);

  await app.unitButton('tkr').click();
  await expect(app.unitButton('tkr')).toHaveAttribute('aria-pressed', 'true');
  await expect(budget.grid.table.getByRole('columnheader', { name: `${YEAR} (tkr)`, exact: true })).toBeVisible();
  await expectExactText(budget.sum(KANSLI, YEAR), formatTkr(before.kansli * 100n));

  await budget.grid.type(`${RENT} ${YEAR}`, '1 234,5', 'Enter');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatTkr(123_450_000n));

  await app.unitButton('kr').click();
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(1_234_500n));
  await expectMoved(budget, YEAR, before, (1_234_500n - old) * 100n);
});

test('pasting a block from Excel fills the cells as one undo step; Ctrl+Y and Ctrl+Shift+Z redo', async ({ app }) => {
  const budget = new BudgetView(app);
  const page = app.page;
  const years = [YEAR - 1, YEAR, YEAR + 1];
  const cells = [RENT, IT].flatMap((line) => years.map((y) => ({ line, y })));
  const oldTexts = await Promise.all(cells.map((c) => budget.amount(c.line, c.y).inputValue()));
  const oldTotals = await Promise.all(years.map((y) => totals(budget, y)));

  // What Excel puts on the clipboard: tab-separated, CRLF, cells with quotes, grouped numbers
  // (ordinary and non-breaking spaces), decimal comma, a tkr suffix and a minus sign.
  const tsv = '"1 234,50"\t12 tkr\t"98\u00a0765"\r\n2 000\t"-500"\t"3 000"\r\n';
  const pasted = [123_450n, 1_200_000n, 9_876_500n, 200_000n, -50_000n, 300_000n];

  await budget.grid.select(`${RENT} ${YEAR - 1}`);
  await page.evaluate((text) => navigator.clipboard.writeText(text), tsv);
  await page.keyboard.press('Control+V');

  for (const [i, c] of cells.entries()) {
    await expect(budget.amount(c.line, c.y), `${c.line} ${c.y}`).toHaveValue(formatOre(pasted[i]));
  }
  for (const [j, y] of years.entries()) {
    const oldRent = toOre(oldTexts[j]);
    const oldIt = toOre(oldTexts[3 + j]);
    await expectMoved(budget, y, oldTotals[j], pasted[j] - oldRent + pasted[3 + j] - oldIt);
  }

  // One Ctrl+Z undoes the whole paste.
  await page.keyboard.press('Control+Z');
  for (const [i, c] of cells.entries()) {
    await expect(budget.amount(c.line, c.y), `undone ${c.line} ${c.y}`).toHaveValue(oldTexts[i]);
  }
  for (const [j, y] of years.entries()) await expectMoved(budget, y, oldTotals[j], 0n);
  await expect(app.undoButton).toBeDisabled();

  await page.keyboard.press('Control+Y');
  for (const [i, c] of cells.entries()) {
    await expect(budget.amount(c.line, c.y), `redone ${c.line} ${c.y}`).toHaveValue(formatOre(pasted[i]));
  }
  await page.keyboard.press('Control+Z');
  await expect(budget.amount(RENT, YEAR - 1)).toHaveValue(oldTexts[0]);
  await page.keyboard.press('Control+Shift+Z');
  for (const [i, c] of cells.entries()) {
    await expect(budget.amount(c.line, c.y), `redone again ${c.line} ${c.y}`).toHaveValue(formatOre(pasted[i]));
  }
});

test('a paste event with quoted text cells (doubled quotes, a tab inside) is read like Excel writes it', async ({ app }) => {
  const budget = new BudgetView(app);
  const postLabel = `Post ${RENT}`;
  await budget.grid.select(postLabel);

  // Post and Konto of one line: a quoted name with doubled quotes and a tab inside.
  await budget.grid.pasteEvent('"Lokal ""A""\thyra"\t"5041"\r\n');

  const post = budget.grid.table.getByRole('textbox', { name: /^Post Lokal "A"\s+hyra$/ });
  const account = budget.grid.table.getByRole('textbox', { name: /^Konto Lokal "A"\s+hyra$/ });
  await expect(post).toHaveValue('Lokal "A"\thyra');
  await expect(account).toHaveValue('5041');
  await expect(budget.grid.input(postLabel)).toHaveCount(0);

  // One undo step for both cells.
  await app.page.keyboard.press('Control+Z');
  await expect(budget.grid.input(postLabel)).toHaveValue(RENT);
  await expect(budget.grid.input(`Konto ${RENT}`)).toHaveValue('5040');
  await expect(app.undoButton).toBeDisabled();
});

test('Ctrl+C copies the selected block as TSV with decimal comma and no grouping', async ({ app }) => {
  const budget = new BudgetView(app);
  const page = app.page;
  await budget.grid.type(`${RENT} ${YEAR}`, '1 234,50', 'Enter');

  await budget.grid.select(`${RENT} ${YEAR - 1}`);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+C');

  const expected = [
    [toOre(await budget.amount(RENT, YEAR - 1).inputValue()), 123_450n],
    [toOre(await budget.amount(IT, YEAR - 1).inputValue()), toOre(await budget.amount(IT, YEAR).inputValue())],
  ]
    .map((row) => row.map(plainOre).join('\t') + '\r\n')
    .join('');
  expect(expected).toContain('\t1234,5\r\n');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
});

test('undo and redo walk through several edits, from the keyboard and the toolbar', async ({ app }) => {
  const budget = new BudgetView(app);
  const page = app.page;
  const a = budget.amount(RENT, YEAR);
  const b = budget.amount(IT, YEAR);
  const c = budget.amount(RENT, YEAR + 1);
  const [a0, b0, c0] = [await a.inputValue(), await b.inputValue(), await c.inputValue()];
  const before = await totals(budget, YEAR);
  await expect(app.undoButton).toBeDisabled();
  await expect(app.redoButton).toBeDisabled();

  await budget.grid.type(`${RENT} ${YEAR}`, '1', 'Enter');
  await budget.grid.type(`${IT} ${YEAR}`, '2', 'Enter');
  await budget.grid.type(`${RENT} ${YEAR + 1}`, '3', 'Enter');
  await expect(a).toHaveValue('1');
  await expect(b).toHaveValue('2');
  await expect(c).toHaveValue('3');
  await expect(app.undoButton).toBeEnabled();

  await page.keyboard.press('Control+Z');
  await expect(c).toHaveValue(c0);
  await expect(b).toHaveValue('2');
  await page.keyboard.press('Control+Z');
  await expect(b).toHaveValue(b0);
  await expect(a).toHaveValue('1');
  await app.undoButton.click();
  await expect(a).toHaveValue(a0);
  await expect(app.undoButton).toBeDisabled();
  await expectMoved(budget, YEAR, before, 0n);

  await app.redoButton.click();
  await expect(a).toHaveValue('1');
  await page.keyboard.press('Control+Y');
  await expect(b).toHaveValue('2');
  await page.keyboard.press('Control+Shift+Z');
  await expect(c).toHaveValue('3');
  await expect(app.redoButton).toBeDisabled();
  await expectMoved(budget, YEAR, before, (1n + 2n) * 100n - toOre(a0) - toOre(b0));

  // A new edit after undo drops the redo branch.
  await page.keyboard.press('Control+Z');
  await expect(app.redoButton).toBeEnabled();
  await budget.grid.type(`${IT} ${YEAR}`, '7', 'Enter');
  await expect(app.redoButton).toBeDisabled();
  await expect(c).toHaveValue(c0);
});

test('tabs: by click, by arrow keys with Home/End, and by URL fragment', async ({ app }) => {
  const page = app.page;
  await expect(page).toHaveURL(/#budget$/);
  await expect(new BudgetView(app).grid.table).toBeVisible();
  const names = (await app.tabs.getByRole('tab').allTextContents()).map((t) => t.trim()) as TabName[];
  expect(names.slice(0, 5)).toEqual(['Översikt', 'Finansiering', 'Budget', 'Uppföljning', 'Eget kapital']);
  const [first, last] = [names[0], names[names.length - 1]];

  await app.goTo('Finansiering');
  await expect(page).toHaveURL(/#finansiering$/);
  await expect(page.getByLabel('Medelstilldelning (kr)', { exact: true })).toBeVisible();

  // Keyboard: the selected tab has focus, arrows move and activate.
  await app.tab('Finansiering').focus();
  await page.keyboard.press('ArrowRight');
  await app.expectTab('Budget');
  await expect(app.tab('Budget')).toBeFocused();
  await expect(page).toHaveURL(/#budget$/);
  await page.keyboard.press('End');
  await app.expectTab(last);
  await expect(app.tab(last)).toBeFocused();
  await page.keyboard.press('ArrowRight'); // wraps around
  await app.expectTab(first);
  await expect(page).toHaveURL(/#oversikt$/);
  await page.keyboard.press('ArrowLeft');
  await app.expectTab(last);
  await page.keyboard.press('Home');
  await app.expectTab(first);
  await expect(app.tab(first)).toHaveAttribute('tabindex', '0');
  await expect(app.tab('Budget')).toHaveAttribute('tabindex', '-1');

  // A fragment opens its tab directly, also after a reload; back goes to the previous tab.
  await app.open('#eget-kapital');
  await app.expectTab('Eget kapital');
  await app.open('#uppfoljning');
  await app.expectTab('Uppföljning');
  await app.reload();
  await app.expectTab('Uppföljning');
  await page.evaluate(() => {
    location.hash = 'eget-kapital';
  });
  await app.expectTab('Eget kapital');
  await page.goBack();
  await app.expectTab('Uppföljning');
});

test('negative amounts and totals show U+2212 minus and U+00A0 grouping', async ({ app }) => {
  const budget = new BudgetView(app);
  const old = await budget.amountKr(RENT, YEAR);
  const before = await totals(budget, YEAR);

  await budget.grid.type(`${RENT} ${YEAR}`, '-1 234 567', 'Enter');

  await expect(budget.amount(RENT, YEAR)).toHaveValue('\u22121\u00a0234\u00a0567');
  const delta = (-1_234_567n - old) * 100n;
  expect(before.kansli * 100n + delta, 'the subtotal goes negative').toBeLessThan(0n);
  await expectMoved(budget, YEAR, before, delta); // exact text: U+2212 and U+00A0
});

test('lines are added, moved and deleted from the toolbar, each one undo step', async ({ app }) => {
  const budget = new BudgetView(app);
  const page = app.page;
  const posts = () =>
    budget.grid.table.locator('th[scope="row"] input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const around = async (name: string) => {
    const all = await posts();
    const i = all.indexOf(name);
    return i < 0 ? null : [all[i - 1], all[i], all[i + 1]];
  };
  expect(await around(RENT)).toEqual([ABOVE, RENT, IT]);
  const rent = await budget.amountKr(RENT, YEAR);
  const kansli = await budget.sumKr(KANSLI, YEAR);

  await budget.grid.select(`${RENT} ${YEAR}`);
  await budget.button('Flytta upp').click();
  await expect.poll(() => around(RENT)).toEqual([expect.anything(), RENT, ABOVE]);
  await budget.button('Flytta ned').click();
  await expect.poll(() => around(RENT)).toEqual([ABOVE, RENT, IT]);

  // A new line is unnamed: an empty name cell with the placeholder "Ny post" (docs/budget.md),
  // so what is typed is the whole name.
  await budget.button('Lägg till post').click();
  await expect.poll(() => around('')).toEqual([RENT, '', IT]);
  const unnamed = budget.grid.input('Post (namnlös post)');
  await expect(unnamed).toHaveValue('');
  await expect(unnamed).toHaveAttribute('placeholder', 'Ny post');
  await expect(budget.grid.input('Kategori (namnlös post)')).toHaveValue('Kansli');
  await budget.grid.type('Post (namnlös post)', 'Övriga', 'Enter');
  await expect.poll(() => around('Övriga')).toEqual([RENT, 'Övriga', IT]);
  await expect(budget.grid.input('Post (namnlös post)')).toHaveCount(0);
  await budget.grid.select('Övriga 2026');
  await budget.button('Ta bort post').click();
  await expect.poll(() => around('Övriga')).toBeNull();

  await budget.grid.select(`${RENT} ${YEAR}`);
  await budget.button('Ta bort post').click();
  await expect.poll(() => around(RENT)).toBeNull();
  await expectExactText(budget.sum(KANSLI, YEAR), formatKr(kansli - rent));

  await page.keyboard.press('Control+Z');
  await expect.poll(() => around(RENT)).toEqual([ABOVE, RENT, IT]);
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(rent));
  await expectExactText(budget.sum(KANSLI, YEAR), formatKr(kansli));
});

test('undo keeps at least 100 steps', async ({ app }) => {
  test.slow();
  const budget = new BudgetView(app);
  const page = app.page;
  const cell = budget.amount(RENT, YEAR);
  const original = await cell.inputValue();
  for (let i = 1; i <= 101; i++) {
    await budget.grid.type(`${RENT} ${YEAR}`, String(i), 'Enter');
    await expect(cell).toHaveValue(String(i));
  }
  for (let i = 100; i >= 1; i--) {
    await page.keyboard.press('Control+Z');
    await expect(cell).toHaveValue(String(i));
  }
  await page.keyboard.press('Control+Z');
  await expect(cell).toHaveValue(original);
  await expect(app.undoButton).toBeDisabled();
});
