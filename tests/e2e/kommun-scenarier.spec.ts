import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// Kommun, Scenarier, charts, presentation mode and print (docs/app.md, 4.4) on the example plan
// "Samordningsförbundet Exempeldalen" (ten municipalities, population key, years 2025–2029,
// two scenarios "Medelstilldelning −10 %" and "Äskande 13 000 tkr").

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** Opens the app at a fragment and waits for the view; fails the test on page errors. */
async function open(page: Page, fragment: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${fragment}`);
  await expect(page.getByRole('tablist', { name: 'Vyer' })).toBeVisible();
  await expect(page.getByRole('tabpanel')).toBeVisible();
  return errors;
}

/** Parses a whole number as displayed: `1 515 632`, `−45 595`, `+50 521`. */
function whole(text: string): number {
  const t = text.trim().replace(MINUS, '-').replace('+', '').replace(/[\s\u00a0]/g, '');
  if (!/^-?\d+$/.test(t)) throw new Error(`not a whole number: ${JSON.stringify(text)}`);
  return Number(t);
}

test.describe('Kommun', () => {
  test('shows what the chosen municipality pays, why, its lines, and exports CSV', async ({ page }) => {
    const errors = await open(page, '#kommun');
    await expect(page.getByRole('tab', { name: 'Kommun', exact: true })).toHaveAttribute('aria-selected', 'true');
    const select = page.getByRole('combobox', { name: 'Kommun', exact: true });
    await expect(select).toBeVisible();
    await select.selectOption({ label: 'Norrfors' });
    await expect(page.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();

    const table = page.getByRole('table', { name: 'Vad Norrfors betalar per år och varför' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('rowheader', { name: 'Belopp (kr)' })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: 'Kronor per invånare, kommunerna' })).toBeVisible();
    await expect(page.getByTestId('kommun-nyckel-2026')).toHaveText('Invånare');
    await expect(page.getByTestId('kommun-kalla-2026')).toHaveText('SCB 2025-11-01');
    await expect(page.getByTestId('kommun-forandring-2025')).toHaveText('–');
    await expect(page.getByTestId('kommun-varfor')).toContainText('efter invånare (SCB 2025-11-01)');

    // The amount equals the Finansiering view's amount for the same year.
    const amount2026 = whole(await page.getByTestId('kommun-belopp-2026').innerText());
    const amount2025 = whole(await page.getByTestId('kommun-belopp-2025').innerText());
    expect(whole(await page.getByTestId('kommun-forandring-2026').innerText())).toBe(amount2026 - amount2025);

    // Interventions located in Norrfors.
    const lines = page.getByTestId('kommun-insatser');
    await expect(lines).toBeVisible();
    expect(await lines.getByRole('row').count()).toBeGreaterThanOrEqual(3); // header, ≥1 line, sum

    // CSV export: UTF-8 BOM, ';', the municipality in the heading.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/kommun Norrfors\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Medlem;Norrfors');

    await page.getByRole('tab', { name: 'Finansiering', exact: true }).click();
    await page.getByRole('combobox', { name: 'År', exact: true }).selectOption('2026');
    expect(whole(await page.getByTestId('belopp-Norrfors').innerText())).toBe(amount2026);
    expect(errors).toEqual([]);
  });

  test('prints on one A4 page without controls', async ({ page }) => {
    const errors = await open(page, '#kommun');
    await expect(page.getByTestId('kommun-tabell')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('utskriftshuvud')).toBeVisible();
    await expect(page.getByTestId('utskriftshuvud')).toContainText('Scenario: Basplan');
    await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Kommun', exact: true })).toBeHidden();
    await expect(page.getByRole('tablist', { name: 'Vyer' })).toBeHidden();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    expect(errors).toEqual([]);
  });
});

test.describe('Scenarier', () => {
  test('create, lever, compare, undo, rename, duplicate, delete', async ({ page }) => {
    const errors = await open(page, '#scenarier');
    const list = page.getByRole('table', { name: 'Scenarier i planen' });
    await expect(list).toBeVisible();
    await expect(list.getByRole('rowheader')).toHaveCount(3); // Basplan + two scenarios

    // Create: becomes the active scenario.
    await page.getByLabel('Namn på nytt scenario').fill('Staten −10 %');
    await page.getByRole('button', { name: 'Skapa scenario' }).click();
    await expect(list.getByRole('rowheader')).toHaveCount(4);
    const active = page.getByLabel('Aktivt scenario');
    await expect(active.locator('option:checked')).toHaveText('Staten −10 %');

    // Lever on the active scenario, year 2026.
    await page.getByRole('combobox', { name: 'År', exact: true }).selectOption('2026');
    await page.getByLabel('Procent', { exact: true }).fill('−10');
    await page.getByRole('button', { name: 'Ändra statens belopp' }).click();
    await expect(page.getByTestId('snabbval-status')).toContainText('Staten 2026');

    // Compare Basplan (A) with the new scenario (B): state −10 % ⇒ T −10 %.
    await page.getByLabel('Scenario A').selectOption({ label: 'Basplan' });
    await page.getByLabel('Scenario B').selectOption({ label: 'Staten −10 %' });
    const diff = page.getByTestId('skillnad-medelstilldelning');
    await expect(diff).toHaveText(`${MINUS}1${NBSP}240${NBSP}000`);
    await expect(page.getByTestId('skillnad-medlem-älvstad')).toHaveClass(/diff-neg/);

    // Undo the lever (one step), redo it.
    await page.keyboard.press('Control+z');
    await expect(diff).toHaveText('0');
    await page.keyboard.press('Control+y');
    await expect(diff).toHaveText(`${MINUS}1${NBSP}240${NBSP}000`);

    // Only differences.
    await page.getByTestId('visa-bara-skillnader').check();
    await expect(page.getByTestId('jamforelse-poster')).toContainText('Inga skillnader.');

    // Rename.
    await page.getByRole('button', { name: 'Byt namn på Staten −10 %' }).click();
    await page.getByLabel('Nytt namn på Staten −10 %').fill('Staten minus tio');
    await page.getByRole('button', { name: 'Spara namn' }).click();
    await expect(list.getByRole('rowheader', { name: /Staten minus tio/ })).toBeVisible();

    // Duplicate.
    await page.getByRole('button', { name: 'Duplicera Staten minus tio' }).click();
    await expect(list.getByRole('rowheader', { name: /Kopia av Staten minus tio/ })).toBeVisible();

    // Delete asks first; cancel keeps it, confirm removes it.
    await page.getByRole('button', { name: 'Ta bort Kopia av Staten minus tio' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Ta bort scenariot Kopia av Staten minus tio?');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(list.getByRole('rowheader')).toHaveCount(5);
    await page.getByRole('button', { name: 'Ta bort Kopia av Staten minus tio' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Ja, ta bort' }).click();
    await expect(list.getByRole('rowheader')).toHaveCount(4);
    expect(errors).toEqual([]);
  });
});

test.describe('Presentation, charts', () => {
  test('Alt+P toggles a read-only, large-type mode', async ({ page }) => {
    const errors = await open(page, '#finansiering');
    const toggle = page.getByRole('button', { name: 'Presentationsläge' });
    await expect(toggle).toHaveAttribute('aria-keyshortcuts', 'Alt+P');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const total = page.getByLabel('Medelstilldelning (kr)');
    const before = await total.inputValue();

    await page.keyboard.press('Alt+KeyP');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveClass(/presentation/);
    // Read-only: typing into the field changes nothing.
    await total.focus();
    await page.keyboard.type('1');
    await expect(total).toHaveValue(before);
    await expect(page.getByRole('button', { name: 'Ångra' })).toBeHidden();

    // Grids are read-only too: typing, Delete and paste change nothing; undo is off.
    await page.getByRole('tab', { name: 'Budget', exact: true }).click();
    const cell = page.getByLabel('Samordningsteam Älvstad 2026', { exact: true });
    const value = await cell.inputValue();
    await cell.focus();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await cell.focus();
    await page.keyboard.press('Delete');
    await expect(cell).toHaveValue(value);
    await page.getByRole('tab', { name: 'Finansiering', exact: true }).click();

    await page.keyboard.press('Alt+KeyP');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('html')).not.toHaveClass(/presentation/);
    await expect(page.getByRole('button', { name: 'Ångra' })).toBeDisabled();
    expect(errors).toEqual([]);
  });

  test('charts with a table fallback on Finansiering, Översikt and Eget kapital', async ({ page }) => {
    const errors = await open(page, '#finansiering');
    for (const [tab, id, title] of [
      ['Finansiering', 'diagram-finansiering', 'Finansiering per part och medlem'],
      ['Översikt', 'diagram-kostnadsfordelning', 'Kostnadsfördelning'],
      ['Eget kapital', 'diagram-eget-kapital', 'Eget kapital per år'],
    ]) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      const figure = page.getByTestId(id);
      await expect(figure).toBeVisible();
      await expect(figure.getByRole('img', { name: title })).toBeVisible();
      await figure.getByText('Visa som tabell').click();
      await expect(figure.getByRole('table', { name: title })).toBeVisible();
    }
    expect(errors).toEqual([]);
  });
});
