import { expect, type FilePayload, type Locator, type Page } from '@playwright/test';

import { readDownload, type DownloadedFile } from './files';

export const TITLE = 'samplan – budget och finansiering för samordningsförbund';
/** The example plan a new user sees at first start (engine `example_plan`). */
export const EXAMPLE_NAME = 'Samordningsförbundet Exempeldalen';

/** localStorage keys of the app (app/src/storage.rs). */
export const INDEX_KEY = 'samplan:v1:index';
export const PLAN_PREFIX = 'samplan:v1:plan:';
export const BACKUP_PREFIX = 'samplan:v1:backup:';

export type TabName = 'Översikt' | 'Finansiering' | 'Budget' | 'Uppföljning' | 'Eget kapital' | 'Kommun' | 'Scenarier' | 'Versioner';

/** The whole page: tabs, toolbar (year, kr/tkr, undo/redo), plan menu, banners, storage. */
export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app (optionally at a fragment like `#budget`) and waits until it is drawn. */
  async open(fragment = ''): Promise<void> {
    await this.page.goto(`/${fragment}`);
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.page).toHaveTitle(TITLE);
    await expect(this.tabs).toBeVisible();
    await expect(this.panel).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.ready();
  }

  get tabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Vyer' });
  }

  tab(name: TabName): Locator {
    return this.tabs.getByRole('tab', { name, exact: true });
  }

  /** The current view (the tab panel). */
  get panel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  /** Shows a tab by clicking it. */
  async goTo(name: TabName): Promise<void> {
    await this.tab(name).click();
    await this.expectTab(name);
  }

  async expectTab(name: TabName): Promise<void> {
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(this.panel).toHaveAccessibleName(name);
  }

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Visning' });
  }

  get yearSelect(): Locator {
    return this.toolbar.getByRole('combobox', { name: 'År', exact: true });
  }

  async selectYear(year: number): Promise<void> {
    await this.yearSelect.selectOption(String(year));
  }

  unitButton(unit: 'kr' | 'tkr'): Locator {
    return this.toolbar.getByRole('group', { name: 'Visningsenhet' }).getByRole('button', { name: unit, exact: true });
  }

  get undoButton(): Locator {
    return this.toolbar.getByRole('button', { name: 'Ångra', exact: true });
  }

  get redoButton(): Locator {
    return this.toolbar.getByRole('button', { name: 'Gör om', exact: true });
  }

  get planName(): Locator {
    return this.page.getByTestId('plan-namn');
  }

  // ---- plan menu and plan files ----

  get planMenu(): Locator {
    return this.page.getByRole('group', { name: 'Planer och filer' });
  }

  get planSelect(): Locator {
    return this.planMenu.getByRole('combobox', { name: 'Välj plan' });
  }

  /** Clicks `button` and returns the file the browser downloads. */
  async download(button: Locator): Promise<DownloadedFile> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    return readDownload(download);
  }

  /** "Spara som fil": the downloaded plan file. */
  async saveAsFile(): Promise<DownloadedFile> {
    return this.download(this.planMenu.getByRole('button', { name: 'Spara som fil', exact: true }));
  }

  /** Clicks `button` and picks `file` in the file chooser it opens. */
  async pickFile(button: Locator, file: string | FilePayload): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), button.click()]);
    await chooser.setFiles(file);
  }

  /** "Öppna fil" with a plan file. */
  async openFile(file: string | FilePayload): Promise<void> {
    await this.pickFile(this.planMenu.getByRole('button', { name: 'Öppna fil', exact: true }), file);
  }

  /** The alert telling why a plan file could not be opened. */
  get fileError(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'kunde inte öppnas' });
  }

  // ---- banners ----

  /** Stored data could not be read (kept under a backup key, downloadable). */
  get unreadableBanner(): Locator {
    return this.page.getByTestId('banner-oläsbar');
  }

  /** Another tab changed the same plan. */
  get conflictBanner(): Locator {
    return this.page.getByTestId('banner-konflikt');
  }

  // ---- localStorage ----

  /** Every localStorage entry of the origin. */
  async storage(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const out: Record<string, string> = {};
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        out[k] = localStorage.getItem(k)!;
      }
      return out;
    });
  }

  /** The open plan as stored (the plan file JSON under `samplan:v1:plan:<current>`). */
  async storedPlan(): Promise<StoredPlanFile> {
    const storage = await this.storage();
    const index = JSON.parse(storage[INDEX_KEY] ?? 'null') as { current?: string } | null;
    expect(index?.current, 'the stored index names the open plan').toBeTruthy();
    const text = storage[PLAN_PREFIX + index!.current];
    expect(text, `stored plan ${index!.current}`).toBeTruthy();
    return JSON.parse(text) as StoredPlanFile;
  }

  /**
   * Replaces localStorage of the origin with `entries` before the app has run: loads a page of
   * the same origin that is not the app, writes the entries there.
   */
  async seedStorage(entries: Record<string, string>): Promise<void> {
    await this.page.goto('/e2e-seed-no-app');
    await this.page.evaluate((e) => {
      localStorage.clear();
      for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
    }, entries);
  }
}

/** The parts of the plan file the tests read (engine/src/plan_file.rs, plan.rs). */
export interface StoredPlanFile {
  format: string;
  version: number;
  plan: {
    settings: { name: string };
    years: number[];
    year_inputs: Record<string, { funding: { typ: string; värde?: string } }>;
    lines: Array<{ id: number; name: string; account?: string; amounts: Record<string, string> }>;
    members: Array<{ id: number; name: string; kind: string }>;
  };
}

/** A budget line of a stored plan by name. */
export function lineOf(plan: StoredPlanFile, name: string) {
  const line = plan.plan.lines.find((l) => l.name === name);
  expect(line, `line ${name} in the stored plan`).toBeTruthy();
  return line!;
}

/** The stored amount of line `name` in `year` ("123456"), or undefined (for polling). */
export function storedAmount(plan: StoredPlanFile, name: string, year: number): string | undefined {
  return plan.plan.lines.find((l) => l.name === name)?.amounts[String(year)];
}
