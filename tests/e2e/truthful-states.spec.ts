import { fileURLToPath } from 'node:url';

import { expect, test } from './pages/fixtures';
import { formatKr } from './pages/money';
import { BudgetView, EgetKapitalView, UppfoljningView } from './pages/views';

const VM2024 = fileURLToPath(new URL('../../examples/vm2024.samplan.json', import.meta.url));

// Issue 16, "done when": a new plan with no budget shows no equity ratio and no "över taket"
// until the base year's closing equity or budget lines are given (docs/equity.md, "No result,
// no equity"); then the figures appear.

const NAME = 'Södra Dalarnas Samordningsförbund';
const BASE = 2026;
const MEMBERS = Buffer.from('Medlem;Typ;Andel\nAvesta;Kommun;44\nHedemora;Kommun;32\nSäter;Kommun;24\n', 'utf8');

test('a new plan without budget shows no ratio until closing equity and lines are given', async ({ app }) => {
  test.slow();
  const page = app.page;
  await app.open();
  await app.planMenu.getByRole('button', { name: 'Ny plan', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'Ny plan' });
  await form.getByLabel('Planens namn').fill(NAME);
  await form.getByLabel('Basår (senast beslutade år)').fill(String(BASE));
  await form.getByLabel('Medelstilldelning basåret (kr)').fill('7 200 000');
  await form.getByLabel('Fördelningsnyckel mellan kommunerna').selectOption('andel');
  await form.getByLabel('Medlemslista (CSV, valfritt)').setInputFiles({
    name: 'medlemmar.csv',
    mimeType: 'text/csv',
    buffer: MEMBERS,
  });
  await expect(form.getByRole('status')).toContainText('3 medlemmar');
  // The closing equity field is optional: left empty here.
  await expect(form.getByLabel(/Eget kapital vid basårets slut/)).toHaveValue('');
  await form.getByRole('button', { name: 'Skapa plan' }).click();
  await expect(form).toBeHidden();
  await expect(app.planName).toHaveText(NAME);

  // ---- Översikt: the warning leads; no ratio, no equity, no "över taket" ----
  await app.goTo('Översikt');
  const lead = page.getByTestId('resultat-saknas');
  await expect(lead).toHaveText(
    'Eget kapital kan inte beräknas från 2026: 2026, 2027, 2028 och 2029 har medelstilldelning men varken budgetposter, utfall eller angivet resultat. Lägg in budgetposter, eller ange faktiskt resultat eller eget kapital vid årets slut för 2026.',
  );
  await expect(page.getByTestId('nyckeltal-ek-andel')).toHaveText('–');
  await expect(page.getByTestId('nyckeltal-ek-ub')).toHaveText('–');
  await expect(page.getByTestId('nyckeltal-arets-resultat')).toHaveText('–');
  await expect(page.getByTestId('nyckeltal-resultatbas')).toHaveText('inget resultat');
  await expect(app.panel.getByText('över taket')).toHaveCount(0);
  await expect(app.panel.getByText('Ofördelad budget')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/h1-oversikt-no-result.png', fullPage: true });

  // ---- Eget kapital: every year "–" with the reason; the warning leads there too ----
  await app.goTo('Eget kapital');
  const ek = new EgetKapitalView(app);
  await expect(page.getByTestId('ek-resultat-saknas')).toBeVisible();
  for (const y of [2026, 2027, 2028, 2029]) {
    await expect(ek.ratio(y)).toHaveText('–');
    await expect(ek.closing(y)).toHaveText('–');
    await expect(app.panel.getByTestId(`ek-flagga-${y}`)).not.toContainText('Över taket');
  }
  await expect(app.panel.getByTestId('ek-flagga-2028')).toHaveText(
    'Kan inte beräknas: bygger på 2026, som saknar resultat',
  );

  // ---- the base year's closing equity from the annual report: 2026 known ----
  await ek.grid.type('Eget kapital vid årets slut enligt bokslut 2026', '1 262 000', 'Enter');
  await expect(ek.closing(2026)).toHaveText(formatKr(1_262_000n));
  await expect(ek.ratio(2026)).toHaveText('17,5\u00a0%');
  await expect(ek.grid.table.getByTestId('ek-resultatbas-2026')).toHaveText('Angivet EK UB');
  // The base year has no budget: no budgeted "result" of the whole funding.
  await expect(ek.result(2026)).toHaveText('–');
  await expect(ek.opening(2027)).toHaveText(formatKr(1_262_000n));
  // 2027 still has no budget: still "–", the warning now starts there.
  await expect(ek.ratio(2027)).toHaveText('–');
  await expect(page.getByTestId('ek-resultat-saknas')).toContainText('från 2027');

  // ---- lines for the plan years: the figures appear ----
  await app.goTo('Budget');
  const budget = new BudgetView(app);
  await budget.button('Lägg till post').click();
  await budget.grid.type('Post (namnlös post)', 'Samverkansteam', 'Enter');
  await budget.grid.type('Kategori Samverkansteam', 'Individinsatser', 'Enter');
  for (const y of [2027, 2028, 2029]) {
    await budget.grid.type(`Samverkansteam ${y}`, '7 000 000', 'Enter');
  }
  await app.goTo('Eget kapital');
  await expect(page.getByTestId('ek-resultat-saknas')).toHaveCount(0);
  // 1 262 000 + 7 200 000 − 7 000 000 = 1 462 000; 20,3 % of 7 200 000: over the ceiling.
  await expect(ek.closing(2027)).toHaveText(formatKr(1_462_000n));
  await expect(ek.ratio(2027)).toHaveText('20,3\u00a0%');
  await expect(app.panel.getByTestId('ek-flagga-2027')).toHaveText('Över taket');
  await expect(ek.closing(2029)).toHaveText(formatKr(1_862_000n));
  await page.screenshot({ path: '/tmp/h1-ek-known.png', fullPage: true });
  await app.goTo('Översikt');
  await expect(page.getByTestId('resultat-saknas')).toHaveCount(0);
  await expect(page.getByTestId('nyckeltal-ek-ub')).toHaveText(formatKr(1_462_000n));
});

// The closing year's "final ledger" choice, offered for a year-to-date import of an ended year,
// says which budgeted lines get 0 kr; the board's request is shown beside the decision.
test('an ended year offers the final ledger, and the request is shown beside the decided funding', async ({
  app,
}) => {
  const page = app.page;
  await app.open('#uppfoljning');
  await app.openFile(VM2024);
  await expect(app.planName).toHaveText('Samordningsförbundet Västmanland');
  await app.goTo('Uppföljning');
  const flow = new UppfoljningView(app).outcomeImport;
  await flow.pick({ name: 'ack.csv', mimeType: 'text/csv', buffer: Buffer.from('Post;Ack utfall\nStyrelse;679000\n') });
  const ledger = flow.region.getByTestId('slutlig-huvudbok');
  await expect(ledger).not.toBeChecked();
  await expect(flow.region.getByTestId('slutlig-huvudbok-text')).toHaveText('');
  await expect(flow.region.getByText('1 post får ack. utfall 2024.')).toBeVisible();
  await ledger.check();
  // Marked as the final ledger, the amounts become the final outcome, and the preview says so.
  await expect(flow.region.getByText('1 post får utfall helår 2024.')).toBeVisible();
  await expect(flow.region.getByTestId('slutlig-huvudbok-text')).toHaveText(
    /^Slutlig huvudbok för 2024: 15 poster med budget finns inte i filen och får utfall 0 kr: Kansli \+ bilkonto, Samordningsteam Surahammar, /,
  );
  await page.screenshot({ path: '/tmp/h1-final-ledger.png', fullPage: true });
  await flow.cancelButton.click();

  await app.goTo('Finansiering');
  const asked = page.getByLabel('Äskande (kr, tomt = inget)');
  await asked.fill('20 000 000');
  await asked.press('Tab');
  await expect(page.getByTestId('askande-text')).toHaveText(
    'Äskat 20\u00a0000\u00a0000 kr, beslutat 19\u00a0038\u00a0000 kr (962\u00a0000 kr mindre än äskat).',
  );
  await page.screenshot({ path: '/tmp/h1-askande.png', fullPage: true });
  await app.goTo('Kommun');
  await expect(page.getByTestId('kommun-askande-2024')).toHaveText(formatKr(20_000_000n));
  await expect(page.getByRole('rowheader', { name: /^Andel av medelstilldelningen \(enligt/ })).toBeVisible();
});
