import { expect, type Locator, type Page } from '@playwright/test';

import { AppPage } from './app';
import type { Watch } from './fixtures';

/** Key of a plan's last good snapshot (app/src/storage.rs). */
export const GOOD_PREFIX = 'samplan:v1:good:';

/**
 * The plan menu's list of stored data that cannot be opened here but is kept: plans saved by
 * a newer samplan (download) and unreadable data (download; delete after a confirmation).
 */
export class KeptData {
  constructor(readonly app: AppPage) {}

  get region(): Locator {
    return this.app.page.getByRole('region', { name: 'Sparad data som inte kan öppnas' });
  }

  /** The list item of the entry stored under `key`. */
  item(key: string): Locator {
    return this.region.locator(`li[data-key="${key}"]`);
  }

  downloadButton(key: string): Locator {
    return this.item(key).getByRole('button', { name: /^Ladda ner/ });
  }

  deleteButton(key: string): Locator {
    return this.item(key).getByRole('button', { name: /^Ta bort/ });
  }

  confirmation(key: string): Locator {
    return this.item(key).getByRole('alertdialog', { name: 'Bekräfta att sparad data tas bort' });
  }
}

/** The recovery screen the panic hook puts in place of the app (app/src/recovery.rs). */
export class RecoveryScreen {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByRole('alert', { name: 'samplan stötte på ett fel och har stannat' });
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'samplan stötte på ett fel och har stannat' });
  }

  get downloadAll(): Locator {
    return this.screen.getByRole('link', { name: 'Ladda ner alla sparade data', exact: true });
  }

  get restart(): Locator {
    return this.screen.getByRole('link', { name: 'Starta om med senast fungerande plan', exact: true });
  }

  /** Opens the app with the test-only query that panics after mount. */
  async trigger(fragment = ''): Promise<void> {
    await this.page.goto(`/?samplan-test-panic${fragment}`);
    await expect(this.heading).toBeVisible();
  }
}

/**
 * The page errors a deliberate panic causes (the release build aborts: `unreachable`) are
 * expected: takes them out of the watch so the context-wide check still catches any other.
 */
export function acceptPanicErrors(watch: Watch): void {
  const expected = watch.problems.filter((p) => /page error: .*unreachable/i.test(p));
  for (const p of expected) watch.problems.splice(watch.problems.indexOf(p), 1);
}
