import { AppPage, EXAMPLE_NAME, lineOf, storedAmount, type StoredPlanFile } from './pages/app';
import { ORIGIN, Watch, expect, test } from './pages/fixtures';
import { exactText } from './pages/grid';
import { divRoundHalfUp, formatKr, toKr } from './pages/money';
import { BudgetView, EgetKapitalView, FinansieringView, expectKr } from './pages/views';

// Issue 4, "done when": a new user builds next year's budget for the example association,
// sees each member's share and the equity forecast, closes the browser, comes back and finds
// it all, saves it to a file, and exports it to Excel.

const NEXT_YEAR = 2026; // the example plan's budget year (its first year, 2025, is "this year")
const TOTAL = 13_000_000n;
const RENT = 'Lokalhyra';
const NEW_LINE = 'Städning';

test('a new user plans next year, leaves, comes back, saves to a file and exports to Excel', async ({
  app,
  context,
  browser,
}) => {
  test.slow(); // one long story on a small machine

  // ---- first start: the example plan is there, working ----
  await app.open();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await app.expectTab('Finansiering');
  const years = (await app.yearSelect.getByRole('option').allTextContents()).map((y) => Number(y.trim()));
  expect(years).toContain(NEXT_YEAR);

  // ---- next year's funding and each member's share ----
  await app.selectYear(NEXT_YEAR);
  await expect(app.panel.getByRole('heading', { level: 2 })).toHaveText(`Finansiering ${NEXT_YEAR}`);
  const fin = new FinansieringView(app);
  await fin.setTotal('13 000 000');
  await expect(fin.total).toHaveValue(formatKr(TOTAL));
  // Parties 50/25/25, Kommuner split by population, each rounded half-up to whole kronor.
  await expectKr(fin.party('Staten'), 6_500_000n);
  await expectKr(fin.party('Region'), 3_250_000n);
  await expectKr(fin.party('Kommuner'), 3_250_000n);
  const names = await fin.municipalities();
  expect(names).toHaveLength(10);
  const pops = await Promise.all(names.map(async (n) => toKr(await fin.population(n).inputValue())));
  const popSum = pops.reduce((a, b) => a + b, 0n);
  const amounts = pops.map((p) => divRoundHalfUp(3_250_000n * p, popSum));
  for (const [i, n] of names.entries()) {
    await expectKr(fin.amount(n), amounts[i], `amount of ${n}`);
    // Share of the total, one decimal: within 0,1 percentage points of amount / T.
    const share = await exactText(fin.shareOfTotal(n));
    const m = /^(\d+),(\d)\u00a0%$/.exec(share);
    expect(m, `share of ${n}: ${JSON.stringify(share)}`).toBeTruthy();
    const tenths = BigInt(m![1]) * 10n + BigInt(m![2]);
    const diff = tenths * TOTAL - amounts[i] * 1000n;
    expect(diff < 0n ? -diff : diff, `share of ${n}`).toBeLessThanOrEqual(TOTAL);
  }

  // ---- next year's budget: change a line, add one ----
  const ek = new EgetKapitalView(app);
  await app.goTo('Eget kapital');
  const closingBefore = new Map<number, bigint>();
  for (const y of years) closingBefore.set(y, await ek.closingKr(y));

  await app.goTo('Budget');
  const budget = new BudgetView(app);
  const rentBefore = await budget.amountKr(RENT, NEXT_YEAR);
  const kansliBefore = await budget.sumKr('Summa Kansli', NEXT_YEAR);
  await budget.grid.type(`${RENT} ${NEXT_YEAR}`, '120 000', 'Enter');
  await budget.grid.select(`${RENT} ${NEXT_YEAR}`);
  await budget.button('Lägg till post').click();
  await budget.grid.type('Post (namnlös post)', NEW_LINE, 'Enter');
  await budget.grid.type(`${NEW_LINE} ${NEXT_YEAR}`, '30 000', 'Enter');
  await expect(budget.grid.input(`Kategori ${NEW_LINE}`)).toHaveValue('Kansli');
  const added = 120_000n - rentBefore + 30_000n;
  await expectKr(budget.sum('Summa Kansli', NEXT_YEAR), kansliBefore + added);
  const result = toKr(await exactText(budget.sum('Årets resultat', NEXT_YEAR)));

  // ---- the equity forecast follows: this year unchanged, next year on lower by the cost ----
  await app.goTo('Eget kapital');
  await expectKr(ek.result(NEXT_YEAR), result);
  for (const y of years) {
    const expected = closingBefore.get(y)! - (y >= NEXT_YEAR ? added : 0n);
    await expectKr(ek.closing(y), expected, `EK UB ${y}`);
  }
  const opening = toKr(await exactText(ek.opening(NEXT_YEAR)));
  await expectKr(ek.closing(NEXT_YEAR), opening + result, 'EK UB = EK IB + result');
  await expect(ek.ratio(NEXT_YEAR)).toHaveText(/^\u2212?\d+,\d\u00a0%$/);
  const closingAfter = await ek.closingKr(NEXT_YEAR);

  // ---- close the browser; come back later ----
  await expect
    .poll(async () => storedAmount(await app.storedPlan(), NEW_LINE, NEXT_YEAR), {
      message: 'autosave has written the new line',
    })
    .toBe('30000');
  const storageState = await context.storageState();
  await context.close();
  const later = await browser.newContext({
    storageState,
    baseURL: ORIGIN,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    serviceWorkers: 'block',
    acceptDownloads: true,
  });
  const watch = new Watch();
  watch.attach(later);
  try {
    const back = new AppPage(await later.newPage());
    await back.open();
    await expect(back.planName).toHaveText(EXAMPLE_NAME);
    await back.selectYear(NEXT_YEAR);
    const fin2 = new FinansieringView(back);
    await expect(fin2.total).toHaveValue(formatKr(TOTAL));
    for (const [i, n] of names.entries()) await expectKr(fin2.amount(n), amounts[i], `amount of ${n} after return`);
    await back.goTo('Budget');
    const budget2 = new BudgetView(back);
    await expect(budget2.amount(RENT, NEXT_YEAR)).toHaveValue(formatKr(120_000n));
    await expect(budget2.amount(NEW_LINE, NEXT_YEAR)).toHaveValue(formatKr(30_000n));
    await back.goTo('Eget kapital');
    await expectKr(new EgetKapitalView(back).closing(NEXT_YEAR), closingAfter);

    // ---- save it to a file ----
    const saved = await back.saveAsFile();
    expect(saved.name).toBe(`${EXAMPLE_NAME}.samplan.json`);
    const plan = JSON.parse(saved.text) as StoredPlanFile;
    expect([plan.format, plan.version]).toEqual(['samplan-plan', 4]);
    expect(plan.plan.year_inputs[String(NEXT_YEAR)].funding).toEqual({ typ: 'Total', värde: TOTAL.toString() });
    expect(lineOf(plan, NEW_LINE).amounts[String(NEXT_YEAR)]).toBe('30000');
    expect(lineOf(plan, RENT).amounts[String(NEXT_YEAR)]).toBe('120000');

    // ---- and export it to Excel ----
    await back.goTo('Budget');
    const budgetCsv = await budget2.exportCsv();
    const rows = budgetCsv.bytes.subarray(3).toString('utf8').split('\r\n').map((r) => r.split(';'));
    const col = rows[0].indexOf(String(NEXT_YEAR));
    expect(rows.find((r) => r[1] === NEW_LINE)?.[col]).toBe('30000');
    expect(rows.find((r) => r[1] === RENT)?.[col]).toBe('120000');

    await back.goTo('Finansiering');
    const allocation = await fin2.exportAllocation();
    const arows = allocation.bytes.subarray(3).toString('utf8').split('\r\n').map((r) => r.split(';'));
    const acol = arows[0].indexOf(String(NEXT_YEAR));
    for (const [i, n] of names.entries()) {
      expect(arows.find((r) => r[0] === n)?.[acol], `exported amount of ${n}`).toBe(amounts[i].toString());
    }
    watch.check();
  } finally {
    await later.close();
  }
});
