import { EXAMPLE_NAME, PLAN_PREFIX } from './pages/app';
import { expect, file, test } from './pages/fixtures';
import { formatKr } from './pages/money';
import { GOOD_PREFIX, RecoveryScreen, acceptPanicErrors } from './pages/recovery';
import { BudgetView, FinansieringView, UppfoljningView } from './pages/views';

// Bounded work per import (docs/app.md "Imports of any size"): previews show a page of rows
// with counts, unknown accounts are one group with one choice for all (each account only on
// demand), a big file is announced before it is read, and an out-of-memory trap ends on the
// recovery screen (static/trap.js). Timings at 100 000 rows are measured by
// tests/perf/import-scale.mjs, not here.

test('a budget preview shows one page of rows with the counts and pages on', async ({ app }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const rows = Array.from({ length: 120 }, (_, i) => `${70000 + i};Sidpost ${i};Kansli;${1000 + i}`);
  const flow = budget.budgetImport;
  await flow.pick(file('budget.csv', ['Konto;Post;Kategori;2026', ...rows].join('\r\n') + '\r\n'));
  await expect(flow.region).toContainText('120 nya poster');
  const table = flow.region.getByRole('table');
  await expect(table.getByRole('caption')).toHaveText('Förhandsgranskning (120 rader)');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  const pages = flow.region.getByRole('group', { name: 'Sidor i förhandsgranskningen' });
  await expect(pages.getByRole('status')).toHaveText('Visar rad 1–50 av 120');
  await expect(pages.getByRole('button', { name: 'Föregående sida' })).toBeDisabled();
  await pages.getByRole('button', { name: 'Nästa sida' }).click();
  await expect(pages.getByRole('status')).toHaveText('Visar rad 51–100 av 120');
  await expect(table.locator('tbody tr').first()).toContainText('Sidpost 50');
  await pages.getByRole('button', { name: 'Nästa sida' }).click();
  await expect(pages.getByRole('status')).toHaveText('Visar rad 101–120 av 120');
  await expect(table.locator('tbody tr')).toHaveCount(20);
  await expect(pages.getByRole('button', { name: 'Nästa sida' })).toBeDisabled();
  await flow.confirm();
  await expect(app.page.getByRole('status').filter({ hasText: 'Importerat: 120 nya poster' })).toBeVisible();
});

test('unknown ledger accounts are one group: one choice for all, each account on demand', async ({ app }) => {
  await app.open('#uppfoljning');
  const year = Number(await app.yearSelect.inputValue());
  const fu = new UppfoljningView(app);
  const rentBefore = await fu.ytd('Lokalhyra', year).inputValue();
  const unknown = Array.from({ length: 25 }, (_, i) => `${99000 + i};100`);
  const flow = fu.outcomeImport;
  await flow.pick(file('utfall.csv', ['Konto;Belopp', '5040;50 000', ...unknown].join('\r\n') + '\r\n'));
  await expect(flow.region).toContainText(`25 konton eller poster saknas i planen (summa ${formatKr(2_500n)} kr).`);
  // No widget per account until asked for.
  await expect(flow.region.getByRole('combobox', { name: /^Koppla 99/ })).toHaveCount(0);
  await flow.region.getByRole('button', { name: 'Välj konto för konto' }).click();
  await expect(flow.region.getByRole('combobox', { name: /^Koppla 99/ })).toHaveCount(25);
  await expect(flow.confirmButton).toBeDisabled();

  await flow.region.getByRole('button', { name: 'Ignorera alla 25' }).click();
  await expect(flow.region).toContainText(`25 konton eller poster ignoreras (summa ${formatKr(2_500n)} kr)`);
  await expect(flow.region.getByRole('combobox', { name: /^Koppla 99/ })).toHaveCount(0);
  await expect(flow.confirmButton).toBeEnabled();
  await flow.confirm();
  await expect(fu.ytd('Lokalhyra', year)).toHaveValue(formatKr(50_000n));
  await app.page.keyboard.press('Control+Z');
  await expect(fu.ytd('Lokalhyra', year)).toHaveValue(rentBefore);
});

test('a big file is announced with its size before it is read; Avbryt reads nothing', async ({ app }) => {
  await app.open('#finansiering');
  const fin = new FinansieringView(app);
  const rows = Array.from({ length: 120_000 }, (_, i) => `Kommun nummer ${i};Kommun;${1000 + i}`);
  const csv = ['Medlem;Typ;Invånare', ...rows].join('\r\n') + '\r\n';
  const flow = fin.membersImport;
  await flow.pick(file('medlemmar.csv', csv));
  const notice = flow.region.getByRole('status');
  await expect(notice).toContainText('"medlemmar.csv" är en stor fil (');
  await expect(notice).toContainText('MB, 120 001 rader). Den läses i delar och det kan ta några sekunder; du kan avbryta medan den läses.');
  await expect(notice).toContainText('Inget i planen ändras förrän du verkställer importen.');
  await expect(flow.region.getByRole('button', { name: 'Läs in filen' })).toBeVisible();
  await flow.cancelButton.click();
  await expect(flow.region).toBeHidden();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
});

/** A budget file of `n` new lines, larger than 2 MB from 17 000 lines on (a long note each). */
function bigBudgetCsv(n: number): string {
  const note = 'Importerad post med en lång notering så att filen blir stor nog för beskedet om stor fil';
  const rows = Array.from({ length: n }, (_, i) => `${200000 + i};Storpost ${i};Kansli;${1000 + (i % 9000)};${note}`);
  return ['Konto;Post;Kategori;2026;Notering', ...rows].join('\r\n') + '\r\n';
}

test('a big file is read in steps with a progress bar; Avbryt while it is read keeps the plan', async ({ app }) => {
  // Small steps (a test flag) so that the reading of a modest file can be seen and cancelled.
  await app.page.goto('/?samplan-test-small-steps#budget');
  await app.ready();
  const linesBefore = (await app.storedPlan()).plan.lines.length;
  const flow = new BudgetView(app).budgetImport;
  await flow.pick(file('stor-budget.csv', bigBudgetCsv(20_000)));
  await expect(flow.region.getByRole('status')).toContainText('"stor-budget.csv" är en stor fil (');
  await expect(flow.region.getByRole('status')).toContainText('20 001 rader)');
  await flow.region.getByRole('button', { name: 'Läs in filen' }).click();
  const bar = flow.region.getByRole('progressbar', { name: /^Läser filen … \d+ %/ });
  await expect(bar).toBeVisible();
  // The bar moves on while the page answers: its value grows between steps.
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
  await app.page.screenshot({ path: '/tmp/h2-progress.png' });
  await flow.cancelButton.click();
  await expect(flow.region).toBeHidden();
  // The reading stopped: no preview comes later, and nothing changed.
  await app.page.waitForTimeout(1_000);
  await expect(flow.region).toBeHidden();
  await expect(app.undoButton).toBeDisabled();
  expect((await app.storedPlan()).plan.lines.length).toBe(linesBefore);
});

test('a big ledger is announced and read in steps too; Avbryt keeps the outcome', async ({ app }) => {
  await app.page.goto('/?samplan-test-small-steps#uppfoljning');
  await app.ready();
  const year = Number(await app.yearSelect.inputValue());
  const fu = new UppfoljningView(app);
  const rentBefore = await fu.ytd('Lokalhyra', year).inputValue();
  const text = 'Verifikationstext som gör huvudboken stor nog för beskedet om en stor fil, rad för rad';
  const rows = Array.from({ length: 20_000 }, (_, i) => `${900000 + i};${1 + (i % 5000)};${text}`);
  const flow = fu.outcomeImport;
  await flow.pick(file('huvudbok.csv', ['Konto;Belopp;Text', '5040;50 000;Hyra', ...rows].join('\r\n') + '\r\n'));
  await expect(flow.region.getByRole('status')).toContainText('"huvudbok.csv" är en stor fil (');
  await flow.region.getByRole('button', { name: 'Läs in filen' }).click();
  await expect(flow.region.getByRole('progressbar', { name: /^Läser filen/ })).toBeVisible();
  await flow.cancelButton.click();
  await expect(flow.region).toBeHidden();
  await app.page.waitForTimeout(500);
  await expect(flow.region).toBeHidden();
  await expect(fu.ytd('Lokalhyra', year)).toHaveValue(rentBefore);
  await expect(app.undoButton).toBeDisabled();
});

test('a big budget file read to the end applies as one undo step', async ({ app }) => {
  test.setTimeout(120_000);
  await app.open('#budget');
  // The operating costs of 2026 (the plan as shown; a plan this big no longer fits in the
  // browser's storage, so the stored copy is not what is checked). After the import the row
  // is far below the grid's window.
  const costs = app.page.getByTestId('budget-Verksamhetens kostnader-2026');
  const before = await costs.textContent();
  await expect(app.undoButton).toBeDisabled();
  const flow = new BudgetView(app).budgetImport;
  await flow.pick(file('stor-budget.csv', bigBudgetCsv(20_000)));
  await flow.region.getByRole('button', { name: 'Läs in filen' }).click();
  // Counts are grouped by thousands, in the summary as in the page line (the engine's
  // format_count).
  await expect(flow.region).toContainText('20 000 nya poster', { timeout: 30_000 });
  await expect(flow.region).not.toContainText('20000 nya');
  await expect(flow.region.getByRole('status').filter({ hasText: 'Visar rad 1–50 av 20 000' })).toBeVisible();
  await flow.confirmButton.click();
  await expect(app.page.getByRole('status').filter({ hasText: 'Importerat: 20 000 nya poster, 0 poster uppdateras.' })).toBeVisible({ timeout: 30_000 });
  await expect(app.undoButton).toBeEnabled();
  // One step back undoes the whole import: the first step of this plan's history.
  await app.undoButton.click();
  await expect(costs).toHaveText(before!, { timeout: 30_000 });
  await expect(app.undoButton).toBeDisabled();
});

test('an import is applied in steps: a progress bar, the page answers, Avbryt before the swap changes nothing', async ({ app }) => {
  test.setTimeout(120_000);
  // Small steps (a test flag): 20 single edits per step, so the apply of a modest file can be
  // seen, clicked through and cancelled.
  await app.page.goto('/?samplan-test-small-steps#budget');
  await app.ready();
  const linesBefore = (await app.storedPlan()).plan.lines.length;
  const rows = Array.from({ length: 3_000 }, (_, i) => `${300000 + i};Stegpost ${i};Kansli;${1000 + i}`);
  const csv = ['Konto;Post;Kategori;2026', ...rows].join('\r\n') + '\r\n';
  const flow = new BudgetView(app).budgetImport;
  await flow.pick(file('steg.csv', csv));
  await expect(flow.region).toContainText('3 000 nya poster', { timeout: 30_000 });
  await flow.confirmButton.click();
  const applying = app.page.getByRole('region', { name: 'Import pågår' });
  const bar = applying.getByRole('progressbar', { name: /^Importerar … \d+ %/ });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
  await applying.screenshot({ path: '/tmp/h1-applying.png' });
  // Avbryt before the swap: nothing changed, now or later.
  await applying.getByRole('button', { name: 'Avbryt' }).click();
  await expect(applying).toBeHidden();
  await expect(app.page.getByRole('status').filter({ hasText: 'Importen avbröts. Inget i planen har ändrats.' })).toBeVisible();
  await app.page.waitForTimeout(1_500);
  await expect(app.undoButton).toBeDisabled();
  expect((await app.storedPlan()).plan.lines.length).toBe(linesBefore);

  // Again, to the end; a tab clicked meanwhile answers at once, and the import goes on.
  await flow.pick(file('steg.csv', csv));
  await expect(flow.region).toContainText('3 000 nya poster', { timeout: 30_000 });
  await flow.confirmButton.click();
  await expect(bar).toBeVisible();
  await app.tab('Översikt').click();
  await expect(app.tab('Översikt')).toHaveAttribute('aria-selected', 'true', { timeout: 2_000 });
  await expect(app.undoButton).toBeEnabled({ timeout: 60_000 });
  await expect.poll(async () => (await app.storedPlan()).plan.lines.length, { timeout: 10_000 }).toBe(linesBefore + 3_000);
  // One undo step.
  await app.undoButton.click();
  await expect(app.undoButton).toBeDisabled();
  await expect.poll(async () => (await app.storedPlan()).plan.lines.length, { timeout: 10_000 }).toBe(linesBefore);
});

test('a cell typed while an import is applied is kept, and the imported rows show the file\'s figures', async ({ app, page }) => {
  test.setTimeout(120_000);
  // Small steps (a test flag), so the cell is typed while the import is prepared: the swap is
  // then refused and the import prepared again on the changed plan, and the rows the grid built
  // ahead of the refused swap are not shown (docs/app.md "Imports of any size").
  await page.goto('/?samplan-test-small-steps#budget');
  await app.ready();
  const budget = new BudgetView(app);
  const rows = Array.from({ length: 2_000 }, (_, i) => `${300000 + i};Stegpost ${i};Kansli;${7000 + i}`);
  const csv = ['Konto;Post;Kategori;2026', ...rows].join('\r\n') + '\r\n';
  const flow = budget.budgetImport;
  await flow.pick(file('steg.csv', csv));
  await expect(flow.region).toContainText('2 000 nya poster', { timeout: 30_000 });
  await flow.confirmButton.click();
  await expect(page.getByRole('region', { name: 'Import pågår' })).toBeVisible();
  await budget.grid.type('Samordningsteam Älvstad 2026', '123456');
  await expect(page.getByRole('status').filter({ hasText: 'Importerat: 2 000 nya poster, 0 poster uppdateras.' })).toBeVisible({ timeout: 60_000 });
  expect(await budget.amountKr('Samordningsteam Älvstad', 2026)).toBe(123456n);
  // The last imported line, far below the grid's window, found with Ctrl+F.
  await expect(budget.grid.input('Post Stegpost 1999')).toHaveCount(0);
  await budget.grid.select('Samordningsteam Älvstad 2026');
  await page.keyboard.press('Control+f');
  await page.getByRole('searchbox', { name: 'Sök i tabellen' }).fill('stegpost 1999');
  await page.keyboard.press('Enter');
  await expect(budget.amount('Stegpost 1999', 2026)).toBeInViewport();
  expect(await budget.amountKr('Stegpost 1999', 2026)).toBe(8999n);
  await page.getByRole('searchbox', { name: 'Sök i tabellen' }).fill('stegpost 0');
  await page.keyboard.press('Enter');
  await expect(budget.amount('Stegpost 0', 2026)).toBeInViewport();
  expect(await budget.amountKr('Stegpost 0', 2026)).toBe(7000n);
  await page.keyboard.press('Escape');
  // Both changes are in the plan, as two undo steps: the typed cell, then the import.
  await expect.poll(async () => (await app.storedPlan()).plan.lines.filter((l: { name: string }) => l.name.startsWith('Stegpost')).length, { timeout: 10_000 }).toBe(2_000);
  await app.undoButton.click();
  await expect(budget.amount('Stegpost 1999', 2026)).toHaveCount(0);
  expect(await budget.amountKr('Samordningsteam Älvstad', 2026)).toBe(123456n);
});

test('a plan too big for the browser\'s storage: the message says where the changes are, Spara som fil keeps them, leaving warns', async ({ app }) => {
  test.setTimeout(180_000);
  await app.open('#budget');
  const stored = await app.storedPlan();
  // 20 000 lines with a long note each: far more than the browser keeps for a site.
  const note = 'Lång notering '.repeat(30);
  const rows = Array.from({ length: 20_000 }, (_, i) => `${400000 + i};Notpost ${i};Kansli;${1000 + i};${note}`);
  const flow = new BudgetView(app).budgetImport;
  await flow.pick(file('noter.csv', ['Konto;Post;Kategori;2026;Notering', ...rows].join('\r\n') + '\r\n'));
  await flow.region.getByRole('button', { name: 'Läs in filen' }).click();
  await expect(flow.region).toContainText('20 000 nya poster', { timeout: 60_000 });
  await flow.confirmButton.click();
  await expect(app.page.getByRole('status').filter({ hasText: 'Importerat: 20 000 nya poster' })).toBeVisible({ timeout: 60_000 });
  const banner = app.page.getByTestId('banner-sparfel');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText(/Planen kunde inte sparas i webbläsaren: lagringsutrymmet i webbläsaren är fullt \(planen är \d+,\d MB\)\./);
  await expect(banner).toContainText(/I webbläsaren finns planen som den sparades kl\. \d\d\.\d\d\./);
  await expect(banner).toContainText('Dina ändringar finns bara i den här fliken. "Spara som fil" sparar allt i en fil på datorn (det fungerar även när webbläsarens lagring är full)');
  await banner.screenshot({ path: '/tmp/h1-quota.png' });
  // The browser still holds the plan as it was before the import.
  expect((await app.storedPlan()).plan.lines.length).toBe(stored.plan.lines.length);
  // "Spara som fil" from the banner keeps every line.
  const saved = await app.download(banner.getByRole('button', { name: 'Spara som fil' }));
  expect(JSON.parse(saved.text).plan.lines.length).toBe(stored.plan.lines.length + 20_000);
  // Leaving warns (the changes are not in the browser's storage).
  const dialogs: string[] = [];
  app.page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.dismiss();
  });
  await app.page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
});

test('an out-of-memory trap ends on the recovery screen, and restart opens the last good plan', async ({ app, watch }) => {
  await app.open('#finansiering');
  const fin = new FinansieringView(app);
  await fin.setTotal('13 579 000');
  await expect.poll(async () => (await app.storage())[GOOD_PREFIX + 'p1']).toContain('13579000');

  // The allocation error handler aborts the instance without the panic hook.
  await app.page.goto('/?samplan-test-oom#finansiering');
  const recovery = new RecoveryScreen(app.page);
  await expect(recovery.heading).toBeVisible();
  await expect(recovery.screen).toContainText('Minnet i webbläsaren tog slut');
  await expect(recovery.screen).toContainText('Dina planer finns kvar i webbläsaren.');
  const all = await app.download(recovery.downloadAll);
  expect(JSON.parse(all.text)[PLAN_PREFIX + 'p1']).toContain('13579000');

  await recovery.restart.click();
  await app.ready();
  await expect(new FinansieringView(app).total).toHaveValue(formatKr(13_579_000n));
  acceptPanicErrors(watch);
});
