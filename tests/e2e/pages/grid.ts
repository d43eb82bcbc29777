import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A spreadsheet grid of the app (docs/app.md): a `<table>` named by its caption whose editable
 * cells are text inputs named like `Lokalhyra 2026`; a refused value shows its reason next to
 * the cell as an alert that is also the input's accessible description.
 */
export class Grid {
  constructor(
    readonly page: Page,
    readonly table: Locator,
  ) {}

  /** The editable cell (its input: a textbox, or a combobox when it offers a list) named `label`. */
  input(label: string): Locator {
    return this.table
      .getByRole('textbox', { name: label, exact: true })
      .or(this.table.getByRole('combobox', { name: label, exact: true }));
  }

  /** The table cell (`td` or row header `th`) holding the input named `label`. */
  cellOf(label: string): Locator {
    // The inner locator of `has` is matched inside each cell, so it starts from the page.
    const input = this.page
      .getByRole('textbox', { name: label, exact: true })
      .or(this.page.getByRole('combobox', { name: label, exact: true }));
    return this.table.locator('td, th').filter({ has: input });
  }

  /** The reason shown next to the cell named `label` when its value was refused. */
  error(label: string): Locator {
    return this.cellOf(label).getByRole('alert');
  }

  /** Clicks the cell, types `text` (typing replaces the cell's value) and presses `key`. */
  async type(label: string, text: string, key = 'Enter'): Promise<void> {
    await this.input(label).click();
    await this.page.keyboard.type(text);
    if (key) await this.page.keyboard.press(key);
  }

  /** Selects a cell by clicking it (no editing). */
  async select(label: string): Promise<void> {
    await this.input(label).click();
    await expect(this.input(label)).toBeFocused();
  }

  /** Pastes `text` into the grid at the selected cell the way a browser does for Ctrl+V. */
  async pasteEvent(text: string): Promise<void> {
    await this.page.evaluate((tsv) => {
      const target = document.activeElement ?? document.body;
      const data = new DataTransfer();
      data.setData('text/plain', tsv);
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** Row header texts in order. */
  async rowHeaders(): Promise<string[]> {
    return (await this.table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
  }
}

/** The exact text of an element (no whitespace normalisation, so U+00A0 and U+2212 count). */
export async function exactText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** Waits until the element's exact text is `expected`. */
export async function expectExactText(locator: Locator, expected: string, message?: string): Promise<void> {
  await expect.poll(() => exactText(locator), { message }).toBe(expected);
}
