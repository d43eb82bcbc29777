import { AppPage, BACKUP_PREFIX, EXAMPLE_NAME, INDEX_KEY, PLAN_PREFIX, storedAmount } from './pages/app';
import { expect, test } from './pages/fixtures';
import { formatKr } from './pages/money';
import { GOOD_PREFIX } from './pages/recovery';
import { BudgetView } from './pages/views';

// Every fault in docs/app.md's persistence table ("Faults"), tried as a fault would happen:
// each test stores two plans first (p1, edited by the user, and p2, stored by an earlier
// session), injects the fault, reloads, checks what the user is told, and ends with every
// earlier plan still readable (app/src/storage.rs, app/src/session.rs). The first two are the
// repros of issue 21: a readable index that lists no plan, and a failed read of the index.

const RENT = 'Lokalhyra';
const YEAR = 2026;
const SECOND = 'Andra planen';

/** sessionStorage flags the fault script reads (they survive reloads of the same tab). */
type Fault = 'fail-index-read' | 'fail-p2-read' | 'full';

/**
 * Installs the faults a browser can produce, switched on per tab by sessionStorage flags:
 * `localStorage.getItem` throwing for the index or for plan p2, and `setItem` throwing
 * QuotaExceededError for samplan keys.
 */
async function installFaults(app: AppPage): Promise<void> {
  await app.page.addInitScript(() => {
    const getItem = Storage.prototype.getItem;
    const setItem = Storage.prototype.setItem;
    // The tests read storage past the faults.
    (Storage.prototype as unknown as { e2eGetItem: typeof getItem }).e2eGetItem = getItem;
    const on = (flag: string) => getItem.call(sessionStorage, `e2e:${flag}`) === '1';
    Storage.prototype.getItem = function (key: string) {
      if (this === localStorage && key === 'samplan:v1:index' && on('fail-index-read')) {
        throw new DOMException('Åtkomst nekad (test)', 'SecurityError');
      }
      if (this === localStorage && key === 'samplan:v1:plan:p2' && on('fail-p2-read')) {
        throw new DOMException('Åtkomst nekad (test)', 'SecurityError');
      }
      return getItem.call(this, key);
    };
    Storage.prototype.setItem = function (key: string, value: string) {
      if (this === localStorage && key.startsWith('samplan:') && on('full')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
}

async function setFault(app: AppPage, fault: Fault, on: boolean): Promise<void> {
  await app.page.evaluate(([f, v]) => {
    if (v) sessionStorage.setItem(`e2e:${f}`, '1');
    else sessionStorage.removeItem(`e2e:${f}`);
  }, [fault, on] as const);
}

/**
 * The user's plan p1 with an edit (Lokalhyra 2026 = 12 345, saved), and plan p2 "Andra planen"
 * stored by an earlier session; returns every plan and snapshot key's text.
 */
async function twoStoredPlans(app: AppPage): Promise<Record<string, string>> {
  await app.open('#budget');
  await new BudgetView(app).grid.type(`${RENT} ${YEAR}`, '12 345', 'Enter');
  await expect.poll(async () => storedAmount(await app.storedPlan(), RENT, YEAR)).toBe('12345');
  await app.page.evaluate(
    ([planPrefix, indexKey, second]) => {
      const file = JSON.parse(localStorage.getItem(`${planPrefix}p1`)!);
      file.plan.settings.name = second;
      localStorage.setItem(`${planPrefix}p2`, JSON.stringify(file));
      const index = JSON.parse(localStorage.getItem(indexKey)!);
      index.plans.push({ id: 'p2', name: second });
      index.next = 3;
      localStorage.setItem(indexKey, JSON.stringify(index));
    },
    [PLAN_PREFIX, INDEX_KEY, SECOND] as const,
  );
  return plansIn(await app.storage());
}

/** Every localStorage entry, read past the injected faults. */
async function rawStorage(app: AppPage): Promise<Record<string, string>> {
  return app.page.evaluate(() => {
    const get = (Storage.prototype as unknown as { e2eGetItem: (k: string) => string | null }).e2eGetItem;
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      out[k] = get.call(localStorage, k)!;
    }
    return out;
  });
}

/** The text as the app writes it (a plan rewritten unchanged is the same plan). */
function normal(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function plansIn(storage: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(storage).filter(([k]) => k.startsWith(PLAN_PREFIX) || k.startsWith(GOOD_PREFIX)),
  );
}

/**
 * Every plan stored before the fault is still readable: its text is still stored (under its
 * key or, if it was set aside, under a backup key) and parses as a plan file of that name.
 * `changed`: keys the user edited on purpose after the fault (then only the name is checked).
 */
async function expectEveryPlanKept(app: AppPage, before: Record<string, string>, changed: string[] = []): Promise<void> {
  const now = await rawStorage(app);
  for (const [key, text] of Object.entries(before)) {
    let name = key;
    try {
      name = JSON.parse(text).plan.settings.name as string;
    } catch {
      // Unreadable text: kept as it is, under a backup key.
    }
    if (changed.includes(key)) {
      expect(JSON.parse(now[key]).plan.settings.name, `${key} still holds "${name}"`).toBe(name);
      continue;
    }
    const holders = Object.entries(now)
      .filter(([k, v]) => normal(v) === normal(text) && (k === key || k.startsWith(BACKUP_PREFIX)))
      .map(([k]) => k);
    expect(holders.length, `"${name}" (${key}) is still stored unchanged`).toBeGreaterThan(0);
  }
}

test.beforeEach(async ({ app }) => {
  await installFaults(app);
});

test('repro 1: an index that lists no plan is repaired from the stored keys and the edited plan opens', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.page.evaluate((k) => localStorage.setItem(k, '{"plans":[],"current":null,"next":0}'), INDEX_KEY);
  await app.reload();

  const info = app.page.getByRole('status').filter({ hasText: 'Listan över sparade planer stämde inte' });
  await expect(info.locator('.text')).toHaveText(
    'Listan över sparade planer stämde inte med det som finns sparat och har rättats. ' +
      `Sparade planer som saknades i listan och nu finns med igen: "${EXAMPLE_NAME}" (${PLAN_PREFIX}p1), ` +
      `"${SECOND}" (${PLAN_PREFIX}p2). Ingen sparad plan har ändrats.`,
  );
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue(formatKr(12_345n));
  await app.page.waitForTimeout(700); // past the autosave delay
  const index = JSON.parse((await app.storage())[INDEX_KEY]);
  expect(index.plans.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
  await expectEveryPlanKept(app, before);
});

test('repro 2: a failed read of the index makes the session read-only until the user chooses', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await setFault(app, 'fail-index-read', true);
  await app.reload();

  const banner = app.page.getByTestId('banner-skrivskydd');
  await expect(banner).toHaveRole('alert');
  await expect(banner.locator('.text')).toHaveText(
    `Listan över sparade planer (${INDEX_KEY}) kunde inte läsas (Åtkomst nekad (test)). ` +
      `De sparade planerna finns kvar oförändrade: "${EXAMPLE_NAME}" (${PLAN_PREFIX}p1), "${SECOND}" (${PLAN_PREFIX}p2). ` +
      'För att inget ska skrivas över sparas ingenting i webbläsaren förrän du väljer: ' +
      'ändringar du gör nu finns bara i den här fliken.',
  );
  // The stored plan is shown (read from its key), and nothing at all is written.
  const budget = new BudgetView(app);
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(12_345n));
  const storedBefore = await rawStorage(app);
  await budget.grid.type(`${RENT} ${YEAR}`, '777', 'Enter');
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(777n));
  await app.page.waitForTimeout(800);
  expect(await rawStorage(app)).toEqual(storedBefore);

  // Leaving now warns: the change is only in this tab.
  const dialogs: string[] = [];
  app.page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.dismiss();
  });
  await app.page.reload({ timeout: 2_000 }).catch(() => undefined);
  expect(dialogs).toEqual(['beforeunload']);
  await expect(budget.amount(RENT, YEAR)).toHaveValue(formatKr(777n));

  // The browser can read the list again: "Försök läsa igen" resumes saving into p1.
  await setFault(app, 'fail-index-read', false);
  await banner.getByRole('button', { name: 'Försök läsa igen' }).click();
  await expect(banner).toBeHidden();
  await expect.poll(async () => storedAmount(await app.storedPlan(), RENT, YEAR)).toBe('777');
  const index = JSON.parse((await app.storage())[INDEX_KEY]);
  expect(index.plans.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
  await expectEveryPlanKept(app, before, [PLAN_PREFIX + 'p1', GOOD_PREFIX + 'p1']);
});

test('a failed read of the index: "Spara i webbläsaren ändå" writes a new list from the stored plans', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await setFault(app, 'fail-index-read', true);
  await app.reload();
  const banner = app.page.getByTestId('banner-skrivskydd');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: /^Spara i webbläsaren ändå/ }).click();
  await expect(banner).toBeHidden();
  await setFault(app, 'fail-index-read', false);
  const index = JSON.parse((await app.storage())[INDEX_KEY]);
  expect(index.plans.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2']);
  await expectEveryPlanKept(app, before);
});

test('a missing index while plans are stored is rebuilt and said so', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.page.evaluate((k) => localStorage.removeItem(k), INDEX_KEY);
  await app.reload();
  await expect(app.page.getByRole('status').filter({ hasText: 'har rättats' })).toContainText(
    `Sparade planer som saknades i listan och nu finns med igen: "${EXAMPLE_NAME}" (${PLAN_PREFIX}p1), "${SECOND}" (${PLAN_PREFIX}p2).`,
  );
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue(formatKr(12_345n));
  await expectEveryPlanKept(app, before);
});

test('an index that lists a plan with no key and misses a stored one is repaired; new ids skip every key', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.page.evaluate(
    ([k, prefix]) => {
      // p7 stored by some earlier session but not listed; p9 listed but gone; next behind.
      localStorage.setItem(`${prefix}p7`, localStorage.getItem(`${prefix}p2`)!.replace('Andra planen', 'Sjunde planen'));
      localStorage.setItem(k, JSON.stringify({ plans: [{ id: 'p1', name: 'x' }, { id: 'p2', name: 'y' }, { id: 'p9', name: 'Borta' }], current: 'p1', next: 2 }));
    },
    [INDEX_KEY, PLAN_PREFIX] as const,
  );
  const withSeventh = plansIn(await app.storage());
  await app.reload();
  const info = app.page.getByRole('status').filter({ hasText: 'har rättats' });
  await expect(info).toContainText(`Sparade planer som saknades i listan och nu finns med igen: "Sjunde planen" (${PLAN_PREFIX}p7).`);
  await expect(info).toContainText(`Planer i listan som inte finns sparade och nu är borttagna ur listan: "Borta" (${PLAN_PREFIX}p9).`);

  // A new plan (Duplicera) gets an id past every stored key: p8 would be free, p9 too now,
  // but never p2 or p7.
  await app.planMenu.getByRole('button', { name: 'Duplicera', exact: true }).click();
  await expect(app.planName).toHaveText(`${EXAMPLE_NAME} (kopia)`);
  await expect.poll(async () => JSON.parse((await app.storage())[INDEX_KEY]).current).toBe('p8');
  await expectEveryPlanKept(app, { ...before, ...withSeventh });
});

test('an unreadable index is backed up and rebuilt from the stored plans', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.page.evaluate((k) => localStorage.setItem(k, 'garbage ]]'), INDEX_KEY);
  await app.reload();
  await expect(app.unreadableBanner).toContainText(`Den finns kvar oförändrad under nyckeln ${BACKUP_PREFIX}1.`);
  expect((await app.storage())[`${BACKUP_PREFIX}1`]).toBe('garbage ]]');
  await expect(new BudgetView(app).amount(RENT, YEAR)).toHaveValue(formatKr(12_345n));
  await expectEveryPlanKept(app, before);
});

test('an unreadable plan is backed up; the other plans are untouched', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.page.evaluate((k) => localStorage.setItem(k, '{"format":"samplan-plan", trasig'), PLAN_PREFIX + 'p1');
  const broken = plansIn(await app.storage());
  await app.reload();
  await expect(app.unreadableBanner).toContainText(`Den finns kvar oförändrad under nyckeln ${BACKUP_PREFIX}1.`);
  await expect(app.planName).toHaveText(SECOND);
  const { [PLAN_PREFIX + 'p1']: _edited, ...others } = before;
  await expectEveryPlanKept(app, { ...others, [PLAN_PREFIX + 'p1']: broken[PLAN_PREFIX + 'p1'] });
});

test('a plan whose read fails stays in its key and opens once the browser can read it', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.page.evaluate((k) => {
    const index = JSON.parse(localStorage.getItem(k)!);
    index.current = 'p2';
    localStorage.setItem(k, JSON.stringify(index));
  }, INDEX_KEY);
  await setFault(app, 'fail-p2-read', true);
  await app.reload();
  await expect(app.unreadableBanner).toContainText(`Den finns kvar oförändrad under nyckeln ${PLAN_PREFIX}p2.`);
  await expect(app.planName).toHaveText(EXAMPLE_NAME);
  await setFault(app, 'fail-p2-read', false);
  await app.planSelect.selectOption({ label: SECOND });
  await expect(app.planName).toHaveText(SECOND);
  await expectEveryPlanKept(app, before);
});

test('a plan stored by a newer samplan stays in its key', async ({ app }) => {
  const before = await twoStoredPlans(app);
  const newer = JSON.stringify({ format: 'samplan-plan', version: 99, plan: { settings: { name: 'Framtid' } } });
  await app.page.evaluate(([k, t]) => localStorage.setItem(k, t), [PLAN_PREFIX + 'p2', newer] as const);
  await app.reload();
  await app.page.waitForTimeout(700);
  expect((await app.storage())[PLAN_PREFIX + 'p2']).toBe(newer);
  const { [PLAN_PREFIX + 'p2']: _replaced, ...others } = before;
  await expectEveryPlanKept(app, others);
});

test('a full storage: the failed save is shown, leaving warns, and the stored plans are unchanged', async ({ app }) => {
  const before = await twoStoredPlans(app);
  await app.reload();
  await setFault(app, 'full', true);
  await new BudgetView(app).grid.type(`${RENT} ${YEAR}`, '999', 'Enter');
  await expect(app.page.getByTestId('banner-sparfel')).toContainText('lagringsutrymmet i webbläsaren är fullt');
  const dialogs: string[] = [];
  app.page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.dismiss();
  });
  await app.page.reload({ timeout: 2_000 }).catch(() => undefined);
  expect(dialogs).toEqual(['beforeunload']);
  await setFault(app, 'full', false);
  await expectEveryPlanKept(app, before);
});

test('blocked storage: the banner says so, leaving after an edit warns, and nothing stored is touched', async ({ app, context }) => {
  const before = await twoStoredPlans(app);
  const blocked = await context.newPage();
  await blocked.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const other = new AppPage(blocked);
  await other.open('#budget');
  await expect(blocked.getByRole('alert').filter({ hasText: 'Planen kan inte sparas i webbläsaren' })).toBeVisible();
  await expect(other.planName).toHaveText(EXAMPLE_NAME);

  const dialogs: string[] = [];
  blocked.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.accept();
  });
  // Unchanged: leaving asks nothing.
  await other.reload();
  expect(dialogs).toEqual([]);
  // Changed (and the banner closed): leaving warns.
  await new BudgetView(other).grid.type(`${RENT} ${YEAR}`, '4 444', 'Enter');
  await blocked.getByRole('alert').filter({ hasText: 'Planen kan inte sparas' }).getByRole('button', { name: 'Stäng' }).click();
  await blocked.reload();
  expect(dialogs).toEqual(['beforeunload']);
  await blocked.close();
  await expectEveryPlanKept(app, before);
});
