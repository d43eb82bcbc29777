import { AppPage, EXAMPLE_NAME, lineOf, type StoredPlanFile } from './pages/app';
import { ORIGIN, Watch, expect, test } from './pages/fixtures';
import { exactText } from './pages/grid';
import { formatKr, toKr } from './pages/money';
import { BudgetView, FinansieringView, expectKr } from './pages/views';

// Issue 13, "done when": a treasurer builds a first plan from scratch with no prior plan —
// the new-plan form with a base year, the members CSV from Excel (Windows-1252), the
// medelstilldelning typed into a field that showed 0, lines, a year added, a line deleted and
// brought back from the message's "Ångra", a line split 60/40 between two categories (each share
// inside its category, every category sum adding up from the rows shown), saved to a file,
// reopened on another computer and into the same browser ("Ersätt": replaced, not duplicated) —
// and the municipality sees its change from the base year.

const NAME = 'Samordningsförbundet Testdalen';
const BASE = 2025;
// Excel's "CSV (semikolonavgränsad)" on Swedish Windows: Windows-1252, `;`, CRLF, grouped numbers.
const MEMBERS = Buffer.from('Medlem;Typ;Invånare\r\nÅby;Kommun;"30 000"\r\nÖstra Ed;Kommun;10 000\r\n', 'latin1');

test('a treasurer makes a first plan with a base year, lines and a year added, saves and reopens it', async ({
  app,
  browser,
}) => {
  test.slow(); // one long story on a small machine
  const page = app.page;
  const toast = page.getByTestId('meddelande');

  // ---- first start, empty storage: the example plan; "Ny plan" opens the form ----
  await app.open();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await app.planMenu.getByRole('button', { name: 'Ny plan', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'Ny plan' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Planens namn')).toBeFocused();
  await expect(form.getByLabel('Antal planår efter basåret')).toHaveValue('3');
  await expect(form.getByLabel('Samma som basåret')).toBeChecked();
  await expect(form.getByLabel('Fördelningsnyckel mellan kommunerna')).toHaveValue('invanare');

  // Nothing typed: the form says what is missing at the field, and nothing is created.
  await form.getByRole('button', { name: 'Skapa plan' }).click();
  await expect(form.getByText('Ange planens namn.')).toBeVisible();
  await expect(app.planName).toHaveText(EXAMPLE_NAME);

  await form.getByLabel('Planens namn').fill(NAME);
  await form.getByLabel('Basår (senast beslutade år)').fill(String(BASE));
  await form.getByLabel('Basåret + procent').check();
  await form.getByLabel('Förändring mot basåret (%)').fill('5');
  await form.getByLabel('Källa för nyckeltalen').fill('SCB');
  await form.getByLabel('Datum för nyckeltalen').fill('2024-11-01');
  await form.getByLabel('Medlemslista (CSV, valfritt)').setInputFiles({
    name: 'medlemmar.csv',
    mimeType: 'text/csv',
    buffer: MEMBERS,
  });
  await expect(form.getByRole('status')).toHaveText('"medlemmar.csv": 2 medlemmar, fördelningsnyckel Invånare.');
  await form.getByRole('button', { name: 'Skapa plan' }).click();
  await expect(form).toBeHidden();

  // ---- the new plan: base year + 3 plan years, the first plan year chosen, no error ----
  await expect(app.planName).toHaveText(NAME);
  await expect(app.planSelect.getByRole('option')).toHaveText([EXAMPLE_NAME, NAME]);
  await expect(app.yearSelect.getByRole('option')).toHaveText(['2025', '2026', '2027', '2028']);
  await expect(app.yearSelect).toHaveValue('2026');
  await app.expectTab('Finansiering');
  await expect(page.getByRole('alert').filter({ hasText: 'kan inte beräknas' })).toHaveCount(0);

  // ---- the base year's medelstilldelning, typed into the field that showed 0 ----
  const fin = new FinansieringView(app);
  await expect(fin.population('Åby')).toHaveValue(formatKr(30_000n));
  await expect(fin.population('Östra Ed')).toHaveValue(formatKr(10_000n));
  await app.selectYear(BASE);
  await expect(fin.total).toHaveValue('0');
  await fin.setTotal('4 000 000');
  await expect(fin.total).toHaveValue(formatKr(4_000_000n));
  await expectKr(fin.party('Kommuner'), 1_000_000n);
  await expectKr(fin.amount('Åby'), 750_000n);
  await expectKr(fin.amount('Östra Ed'), 250_000n);
  // The first plan year is the base year + 5 %: 4 200 000, Kommuner 1 050 000.
  await app.selectYear(BASE + 1);
  await expect(fin.total).toHaveValue(formatKr(4_200_000n));
  await expectKr(fin.amount('Åby'), 787_500n);

  // ---- lines ----
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await budget.button('Lägg till post').click();
  // A new line's name cell is empty, with the placeholder "Ny post": the typed text is the name.
  await expect(budget.grid.input('Post (namnlös post)')).toHaveValue('');
  await expect(budget.grid.input('Post (namnlös post)')).toHaveAttribute('placeholder', 'Ny post');
  await budget.grid.type('Post (namnlös post)', 'Kansli och lokaler', 'Enter');
  await budget.grid.type('Kategori Kansli och lokaler', 'Kansli', 'Enter');
  await budget.grid.type(`Kansli och lokaler ${BASE + 1}`, '500 000', 'Enter');
  await budget.button('Lägg till post').click();
  await budget.grid.type('Post (namnlös post)', 'Styrelsearvoden', 'Enter');
  await budget.grid.type('Kategori Styrelsearvoden', 'Styrelse', 'Enter');
  await expect(budget.grid.input('Kategori Kansli och lokaler')).toHaveValue('Kansli');
  await expect(budget.grid.input('Kategori Styrelsearvoden')).toHaveValue('Styrelse');
  await budget.grid.type(`Styrelsearvoden ${BASE + 1}`, '100 000', 'Enter');
  await expect(budget.amount('Kansli och lokaler', BASE + 1)).toHaveValue(formatKr(500_000n));
  await expect(budget.amount('Styrelsearvoden', BASE + 1)).toHaveValue(formatKr(100_000n));

  // ---- a year after the last, with a message that can undo it ----
  await expect(budget.amount('Kansli och lokaler', 2029)).toHaveCount(0);
  await budget.button('Lägg till år 2029').click();
  await expect(toast).toContainText('Året 2029 lades till.');
  await expect(toast.getByRole('button', { name: 'Ångra' })).toBeVisible();
  await expect(app.yearSelect.getByRole('option')).toHaveText(['2025', '2026', '2027', '2028', '2029']);
  await expect(budget.amount('Kansli och lokaler', 2029)).toHaveValue('');
  await expect(budget.button('Lägg till år 2030')).toBeVisible();
  await expect(budget.button('Lägg till år 2024')).toBeVisible();

  // ---- delete a line, then bring it back with the message's "Ångra" ----
  await budget.grid.select('Post Styrelsearvoden');
  await budget.button('Ta bort post').click();
  await expect(toast).toContainText('Posten "Styrelsearvoden" togs bort.');
  await expect(budget.amount('Styrelsearvoden', BASE + 1)).toHaveCount(0);
  await toast.getByRole('button', { name: 'Ångra' }).click();
  await expect(budget.amount('Styrelsearvoden', BASE + 1)).toHaveValue(formatKr(100_000n));
  await expect(toast.getByRole('button', { name: 'Ångra' })).toHaveCount(0);
  // Undo took back only the deletion: the added year is still there.
  await expect(app.yearSelect.getByRole('option')).toHaveText(['2025', '2026', '2027', '2028', '2029']);

  // ---- split a line 60/40: each share inside its category, the sums add up from the rows ----
  const LINE = 'Kansli och lokaler';
  const PROCESS = 'Processtöd samverkansinsatser';
  const Y1 = BASE + 1;
  await budget.grid.select(`${LINE} ${Y1}`);
  const panel = page.getByRole('complementary', { name: `Fördelning av ${LINE}` });
  await expect(panel).toBeVisible();
  await panel.getByRole('checkbox', { name: 'Fördela posten mellan kategorier i procent' }).check();
  await expect(budget.grid.input(`Post ${LINE} (Kansli)`)).toHaveValue(`${LINE} (100 %)`);
  await expect(budget.grid.cellOf(`${LINE} ${Y1} (Kansli)`)).toHaveClass(/\bselected\b/);
  const kansliShare = panel.getByRole('textbox', { name: `Andel Kansli ${LINE}` });
  const processShare = panel.getByRole('textbox', { name: `Andel ${PROCESS} ${LINE}` });
  await kansliShare.fill('60');
  await kansliShare.press('Tab');
  await processShare.fill('40');
  await processShare.press('Tab');
  await expect(panel).toBeVisible();
  await expect(budget.grid.input(`Post ${LINE} (Kansli)`)).toHaveValue(`${LINE} (60 %)`);
  await expect(budget.grid.input(`Post ${LINE} (${PROCESS})`)).toHaveValue(`${LINE} (40 %)`);
  await expect(budget.grid.input(`${LINE} ${Y1} (Kansli)`)).toHaveValue(formatKr(300_000n));
  await expect(budget.grid.input(`${LINE} ${Y1} (${PROCESS})`)).toHaveValue(formatKr(200_000n));
  await expect(budget.amount(LINE, Y1)).toHaveCount(0); // no unsplit row left
  // Kansli: 60 % of 500 000; Processtöd: 40 % of 500 000; Styrelse: Styrelsearvoden 100 000.
  await expectKr(budget.sum('Summa Kansli', Y1), 300_000n);
  await expectKr(budget.sum(`Summa ${PROCESS}`, Y1), 200_000n);
  await expectKr(budget.sum('Summa Styrelse', Y1), 100_000n);
  // Every category's sum is the sum of the rows shown under its heading.
  const shown = await groupsOf(budget, Y1);
  expect(shown.get('Kansli')).toEqual({ rows: [`${LINE} (60 %)`], rowSum: 300_000n, sum: 300_000n });
  expect(shown.get(PROCESS)).toEqual({ rows: [`${LINE} (40 %)`], rowSum: 200_000n, sum: 200_000n });
  expect(shown.get('Styrelse')).toEqual({ rows: ['Styrelsearvoden'], rowSum: 100_000n, sum: 100_000n });
  expect(shown.size, 'every category has its sum').toBeGreaterThanOrEqual(8);
  for (const [group, g] of shown) expect(g.rowSum, `Summa ${group}`).toBe(g.sum);

  // ---- the municipality's change from the base year ----
  await app.goTo('Kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Åby' });
  await expect(page.getByTestId('kommun-belopp-2025')).toHaveText(formatKr(750_000n));
  await expect(page.getByTestId('kommun-belopp-2026')).toHaveText(formatKr(787_500n));
  await expect(page.getByTestId('kommun-forandring-2025')).toHaveText('–');
  await expect(page.getByTestId('kommun-forandring-2026')).toHaveText(`+${formatKr(37_500n)}`);
  await expect(page.getByTestId('kommun-kalla-2026')).toHaveText('SCB 2024-11-01');

  // ---- save to a file: the message says where ----
  const saved = await app.saveAsFile();
  expect(saved.name).toBe(`${NAME}.samplan.json`);
  await expect(toast).toContainText(`Sparad som ${saved.name}`);
  const file = JSON.parse(saved.text) as StoredPlanFile;
  expect(file.plan.settings.name).toBe(NAME);
  expect(file.plan.years).toEqual([2025, 2026, 2027, 2028, 2029]);
  expect(lineOf(file, 'Styrelsearvoden').amounts['2026']).toBe('100000');
  expect(lineOf(file, 'Kansli och lokaler').amounts['2026']).toBe('500000');
  expect((lineOf(file, 'Kansli och lokaler') as unknown as { split: unknown[] }).split).toHaveLength(2);
  expect(file.plan.members.map((m) => m.name)).toEqual(['Åby', 'Östra Ed']);

  // ---- reopen the file on another computer (empty storage) ----
  const other = await browser.newContext({ baseURL: ORIGIN, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const watch = new Watch();
  watch.attach(other);
  try {
    const there = new AppPage(await other.newPage());
    await there.open('#kommun');
    await there.openFile({ name: saved.name, mimeType: 'application/json', buffer: Buffer.from(saved.text) });
    await expect(there.planName).toHaveText(NAME);
    await expect(there.yearSelect.getByRole('option')).toHaveText(['2025', '2026', '2027', '2028', '2029']);
    await there.selectYear(BASE + 1);
    await there.page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Åby' });
    await expect(there.page.getByTestId('kommun-forandring-2026')).toHaveText(`+${formatKr(37_500n)}`);
    await there.goTo('Budget');
    const budget2 = new BudgetView(there);
    await expect(budget2.grid.input(`${LINE} ${Y1} (Kansli)`)).toHaveValue(formatKr(300_000n));
    await expect(budget2.grid.input(`${LINE} ${Y1} (${PROCESS})`)).toHaveValue(formatKr(200_000n));
    await expectKr(budget2.sum('Summa Kansli', Y1), 300_000n);
    await expectKr(budget2.sum(`Summa ${PROCESS}`, Y1), 200_000n);
    expect(await exactText(budget2.sum('Årets resultat', BASE + 1))).not.toBe('');
  } finally {
    await other.close();
  }
  watch.check();

  // ---- reopen the saved file in this browser, after a change: "Ersätt" replaces the plan ----
  await app.goTo('Budget');
  await budget.grid.type(`Styrelsearvoden ${Y1}`, '150 000', 'Enter');
  await expect(budget.amount('Styrelsearvoden', Y1)).toHaveValue(formatKr(150_000n));
  await expectKr(budget.sum('Summa Styrelse', Y1), 150_000n);
  await app.openFile({ name: saved.name, mimeType: 'application/json', buffer: Buffer.from(saved.text) });
  const again = page.getByRole('alertdialog', { name: 'Planen finns redan' });
  await expect(again).toContainText(`Planen "${NAME}" finns redan i webbläsaren.`);
  await again.getByRole('button', { name: 'Ersätt', exact: true }).click();
  await expect(again).toHaveCount(0);
  // Replaced, not duplicated: the same two plans, the saved figures back.
  await expect(app.planSelect.getByRole('option')).toHaveText([EXAMPLE_NAME, NAME]);
  await expect(app.planName).toHaveText(NAME);
  await app.goTo('Budget');
  await expect(budget.amount('Styrelsearvoden', Y1)).toHaveValue(formatKr(100_000n));
  await expect(budget.grid.input(`${LINE} ${Y1} (Kansli)`)).toHaveValue(formatKr(300_000n));
  await expect(budget.grid.input(`${LINE} ${Y1} (${PROCESS})`)).toHaveValue(formatKr(200_000n));
  await expectKr(budget.sum('Summa Kansli', Y1), 300_000n);
  await expectKr(budget.sum('Summa Styrelse', Y1), 100_000n);
  await expect(app.yearSelect.getByRole('option')).toHaveText(['2025', '2026', '2027', '2028', '2029']);
  await expect.poll(async () => (await app.storedPlan()).plan.lines.find((l) => l.name === 'Styrelsearvoden')?.amounts['2026']).toBe('100000');
});

/**
 * The Budget grid's category groups in `year`: for each heading, the line rows shown under it
 * (their labels), the sum of their amounts and the figure of its "Summa …" row.
 */
async function groupsOf(budget: BudgetView, year: number) {
  const col = (await budget.grid.table.locator('thead th').allTextContents()).findIndex((t) => t.startsWith(`${year} `));
  expect(col, `column of ${year}`).toBeGreaterThan(0);
  const rows = await budget.grid.table.locator('tbody tr').evaluateAll(
    (trs, col) =>
      trs.map((tr) => {
        const text = (cell: Element | undefined) =>
          cell ? ((cell.querySelector('input') as HTMLInputElement | null)?.value ?? cell.textContent ?? '').trim() : '';
        return { kind: tr.className, label: text(tr.children[0]), amount: text(tr.children[col]) };
      }),
    col,
  );
  const groups = new Map<string, { rows: string[]; rowSum: bigint; sum: bigint }>();
  let open: { name: string; rows: string[]; rowSum: bigint } | null = null;
  for (const r of rows) {
    if (r.kind === 'group') open = { name: r.label, rows: [], rowSum: 0n };
    else if (open && r.label === `Summa ${open.name}`) {
      groups.set(open.name, { rows: open.rows, rowSum: open.rowSum, sum: toKr(r.amount) });
      open = null;
    } else if (open && r.amount !== '') {
      open.rows.push(r.label);
      open.rowSum += toKr(r.amount);
    }
  }
  return groups;
}

test('a new plan without members shows a hint, not an error', async ({ app }) => {
  await app.open();
  await app.planMenu.getByRole('button', { name: 'Ny plan', exact: true }).click();
  const form = app.page.getByRole('dialog', { name: 'Ny plan' });
  await form.getByLabel('Planens namn').fill('Tom plan');
  await form.getByRole('button', { name: 'Skapa plan' }).click();
  await expect(form).toBeHidden();
  await expect(app.planName).toHaveText('Tom plan');
  await app.expectTab('Finansiering');
  await expect(app.page.getByRole('alert').filter({ hasText: 'kan inte beräknas' })).toHaveCount(0);
  await expect(app.page.getByTestId('fordelning-vantar')).toContainText('väntar på uppgifter: lägg till förbundets kommuner');
  await app.goTo('Översikt');
  await expect(app.page.getByRole('alert').filter({ hasText: 'kan inte beräknas' })).toHaveCount(0);
  await expect(app.page.getByTestId('varningar').locator('li.error')).toHaveCount(0);
});

test("a budget file with last year's column offers to add that year, in one undo step", async ({ app }) => {
  await app.open('#budget');
  const years = (await app.yearSelect.getByRole('option').allTextContents()).map((y) => Number(y.trim()));
  const first = years[0];
  const budget = new BudgetView(app);
  const flow = budget.budgetImport;
  await flow.pick({
    name: 'budget.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Post;Kategori;${first - 1};${first}\r\nFörra årets post;Kansli;40 000;50 000\r\n`),
  });
  await expect(flow.region).toContainText(`År som inte finns i planen (sparas men visas inte, om du inte lägger till dem): ${first - 1}`);
  await flow.region.getByRole('button', { name: `Lägg till ${first - 1} i planen och verkställ import` }).click();
  await expect(flow.region).toBeHidden();
  await expect(app.yearSelect.getByRole('option')).toHaveText([first - 1, ...years].map(String));
  await expect(budget.amount('Förra årets post', first - 1)).toHaveValue(formatKr(40_000n));
  await expect(budget.amount('Förra årets post', first)).toHaveValue(formatKr(50_000n));
  await app.undoButton.click();
  await expect(app.yearSelect.getByRole('option')).toHaveText(years.map(String));
  await expect(budget.amount('Förra årets post', first)).toHaveCount(0);
});

test('deleting a member and a lever that overwrites figures say what they did, with Ångra', async ({ app }) => {
  const page = app.page;
  const toast = page.getByTestId('meddelande');

  // A member: "Ta bort Norrfors", then back from the message.
  await app.open('#finansiering');
  const fin = new FinansieringView(app);
  const population = await fin.population('Norrfors').inputValue();
  await fin.kommuner.select('Invånare Norrfors');
  await app.panel.getByRole('button', { name: 'Ta bort Norrfors', exact: true }).click();
  await expect(toast).toContainText('Norrfors togs bort ur medlemmarna.');
  await expect(fin.population('Norrfors')).toHaveCount(0);
  await toast.getByRole('button', { name: 'Ångra' }).click();
  await expect(fin.population('Norrfors')).toHaveValue(population);
  await expect(toast).not.toContainText('Norrfors');

  // "Kopiera posterna till nästa år" says how many filled-in figures it replaced.
  const stored = await app.storedPlan();
  const years = stored.plan.years;
  const [from, to] = [String(years[0]), String(years[1])];
  const replaced = stored.plan.lines.filter((l) => l.amounts[to] !== undefined && l.amounts[to] !== l.amounts[from]);
  expect(replaced.length).toBeGreaterThan(1);
  const sample = replaced[0];
  await app.goTo('Scenarier');
  await app.selectYear(years[0]);
  await app.panel.getByRole('button', { name: 'Kopiera posterna till nästa år', exact: true }).click();
  await expect(toast).toContainText(`Kopiera posterna ${from} till nästa år i`);
  await expect(toast).toContainText(`${replaced.length} ifyllda siffror ersattes.`);
  await toast.getByRole('button', { name: 'Ångra' }).click();
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await expect(budget.amount(sample.name, years[1])).toHaveValue(formatKr(BigInt(sample.amounts[to])));
});

test('a year is removed only after a confirmation, keeps its figures and comes back with Ångra', async ({ app }) => {
  await app.open('#budget');
  const years = (await app.yearSelect.getByRole('option').allTextContents()).map((y) => Number(y.trim()));
  const last = years[years.length - 1];
  const budget = new BudgetView(app);
  const cell = budget.grid.table.getByRole('textbox', { name: new RegExp(` ${last}$`) }).first();
  const label = await cell.getAttribute('aria-label');
  const value = await cell.inputValue();

  await budget.button('Ta bort år…').click();
  const confirm = app.panel.getByRole('alertdialog', { name: 'Bekräfta att ett år tas bort' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(confirm).toBeHidden();
  await expect(app.yearSelect.getByRole('option')).toHaveText(years.map(String));

  await budget.button('Ta bort år…').click();
  await expect(confirm.getByRole('button', { name: `Ta bort ${years[1]}` })).toHaveCount(0); // only the ends
  await confirm.getByRole('button', { name: `Ta bort ${last}` }).click();
  const toast = app.page.getByTestId('meddelande');
  await expect(toast).toContainText(`Året ${last} togs bort.`);
  await expect(app.yearSelect.getByRole('option')).toHaveText(years.slice(0, -1).map(String));
  await expect(budget.grid.input(label!)).toHaveCount(0);
  await toast.getByRole('button', { name: 'Ångra' }).click();
  await expect(app.yearSelect.getByRole('option')).toHaveText(years.map(String));
  await expect(budget.grid.input(label!)).toHaveValue(value);
});
