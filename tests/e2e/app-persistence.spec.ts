import { AppPage, BACKUP_PREFIX, EXAMPLE_NAME, INDEX_KEY, PLAN_PREFIX, storedAmount } from './pages/app';
import { ORIGIN, Watch, expect, test } from './pages/fixtures';
import { formatKr, typedKr } from './pages/money';
import { BudgetView, FinansieringView } from './pages/views';

// Persistence (docs/app.md): every change is saved to localStorage (debounced) and a reload or
// a new browser session restores it; unreadable stored data is kept under a backup key, the
// user is told and can download it; a failed save is shown; two tabs editing the same plan
// warn instead of silently overwriting each other.

const RENT = 'Lokalhyra';
const YEAR = 2026;

/** Total of the first plan year (the year shown at start) and a budget cell, edited as a user. */
async function editTotalAndCell(app: AppPage, total: bigint, rent: bigint): Promise<void> {
  const fin = new FinansieringView(app);
  await app.goTo('Finansiering');
  await fin.setTotal(typedKr(total));
  await expect(fin.total).toHaveValue(formatKr(total));
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await budget.grid.type(`${RENT} ${YEAR}`, typedKr(rent), 'Enter');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(rent));
}

/** Waits until autosave has written both values (the debounce has passed). */
async function expectSaved(app: AppPage, firstYear: number, total: bigint, rent: bigint): Promise<void> {
  await expect
    .poll(async () => {
      const stored = await app.storedPlan();
      const funding = stored.plan.year_inputs[String(firstYear)]?.funding;
      return [funding?.typ, String(funding?.värde), storedAmount(stored, RENT, YEAR)];
    }, { message: 'autosave wrote the total and the budget cell' })
    .toEqual(['Total', total.toString(), rent.toString()]);
}

async function expectShown(app: AppPage, total: bigint, rent: bigint): Promise<void> {
  await app.goTo('Finansiering');
  await expect(new FinansieringView(app).total).toHaveValue(formatKr(total));
  await app.goTo('Budget');
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue(formatKr(rent));
}

test('a changed total and budget cell are saved and come back after a reload', async ({ app }) => {
  await app.open();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  const firstYear = Number(await app.yearSelect.inputValue());

  await editTotalAndCell(app, 13_579_000n, 123_456n);
  await expectSaved(app, firstYear, 13_579_000n, 123_456n);
  await app.reload();

  await expectShown(app, 13_579_000n, 123_456n);
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
});

test('a change made just before the page goes away is not lost', async ({ app }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  await budget.grid.type(`${RENT} ${YEAR}`, '98 765', 'Enter');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(98_765n));
  // No waiting for the autosave delay: leaving the page must save at once.
  await app.reload();
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue(formatKr(98_765n));
});

test('close the browser, come back: the plan is all there', async ({ app, context, browser }) => {
  await app.open();
  const firstYear = Number(await app.yearSelect.inputValue());
  await editTotalAndCell(app, 12_000_500n, 77_000n);
  await expectSaved(app, firstYear, 12_000_500n, 77_000n);

  const storageState = await context.storageState();
  await context.close();

  const again = await browser.newContext({
    storageState,
    baseURL: ORIGIN,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    serviceWorkers: 'block',
  });
  const watch = new Watch();
  watch.attach(again);
  try {
    const back = new AppPage(await again.newPage());
    await back.open();
    await expectShown(back, 12_000_500n, 77_000n);
    watch.check();
  } finally {
    await again.close();
  }
});

test('unreadable stored plan: the app starts, tells the user, keeps and offers the data', async ({ app }) => {
  const garbage = '{"format":"samplan-plan","version":2,"plan":{"settings":{"name":"Halv pl\u00e5n", \u0000 trasig';
  await app.seedStorage({
    [INDEX_KEY]: JSON.stringify({ plans: [{ id: 'p1', name: 'Halv plån' }], current: 'p1', next: 2 }),
    [PLAN_PREFIX + 'p1']: garbage,
  });

  await app.open();

  // The app works (the example plan is shown) and says what happened and where the data is.
  await expect(app.unreadableBanner).toBeVisible();
  await expect(app.unreadableBanner).toHaveRole('alert');
  await expect(app.unreadableBanner).toContainText('Sparad data kunde inte läsas');
  await expect(app.unreadableBanner).toContainText(`${BACKUP_PREFIX}1`);
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await expect(new FinansieringView(app).total).toBeEditable();

  // The text is kept unchanged under the backup key.
  const storage = await app.storage();
  expect(storage[`${BACKUP_PREFIX}1`]).toBe(garbage);

  // And can be downloaded as it was.
  const saved = await app.download(app.unreadableBanner.getByRole('button', { name: 'Ladda ner sparad data' }));
  expect(saved.name).toMatch(/\.json$/);
  expect(saved.text).toBe(garbage);

  // Working on and reloading never overwrites the backup.
  await app.goTo('Budget');
  await new BudgetView(app).grid.type(`${RENT} ${YEAR}`, '1', 'Enter');
  await app.reload();
  expect((await app.storage())[`${BACKUP_PREFIX}1`]).toBe(garbage);
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue('1');
});

test('unreadable plan list: kept as backup, and the stored plan still opens', async ({ app }) => {
  await app.open();
  const firstYear = Number(await app.yearSelect.inputValue());
  await editTotalAndCell(app, 11_111_000n, 22_000n);
  await expectSaved(app, firstYear, 11_111_000n, 22_000n);

  await app.page.evaluate((key) => localStorage.setItem(key, 'garbage ]]'), INDEX_KEY);
  await app.reload();

  await expect(app.unreadableBanner).toBeVisible();
  await expect(app.unreadableBanner).toContainText('Sparad data kunde inte läsas');
  expect((await app.storage())[`${BACKUP_PREFIX}1`]).toBe('garbage ]]');
  await expectShown(app, 11_111_000n, 22_000n);
});

test('a failed save (storage full) is shown, and "Försök igen" saves when there is room', async ({ app }) => {
  await app.page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if ((window as unknown as { __e2eFull?: boolean }).__e2eFull && key.startsWith('samplan:')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await app.open('#budget');
  await app.page.evaluate(() => ((window as unknown as { __e2eFull?: boolean }).__e2eFull = true));

  const budget = new BudgetView(app);
  await budget.grid.type(`${RENT} ${YEAR}`, '55 555', 'Enter');
  const banner = app.page.getByTestId('banner-sparfel');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Planen kunde inte sparas i webbläsaren');
  await expect(banner).toContainText('lagringsutrymmet i webbläsaren är fullt');
  // The change is still on screen.
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(55_555n));

  await app.page.evaluate(() => ((window as unknown as { __e2eFull?: boolean }).__e2eFull = false));
  await banner.getByRole('button', { name: 'Försök igen' }).click();
  await expect(banner).toBeHidden();
  await expect.poll(async () => storedAmount(await app.storedPlan(), RENT, YEAR)).toBe('55555');
});

test('two tabs: an edit in one makes the other warn instead of silently overwriting', async ({ app, context }) => {
  await app.open('#finansiering');
  const other = new AppPage(await context.newPage());
  await other.open('#finansiering');
  const finA = new FinansieringView(app);
  const finB = new FinansieringView(other);

  // Opening the second tab is not a change: no warning in either.
  await app.page.waitForTimeout(600);
  await expect(app.conflictBanner).toBeHidden();
  await expect(other.conflictBanner).toBeHidden();

  await finA.setTotal('20 000 000');
  await expect(other.conflictBanner).toBeVisible();
  await expect(other.conflictBanner).toContainText('Planen har ändrats i en annan flik');
  await expect(app.conflictBanner).toBeHidden();
  await expect.poll(async () => (await app.storedPlan()).plan.year_inputs[await app.yearSelect.inputValue()]?.funding.värde).toBe('20000000');

  // The warned tab's edits do not overwrite the other tab's saved plan …
  await finB.setTotal('30 000 000');
  await other.page.waitForTimeout(1_000); // well past the autosave delay
  const yearKey = await app.yearSelect.inputValue();
  expect((await app.storedPlan()).plan.year_inputs[yearKey]?.funding.värde).toBe('20000000');

  // … until the user chooses: keeping this version saves it and warns the first tab.
  await other.conflictBanner.getByRole('button', { name: 'Behåll min version' }).click();
  await expect(other.conflictBanner).toBeHidden();
  await expect.poll(async () => (await other.storedPlan()).plan.year_inputs[yearKey]?.funding.värde).toBe('30000000');
  await expect(app.conflictBanner).toBeVisible();

  // The first tab takes the other version.
  await app.conflictBanner.getByRole('button', { name: 'Läs in den andra versionen' }).click();
  await expect(app.conflictBanner).toBeHidden();
  await expect(finA.total).toHaveValue(formatKr(30_000_000n));
});
