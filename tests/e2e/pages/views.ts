import { expect, type FilePayload, type Locator, type Page } from '@playwright/test';

import { AppPage } from './app';
import type { DownloadedFile } from './files';
import { Grid, exactText } from './grid';
import { formatKr, toKr } from './money';

/**
 * The visible button named `name` in `scope`. (The hidden file input behind an import button
 * carries the same accessible name, so the role query alone finds two controls.)
 */
export function visibleButton(scope: Locator, name: string): Locator {
  return scope.getByRole('button', { name, exact: true }).and(scope.locator('button'));
}

/**
 * A CSV import started from a button: pick a file, read the preview (or the error), confirm
 * with "Verkställ import" (docs/csv.md, 4.3).
 */
export class CsvImportFlow {
  constructor(
    readonly app: AppPage,
    /** The button that opens the file chooser, e.g. "Importera budget (CSV)". */
    readonly button: Locator,
    /** The panel that shows the preview or the error. */
    readonly region: Locator,
  ) {}

  async pick(file: FilePayload): Promise<void> {
    await this.app.pickFile(this.button, file);
    await expect(this.region).toBeVisible();
  }

  /** The error of a refused file (names line and column). */
  get error(): Locator {
    return this.region.getByRole('alert');
  }

  get confirmButton(): Locator {
    return this.region.getByRole('button', { name: 'Verkställ import', exact: true });
  }

  get cancelButton(): Locator {
    return this.region.getByRole('button', { name: 'Avbryt', exact: true });
  }

  async confirm(): Promise<void> {
    await this.confirmButton.click();
    await expect(this.region).toBeHidden();
  }
}

/** The Budget tab: the lines × years grid with subtotals and results. */
export class BudgetView {
  readonly grid: Grid;

  constructor(readonly app: AppPage) {
    this.grid = new Grid(app.page, app.page.getByRole('grid', { name: /^Budget per år \((kr|tkr)\)$/ }));
  }

  get page(): Page {
    return this.app.page;
  }

  /** The amount cell of `line` in `year`. */
  amount(line: string, year: number): Locator {
    return this.grid.input(`${line} ${year}`);
  }

  /** A subtotal or result cell, e.g. `Summa Kansli`, `Verksamhetens kostnader`, `Årets resultat`. */
  sum(label: string, year: number): Locator {
    return this.grid.table.getByTestId(`budget-${label}-${year}`);
  }

  async sumKr(label: string, year: number): Promise<bigint> {
    return toKr(await exactText(this.sum(label, year)));
  }

  async amountKr(line: string, year: number): Promise<bigint> {
    return toKr(await this.amount(line, year).inputValue());
  }

  button(name: string): Locator {
    return this.app.panel.getByRole('button', { name, exact: true });
  }

  get budgetImport(): CsvImportFlow {
    return new CsvImportFlow(
      this.app,
      visibleButton(this.app.panel, 'Importera budget (CSV)'),
      this.app.panel.getByRole('region', { name: 'Import', exact: true }),
    );
  }

  async exportCsv(): Promise<DownloadedFile> {
    return this.app.download(this.button('Exportera budget (CSV)'));
  }
}

/** The Finansiering tab: total, parties and the municipalities' key and amounts. */
export class FinansieringView {
  readonly kommuner: Grid;

  constructor(readonly app: AppPage) {
    this.kommuner = new Grid(app.page, app.page.getByRole('grid', { name: /^Kommuner / }));
  }

  /** Medelstilldelning of the selected year (a field that applies every keystroke). */
  get total(): Locator {
    return this.app.page.getByLabel('Medelstilldelning (kr)', { exact: true });
  }

  /** Types a new total the way a user does and leaves the field. */
  async setTotal(text: string): Promise<void> {
    await this.total.fill(text);
    await this.total.press('Tab');
  }

  async totalKr(): Promise<bigint> {
    return toKr(await this.total.inputValue());
  }

  population(name: string): Locator {
    return this.kommuner.input(`Invånare ${name}`);
  }

  amount(name: string): Locator {
    return this.app.page.getByTestId(`belopp-${name}`);
  }

  shareOfTotal(name: string): Locator {
    return this.app.page.getByTestId(`andel-${name}`);
  }

  party(label: 'Staten' | 'Regionen' | 'Kommunerna' | string): Locator {
    return this.app.page.getByTestId(`part-${label}`);
  }

  /** The municipalities listed in the Kommuner grid (rows with an "Invånare <name>" cell). */
  async municipalities(): Promise<string[]> {
    const names: string[] = [];
    for (const name of await this.kommuner.rowHeaders()) {
      if ((await this.population(name).count()) === 1) names.push(name);
    }
    return names;
  }

  get membersImport(): CsvImportFlow {
    return new CsvImportFlow(
      this.app,
      visibleButton(this.app.panel, 'Importera medlemmar (CSV)'),
      this.app.panel.getByRole('region', { name: 'Import', exact: true }),
    );
  }

  async exportAllocation(): Promise<DownloadedFile> {
    return this.app.download(this.app.panel.getByRole('button', { name: 'Exportera fördelning (CSV)', exact: true }));
  }
}

/** The Eget kapital tab: the multi-year equity forecast. */
export class EgetKapitalView {
  readonly grid: Grid;

  constructor(readonly app: AppPage) {
    this.grid = new Grid(app.page, app.page.getByRole('grid', { name: /^Eget kapital per år/ }));
  }

  closing(year: number): Locator {
    return this.grid.table.getByTestId(`ek-ub-${year}`);
  }

  opening(year: number): Locator {
    return this.grid.table.getByTestId(`ek-ib-${year}`);
  }

  result(year: number): Locator {
    return this.grid.table.getByTestId(`ek-budgetresultat-${year}`);
  }

  ratio(year: number): Locator {
    return this.grid.table.getByTestId(`ek-andel-${year}`);
  }

  async closingKr(year: number): Promise<bigint> {
    return toKr(await exactText(this.closing(year)));
  }
}

/** The Uppföljning tab: budget vs outcome, outcome import. */
export class UppfoljningView {
  readonly grid: Grid;

  constructor(readonly app: AppPage) {
    this.grid = new Grid(app.page, app.page.getByRole('grid', { name: /^Driftredovisning / }));
  }

  ytd(line: string, year: number): Locator {
    return this.grid.input(`Ack. utfall ${line} ${year}`);
  }

  get outcomeImport(): CsvImportFlow {
    return new CsvImportFlow(
      this.app,
      visibleButton(this.app.panel, 'Importera utfall (CSV)'),
      this.app.panel.getByRole('region', { name: 'Import av utfall', exact: true }),
    );
  }
}

/** Expects `locator` to show exactly `kr` whole kronor in Swedish display form. */
export async function expectKr(locator: Locator, kr: bigint, message?: string): Promise<void> {
  await expect.poll(() => exactText(locator), { message }).toBe(formatKr(kr));
}
