import { readFile } from 'node:fs/promises';

import { expect, test } from './pages/fixtures';
import { UppfoljningView } from './pages/views';

// Issue 20, item 5 (docs/budget.md, "Per insats"): under Uppföljning, budget and utfall per insats
// for every year, with the administrative costs beside them, exported as CSV.

test('per insats: a typed utfall shows in its insats and year, and the CSV carries it', async ({ app }) => {
  const page = app.page;
  await app.open();
  await app.goTo('Uppföljning');
  const heading = await page.getByRole('heading', { level: 2, name: /^Uppföljning \d{4}$/ }).textContent();
  const year = Number(heading?.match(/\d{4}/)?.[0]);

  const view = new UppfoljningView(app);
  const cell = view.ytd('Samordningsteam Norrfors', year);
  await cell.click();
  await page.keyboard.type('123 456');
  await page.keyboard.press('Enter');

  const section = page.getByRole('region', { name: 'Per insats, alla år', exact: true });
  const table = section.getByTestId('insats-tabell');
  await expect(table.locator('caption')).toHaveText('Budget och utfall per insats (kr)');
  const row = table.getByRole('row', { name: /^Samordningsteam Norrfors/ });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('123\u00a0456');
  // The typed year's utfall is year-to-date only: its column says so.
  await expect(table.locator('thead')).toContainText('Ack. utfall');
  // The administration sits beside the insatser.
  await expect(table.getByRole('row', { name: /^Summa administrativa kostnader/ })).toHaveCount(1);
  await expect(table.getByRole('row', { name: /^Summa direkta insatskostnader/ })).toHaveCount(1);
  // Administrative lines are not insatser.
  await expect(table.getByRole('rowheader', { name: 'Styrelse', exact: true })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Exportera per insats (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/per insats\.csv$/);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(';');
  expect(header.slice(0, 3)).toEqual(['Insats', 'Kategori', 'Konto']);
  const col = header.indexOf(`Ack. utfall ${year}`);
  expect(col).toBeGreaterThan(2);
  const norrfors = lines.find((l) => l.startsWith('Samordningsteam Norrfors;'))!.split(';');
  expect(norrfors[1]).toBe('Individinsatser');
  expect(norrfors[col]).toBe('123456');
  expect(lines.at(-1)!.startsWith('Verksamhetens kostnader;')).toBe(true);

  await section.screenshot({ path: test.info().outputPath('insatser.png') });
});
