// Benchmark of the web app in dist/ (issue 4, item 8). A measurement, not a test: it prints
// numbers and fails only when it cannot measure.
//
//   node tests/perf/edit-latency.mjs [--edits 50] [--loads 5] [--lines 2000] [--years 10]
//                                    [--warmup 3] [--budget-s 300]
//   (scripts/bench-app.sh builds dist/ when needed and runs this)
//
// Measures, in headless Chromium (CHROMIUM or /usr/bin/chromium, the e2e test arguments):
// - cold load to interactive: navigation start → first grid cell in the DOM (and the next
//   frame), in a fresh browser context each time, for the example plan and for a generated
//   plan of 2 000 lines × 10 years stored in localStorage before load;
// - opening that plan with "Öppna fil" (file picked → its first line painted);
// - edit latency: N times, commit a budget cell with Enter and time from the key event to the
//   updated "Verksamhetens kostnader" total in the DOM and to the frame after (≈ painted);
//   reported as median and p95, for the example plan and the big plan (there the last Kansli
//   lines, just above the total: the grid renders only the rows in view);
// - the gzip -9 size of every file in dist/ (what a server sends compressed).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { chromium } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const dist = resolve(process.env.DIST_DIR ?? join(root, 'dist'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const EDITS = option('edits', 50);
const LOADS = option('loads', 5);
const LINES = option('lines', 2000);
const YEARS = option('years', 10);
const WARMUP = option('warmup', 3);
/** Seconds one edit series may take; past it the series stops early and says so. */
const BUDGET_S = option('budget-s', 300);
const FIRST_YEAR = 2026;
const TOTAL_ID = (year) => `budget-Verksamhetens kostnader-${year}`;

// ---------------------------------------------------------------- the generated plan

const COST_CATEGORIES = ['Individinsatser', 'Strukturpaverkande', 'Processtod', 'Styrelse', 'Kansli'];
const KOMMUNER = [
  ['Älvstad', 98_412], ['Norrfors', 24_873], ['Sjöberga', 15_306], ['Storsund', 12_704], ['Granvik', 11_942],
  ['Hedåsen', 9_318], ['Björkliden', 7_655], ['Tallmora', 6_127], ['Lövnäs', 4_981], ['Ekhamra', 3_476],
];

/** Name of line i: "Post 0001". */
const lineName = (i) => `Post ${String(i).padStart(4, '0')}`;

/**
 * A plan file (engine/src/plan_file.rs, version 2) with `lines` budget lines over `years`
 * years: every 40th line is an income line (Övriga intäkter), the others cycle over the cost
 * categories; amounts are whole kronor, different per line and year. Decimals are strings.
 */
function bigPlan(lines, years) {
  const yearList = Array.from({ length: years }, (_, i) => FIRST_YEAR + i);
  let id = 0;
  const members = [
    { id: ++id, name: 'Staten (Försäkringskassan och Arbetsförmedlingen)', kind: 'Stat', values: {} },
    { id: ++id, name: 'Region Benchlän', kind: 'Region', values: {} },
    ...KOMMUNER.map(([name, population]) => ({
      id: ++id,
      name,
      kind: 'Kommun',
      values: { [FIRST_YEAR]: { population } },
    })),
  ];
  const planLines = [];
  for (let i = 0; i < lines; i++) {
    const category = i % 40 === 39 ? 'OvrigaIntakter' : COST_CATEGORIES[i % COST_CATEGORIES.length];
    const amounts = {};
    yearList.forEach((y, j) => (amounts[y] = String(1_000 * (1 + ((i * 7 + j * 13) % 500)))));
    planLines.push({ id: ++id, account: String(10_000 + i), name: lineName(i), category, amounts });
  }
  const yearInputs = {};
  yearList.forEach((y, j) => {
    yearInputs[y] = { funding: j === 0 ? { typ: 'Total', värde: '900000000' } : { typ: 'PreviousPlusPercent', värde: '2' } };
  });
  return {
    format: 'samplan-plan',
    version: 2,
    plan: {
      settings: {
        name: `Benchmark ${lines} poster × ${years} år`,
        shares: { staten: '50', region: '25', kommuner: '25' },
        unit: 1,
        rounding: 'each',
        kommun_key: { Mix: [{ method: 'Population', weight: '100' }] },
        region_key: { Mix: [{ method: 'Population', weight: '100' }] },
        equity_ceiling_percent: '20',
        equity_base: 'SameYear',
        percent_rounding: 'LargestRemainder',
      },
      years: yearList,
      year_inputs: yearInputs,
      members,
      lines: planLines,
      opening_equity: '2000000',
      scenarios: [],
      next_id: id + 1,
    },
  };
}

/**
 * The last `n` Kansli lines of `plan`: the cost lines just above "Verksamhetens kostnader" in
 * the grid (the grid renders only the rows in view, so the edited lines and the total must be
 * near each other for the total's update to be seen).
 */
function editableLines(plan, n) {
  return plan.plan.lines.filter((l) => l.category === 'Kansli').slice(-n).map((l) => l.name);
}

/** Scrolls the grid until the input named `label` is rendered, and centres it. */
async function scrollToCell(page, label) {
  const found = await page.evaluate(async (name) => {
    const wrap = document.querySelector('#budget-grid')?.closest('.table-wrap');
    const find = () => document.querySelector(`input[aria-label="${name}"]`);
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (let y = 0; wrap && !find() && y <= wrap.scrollHeight; y += wrap.clientHeight / 2) {
      wrap.scrollTop = y;
      await frame();
    }
    find()?.scrollIntoView({ block: 'center' });
    await frame();
    return Boolean(find());
  }, label);
  if (!found) throw new Error(`no cell ${label}`);
}

// ---------------------------------------------------------------- helpers

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'tests', 'e2e', 'support', 'serve.mjs')], {
    env: { ...process.env, PORT: String(port), DIST_DIR: dist },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((res, rej) => {
    child.once('exit', (code) => rej(new Error(`server exited (${code})`)));
    child.stdout.once('data', () => res());
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1] };
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–');
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

// Records, in every document, when the first grid cell appears (performance.now() is
// relative to navigation start) and the frame after it.
function coldLoadProbe() {
  window.__firstCell = new Promise((resolveProbe) => {
    const found = () => document.querySelector('table.grid [data-row][data-col]');
    const done = () => {
      const present = performance.now();
      requestAnimationFrame(() => setTimeout(() => resolveProbe({ present, painted: performance.now() }), 0));
    };
    const obs = new MutationObserver(() => {
      if (found()) {
        obs.disconnect();
        done();
      }
    });
    obs.observe(document, { subtree: true, childList: true });
  });
}

async function newContext(browser, origin) {
  const context = await browser.newContext({
    baseURL: origin,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript(coldLoadProbe);
  return context;
}

/** Writes the plan to localStorage (from a page of the origin that is not the app). */
async function seed(page, planJson) {
  await page.goto('/bench-seed-no-app');
  await page.evaluate((text) => {
    localStorage.clear();
    const name = JSON.parse(text).plan.settings.name;
    localStorage.setItem('samplan:v1:index', JSON.stringify({ plans: [{ id: 'p1', name }], current: 'p1', next: 2 }));
    localStorage.setItem('samplan:v1:plan:p1', text);
  }, planJson);
}

async function coldLoads(browser, origin, planJson, n) {
  const present = [];
  const painted = [];
  for (let i = 0; i < n; i++) {
    const context = await newContext(browser, origin);
    const page = await context.newPage();
    if (planJson) await seed(page, planJson);
    await page.goto('/#budget');
    const t = await page.evaluate(() => window.__firstCell);
    present.push(t.present);
    painted.push(t.painted);
    await context.close();
  }
  return { present: stats(present), painted: stats(painted) };
}

/** Arms the measurement of one commit: key event → total text changed → next frame. */
function arm(totalId) {
  const w = window;
  if (!w.__benchKey) {
    w.__benchKey = true;
    window.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Enter' && w.__bench && w.__bench.t0 === undefined) w.__bench.t0 = e.timeStamp;
      },
      true,
    );
  }
  const cell = () => document.querySelector(`[data-testid="${totalId}"]`);
  const before = cell()?.textContent;
  const bench = { t0: undefined };
  w.__bench = bench;
  bench.done = new Promise((resolveDone, rejectDone) => {
    const timer = setTimeout(() => rejectDone(new Error(`total ${totalId} did not change`)), 600_000);
    const obs = new MutationObserver(() => {
      if (cell()?.textContent !== before) {
        obs.disconnect();
        clearTimeout(timer);
        const dom = performance.now();
        requestAnimationFrame(() =>
          setTimeout(() => resolveDone({ t0: bench.t0, dom, painted: performance.now() }), 0),
        );
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function editLatency(page, lines, year, edits) {
  const dom = [];
  const painted = [];
  const start = Date.now();
  let stopped = false;
  for (let i = 0; i < edits + WARMUP; i++) {
    if (i > 0 && Date.now() - start > BUDGET_S * 1000) {
      stopped = true; // too slow to finish the series in time: report what was measured
      break;
    }
    const name = lines[i % lines.length];
    const input = page.locator(`input[aria-label="${name} ${year}"]`);
    await input.click();
    await page.keyboard.type(String(1_001 + 17 * i)); // never an existing amount (those are whole thousands)
    await page.evaluate(arm, TOTAL_ID(year));
    await page.keyboard.press('Enter');
    const r = await page.evaluate(() => window.__bench.done);
    if (i < WARMUP) continue;
    dom.push(r.dom - r.t0);
    painted.push(r.painted - r.t0);
  }
  return { dom: stats(dom), painted: stats(painted), stopped };
}

function distSizes() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue; // trunk's .stage while building
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        files.push({ file: relative(dist, p), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  walk(dist);
  return files.sort((a, b) => b.gzip - a.gzip);
}

// ---------------------------------------------------------------- main

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ')).join('\n');
}

async function main() {
  statSync(join(dist, 'index.html')); // fails clearly when dist/ is missing
  const server = await startServer();
  const browser = await chromium.launch({ executablePath, args: launchArgs, headless: true });
  const load = os.loadavg();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model?.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Chromium ${browser.version()}, load avg ${load.map((l) => l.toFixed(2)).join(' ')}`;
  const big = bigPlan(LINES, YEARS);
  const bigJson = JSON.stringify(big);
  const results = {};
  try {
    process.stderr.write('cold loads (example plan)…\n');
    results.loadExample = await coldLoads(browser, server.origin, null, LOADS);
    process.stderr.write(`cold loads (${LINES} × ${YEARS} plan)…\n`);
    results.loadBig = await coldLoads(browser, server.origin, bigJson, LOADS);

    process.stderr.write('edits (example plan)…\n');
    {
      const context = await newContext(browser, server.origin);
      const page = await context.newPage();
      await page.goto('/#budget');
      await page.evaluate(() => window.__firstCell);
      const names = await page.evaluate(() =>
        [...document.querySelectorAll('#budget-grid input[aria-label$=" 2026"]')]
          .map((e) => e.getAttribute('aria-label').replace(/ 2026$/, ''))
          .filter((n) => !n.startsWith('Post ') && !n.startsWith('Konto ') && !n.startsWith('Kategori ')),
      );
      // Cost lines only (the total is operating costs): the example's first groups.
      results.editExample = await editLatency(page, names.slice(0, 20), 2026, EDITS);
      await context.close();
    }

    process.stderr.write(`open file (${LINES} × ${YEARS} plan)…\n`);
    {
      const context = await newContext(browser, server.origin);
      const page = await context.newPage();
      await page.goto('/#budget');
      await page.evaluate(() => window.__firstCell);
      const first = `${lineName(0)} ${FIRST_YEAR}`;
      const t0 = Date.now();
      await page.getByLabel('Öppna planfil', { exact: true }).setInputFiles({
        name: 'bench.samplan.json',
        mimeType: 'application/json',
        buffer: Buffer.from(bigJson),
      });
      await page.locator(`input[aria-label="${first}"]`).waitFor({ timeout: 120_000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      results.openFile = Date.now() - t0;

      process.stderr.write(`edits (${LINES} × ${YEARS} plan)…\n`);
      const lines = editableLines(big, 20);
      await scrollToCell(page, `${lines[0]} ${FIRST_YEAR}`);
      results.editBig = await editLatency(page, lines, FIRST_YEAR, EDITS);
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }

  const sizes = distSizes();
  const raw = sizes.reduce((a, f) => a + f.raw, 0);
  const gz = sizes.reduce((a, f) => a + f.gzip, 0);
  const loaded = sizes.filter((f) => f.file !== 'sw.js');
  const gzLoaded = loaded.reduce((a, f) => a + f.gzip, 0);

  console.log(`samplan app benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${machine}`);
  console.log(`big plan: ${LINES} lines × ${YEARS} years (${kib(bigJson.length)} JSON); ${EDITS} edits after ${WARMUP} warm-up; ${LOADS} cold loads\n`);
  const rows = [['measure', 'median', 'p95', 'min', 'max', 'n']];
  const add = (label, s) => rows.push([label, ms(s.median), ms(s.p95), ms(s.min), ms(s.max), s.n]);
  add('cold load → first grid cell (example)', results.loadExample.present);
  add('cold load → first cell painted (example)', results.loadExample.painted);
  add(`cold load → first grid cell (${LINES}×${YEARS})`, results.loadBig.present);
  add(`cold load → first cell painted (${LINES}×${YEARS})`, results.loadBig.painted);
  add('edit → total in DOM (example)', results.editExample.dom);
  add('edit → total painted (example)', results.editExample.painted);
  add(`edit → total in DOM (${LINES}×${YEARS})`, results.editBig.dom);
  add(`edit → total painted (${LINES}×${YEARS})`, results.editBig.painted);
  rows.push([`open file → first line painted (${LINES}×${YEARS})`, ms(results.openFile), '', '', '', 1]);
  console.log(table(rows));
  for (const [label, r] of [['example', results.editExample], [`${LINES}×${YEARS}`, results.editBig]]) {
    if (r.stopped) {
      console.log(`note: the ${label} edit series stopped after ${r.dom.n} of ${EDITS} measured edits (time budget ${BUDGET_S} s, --budget-s)`);
    }
  }
  console.log('\ndist/ (gzip -9)');
  console.log(table([['file', 'raw', 'gzip'], ...sizes.map((f) => [f.file, kib(f.raw), kib(f.gzip)]), ['total', kib(raw), kib(gz)], ['loaded by the page (all but sw.js)', '', kib(gzLoaded)]]));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
