import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';

import { expect, test, type DownloadedFile } from './pages/fixtures';

// The shared read-only file as a municipality's economist meets it (docs/app.md, "Sharing" and
// "Kontrollkod"): it opens from disk on the year it was shared from, its first Tab stop is the
// view, every editing control is hidden, an attempt to edit says "Skrivskyddad – spara en kopia
// för att ändra.", and its banner shows the check code computed again from the plan it holds —
// the code the sender's Kommun view and "Spara som fil" show, and another code once the
// embedded plan is edited.

const CODE = /^[0-9a-f]{4} [0-9a-f]{4}$/;
const READ_ONLY = 'Skrivskyddad – spara en kopia för att ändra.';

/** Opens `file` from disk in a fresh browser context (a new profile). */
async function openFromDisk(browser: Browser, text: string, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  await writeFile(path, text);
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path).href);
  await expect(page.getByRole('tablist', { name: 'Vyer' })).toBeVisible();
  return { context, page, errors };
}

/** The embedded plan's JSON text in a shared file, and the file with it replaced. */
function withPlan(html: string, edit: (json: string) => string): string {
  const m = html.match(/(<script type="application\/json" id="samplan-delad-plan"[^>]*>)([\s\S]*?)(<\/script>)/);
  expect(m, 'the data block of the shared plan').toBeTruthy();
  return html.replace(m![0], m![1] + edit(m![2]) + m![3]);
}

async function share(page: Page, app: { download: (b: ReturnType<Page['getByRole']>) => Promise<DownloadedFile> }): Promise<DownloadedFile> {
  return app.download(page.getByRole('button', { name: 'Dela med kommunen', exact: true }));
}

test('the shared file opens on the shared year, read-only, with the sender\'s check code', async ({ app, page, browser }, testInfo) => {
  test.setTimeout(120_000);
  await app.open('#kommun');
  await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Norrfors' });
  await app.selectYear(2027);
  // The headline: what the municipality pays the selected year and why, with the change.
  const headline = (await page.getByTestId('kommun-varfor').innerText()).trim();
  expect(headline).toContain('2027');
  const code = (await page.getByTestId('kontrollkod').locator('strong').innerText()).trim();
  expect(code).toMatch(CODE);

  const file = await share(page, app);
  expect(file.name).toBe('Samordningsförbundet-Exempeldalen-Norrfors-2027.html');
  // Sharing says what it saved, with the code.
  await expect(page.getByTestId('meddelande')).toContainText(`Sparad som ${file.name} · kontrollkod ${code}`);

  const shared = await openFromDisk(browser, file.text, testInfo.outputPath(file.name));
  const p = shared.page;
  try {
    const banner = p.getByTestId('delad-plan');
    await expect(banner).toContainText('Delad plan – skrivskyddad.');
    await expect(p.getByTestId('delad-kontrollkod')).toHaveText(`Kontrollkod ${code}`);
    // The year it was shared from, so the headline shows that year's figures.
    await expect(p.getByRole('toolbar', { name: 'Visning' }).getByRole('combobox', { name: 'År', exact: true })).toHaveValue('2027');
    await expect(p.getByRole('heading', { name: 'Kommun: Norrfors' })).toBeVisible();
    await expect(p.getByTestId('kommun-varfor')).toHaveText(headline);

    // The first Tab stop is the content, not "Spara en kopia i mina planer".
    await p.keyboard.press('Tab');
    const first = await p.evaluate(() => {
      const a = document.activeElement;
      return { inMain: !!a?.closest('#innehall'), text: a?.textContent?.trim() ?? '' };
    });
    expect(first.inMain, `first Tab stop: ${first.text}`).toBe(true);
    expect(first.text).not.toContain('Spara en kopia');

    // No editing control that looks live: in every view, the visible buttons only read.
    const allowed = /^(Skriv ut|Exportera.*|Visa som tabell)$/;
    for (const name of ['Översikt', 'Finansiering', 'Budget', 'Uppföljning', 'Eget kapital', 'Kommun', 'Scenarier']) {
      await p.getByRole('tablist', { name: 'Vyer' }).getByRole('tab', { name, exact: true }).click();
      await expect(p.getByRole('tabpanel')).toHaveAccessibleName(name);
      const labels = await p.getByRole('tabpanel').locator('button:visible').allInnerTexts();
      for (const label of labels) expect(label.trim(), `${name}: a visible button`).toMatch(allowed);
      await p.screenshot({ path: testInfo.outputPath(`delad-${name}.png`), fullPage: true });
    }
    await expect(p.getByRole('toolbar', { name: 'Visning' }).getByRole('button', { name: 'Ångra', exact: true })).toBeHidden();

    // Trying to edit says why nothing happens.
    await p.getByRole('tablist', { name: 'Vyer' }).getByRole('tab', { name: 'Budget', exact: true }).click();
    await p.locator('table.grid td[tabindex]:visible').nth(3).click();
    await p.keyboard.type('7');
    await expect(p.getByTestId('skrivskyddad-meddelande')).toHaveText(READ_ONLY);
    expect(shared.errors).toEqual([]);
  } finally {
    await shared.context.close();
  }
});

test('an edited embedded plan shows another code; white space alone does not', async ({ app, page, browser }, testInfo) => {
  test.setTimeout(90_000);
  await app.open('#kommun');
  const code = (await page.getByTestId('kontrollkod').locator('strong').innerText()).trim();
  const file = await share(page, app);

  // One krona more on the opening equity (the amount is a decimal string in the plan file).
  const edited = withPlan(file.text, (json) => {
    const plan = JSON.parse(json);
    const before = plan.plan.opening_equity;
    plan.plan.opening_equity = String(BigInt(String(before).split(/[.,]/)[0]) + 1n);
    return JSON.stringify(plan);
  });
  const other = await openFromDisk(browser, edited, testInfo.outputPath('andrad.html'));
  try {
    const shown = (await other.page.getByTestId('delad-kontrollkod').innerText()).replace('Kontrollkod', '').trim();
    expect(shown).toMatch(CODE);
    expect(shown, 'an edited plan has another code').not.toBe(code);
  } finally {
    await other.context.close();
  }

  // The same plan, only compacted: the code is over the canonical form, so it is the same.
  const compact = withPlan(file.text, (json) => JSON.stringify(JSON.parse(json)));
  const same = await openFromDisk(browser, compact, testInfo.outputPath('kompakt.html'));
  try {
    await expect(same.page.getByTestId('delad-kontrollkod')).toHaveText(`Kontrollkod ${code}`);
  } finally {
    await same.context.close();
  }
});

test('"Spara som fil" shows the code, the start of the saved file\'s SHA-256', async ({ app, page }) => {
  await app.open('#kommun');
  const code = (await page.getByTestId('kontrollkod').locator('strong').innerText()).trim();
  const saved = await app.saveAsFile();
  await expect(page.getByTestId('meddelande')).toContainText(`Sparad som ${saved.name} · kontrollkod ${code}`);
  const digest = createHash('sha256').update(saved.bytes).digest('hex');
  expect(code.replace(' ', '')).toBe(digest.slice(0, 8));
  // An edit changes the code.
  await app.goTo('Finansiering');
  const total = page.getByLabel('Medelstilldelning (kr)', { exact: true });
  await total.fill('12 345 000');
  await total.press('Tab');
  await app.goTo('Kommun');
  await expect(page.getByTestId('kontrollkod').locator('strong')).not.toHaveText(code);
});
