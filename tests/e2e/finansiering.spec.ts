import { expect, test, type Locator, type Page } from '@playwright/test';
import { Grid } from './pages/grid';

// The Finansiering view of the example plan: total medelstilldelning T, the Kommuner
// party (25 % by default) split per municipality by population, each member's exact
// amount rounded half-up to whole kronor (rounding mode `each`, unit 1 kr).
// Expected amounts are computed here with BigInt integer arithmetic, never floats.

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 8081}`;
const NBSP = '\u00a0';

/** Parses a whole number as the app shows or accepts it: "12 345", "12 345", "12 345 kr". */
function parseWhole(text: string): bigint {
  const compact = text.replace(/kr$/i, '').replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(compact)) throw new Error(`not a whole number: ${JSON.stringify(text)}`);
  return BigInt(compact);
}

/** Swedish display of whole kronor: thousands grouped with U+00A0, minus U+2212. */
function formatKr(n: bigint): string {
  const digits = (n < 0n ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return (n < 0n ? '\u2212' : '') + digits;
}

/** round_half_up(num / den) for num >= 0, den > 0. */
function divRoundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** round_half_up(partyAmount × pop_i / Σpop) for every member. */
function expectedAmounts(partyAmount: bigint, pops: bigint[]): bigint[] {
  const total = pops.reduce((a, b) => a + b, 0n);
  return pops.map((p) => divRoundHalfUp(partyAmount * p, total));
}

interface Member {
  name: string;
  population: Locator;
  amount: Locator;
}

/** All municipalities of the Kommuner table: rows whose row header has an "Invånare <name>" input. */
async function municipalities(page: Page): Promise<Member[]> {
  const table = page
    .getByRole('grid', { name: /Kommuner/ })
    .filter({ has: page.getByLabel(/^Invånare /) })
    .first();
  await expect(table).toBeVisible();
  const headers = (await table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
  const members: Member[] = [];
  for (const name of headers) {
    const population = table.getByLabel(`Invånare ${name}`, { exact: true });
    if ((await population.count()) !== 1) continue; // e.g. a "Summa" row
    members.push({ name, population, amount: page.getByTestId(`belopp-${name}`) });
  }
  return members;
}

async function populations(members: Member[]): Promise<bigint[]> {
  return Promise.all(members.map(async (m) => parseWhole(await m.population.inputValue())));
}

/** Exact text of an amount cell (no whitespace normalisation, so U+00A0 is checked). */
async function expectAmount(member: Member, expected: bigint): Promise<void> {
  await expect
    .poll(async () => ((await member.amount.textContent()) ?? '').trim(), {
      message: `amount of ${member.name}`,
    })
    .toBe(formatKr(expected));
}

async function typeInto(input: Locator, text: string): Promise<void> {
  await input.fill(text);
  await input.press('Tab'); // commit like a spreadsheet cell
}

// Every test: no request leaves 127.0.0.1:8081, no CSP violation, no uncaught error.
let requests: string[] = [];
let problems: string[] = [];

test.beforeEach(async ({ page, context }) => {
  requests = [];
  problems = [];
  context.on('request', (req) => requests.push(req.url()));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text())) {
      problems.push(`CSP: ${msg.text()}`);
    }
  });
  await page.goto('/');
  await expect(page).toHaveTitle('samplan – budget och finansiering för samordningsförbund');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test.afterEach(() => {
  const foreign = requests.filter((url) => {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
    return u.origin !== ORIGIN;
  });
  expect(foreign, 'requests to anywhere but 127.0.0.1:8081').toEqual([]);
  expect(problems, 'CSP violations and uncaught errors').toEqual([]);
});

test('the app loads offline-safe from dist/ and shows Finansiering', async ({ page }) => {
  await expect(page.getByLabel('Medelstilldelning (kr)', { exact: true })).toBeVisible();
  const members = await municipalities(page);
  expect(members.length).toBeGreaterThanOrEqual(2);
  expect(requests.length).toBeGreaterThan(0);
});

test('amount per municipality follows total and population', async ({ page }) => {
  const total = page.getByLabel('Medelstilldelning (kr)', { exact: true });
  await expect(total).toBeEditable();

  const members = await municipalities(page);
  expect(members.length, 'municipalities in the Kommuner table').toBeGreaterThanOrEqual(2);
  const pops = await populations(members);
  expect(pops.every((p) => p > 0n)).toBe(true);

  // T = 20 000 000 kr -> Kommuner 25 % = 5 000 000 kr, split by population.
  await typeInto(total, '20 000 000');
  const kommuner = 5_000_000n;
  let expected = expectedAmounts(kommuner, pops);
  for (const [i, m] of members.entries()) await expectAmount(m, expected[i]);

  // Double the last municipality's population, typed with Swedish grouping.
  const last = members.length - 1;
  const before = expected;
  pops[last] = pops[last] * 2n;
  const typed = pops[last].toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  await typeInto(members[last].population, typed);
  await expect.poll(async () => parseWhole(await members[last].population.inputValue())).toBe(pops[last]);

  expected = expectedAmounts(kommuner, pops);
  expect(expected[last]).toBeGreaterThan(before[last]);
  expect(expected[0]).toBeLessThan(before[0]);
  for (const [i, m] of members.entries()) await expectAmount(m, expected[i]);
});

test('a money field selects its content on focus: typing replaces the "0" it shows', async ({ page }) => {
  const total = page.getByLabel('Medelstilldelning (kr)', { exact: true });
  await typeInto(total, '0');
  await expect(total).toHaveValue('0');

  // A click into the field, then typing as a person does (no fill): the "0" is replaced.
  await total.click();
  await page.keyboard.type('12500000');
  await expect(total).toHaveValue('12500000');
  await total.press('Tab');
  await expect(total).toHaveValue(`12${NBSP}500${NBSP}000`);
  await expect(page.getByTestId('medelstilldelning-summa')).toHaveText(`12${NBSP}500${NBSP}000`);
});

test('a money field shows its error only while the typed text is invalid', async ({ page }) => {
  const total = page.getByLabel('Medelstilldelning (kr)', { exact: true });
  const error = page.locator('#medelstilldelning-fel');
  await total.click();
  await page.keyboard.type('12a');
  await expect(total).toHaveAttribute('aria-invalid', 'true');
  await expect(error).toHaveText('"12a" är inget tal');

  // Leaving the field keeps the rejected text next to its reason (nothing typed is lost).
  await total.press('Tab');
  await expect(total).toHaveValue('12a');
  await expect(error).toHaveText('"12a" är inget tal');

  // As soon as the text is valid the error is gone.
  await total.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(total).toHaveAttribute('aria-invalid', 'false');
  await expect(error).toHaveText('');
  await total.press('Tab');
  await expect(total).toHaveValue('12');
  await expect(page.getByTestId('medelstilldelning-summa')).toHaveText('12');
});

test('shares pasted into Parter are one undo step; a refused share keeps the old one', async ({ page }) => {
  await typeInto(page.getByLabel('Medelstilldelning (kr)', { exact: true }), '20 000 000');
  const grid = new Grid(page, page.getByRole('grid', { name: /^Parter / }));
  await expect(page.getByTestId('part-Region')).toHaveText(formatKr(5_000_000n));
  // Staten, Region, Kommuner: 45 / 30 / 25 % of 20 000 000, pasted as one column.
  await grid.select('Andel Staten');
  await grid.pasteEvent('45\n30\n25');
  await expect(page.getByTestId('part-Staten')).toHaveText(formatKr(9_000_000n));
  await expect(page.getByTestId('part-Region')).toHaveText(formatKr(6_000_000n));
  await expect(page.getByTestId('part-Kommuner')).toHaveText(formatKr(5_000_000n));
  // Over 100 % is refused next to the cell, and the share stays 30 %.
  await grid.type('Andel Region', '120');
  await expect(grid.error('Andel Region')).toBeVisible();
  await expect(page.getByTestId('part-Region')).toHaveText(formatKr(6_000_000n));
  // One step back: the whole paste.
  await page.getByRole('button', { name: 'Ångra', exact: true }).click();
  await expect(page.getByTestId('part-Staten')).toHaveText(formatKr(10_000_000n));
  await expect(page.getByTestId('part-Region')).toHaveText(formatKr(5_000_000n));
});
