import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { expect, test } from './pages/fixtures';
import { exactText } from './pages/grid';
import { toKr } from './pages/money';
import { BudgetView, EgetKapitalView, UppfoljningView, expectKr } from './pages/views';

// Follow-up against what was decided (docs/budget.md "Vyerna och beslutet", "Ångra efter ett
// beslut"): Uppföljning, Kommun and Eget kapital show the decision in force by default, say
// which, and switch to an earlier decision or the draft; Ångra right after adopting removes the
// decision again.

const YEAR = 2026; // the example plan's budget year
const IT = 'IT, telefoni och licenser';
const DECIDED = 'Beslutad 2025-11-20, § 45';
const REVISED = 'Beslutad 2026-03-15, § 12';
const NEW_LINE = 'Ny insats';

test('the decided budget in Uppföljning, Kommun and Eget kapital, with a switch', async ({ app, page, browser }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await app.open('#uppfoljning');
  // A plan without decisions has no switch.
  await expect(page.getByLabel('Budget som visas')).toHaveCount(0);
  await expect(page.getByTestId('version-visas')).toHaveCount(0);

  // Adopt the budget year.
  await app.goTo('Versioner');
  await page.getByLabel('Budgetår').selectOption(String(YEAR));
  await page.getByLabel('Beslutsdatum').fill('2025-11-20');
  await page.getByLabel('Paragraf (§)').fill('§ 45');
  await page.getByRole('button', { name: 'Anta som beslutad' }).click();
  await expect(page.getByTestId('utkast-status')).toHaveText(`Utkastet är låst: ${DECIDED}.`);

  // Before any change the views show the decision, with the same figures as the draft.
  await app.selectYear(YEAR);
  await app.goTo('Eget kapital');
  const ek = new EgetKapitalView(app);
  const decidedClosing = await ek.closingKr(YEAR);
  await expect(page.getByTestId('ek-versioner')).toHaveText(
    `Budget enligt ${DECIDED}: 2026. Enligt utkastet: 2025, 2027, 2028 och 2029.`,
  );
  await app.goTo('Kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Norrfors' });
  const payment = page.getByTestId(`kommun-belopp-${YEAR}`);
  const decidedPayment = toKr(await exactText(payment));

  // The draft: IT 99 000 kr (asked to start a new draft) and 400 000 kr more medelstilldelning.
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  const decidedIt = await budget.amountKr(IT, YEAR);
  page.once('dialog', (d) => void d.accept());
  await budget.grid.type(`${IT} ${YEAR}`, '99000', 'Enter');
  await expect.poll(() => budget.amountKr(IT, YEAR)).toBe(99_000n);
  // A line added after the decision.
  await budget.grid.select(`${IT} ${YEAR}`);
  await budget.button('Lägg till post').click();
  await budget.grid.type('Post (namnlös post)', NEW_LINE, 'Enter');
  await budget.grid.type(`${NEW_LINE} ${YEAR}`, '50 000', 'Enter');
  await expect.poll(() => budget.amountKr(NEW_LINE, YEAR)).toBe(50_000n);
  await app.goTo('Finansiering');
  const total = page.getByLabel('Medelstilldelning (kr)', { exact: true });
  const oldTotal = BigInt((await total.inputValue()).replace(/\D/g, ''));
  await total.fill(String(oldTotal + 400_000n));
  await total.press('Tab');

  // Uppföljning: the decided budget beside the draft's outcome, typed into the draft.
  await app.goTo('Uppföljning');
  const follow = new UppfoljningView(app);
  const switcher = page.getByLabel('Budget som visas');
  await expect(switcher).toHaveValue('galler');
  await expect(page.getByTestId('version-visas')).toContainText(
    'Visar Budget 2026, beslutad av styrelsen 2025-11-20, § 45. Utfall, prognos och bokslut är utkastets.',
  );
  const itBudget = follow.grid.table.getByTestId(`uppf-budget-${IT}`);
  await expectKr(itBudget, decidedIt);
  await follow.grid.type(`Ack. utfall ${IT} ${YEAR}`, '30000', 'Enter');
  await expect(follow.ytd(IT, YEAR)).toHaveValue(/30\s000/);
  await expectKr(follow.grid.table.getByTestId(`uppf-avvikelse-${IT}`), decidedIt - 30_000n);
  // The line added after the decision is listed without a decided budget, and takes outcome.
  const newBudget = follow.grid.table.getByTestId(`uppf-budget-${NEW_LINE}`);
  await expect(newBudget).toHaveText('–');
  await follow.grid.type(`Ack. utfall ${NEW_LINE} ${YEAR}`, '20000', 'Enter');
  await expect(follow.ytd(NEW_LINE, YEAR)).toHaveValue(/20\s000/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: '/tmp/h2-uppfoljning.png', fullPage: false });
  await switcher.selectOption({ label: 'Utkast' });
  await expectKr(itBudget, 99_000n);
  await expectKr(follow.grid.table.getByTestId(`uppf-avvikelse-${IT}`), 69_000n);
  await expectKr(newBudget, 50_000n);
  await expect(page.getByTestId('version-visas')).toContainText(`Visar utkastet (skiljer sig från ${DECIDED}).`);

  // Kommun: the choice is one for the three views, so Kommun opens on the draft too; back to
  // the decision, what Norrfors pays per the decision, the draft's payment one switch away.
  await app.goTo('Kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Norrfors' });
  await expect(page.getByLabel('Budget som visas')).toHaveValue('utkast');
  await expect(page.getByTestId(`kommun-version-${YEAR}`)).toHaveText('Utkast');
  await page.getByLabel('Budget som visas').selectOption('galler');
  await expect(page.getByTestId(`kommun-version-${YEAR}`)).toHaveText(DECIDED);
  await expectKr(payment, decidedPayment);
  await expect(page.getByTestId('kommun-andrat')).toContainText(`Ändrat sedan ${DECIDED}`);
  await page.screenshot({ path: '/tmp/h2-kommun.png', fullPage: false });
  // The shared Kommun file shows the decided payment by default as well.
  const file = await app.download(page.getByRole('button', { name: 'Dela med kommunen', exact: true }));
  const path = testInfo.outputPath(file.name);
  await writeFile(path, file.bytes);
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  try {
    const shared = await context.newPage();
    await shared.goto(pathToFileURL(path).href);
    await expect(shared.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();
    await expect(shared.getByTestId(`kommun-version-${YEAR}`)).toHaveText(DECIDED);
    await expectKr(shared.getByTestId(`kommun-belopp-${YEAR}`), decidedPayment);
  } finally {
    await context.close();
  }
  await page.getByLabel('Budget som visas').selectOption({ label: 'Utkast' });
  await expect(page.getByTestId(`kommun-version-${YEAR}`)).toHaveText('Utkast');
  await expect.poll(async () => toKr(await exactText(payment))).toBeGreaterThan(decidedPayment);

  // Eget kapital: the decided chain (the draft's outcome counts), then the draft's.
  await app.goTo('Eget kapital');
  await expect(page.getByLabel('Budget som visas')).toHaveValue('utkast');
  await page.getByLabel('Budget som visas').selectOption('galler');
  await expect(page.getByTestId('ek-versioner')).toContainText(`Budget enligt ${DECIDED}: 2026.`);
  await expectKr(ek.closing(YEAR), decidedClosing);
  await page.screenshot({ path: '/tmp/h2-eget-kapital.png', fullPage: false });
  // The CSV export is the table shown: the decided EK UB (docs/budget.md "Vyerna och beslutet").
  const csv = await app.download(page.getByRole('button', { name: 'Exportera eget kapital (CSV)' }));
  const row = csv.text.split(/\r?\n/).find((l) => l.startsWith(`${YEAR};`))!;
  expect(row.split(';')[6], 'EK UB of the decided chain').toBe(String(decidedClosing));
  await page.getByLabel('Budget som visas').selectOption({ label: 'Utkast' });
  await expect(page.getByTestId('ek-versioner')).toHaveText('Budget enligt utkastet för alla år.');
  // The draft: 400 000 kr more funding, IT 99 000 − decided, the new line 50 000.
  await expectKr(ek.closing(YEAR), decidedClosing + 400_000n - (99_000n - decidedIt) - 50_000n);

  // A revised decision becomes the default; the original can still be chosen.
  await app.goTo('Versioner');
  await page.getByLabel('Budgetår').selectOption(String(YEAR));
  await page.getByLabel('Beslutsdatum').fill('2026-03-15');
  await page.getByLabel('Paragraf (§)').fill('12');
  await page.getByRole('button', { name: 'Anta som beslutad' }).click();
  await expect(page.getByTestId('utkast-status')).toHaveText(`Utkastet är låst: ${REVISED}.`);
  await expect(page.getByRole('status').filter({ hasText: 'Ångra (Ctrl+Z) tar bort versionen igen.' })).toBeVisible();
  await app.goTo('Uppföljning');
  await expect(page.getByLabel('Budget som visas')).toHaveValue('utkast');
  await page.getByLabel('Budget som visas').selectOption('galler');
  await expect(page.getByLabel('Budget som visas').locator('option')).toHaveText([
    `Beslutad (gäller): ${REVISED}`,
    DECIDED,
    'Utkast',
  ]);
  await expectKr(itBudget, 99_000n);
  await page.getByLabel('Budget som visas').selectOption({ label: DECIDED });
  await expectKr(itBudget, decidedIt);

  // Ångra right after adopting removes the revised decision; Gör om adopts it again.
  await app.goTo('Versioner');
  await page.getByRole('button', { name: 'Ångra', exact: true }).click();
  await expect(page.getByTestId('utkast-status')).toHaveText(`Utkast, startat från ${DECIDED}.`);
  await expect(page.getByTestId('versioner-lista')).not.toContainText('2026-03-15');
  await page.getByRole('button', { name: 'Gör om', exact: true }).click();
  await expect(page.getByTestId('utkast-status')).toHaveText(`Utkastet är låst: ${REVISED}.`);
  await expect(page.getByTestId('versioner-lista')).toContainText('2026-03-15');
});

test('a scenario stays on the draft and the switch says why', async ({ app, page }) => {
  await app.open('#versioner');
  await page.getByLabel('Budgetår').selectOption(String(YEAR));
  await page.getByLabel('Beslutsdatum').fill('2025-11-20');
  await page.getByLabel('Paragraf (§)').fill('45');
  await page.getByRole('button', { name: 'Anta som beslutad' }).click();
  await expect(page.getByTestId('utkast-status')).toHaveText(`Utkastet är låst: ${DECIDED}.`);
  await app.goTo('Eget kapital');
  await expect(page.getByLabel('Budget som visas')).toBeEnabled();
  await app.goTo('Scenarier');
  const scenario = page.getByLabel('Aktivt scenario');
  const options = await scenario.locator('option').allTextContents();
  expect(options.length, 'the example plan has scenarios').toBeGreaterThan(1);
  await scenario.selectOption({ index: 1 });
  await app.goTo('Eget kapital');
  await expect(page.getByLabel('Budget som visas')).toBeDisabled();
  await expect(page.getByTestId('version-visas')).toHaveText(
    'Scenariot räknas på utkastet. Välj Basplan för att se beslutet.',
  );
});
