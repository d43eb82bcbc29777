import { expect, test } from './pages/fixtures';
import { formatKr } from './pages/money';
import { BudgetView } from './pages/views';

// Paste that understands rows (issue 17, docs/app.md "Paste from Excel"): 18 budget lines from
// a treasurer's own sheet, with and without the header row, pasted at a new line, land as 18
// new lines in one paste; every old line is unchanged and one Ctrl+Z takes them all back.

const RENT = 'Lokalhyra';

/** 18 lines as a sheet has them: name, account, category, two years of amounts. */
const LINES = Array.from({ length: 18 }, (_, i) => ({
  name: `Insats ${String(i + 1).padStart(2, '0')}`,
  account: String(46_000 + i),
  category: i % 3 === 0 ? 'Individinsatser' : i % 3 === 1 ? 'Processtöd' : 'Kansli',
  shown: i % 3 === 0 ? 'Individinsatser' : i % 3 === 1 ? 'Processtöd samverkansinsatser' : 'Kansli',
  first: BigInt((i + 1) * 10_000),
  second: BigInt((i + 1) * 10_000 + 2_000),
}));

/** Every input of the grid (label → value): the plan's lines as the grid shows them. */
async function gridValues(budget: BudgetView): Promise<Map<string, string>> {
  const pairs = await budget.grid.table
    .locator('input')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('aria-label') ?? '', (e as HTMLInputElement).value]));
  return new Map(pairs as [string, string][]);
}

async function pasteAtNewLine(budget: BudgetView, tsv: string): Promise<void> {
  const grid = budget.grid;
  await grid.select(`Post ${RENT}`);
  await budget.button('Lägg till post').click();
  await expect(grid.table.locator('input[placeholder="Ny post"]')).toBeFocused();
  await grid.pasteEvent(tsv);
}

for (const withHeader of [true, false]) {
  test(`18 rows ${withHeader ? 'with' : 'without'} a header pasted at a new line become 18 lines; one Ctrl+Z removes them`, async ({ app, page }) => {
    await app.open('#budget');
    const budget = new BudgetView(app);
    const before = await gridValues(budget);
    // The plan's first two years (the grid's first two year columns).
    const years = (await budget.grid.table.locator('thead th').allTextContents())
      .map((t) => parseInt(t, 10))
      .filter((n) => !Number.isNaN(n));
    const [y1, y2] = years;
    const rows = LINES.map((l) => [l.name, l.account, l.category, String(l.first), String(l.second)].join('\t'));
    const header = withHeader ? [`Post\tKonto\tKategori\t${y1}\t${y2}`] : [];
    await pasteAtNewLine(budget, [...header, ...rows].join('\r\n') + '\r\n');

    await expect(page.getByText('18 poster inlagda', { exact: true }).first()).toBeVisible();
    for (const l of LINES) {
      await expect(budget.grid.input(`Post ${l.name}`)).toHaveValue(l.name);
      await expect(budget.grid.input(`Konto ${l.name}`)).toHaveValue(l.account);
      await expect(budget.grid.input(`Kategori ${l.name}`)).toHaveValue(l.shown);
      await expect(budget.amount(l.name, y1)).toHaveValue(formatKr(l.first));
      await expect(budget.amount(l.name, y2)).toHaveValue(formatKr(l.second));
    }
    // The new line was filled, not left empty; every old line is unchanged.
    await expect(budget.grid.table.locator('input[placeholder="Ny post"]')).toHaveCount(0);
    const after = await gridValues(budget);
    for (const [label, value] of before) {
      expect(after.get(label), label).toBe(value);
    }
    await page.screenshot({ path: `/tmp/h4-paste-${withHeader ? 'header' : 'plain'}.png` });

    // One Ctrl+Z takes the 18 lines back (the empty new line stays: it was its own step).
    await page.keyboard.press('Control+Z');
    for (const l of LINES) {
      await expect(budget.grid.input(`Post ${l.name}`)).toHaveCount(0);
    }
    await expect(budget.grid.table.locator('input[placeholder="Ny post"]')).toHaveCount(1);
    const undone = await gridValues(budget);
    for (const [label, value] of before) {
      expect(undone.get(label), label).toBe(value);
    }
  });
}

test("a treasurer's formatted sheet: its title, income part, headings and sums are not pasted as lines", async ({ app, page }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const before = await gridValues(budget);
  const [y1] = (await budget.grid.table.locator('thead th').allTextContents())
    .map((t) => parseInt(t, 10))
    .filter((n) => !Number.isNaN(n));
  const sheet = [
    `Budget ${y1}\t\t`,
    `Post\tKonto\t${y1}`,
    'Intäkter\t\t',
    'Försäkringskassan\t\t2 500 000',
    'Region\t\t1 250 000',
    'Kommunerna\t\t1 250 000',
    'Summa intäkter\t\t5 000 000',
    'Kostnader\t\t',
    'Kansli\t\t',
    'Telefonväxel\t5055\t40 000',
    'Summa kansli\t\t40 000',
    'Processtöd\t\t',
    'Samverkansledare\t6210\t600 000',
    'S:a processtöd\t\t600 000',
    'Summa kostnader\t\t640 000',
    'Årets resultat\t\t4 360 000',
  ];
  await pasteAtNewLine(budget, sheet.join('\r\n'));
  await expect(
    page
      .getByText(
        '2 poster inlagda; 10 rubrik- och summarader hoppades över; 3 intäktsrader hoppades över (Försäkringskassan, Region, Kommunerna): medelstilldelningen anges under Finansiering, andra intäkter med Kategori',
        { exact: true },
      )
      .first(),
  ).toBeVisible();
  // The two lines, in their headings' categories; no line named after a heading, sum or income row.
  await expect(budget.grid.input('Kategori Telefonväxel')).toHaveValue('Kansli');
  await expect(budget.grid.input('Kategori Samverkansledare')).toHaveValue('Processtöd samverkansinsatser');
  await expect(budget.amount('Samverkansledare', y1)).toHaveValue(formatKr(600_000n));
  for (const name of ['Försäkringskassan', 'Summa kansli', 'Årets resultat', 'Kostnader', `Budget ${y1}`]) {
    await expect(budget.grid.input(`Post ${name}`)).toHaveCount(0);
  }
  const after = await gridValues(budget);
  for (const [label, value] of before) {
    expect(after.get(label), label).toBe(value);
  }
});

test('a header block updates the lines it names by Konto or Post and adds the others; a bad cell changes nothing', async ({ app, page }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const grid = budget.grid;
  await grid.select(`${RENT} 2026`);
  // A sheet the team has not seen: another column order, an extra column, "Budget 2026".
  await grid.pasteEvent(['Benämning\tAnsvarig\tBudget 2026\tKostnadsslag', `${RENT}\tEva\t250 000\t`, 'Tolkstöd\tOla\t12 tkr\tIndivid'].join('\r\n'));
  await expect(page.getByText('1 post inlagd, 1 uppdaterad', { exact: true }).first()).toBeVisible();
  await expect(budget.amount(RENT, 2026)).toHaveValue(formatKr(250_000n));
  await expect(grid.input('Kategori Tolkstöd')).toHaveValue('Individinsatser');
  await expect(budget.amount('Tolkstöd', 2026)).toHaveValue(formatKr(12_000n));

  await grid.select(`${RENT} 2026`);
  await grid.pasteEvent('Post\t2026\nA\t1\nB\t12a\n');
  await expect(page.getByText('Inget klistrades in: rad 3, kolumn "2026": "12a" är inget tal').first()).toBeVisible();
  await expect(grid.input('Post A')).toHaveCount(0);
});

test('Kommun and Invånare rows pasted into the municipalities add members in one undo step', async ({ app, page }) => {
  await app.open('#finansiering');
  const grid = page.getByRole('grid', { name: /^Kommuner / });
  const first = grid.getByRole('textbox', { name: /^Invånare / }).first();
  await first.click();
  await page.evaluate((tsv) => {
    const target = document.activeElement ?? document.body;
    const data = new DataTransfer();
    data.setData('text/plain', tsv);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'Kommun\tInvånare\r\nNyby\t1 234\r\nProvsta\t4 321\r\n');
  await expect(page.getByText('2 medlemmar inlagda', { exact: true }).first()).toBeVisible();
  await expect(grid.getByRole('textbox', { name: 'Invånare Nyby', exact: true })).toHaveValue(formatKr(1_234n));
  await expect(grid.getByRole('textbox', { name: 'Invånare Provsta', exact: true })).toHaveValue(formatKr(4_321n));
  await page.keyboard.press('Control+Z');
  await expect(grid.getByRole('textbox', { name: 'Invånare Nyby', exact: true })).toHaveCount(0);
});
