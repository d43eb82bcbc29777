import { fileURLToPath } from 'node:url';

import { EXAMPLE_NAME, PLAN_PREFIX, lineOf, type StoredPlanFile } from './pages/app';
import { expect, file, test } from './pages/fixtures';
import { exactText } from './pages/grid';
import { divRoundHalfUp, formatKr, plainOre, toKr, toOre } from './pages/money';
import { BudgetView, FinansieringView, UppfoljningView, expectKr } from './pages/views';

// Files (docs/plan-file.md, docs/csv.md, 4.3): "Spara som fil" / "Öppna fil" with the plan file, CSV import of
// members, budget and outcome (all-or-nothing, errors naming line and column, unmatched
// accounts listed), and CSV export for Excel (UTF-8 with BOM, `;`, decimal comma, CRLF,
// formula-injection guard).

const RENT = 'Lokalhyra';
const YEAR = 2026;
const VM2024 = fileURLToPath(new URL('../../examples/vm2024.samplan.json', import.meta.url));

test.describe('plan file', () => {
  test('"Spara som fil" saves the plan; "Öppna fil" brings the saved version back', async ({ app }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    const firstYear = Number(await app.yearSelect.inputValue());
    await fin.setTotal('12 345 000');
    await expect(fin.total).toHaveValue(formatKr(12_345_000n));

    const saved = await app.saveAsFile();
    expect(saved.name).toBe(`${EXAMPLE_NAME}.samplan.json`);
    const json = JSON.parse(saved.text) as StoredPlanFile;
    expect(json.format).toBe('samplan-plan');
    expect(json.version).toBe(4);
    expect(json.plan.settings.name).toBe(EXAMPLE_NAME);
    expect(json.plan.year_inputs[String(firstYear)].funding).toEqual({ typ: 'Total', värde: '12345000' });
    const rentSaved = lineOf(json, RENT).amounts[String(YEAR)];
    expect(rentSaved).toBe('110000');

    // Change things after saving …
    await fin.setTotal('99 000 000');
    await app.goTo('Budget');
    const budget = new BudgetView(app);
    await budget.grid.type(`${RENT} ${YEAR}`, '1', 'Enter');
    await expect(budget.amount(RENT, YEAR)).toHaveValue('1');

    // … and open the saved file: the plan is already stored, so the app asks; "Behåll båda"
    // brings the saved values back as a plan of its own, "<namn> (2)".
    await app.openFile(file(saved.name, saved.text, 'application/json'));
    const dialog = app.page.getByRole('alertdialog', { name: 'Planen finns redan' });
    await dialog.getByRole('button', { name: 'Behåll båda', exact: true }).click();
    await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(110_000n));
    await app.goTo('Finansiering');
    await expect(fin.total).toHaveValue(formatKr(12_345_000n));
    await expect(app.planName).toHaveText(`${EXAMPLE_NAME} (2)`);
    await expect(app.fileError).toHaveCount(0);

    // Nothing was lost: the changed plan is still in the plan list.
    await expect(app.planSelect.getByRole('option')).toHaveCount(2);
    const first = await app.planSelect.getByRole('option').first().getAttribute('value');
    await app.planSelect.selectOption(first!);
    await expect(fin.total).toHaveValue(formatKr(99_000_000n));
  });

  test('the shipped example file opens with its municipalities\' amounts', async ({ app }) => {
    await app.open('#finansiering');
    await app.openFile(VM2024);
    await expect(app.planName).toHaveText('Samordningsförbundet Västmanland');
    const fin = new FinansieringView(app);
    await expect(fin.total).toHaveValue(formatKr(19_038_000n));
    await expectKr(fin.amount('Arboga'), 236_975n);
    await expectKr(fin.amount('Västerås'), 2_698_345n);
  });

  test('an older (version 1) plan file is migrated on open', async ({ app }) => {
    await app.open('#budget');
    const v1 = {
      format: 'samplan-plan',
      version: 1,
      plan: {
        namn: 'Gammal plan',
        år: [2024],
        medelstilldelning: { '2024': 19038000 },
        nyckel: 'Belopp',
        avrundning: 'each',
        medlemmar: [{ namn: 'Arboga', typ: 'Kommun', belopp: 236975 }],
        poster: [
          { konto: '1003', namn: 'Kansli', kategori: 'Kansli', belopp: { '2024': 2244000 }, utfall: { '2024': 1756872 } },
        ],
        ingående_eget_kapital: 427565,
        kapitaltillskott: { '2024': 3519143 },
        tak_procent: 20,
        golv: 500000,
      },
    };
    await app.openFile(file('gammal.samplan.json', JSON.stringify(v1), 'application/json'));
    await expect(app.planName).toHaveText('Gammal plan');
    await expect(new BudgetView(app).amount('Kansli', 2024)).toHaveValue(formatKr(2_244_000n));
  });

  for (const bad of [
    {
      what: 'broken JSON',
      name: 'trasig.samplan.json',
      text: '{"format": "samplan-plan", "version": 2, "plan": {"settings": ',
      reason: /"trasig\.samplan\.json" kunde inte öppnas: filen (är inte giltig JSON|tar slut).*rad \d+, kolumn \d+/,
    },
    {
      what: 'a newer version',
      name: 'framtid.samplan.json',
      text: JSON.stringify({ format: 'samplan-plan', version: 99, plan: {} }),
      reason: '"framtid.samplan.json" kunde inte öppnas: filen är från en nyare version av samplan (version 99); uppdatera samplan',
    },
    {
      what: 'another format',
      name: 'annat.json',
      text: JSON.stringify({ format: 'något-annat', version: 1 }),
      reason: 'filen är ingen samplan-plan',
    },
  ]) {
    test(`opening ${bad.what} shows a Swedish error and changes nothing`, async ({ app }) => {
      await app.open('#finansiering');
      const fin = new FinansieringView(app);
      await fin.setTotal('12 345 000');
      await expect.poll(async () => (await app.storage())[PLAN_PREFIX + 'p1']).toContain('12345000');
      const storageBefore = await app.storage();

      await app.openFile(file(bad.name, bad.text, 'application/json'));

      await expect(app.fileError).toBeVisible();
      await expect(app.fileError).toContainText(bad.reason);
      await expect(app.fileError).toContainText('Inget har ändrats.');
      await expect(fin.total).toHaveValue(formatKr(12_345_000n));
      await expect(app.planName).toHaveText(EXAMPLE_NAME);
      await expect(app.planSelect.getByRole('option')).toHaveCount(1);
      await app.page.waitForTimeout(500); // past the autosave delay
      expect(await app.storage()).toEqual(storageBefore);

      await app.fileError.getByRole('button', { name: 'Stäng' }).click();
      await expect(app.fileError).toHaveCount(0);
    });
  }
});

test.describe('CSV import', () => {
  test('members: a bad cell names line and column and changes nothing; a good file (Windows-1252) updates the key', async ({ app }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    const names = await fin.municipalities();
    expect(names).toEqual(expect.arrayContaining(['Älvstad', 'Norrfors']));
    const popsBefore = await Promise.all(names.map((n) => fin.population(n).inputValue()));
    const amountsBefore = await Promise.all(names.map((n) => exactText(fin.amount(n))));

    const flow = fin.membersImport;
    await flow.pick(file('medlemmar.csv', 'Medlem;Typ;Invånare\r\nÄlvstad;Kommun;98 412\r\nNorrfors;Kommun;12a\r\n'));
    await expect(flow.error).toContainText('"medlemmar.csv" kunde inte importeras: rad 3, kolumn "Invånare": "12a" är inget tal');
    await expect(flow.error).toContainText('Inget har ändrats');
    await expect(flow.confirmButton).toHaveCount(0);
    await flow.cancelButton.click();
    for (const [i, n] of names.entries()) {
      await expect(fin.population(n)).toHaveValue(popsBefore[i]);
      await expect.poll(() => exactText(fin.amount(n))).toBe(amountsBefore[i]);
    }
    await expect(app.undoButton).toBeDisabled();

    // Excel's "CSV" on Swedish Windows: Windows-1252, `;`, a quoted grouped number.
    const csv = 'Medlem;Typ;Invånare\r\nÄlvstad;Kommun;"100 000"\r\nNorrfors;Kommun;25 000\r\n';
    await flow.pick(file('medlemmar.csv', Buffer.from(csv, 'latin1')));
    await expect(flow.region).toContainText('Älvstad');
    await flow.confirm();

    await expect(fin.population('Älvstad')).toHaveValue(formatKr(100_000n));
    await expect(fin.population('Norrfors')).toHaveValue(formatKr(25_000n));
    // The amounts follow the new populations exactly (round half-up per member).
    const pops = await Promise.all(names.map(async (n) => toKr(await fin.population(n).inputValue())));
    const kommuner = toKr(await exactText(fin.party('Kommuner')));
    const total = pops.reduce((a, b) => a + b, 0n);
    for (const [i, n] of names.entries()) {
      await expectKr(fin.amount(n), divRoundHalfUp(kommuner * pops[i], total), `amount of ${n}`);
    }
    // The import is one undo step.
    await app.page.keyboard.press('Control+Z');
    for (const [i, n] of names.entries()) await expect(fin.population(n)).toHaveValue(popsBefore[i]);
  });

  test('budget: a bad cell changes nothing; a good file updates and adds lines in one undo step', async ({ app }) => {
    await app.open('#budget');
    const budget = new BudgetView(app);
    const kansli = await budget.sumKr('Summa Kansli', YEAR);
    const rentBefore = [YEAR, YEAR + 1].map(async (y) => budget.amount(RENT, y).inputValue());
    const [rent26, rent27] = await Promise.all(rentBefore);

    const flow = budget.budgetImport;
    await flow.pick(file('budget.csv', `Konto;Post;Kategori;${YEAR}\r\n5040;Lokalhyra;Kansli;150 000\r\n5050;IT;Kansli;12a\r\n`));
    await expect(flow.error).toContainText(`rad 3, kolumn "${YEAR}": "12a" är inget tal`);
    await expect(flow.error).toContainText('Inget har ändrats');
    await flow.cancelButton.click();
    await expect(budget.amount(RENT, YEAR)).toHaveValue(rent26);
    await expect(app.undoButton).toBeDisabled();

    const csv =
      `Konto;Post;Kategori;${YEAR};${YEAR + 1}\r\n` +
      `5040;Lokalhyra;Kansli;"150 000";160 000\r\n` +
      `5095;"Ny lokal; förråd";Kansli;25 000;\r\n`;
    await flow.pick(file('budget.csv', csv));
    await expect(flow.region).toContainText('1 nya poster');
    await expect(flow.region).toContainText('1 poster uppdateras');
    await flow.confirm();

    await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(150_000n));
    await expect(budget.amount(RENT, YEAR + 1)).toHaveValue(formatKr(160_000n));
    await expect(budget.amount('Ny lokal; förråd', YEAR)).toHaveValue(formatKr(25_000n));
    await expectKr(budget.sum('Summa Kansli', YEAR), kansli + (150_000n - toKr(rent26)) + 25_000n);

    await app.page.keyboard.press('Control+Z');
    await expect(budget.amount(RENT, YEAR)).toHaveValue(rent26);
    await expect(budget.amount(RENT, YEAR + 1)).toHaveValue(rent27);
    await expect(budget.amount('Ny lokal; förråd', YEAR)).toHaveCount(0);
  });

  test('outcome: a bad cell changes nothing; unmatched accounts are listed to map or ignore', async ({ app }) => {
    await app.open('#uppfoljning');
    const year = Number(await app.yearSelect.inputValue());
    const fu = new UppfoljningView(app);
    const rentBefore = await fu.ytd(RENT, year).inputValue();
    const otherBefore = await fu.ytd('Övrigt kansli', year).inputValue();

    const flow = fu.outcomeImport;
    await flow.pick(file('utfall.csv', 'Konto;Belopp\r\n5040;50 000\r\n5040;12a\r\n'));
    await expect(flow.error).toContainText('rad 3, kolumn "Belopp": "12a" är inget tal');
    await expect(flow.error).toContainText('Inget har ändrats');
    await flow.cancelButton.click();
    await expect(fu.ytd(RENT, year)).toHaveValue(rentBefore);

    // Ledger rows: many per account, summed; two accounts that match no line.
    const csv = 'Konto;Belopp\r\n5040;50 000\r\n5040;"10 000"\r\n9998;500\r\n9999;1 200\r\n';
    await flow.pick(file('utfall.csv', csv));
    await expect(flow.region.getByText('Konton eller poster i filen som inte finns i planen')).toBeVisible();
    await expect(flow.region).toContainText('9998 (500 kr, rad 4)');
    await expect(flow.region).toContainText(`9999 (${formatKr(1_200n)} kr, rad 5)`);
    await expect(flow.confirmButton).toBeDisabled();

    await flow.region.getByRole('combobox', { name: 'Koppla 9998' }).selectOption({ label: 'Ignorera' });
    await expect(flow.region).toContainText('9998 ignoreras (500 kr)');
    await expect(flow.confirmButton).toBeDisabled();
    await flow.region.getByRole('combobox', { name: 'Koppla 9999' }).selectOption({ label: 'Övrigt kansli' });
    await expect(flow.confirmButton).toBeEnabled();
    await flow.confirm();

    await expect(fu.ytd(RENT, year)).toHaveValue(formatKr(60_000n));
    await expect(fu.ytd('Övrigt kansli', year)).toHaveValue(formatKr(1_200n));
    await app.page.keyboard.press('Control+Z');
    await expect(fu.ytd(RENT, year)).toHaveValue(rentBefore);
    await expect(fu.ytd('Övrigt kansli', year)).toHaveValue(otherBefore);
  });
});

test.describe('CSV export for Excel', () => {
  test('budget: BOM, `;`, decimal comma, CRLF, numbers as numbers, formula guard on text', async ({ app }) => {
    await app.open('#budget');
    const budget = new BudgetView(app);
    await budget.grid.type(`${RENT} ${YEAR}`, '1 234,50', 'Enter');
    await budget.grid.type(`Resor och bilkonto ${YEAR}`, '-5 000', 'Enter');
    await budget.grid.type('Post Övrigt kansli', '=SUMMA(A1)', 'Enter');
    await budget.grid.type('Konto =SUMMA(A1)', '+4690', 'Enter');
    await expect(budget.grid.input('Konto =SUMMA(A1)')).toHaveValue('+4690');

    const csv = await budget.exportCsv();
    expect(csv.name).toBe(`${EXAMPLE_NAME} budget.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, ''), 'every line ends with CRLF').not.toMatch(/[\r\n]/);
    const rows = text.slice(0, -2).split('\r\n').map((r) => r.split(';'));

    const years = (await app.yearSelect.getByRole('option').allTextContents()).map((y) => y.trim());
    expect(rows[0]).toEqual(['Konto', 'Post', 'Kategori', ...years, 'Kommun', 'Notering']);

    const rent = rows.find((r) => r[1] === RENT)!;
    expect(rent, 'Lokalhyra row').toBeTruthy();
    const expectedRent = await Promise.all(
      years.map(async (y) => (Number(y) === YEAR ? '1234,5' : plainOre(toOre(await budget.amount(RENT, Number(y)).inputValue())))),
    );
    expect(rent.slice(0, 3 + years.length)).toEqual(['5040', RENT, 'Kansli', ...expectedRent]);

    const travel = rows.find((r) => r[1] === 'Resor och bilkonto')!;
    expect(travel[3 + years.indexOf(String(YEAR))], 'a negative number is a number, not guarded').toBe('-5000');

    const guarded = rows.find((r) => r[1] === "'=SUMMA(A1)");
    expect(guarded, 'text starting with = is prefixed with \'').toBeTruthy();
    expect(guarded![0]).toBe("'+4690");
    expect(text).not.toMatch(/(^|;)=SUMMA/m);
    expect(text, 'no thousands grouping').not.toMatch(/\d[ \u00a0\u202f]\d{3}/);
  });

  test('allocation: each member\'s amount as on screen, in whole kronor', async ({ app }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    const year = await app.yearSelect.inputValue();
    const names = await fin.municipalities();

    const csv = await fin.exportAllocation();
    expect(csv.name).toBe(`${EXAMPLE_NAME} fördelning.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = text.slice(0, -2).split('\r\n').map((r) => r.split(';'));
    expect(rows[0].slice(0, 2)).toEqual(['Medlem', 'Typ']);
    const col = rows[0].indexOf(year);
    expect(col).toBeGreaterThan(1);
    for (const n of names) {
      const row = rows.find((r) => r[0] === n);
      expect(row, `row of ${n}`).toBeTruthy();
      expect(row![1]).toBe('Kommun');
      expect(row![col], `amount of ${n}`).toBe(toKr(await exactText(fin.amount(n))).toString());
    }
  });
});
