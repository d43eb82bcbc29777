import { test, expect } from './pages/fixtures';
import { type Locator, type Page } from '@playwright/test';

// A keyboard-only journey (docs/app.md, "Tillgänglighet"): open the app, edit a budget cell,
// change the municipalities' key in Finansiering, open the Kommun view and print it, with Tab,
// Shift+Tab, the arrows, Enter and typing only (no click). Every focused control shows a visible
// focus outline. window.print is stubbed so the print dialog does not block the test.

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached by ${back ? 'Shift+Tab' : 'Tab'}`).toBeFocused();
}

/** The focused element has a visible outline (style and width) in a colour other than its background. */
async function expectVisibleFocus(page: Page, what: string): Promise<void> {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, shadow: s.boxShadow };
  });
  expect(focus, `${what}: something has the focus`).not.toBeNull();
  const visible = (focus!.style !== 'none' && focus!.width >= 2) || focus!.shadow !== 'none';
  expect(visible, `${what}: visible focus (${JSON.stringify(focus)})`).toBe(true);
}

test('open, edit a budget cell, change the key and print the Kommun view by keyboard only', async ({ app, page }) => {
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await app.open();
  await app.expectTab('Finansiering');

  // Into the tab list (the selected tab is its one tab stop), then the arrows: Budget.
  await tabTo(page, app.tab('Finansiering'));
  await expectVisibleFocus(page, 'the tab Finansiering');
  await page.keyboard.press('ArrowRight');
  await app.expectTab('Budget');
  await expect(app.tab('Budget')).toBeFocused();

  // Tab into the grid (its selected cell is its one tab stop), arrows to a cell, type, Enter.
  const grid = app.panel.getByRole('grid').filter({ has: page.getByRole('textbox', { name: 'Samordningsteam Älvstad 2025', exact: true }) });
  const cell = grid.getByRole('textbox', { name: 'Samordningsteam Älvstad 2025', exact: true });
  for (let i = 0; i < 80; i++) {
    const inGrid = await grid.evaluate((g) => g.contains(document.activeElement));
    if (inGrid) break;
    await page.keyboard.press('Tab');
  }
  await expectVisibleFocus(page, 'a budget grid cell');
  // Arrow keys towards the cell, by the grid's row and column of the focused cell.
  const [row, col] = (await cell.evaluate((el) => {
    const c = el.closest('[data-row][data-col]');
    return [Number(c?.getAttribute('data-row')), Number(c?.getAttribute('data-col'))];
  })) as [number, number];
  for (let i = 0; i < 120; i++) {
    const at = (await page.evaluate(() => {
      const c = document.activeElement?.closest('[data-row][data-col]');
      return c ? [Number(c.getAttribute('data-row')), Number(c.getAttribute('data-col'))] : null;
    })) as [number, number] | null;
    expect(at, 'the focus stays in the grid').not.toBeNull();
    if (at![0] === row && at![1] === col) break;
    if (at![0] !== row) await page.keyboard.press(at![0] < row ? 'ArrowDown' : 'ArrowUp');
    else await page.keyboard.press(at![1] < col ? 'ArrowRight' : 'ArrowLeft');
  }
  await expect(cell).toBeFocused();
  await expectVisibleFocus(page, 'the cell Samordningsteam Älvstad 2025');
  await page.keyboard.type('2300000');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveValue('2\u00a0300\u00a0000');

  // Back to the tabs with Shift+Tab, left to Finansiering, Tab to the key, type to choose.
  await tabTo(page, app.tab('Budget'), { back: true });
  await page.keyboard.press('ArrowLeft');
  await app.expectTab('Finansiering');
  const key = app.panel.getByRole('combobox', { name: /^Fördelningsnyckel mellan kommunerna/ });
  await tabTo(page, key);
  await expectVisibleFocus(page, 'the key select');
  await page.keyboard.type('Lika');
  await expect(key).toHaveValue('lika');

  // To Kommun (four steps right) and its print button.
  await tabTo(page, app.tab('Finansiering'), { back: true });
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await app.expectTab('Kommun');
  const print = app.panel.getByRole('button', { name: 'Skriv ut' });
  await tabTo(page, print);
  await expectVisibleFocus(page, 'Skriv ut');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // The accessibility statement from the footer, by keyboard, and Esc closes it.
  const link = page.getByRole('button', { name: 'Tillgänglighet' });
  await tabTo(page, link);
  await expectVisibleFocus(page, 'Tillgänglighet');
  await page.keyboard.press('Enter');
  const statement = page.getByRole('dialog', { name: 'Tillgänglighet för samplan' });
  await expect(statement).toBeVisible();
  await expect(statement.getByRole('heading', { name: 'Tillsyn' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(statement).toBeHidden();
  await expect(link).toBeFocused();
});
