import { EXAMPLE_NAME, type AppPage } from './pages/app';
import { expect, file, test } from './pages/fixtures';
import { formatKr } from './pages/money';
import { RecoveryScreen } from './pages/recovery';
import { BudgetView, FinansieringView, UppfoljningView } from './pages/views';

// Poisoned input through every door (Öppna fil; the members, budget and outcome CSV imports;
// typing into cells): absurd amounts (28 digits, 10^30), negative populations, years far out
// of range (docs/bounds.md) and markup in names. Each gives a clear Swedish message naming
// where the problem is, nothing changes, the app keeps working (no recovery screen), and after
// a reload it starts normally.

const YEAR = 2026; // the example plan's budget year
const RENT = 'Lokalhyra';
const DIGITS_28 = '1234567890123456789012345678';
const TEN_POW_30 = '1' + '0'.repeat(30);
const MARKUP = '<img src=x onerror="window.__xss=1">';
const TOO_LARGE = 'beloppet är för stort: högst 1 000 000 000 000 kr (tusen miljarder) är tillåtet';

/** The app still works: no recovery screen, a normal edit applies, and a reload starts normally. */
async function expectStillWorking(app: AppPage): Promise<void> {
  await expect(new RecoveryScreen(app.page).heading).toHaveCount(0);
  expect(await app.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await budget.grid.type(`${RENT} ${YEAR}`, '7 777', 'Enter');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(7_777n));
  await app.reload();
  await expect(app.tabs).toBeVisible();
  await expect(new RecoveryScreen(app.page).heading).toHaveCount(0);
  await app.goTo('Budget');
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue(formatKr(7_777n));
}

test.describe('Öppna fil with a poisoned plan file', () => {
  type Poison = { what: string; poison: (plan: Record<string, any>) => void; reason: RegExp | string };
  const poisons: Poison[] = [
    {
      what: 'a 28-digit amount',
      poison: (p) => (p.lines[0].amounts[String(YEAR)] = DIGITS_28),
      reason: TOO_LARGE,
    },
    {
      what: 'an amount of 10^30',
      poison: (p) => (p.lines[0].amounts[String(YEAR)] = TEN_POW_30),
      reason: /beloppet är för stort|för stort|utanför/,
    },
    {
      what: 'a 28-digit total',
      poison: (p) => (p.year_inputs[String(YEAR)].funding = { typ: 'Total', värde: DIGITS_28 }),
      reason: TOO_LARGE,
    },
    {
      // Before the engine's bounds, `100 + p` overflowed here and the app panicked.
      what: '"föregående år + p %" with p ≈ 7,9 · 10^28',
      poison: (p) => {
        const later = p.years[p.years.length - 1];
        p.year_inputs[String(later)].funding = { typ: 'PreviousPlusPercent', värde: '79228162514264337593543950300' };
      },
      reason: 'procentsatsen ligger utanför',
    },
    {
      what: 'a negative population',
      poison: (p) => {
        const values = p.members
          .flatMap((m: any) => Object.values(m.values ?? {}))
          .find((v: any) => v.population !== undefined) as { population: number };
        values.population = -5;
      },
      reason: /invånare|negativ|population/i,
    },
    {
      what: 'year 99999',
      poison: (p) => {
        p.years = [...p.years, 99999];
      },
      reason: 'året 99999 ligger utanför 1990–2200',
    },
  ];
  for (const bad of poisons) {
    test(`${bad.what}: refused with a Swedish reason, nothing changes`, async ({ app }) => {
      await app.open('#finansiering');
      const saved = await app.saveAsFile();
      const plan = JSON.parse(saved.text);
      bad.poison(plan.plan);
      await app.page.waitForTimeout(500); // past the autosave delay
      const before = await app.storage();

      await app.openFile(file('förgiftad.samplan.json', JSON.stringify(plan), 'application/json'));
      await expect(app.fileError).toBeVisible();
      await expect(app.fileError).toContainText('"förgiftad.samplan.json" kunde inte öppnas:');
      await expect(app.fileError).toContainText(bad.reason);
      await expect(app.fileError).toContainText('Inget har ändrats.');
      await expect(app.planSelect.getByRole('option')).toHaveCount(1);
      await app.page.waitForTimeout(500);
      expect(await app.storage()).toEqual(before);
      await expectStillWorking(app);
    });
  }

  test('markup in names is shown as text, never run', async ({ app }) => {
    await app.open('#budget');
    const saved = await app.saveAsFile();
    const plan = JSON.parse(saved.text);
    plan.plan.settings.name = MARKUP;
    plan.plan.lines[0].name = MARKUP;
    plan.plan.members[plan.plan.members.length - 1].name = MARKUP;
    await app.openFile(file('markup.samplan.json', JSON.stringify(plan), 'application/json'));
    await expect(app.planName).toHaveText(MARKUP);
    await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
    // The line's name is a cell's text, and labels its amounts.
    await expect(new BudgetView(app).amount(MARKUP, YEAR)).toHaveCount(1);
    await app.goTo('Finansiering');
    await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
    await app.reload();
    await expect(app.planName).toHaveText(MARKUP);
    expect(await app.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});

test.describe('CSV imports with poisoned values', () => {
  test('members: 28 digits, 10^30 and negative populations are refused by line and column', async ({ app }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    const flow = fin.membersImport;
    for (const [value, reason] of [
      [DIGITS_28, /för stort|inget tal/],
      [TEN_POW_30, /för stort|inget tal/],
      ['-5', /negativ|inget tal/],
    ] as const) {
      await flow.pick(file('medlemmar.csv', `Medlem;Typ;Invånare\r\nÄlvstad;Kommun;${value}\r\n`));
      await expect(flow.error).toContainText('"medlemmar.csv" kunde inte importeras: rad 2, kolumn "Invånare"');
      await expect(flow.error).toContainText(reason);
      await expect(flow.error).toContainText('Inget har ändrats');
      await expect(flow.confirmButton).toHaveCount(0);
      await flow.cancelButton.click();
    }
    await expect(app.undoButton).toBeDisabled();
    await expectStillWorking(app);
  });

  test('budget: a 28-digit amount and an out-of-range year are refused; markup in a name stays text', async ({ app }) => {
    await app.open('#budget');
    const budget = new BudgetView(app);
    const flow = budget.budgetImport;

    await flow.pick(file('budget.csv', `Konto;Post;Kategori;${YEAR}\r\n5040;Lokalhyra;Kansli;${DIGITS_28}\r\n`));
    await expect(flow.error).toContainText(`rad 2, kolumn "${YEAR}"`);
    await expect(flow.error).toContainText(TOO_LARGE);
    await expect(flow.error).toContainText('Inget har ändrats');
    await flow.cancelButton.click();

    await flow.pick(file('budget.csv', `Konto;Post;Kategori;99999\r\n5040;Lokalhyra;Kansli;100\r\n`));
    await expect(flow.error).toContainText('året 99999 ligger utanför 1990–2200');
    await expect(flow.error).toContainText('Inget har ändrats');
    await flow.cancelButton.click();
    await expect(app.undoButton).toBeDisabled();

    await flow.pick(file('budget.csv', `Konto;Post;Kategori;${YEAR}\r\n5099;${MARKUP};Kansli;100\r\n`));
    await flow.confirm();
    await expect(budget.amount(MARKUP, YEAR)).toHaveValue('100');
    await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
    await expectStillWorking(app);
  });

  test('outcome: 28 digits and 10^30 are refused by line and column', async ({ app }) => {
    await app.open('#uppfoljning');
    const fu = new UppfoljningView(app);
    const flow = fu.outcomeImport;
    for (const value of [DIGITS_28, TEN_POW_30]) {
      await flow.pick(file('utfall.csv', `Konto;Belopp\r\n5040;${value}\r\n`));
      await expect(flow.error).toContainText('rad 2, kolumn "Belopp"');
      await expect(flow.error).toContainText(/för stort|inget tal/);
      await expect(flow.error).toContainText('Inget har ändrats');
      await flow.cancelButton.click();
    }
    await expect(app.undoButton).toBeDisabled();
    await expectStillWorking(app);
  });
});

test.describe('typing poisoned values', () => {
  test('budget cell: 28 digits and 10^30 keep the old value and say why', async ({ app }) => {
    await app.open('#budget');
    const budget = new BudgetView(app);
    const label = `${RENT} ${YEAR}`;
    const old = await budget.amount(RENT, YEAR).inputValue();
    for (const value of [DIGITS_28, TEN_POW_30]) {
      await budget.grid.type(label, value, 'Enter');
      await expect(budget.grid.error(label)).toContainText(/för stort|inget tal/);
      await expect(budget.amount(RENT, YEAR)).toHaveValue(old);
      await budget.amount(RENT, YEAR).press('Escape');
    }
    await expect(budget.grid.error(label)).toContainText(TOO_LARGE.split(':')[0]);
    await expect(app.undoButton).toBeDisabled();
    await expectStillWorking(app);
  });

  test('population cell: negative and huge populations are refused', async ({ app }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    const label = 'Invånare Älvstad';
    const old = await fin.population('Älvstad').inputValue();
    for (const value of ['-5', TEN_POW_30]) {
      await fin.kommuner.type(label, value, 'Enter');
      await expect(fin.kommuner.error(label)).toBeVisible();
      await expect(fin.population('Älvstad')).toHaveValue(old);
      await fin.population('Älvstad').press('Escape');
    }
    await expectStillWorking(app);
  });

  test('total: 28 digits leave the plan computable', async ({ app }) => {
    await app.open('#finansiering');
    const fin = new FinansieringView(app);
    await fin.setTotal('12 000 000');
    await expect(fin.total).toHaveValue(formatKr(12_000_000n));
    await fin.total.fill(DIGITS_28);
    await fin.total.press('Tab');
    await expect(app.page.getByText(/för stort|inget tal/).first()).toBeVisible();
    await expect(app.planName).toHaveText(EXAMPLE_NAME);
    await expectStillWorking(app);
  });
});
