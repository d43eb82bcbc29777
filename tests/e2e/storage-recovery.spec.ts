import { BACKUP_PREFIX, EXAMPLE_NAME, INDEX_KEY, PLAN_PREFIX, storedAmount } from './pages/app';
import { expect, test } from './pages/fixtures';
import { formatKr } from './pages/money';
import { GOOD_PREFIX, KeptData, RecoveryScreen, acceptPanicErrors } from './pages/recovery';
import { BudgetView, FinansieringView } from './pages/views';

// Nothing stored is removed without a click, and the app survives a crash (app/src/storage.rs,
// app/src/session.rs, app/src/recovery.rs):
// - a plan written by a newer samplan stays in its key, is listed in the plan menu with the
//   label "sparad av en nyare version av samplan" and can be downloaded;
// - unreadable data is listed with download and delete, and delete asks first;
// - a panic shows a Swedish recovery screen that downloads every stored key and restarts with
//   the last plan state that computed;
// - a plan that cannot be computed still opens with its error shown and never overwrites the
//   last good snapshot;
// - closing the page while a save has failed asks the browser to warn;
// - the plan menu tells when the plan was last saved as a file and reminds after a week.

const NEWER = JSON.stringify({
  format: 'samplan-plan',
  version: 99,
  plan: { settings: { name: 'Framtidens plan' }, nytt_fält: [1, 2, 3] },
});

test('a plan stored by a newer samplan stays in its key, is listed and can be downloaded', async ({ app }) => {
  await app.seedStorage({
    [INDEX_KEY]: JSON.stringify({ plans: [{ id: 'p1', name: 'Framtidens plan' }], current: 'p1', next: 2 }),
    [PLAN_PREFIX + 'p1']: NEWER,
  });
  await app.open();
  // The app works with the example plan under a new id …
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await expect(new FinansieringView(app).total).toBeEditable();

  const kept = new KeptData(app);
  for (let i = 0; i < 2; i++) {
    await app.reload();
    await expect(app.planName).toHaveText(EXAMPLE_NAME);
  }
  // … and after two reloads the newer plan is still there, byte for byte, and indexed.
  const storage = await app.storage();
  expect(storage[PLAN_PREFIX + 'p1']).toBe(NEWER);
  expect(JSON.parse(storage[INDEX_KEY]).plans.map((p: { id: string }) => p.id)).toContain('p1');
  expect(Object.keys(storage).filter((k) => k.startsWith(BACKUP_PREFIX))).toEqual([]);

  // Listed with the label, not offered in the plan choice (it cannot be opened here).
  await expect(kept.item(PLAN_PREFIX + 'p1')).toContainText('"Framtidens plan" – sparad av en nyare version av samplan');
  await expect(app.planSelect.getByRole('option')).toHaveText([EXAMPLE_NAME]);
  await expect(kept.deleteButton(PLAN_PREFIX + 'p1')).toHaveCount(0);

  const saved = await app.download(kept.downloadButton(PLAN_PREFIX + 'p1'));
  expect(saved.name).toMatch(/\.json$/);
  expect(saved.text).toBe(NEWER);

  // New plans never take its id.
  await app.planMenu.getByRole('button', { name: 'Ny plan', exact: true }).click();
  const form = app.page.getByRole('dialog', { name: 'Ny plan' });
  await form.getByLabel('Planens namn').fill('Ny plan');
  await form.getByRole('button', { name: 'Skapa plan' }).click();
  await expect(app.planName).toHaveText('Ny plan');
  expect((await app.storage())[PLAN_PREFIX + 'p1']).toBe(NEWER);
});

test('unreadable data is listed, downloadable, and deleted only after a confirmation', async ({ app }) => {
  const garbage = '{"format":"samplan-plan","version":2,"plan": trasig <img src=x onerror=alert(1)>';
  await app.seedStorage({
    [INDEX_KEY]: JSON.stringify({ plans: [{ id: 'p1', name: 'Trasig' }], current: 'p1', next: 2 }),
    [PLAN_PREFIX + 'p1']: garbage,
  });
  await app.open();
  await expect(app.unreadableBanner).toBeVisible();
  const key = `${BACKUP_PREFIX}1`;
  const kept = new KeptData(app);
  await expect(kept.item(key)).toContainText(`Oläsbar data (${key})`);

  // Still listed after a reload (the banner is about this start only; the list is what is stored).
  await app.reload();
  await expect(kept.item(key)).toBeVisible();

  const saved = await app.download(kept.downloadButton(key));
  expect(saved.text).toBe(garbage);

  // Delete asks first; "Avbryt" keeps it.
  await kept.deleteButton(key).click();
  await expect(kept.confirmation(key)).toBeVisible();
  await expect(kept.confirmation(key)).toContainText('Ta bort datan för alltid? Det går inte att ångra.');
  expect((await app.storage())[key]).toBe(garbage);
  await kept.confirmation(key).getByRole('button', { name: 'Avbryt', exact: true }).click();
  await expect(kept.confirmation(key)).toBeHidden();
  expect((await app.storage())[key]).toBe(garbage);

  await kept.deleteButton(key).click();
  await kept.confirmation(key).getByRole('button', { name: 'Ja, ta bort', exact: true }).click();
  await expect(kept.region).toBeHidden();
  expect((await app.storage())[key]).toBeUndefined();
  await app.reload();
  await expect(kept.region).toBeHidden();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
});

test('the recovery screen: shows in Swedish, downloads everything stored, restarts with the last good plan', async ({ app, watch }) => {
  await app.open('#finansiering');
  const fin = new FinansieringView(app);
  await fin.setTotal('13 579 000');
  await expect.poll(async () => (await app.storage())[GOOD_PREFIX + 'p1']).toContain('13579000');

  const recovery = new RecoveryScreen(app.page);
  await recovery.trigger('#finansiering');
  await expect(recovery.screen).toContainText('Dina planer finns kvar i webbläsaren.');
  await expect(app.tabs).toHaveCount(0);

  const all = await app.download(recovery.downloadAll);
  expect(all.name).toBe('samplan-alla-sparade-data.json');
  const data = JSON.parse(all.text) as Record<string, string>;
  const storage = await app.storage();
  for (const k of [INDEX_KEY, PLAN_PREFIX + 'p1', GOOD_PREFIX + 'p1']) expect(data[k]).toBe(storage[k]);

  await recovery.restart.click();
  await app.ready();
  await expect(app.page).toHaveURL(/\/#finansiering$/); // the query is gone
  await expect(new FinansieringView(app).total).toHaveValue(formatKr(13_579_000n));
  acceptPanicErrors(watch);
});

test('restart puts the last good snapshot back and keeps the failing state as a listed copy', async ({ app, watch }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  await budget.grid.type('Lokalhyra 2026', '111 111', 'Enter');
  await expect.poll(async () => storedAmount(JSON.parse((await app.storage())[GOOD_PREFIX + 'p1']), 'Lokalhyra', 2026)).toBe('111111');
  const good = (await app.storage())[GOOD_PREFIX + 'p1'];

  // A state under the plan key that cannot be computed (as if the last edits had crashed the
  // app: such a state is never written as the last good one).
  const failing = JSON.parse((await app.storage())[PLAN_PREFIX + 'p1']);
  failing.plan.settings.name = 'Trasigt läge';
  failing.plan.settings.unit = 1000;
  failing.plan.year_inputs[await app.yearSelect.inputValue()].funding = { typ: 'Total', värde: '13579001' };
  await app.page.evaluate(([k, v]) => localStorage.setItem(k, v), [PLAN_PREFIX + 'p1', JSON.stringify(failing)]);

  const recovery = new RecoveryScreen(app.page);
  await recovery.trigger('#budget');
  await recovery.restart.click();
  await app.ready();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await expect(new BudgetView(app).amount('Lokalhyra', 2026)).toHaveValue(formatKr(111_111n));
  const storage = await app.storage();
  expect(storage[PLAN_PREFIX + 'p1']).toBe(good);
  // The replaced state is kept and listed.
  expect(JSON.parse(storage[`${BACKUP_PREFIX}1`]).plan.settings.name).toBe('Trasigt läge');
  await expect(new KeptData(app).item(`${BACKUP_PREFIX}1`)).toContainText(
    `"Trasigt läge" – undanlagd version av en plan (${BACKUP_PREFIX}1)`,
  );
  acceptPanicErrors(watch);
});

test('a crash right after a restart offers another plan instead of restoring again', async ({ app, watch }) => {
  await app.open('#budget');
  await new BudgetView(app).grid.type('Lokalhyra 2026', '3 333', 'Enter');
  await expect.poll(async () => (await app.storage())[GOOD_PREFIX + 'p1']).toContain('"3333"');

  // The load that restores crashes too (as a snapshot that itself fails would).
  await app.page.goto('/?samplan-restore&samplan-test-panic#budget');
  const recovery = new RecoveryScreen(app.page);
  await expect(recovery.heading).toBeVisible();
  await expect(recovery.restart).toHaveAttribute('href', '?samplan-restore=annan-plan#budget');
  await recovery.restart.click();
  await app.ready();
  // Another plan is open; the one that failed is still stored and can be chosen.
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  expect(JSON.parse((await app.storage())[INDEX_KEY]).current).not.toBe('p1');
  expect((await app.storage())[PLAN_PREFIX + 'p1']).toContain('"3333"');
  await expect(app.planSelect.getByRole('option')).toHaveCount(2);
  acceptPanicErrors(watch);
});

test('an input that crashes the engine ends on the recovery screen, never on a frozen page', async ({ app, watch }) => {
  await app.open('#budget');
  await new BudgetView(app).grid.type('Lokalhyra 2026', '2 222', 'Enter');
  await expect.poll(async () => (await app.storage())[GOOD_PREFIX + 'p1']).toContain('"2222"');

  // "föregående år + p %" with p near Decimal::MAX: `100 + p` overflowed in the engine before
  // its input bounds; with them the file is refused. Either way the app must not freeze.
  const plan = JSON.parse((await app.saveAsFile()).text);
  const last = plan.plan.years[plan.plan.years.length - 1];
  plan.plan.year_inputs[String(last)].funding = { typ: 'PreviousPlusPercent', värde: '79228162514264337593543950300' };
  await app.openFile({ name: 'krasch.samplan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });

  const recovery = new RecoveryScreen(app.page);
  await expect(recovery.heading.or(app.fileError)).toBeVisible();
  const crashed = await recovery.heading.isVisible();
  test.info().annotations.push({ type: 'engine', description: crashed ? 'crashed: recovery screen' : 'refused the file' });
  if (crashed) {
    const all = JSON.parse((await app.download(recovery.downloadAll)).text) as Record<string, string>;
    expect(all[GOOD_PREFIX + 'p1']).toContain('"2222"');
    await recovery.restart.click();
    await app.ready();
    await expect(app.planName).toHaveText(EXAMPLE_NAME);
    await expect(new BudgetView(app).amount('Lokalhyra', 2026)).toHaveValue(formatKr(2_222n));
    acceptPanicErrors(watch);
  } else {
    await expect(app.fileError).toContainText('Inget har ändrats.');
  }
  await app.reload();
  await expect(new RecoveryScreen(app.page).heading).toHaveCount(0);
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
});

test('a plan that cannot be computed opens with its error, can be fixed, and never replaces the last good snapshot', async ({ app }) => {
  await app.open('#finansiering');
  await expect.poll(async () => (await app.storage())[GOOD_PREFIX + 'p1']).toBeTruthy();
  const good = (await app.storage())[GOOD_PREFIX + 'p1'];
  const year = await app.yearSelect.inputValue();

  // A total that is not a whole multiple of the rounding unit cannot be allocated.
  const failing = JSON.parse((await app.storage())[PLAN_PREFIX + 'p1']);
  failing.plan.settings.unit = 1000;
  failing.plan.year_inputs[year].funding = { typ: 'Total', värde: '13579001' };
  await app.page.evaluate(([k, v]) => localStorage.setItem(k, v), [PLAN_PREFIX + 'p1', JSON.stringify(failing)]);
  await app.reload();

  await expect(app.panel).toContainText('är inte en jämn multipel av avrundningsenheten 1000 kr');
  await app.page.waitForTimeout(600); // past the autosave delay
  expect((await app.storage())[GOOD_PREFIX + 'p1']).toBe(good);

  // It can be saved as a file as it is.
  const file = await app.saveAsFile();
  expect(JSON.parse(file.text).plan.year_inputs[year].funding.värde).toBe('13579001');

  // Fixing it works, and the fixed state becomes the last good one.
  const fin = new FinansieringView(app);
  await fin.setTotal('13 579 000');
  await expect(app.panel).not.toContainText('är inte en jämn multipel av avrundningsenheten 1000 kr');
  await expect.poll(async () => (await app.storage())[GOOD_PREFIX + 'p1']).toContain('13579000');
  const fixed = (await app.storage())[GOOD_PREFIX + 'p1'];

  // Undo brings the failing state back (and autosaves it as the latest state), but the last
  // good snapshot stays the fixed one.
  await app.undoButton.click();
  await expect(app.panel).toContainText('är inte en jämn multipel av avrundningsenheten 1000 kr');
  await expect.poll(async () => (await app.storedPlan()).plan.year_inputs[year]?.funding.värde).toBe('13579001');
  expect((await app.storage())[GOOD_PREFIX + 'p1']).toBe(fixed);
});

test('closing the page while a save has failed asks the browser to warn; otherwise it does not', async ({ app }) => {
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
  const budget = new BudgetView(app);
  const dialogs: string[] = [];
  app.page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.accept();
  });

  // A saved change: leaving asks nothing.
  await budget.grid.type('Lokalhyra 2026', '1 000', 'Enter');
  await app.reload();
  expect(dialogs).toEqual([]);

  await app.page.evaluate(() => ((window as unknown as { __e2eFull?: boolean }).__e2eFull = true));
  await budget.grid.type('Lokalhyra 2026', '2 000', 'Enter');
  await expect(app.page.getByTestId('banner-sparfel')).toBeVisible();
  await app.page.reload();
  expect(dialogs).toEqual(['beforeunload']);
});

test('a change pending when the page is hidden is saved at once', async ({ app }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  await budget.grid.type('Lokalhyra 2026', '4 321', 'Enter');
  await app.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  // Read at once, well within the autosave delay.
  expect(storedAmount(await app.storedPlan(), 'Lokalhyra', 2026)).toBe('4321');
});

test('the plan menu tells when the plan was saved as a file and reminds after a week', async ({ app }) => {
  await app.open();
  const info = app.planMenu.getByTestId('senast-sparad-som-fil');
  await expect(info).toHaveText('Aldrig sparad som fil');
  const reminder = app.page.getByTestId('påminnelse-spara-som-fil');
  await expect(reminder).toBeHidden();

  // Changes not saved as a file for eight days.
  const index = JSON.parse((await app.storage())[INDEX_KEY]);
  index.plans[0].unsaved_since = Date.now() - 8 * 24 * 3600 * 1000;
  await app.page.evaluate(([k, v]) => localStorage.setItem(k, v), [INDEX_KEY, JSON.stringify(index)]);
  await app.reload();
  await expect(reminder).toBeVisible();
  await expect(reminder).toContainText('inte har sparats som fil på över en vecka');

  await app.download(reminder.getByRole('button', { name: 'Spara som fil', exact: true }));
  await expect(reminder).toBeHidden();
  await expect(info).toHaveText(/^Senast sparad som fil: \d{4}-\d\d-\d\d \d\d:\d\d$/);
  await app.reload();
  await expect(info).toHaveText(/^Senast sparad som fil: /);
  await expect(reminder).toBeHidden();

  // A change starts the clock again, but a day-old change is no reason to remind.
  await app.goTo('Budget');
  await new BudgetView(app).grid.type('Lokalhyra 2026', '5', 'Enter');
  await expect.poll(async () => JSON.parse((await app.storage())[INDEX_KEY]).plans[0].unsaved_since).toBeGreaterThan(0);
  await expect(reminder).toBeHidden();
});
