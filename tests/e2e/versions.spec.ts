import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { expect, test } from './pages/fixtures';
import { BudgetView, UppfoljningView } from './pages/views';

// The board's year (docs/budget.md "Versioner", "Prognos"): adopt the draft, try to edit it
// (the app asks), start a draft, change a line and the medelstilldelning, see what changed per
// line and per municipality, share the Kommun file and find the change in it, then type a
// forecast and see the equity labelled "prognos".

const YEAR = 2026; // the example plan's budget year
const IT = 'IT, telefoni och licenser';

test('adopt, edit asks, draft, diff per line and municipality, shared file, forecast', async ({ app, page, browser }, testInfo) => {
  test.setTimeout(120_000);
  await app.open('#versioner');
  await expect(page.getByTestId('utkast-status')).toHaveText('Utkast (inga versioner ännu).');
  await page.getByLabel('Budgetår').selectOption(String(YEAR));
  await page.getByLabel('Beslutsdatum').fill('2025-11-20');
  await page.getByLabel('Paragraf (§)').fill('§ 45');
  await page.getByRole('button', { name: 'Anta som beslutad' }).click();
  await expect(page.getByTestId('utkast-status')).toHaveText('Utkastet är låst: Beslutad 2025-11-20, § 45.');
  await expect(page.getByTestId('versioner-lista')).toContainText('Budget 2026, beslutad av styrelsen 2025-11-20, § 45');
  await page.screenshot({ path: '/tmp/h3-versioner.png', fullPage: true });

  // Editing the adopted version asks first; "Avbryt" changes nothing.
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  const before = await budget.amountKr(IT, YEAR);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await budget.grid.type(`${IT} ${YEAR}`, '99000', 'Enter');
  expect(asked).toContain('Versionen Beslutad 2025-11-20, § 45 är låst.');
  expect(asked).toContain('Starta ett nytt utkast från den?');
  expect(await budget.amountKr(IT, YEAR)).toBe(before);

  // "OK" starts a new draft and the change is made; the adopted figures stay in the version.
  page.once('dialog', (d) => void d.accept());
  await budget.grid.type(`${IT} ${YEAR}`, '99000', 'Enter');
  await expect.poll(() => budget.amountKr(IT, YEAR)).toBe(99_000n);

  // The medelstilldelning of the budget year, 400 000 kr more.
  await app.selectYear(YEAR);
  await app.goTo('Finansiering');
  const total = page.getByLabel('Medelstilldelning (kr)', { exact: true });
  const oldTotal = BigInt((await total.inputValue()).replace(/\D/g, ''));
  await total.fill(String(oldTotal + 400_000n));
  await total.press('Tab');

  // What changed: the line, each municipality, the sums.
  await app.goTo('Versioner');
  await expect(page.getByTestId('utkast-status')).toHaveText('Utkast, startat från Beslutad 2025-11-20, § 45.');
  const diff = page.getByTestId('diff-tabell');
  await expect(diff).toContainText('Från Beslutad 2025-11-20, § 45 till Utkast');
  const itRow = diff.getByRole('row').filter({ hasText: IT });
  await expect(itRow).toContainText('Budgetpost');
  await expect(itRow).toContainText('99\u00a0000');
  const funding = diff.getByRole('row').filter({ hasText: 'Medelstilldelning' }).first();
  await expect(funding).toContainText('+400\u00a0000');
  const norrfors = diff.getByRole('row').filter({ hasText: 'Norrfors' }).first();
  await expect(norrfors).toContainText('Medlemsbidrag');
  await expect(norrfors).toContainText('+');
  const memberSum = diff.getByRole('row').filter({ hasText: 'Medlemsbidrag' }).filter({ hasText: 'Summa' }).first();
  // What the members pay together: the 400 000, give or take each member's rounding.
  await expect(memberSum).toContainText(/\+(399\u00a099\d|400\u00a000\d)/);
  await page.screenshot({ path: '/tmp/h3-diff.png', fullPage: true });
  // The same as .xlsx (docs/xlsx.md "One table"): one sheet "Ändringar", the sums as formulas.
  const xlsx = await app.download(page.getByRole('button', { name: 'Exportera ändringar (.xlsx)' }));
  expect(xlsx.bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(xlsx.bytes.toString('utf8')).toContain('<sheet name="Ändringar"');
  expect(xlsx.bytes.toString('utf8')).toContain('Från Beslutad 2025-11-20, § 45 till Utkast');

  // The Kommun view, and the shared file, say what changed since the decision.
  await app.goTo('Kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Norrfors' });
  const changed = page.getByTestId('kommun-andrat');
  await expect(changed).toContainText('Ändrat sedan Beslutad 2025-11-20, § 45');
  await expect(changed).toContainText(`${YEAR} Norrfors betalar`);
  const file = await app.download(page.getByRole('button', { name: 'Dela med kommunen', exact: true }));
  const path = testInfo.outputPath(file.name);
  await writeFile(path, file.bytes);
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  try {
    const shared = await context.newPage();
    await shared.goto(pathToFileURL(path).href);
    await expect(shared.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();
    const inFile = shared.getByTestId('kommun-andrat');
    await expect(inFile).toContainText('Ändrat sedan Beslutad 2025-11-20, § 45');
    await expect(inFile).toContainText(`${YEAR} Norrfors betalar`);
    await shared.screenshot({ path: '/tmp/h3-shared.png', fullPage: true });
  } finally {
    await context.close();
  }

  // A forecast for the year: equity labelled "prognos".
  await app.goTo('Uppföljning');
  await page.getByLabel('Prognosen gjord').selectOption('T2');
  const forecast = page.getByRole('textbox', { name: `Prognos ${IT} ${YEAR}` });
  await forecast.fill('120 000');
  await forecast.press('Tab');
  // By default against the decision in force (IT 65 000 kr), then against the draft (99 000).
  await expect(page.getByTestId('prognos-mot')).toHaveValue('1');
  const itForecast = page.getByTestId('prognos-tabell').getByRole('row').filter({ hasText: IT });
  await expect(itForecast).toContainText('+55\u00a0000');
  await page.getByLabel('Budget att jämföra med').selectOption({ label: 'Utkastet' });
  await expect(itForecast).toContainText('+21\u00a0000');
  await expect(page.getByTestId('prognos-ek')).toContainText('(prognos)');
  await page.screenshot({ path: '/tmp/h3-prognos.png', fullPage: true });
  // The insats view: budget and utfall per insats and year, administration beside them.
  const insatser = page.getByTestId('insatser');
  await expect(insatser.getByRole('row').filter({ hasText: 'Summa administrativa kostnader' })).toBeVisible();
  const csv = await app.download(insatser.getByRole('button', { name: 'Exportera per insats (CSV)' }));
  expect(csv.text).toContain('Insats;Kategori;Konto;Budget ');
  await app.goTo('Eget kapital');
  await expect(app.panel.getByTestId(`ek-resultatbas-${YEAR}`)).toHaveText('Prognos');
});

test('a forecast file is imported like the outcome, keeps the outcome, and the equity says "prognos"', async ({ app, page }) => {
  await app.open('#uppfoljning');
  await app.selectYear(YEAR);
  const follow = new UppfoljningView(app);
  const flow = follow.outcomeImport;
  await flow.pick({ name: 'prognos-t2.csv', mimeType: 'text/csv', buffer: Buffer.from(`Post;Utfall;Prognos\n${IT};40 000;120 000\n`) });
  await flow.region.getByLabel('Filen innehåller').selectOption({ label: 'Prognos helår' });
  await expect(flow.region).toContainText(`1 post får prognos helår ${YEAR}.`);
  await expect(flow.region.getByTestId('slutlig-huvudbok')).toHaveCount(0);
  await flow.confirm();
  await expect(page.getByRole('textbox', { name: `Prognos ${IT} ${YEAR}` })).toHaveValue(/^120\s000$/);
  // The outcome is not touched by a forecast.
  await expect(follow.ytd(IT, YEAR)).toHaveValue('');
  await app.goTo('Eget kapital');
  await expect(app.panel.getByTestId(`ek-resultatbas-${YEAR}`)).toHaveText('Prognos');
});
