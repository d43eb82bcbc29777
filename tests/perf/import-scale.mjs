// Benchmark of imports at scale (issue 21, docs/app.md "Imports of any size"). A measurement,
// not a test: it prints numbers and fails only when it cannot measure.
//
//   node tests/perf/import-scale.mjs [--rows 100000] [--only budget,members,outcome] [--limit-s 120]
//   (needs a release build in dist/: SAMPLAN_SETUP_DONE=1 scripts/build.sh)
//
// For each file of ROWS rows — a budget CSV (ROWS new lines), a members CSV (ROWS new
// municipalities) and a ledger (outcome CSV, ROWS accounts the plan lacks, "Ignorera alla") —
// in headless Chromium on a fresh example plan it measures:
// - preview: "Läs in filen" clicked (the big-file notice; else the file picked) → the
//   preview's counts drawn;
// - apply: "Verkställ import" clicked → the "Importerat" message drawn;
// - click after: a tab clicked 2 s after the import: from the click event to the first frame
//   with that tab selected (what the user waits), and the longest task from the click on;
// - back: the import's own tab clicked again 1,5 s later: the longest task from that click on
//   (the view built again over the imported plan);
// - longest main-thread task during preview and apply (a click waits at most this long),
//   from the browser's long-task timing, and in the 2 s after the apply (the autosave);
// - WebAssembly memory (the instance's linear memory) before, after the preview and after the
//   apply, and the JS heap before and after.
// The machine's load (uptime) is printed with the numbers.

import { spawn, execSync } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const dist = resolve(process.env.DIST_DIR ?? join(root, 'dist'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const ROWS = Number(option('rows', 100_000));
const ONLY = String(option('only', 'budget,members,outcome')).split(',');
const LIMIT_MS = Number(option('limit-s', 120)) * 1000;

function budgetCsv(n) {
  const rows = ['Konto;Post;Kategori;2026'];
  for (let i = 0; i < n; i++) rows.push(`${100000 + i};Importpost ${i};Kansli;${1000 + (i % 9000)}`);
  return rows.join('\r\n') + '\r\n';
}
function membersCsv(n) {
  const rows = ['Medlem;Typ;Invånare'];
  for (let i = 0; i < n; i++) rows.push(`Kommun ${i};Kommun;${1000 + (i % 90000)}`);
  return rows.join('\r\n') + '\r\n';
}
function outcomeCsv(n) {
  const rows = ['Konto;Belopp'];
  for (let i = 0; i < n; i++) rows.push(`${900000 + i};${1 + (i % 5000)}`);
  return rows.join('\r\n') + '\r\n';
}

const CASES = {
  budget: { tab: 'Budget', hash: '#budget', input: 'Importera budget (CSV)', csv: budgetCsv, summary: /nya poster/, done: /Importerat/ },
  members: { tab: 'Finansiering', hash: '#finansiering', input: 'Importera medlemmar (CSV)', csv: membersCsv, summary: /medlemmar i filen/, done: /Importerat/ },
  outcome: { tab: 'Uppföljning', hash: '#uppfoljning', input: 'Importera utfall (CSV)', csv: outcomeCsv, summary: /saknas i planen/, done: /Utfall importerat/, ignoreAll: true },
};

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

/** In the page: collects long tasks and keeps the WebAssembly instance's memory. */
function pageProbe() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    // No long-task timing: reported as unknown.
  }
  addEventListener('TrunkApplicationStarted', (ev) => {
    window.__wasm = ev.detail && ev.detail.wasm;
  });
}

async function memory(page) {
  return page.evaluate(() => ({
    wasmMiB: window.__wasm?.memory ? window.__wasm.memory.buffer.byteLength / 2 ** 20 : NaN,
    heapMiB: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : NaN,
  }));
}

async function longestTask(page, since) {
  return page.evaluate((t) => Math.max(0, ...window.__longTasks.filter((x) => x.start >= t).map((x) => x.ms)), since);
}

const now = (page) => page.evaluate(() => performance.now());

async function measure(browser, origin, name) {
  const c = CASES[name];
  const context = await browser.newContext({ baseURL: origin, locale: 'sv-SE', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(pageProbe);
  // With PERF_LOG=1, the page's console lines starting with "PERF" (a build with timing
  // probes) are printed as they come.
  if (process.env.PERF_LOG) page.on('console', (m) => m.text().startsWith('PERF') && console.log(`  ${name}: ${m.text()}`));
  page.setDefaultTimeout(LIMIT_MS);
  const out = { file: name, rows: ROWS };
  try {
    await page.goto(`/${c.hash}`);
    await page.getByRole('tab', { name: c.tab, exact: true }).waitFor();
    const before = await memory(page);
    const csv = c.csv(ROWS);
    out.fileMB = (Buffer.byteLength(csv) / 1e6).toFixed(1);
    let t0 = await now(page);
    await page.locator(`input[type=file][aria-label="${c.input}"]`).setInputFiles({ name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const read = page.getByRole('button', { name: 'Läs in filen' });
    // The file is read asynchronously: the notice (big file) or the preview comes first.
    await Promise.race([read.waitFor(), page.getByText(c.summary).first().waitFor()]);
    if (await read.isVisible().catch(() => false)) {
      out.notice = 'ja';
      t0 = await now(page);
      await read.click();
    } else {
      out.notice = 'nej';
    }
    await page.getByText(c.summary).first().waitFor();
    const t1 = await now(page);
    out.previewS = ((t1 - t0) / 1000).toFixed(2);
    out.previewLongestMs = Math.round(await longestTask(page, t0));
    out.wasmMiBPreview = (await memory(page)).wasmMiB.toFixed(0);
    if (c.ignoreAll) {
      const t = await now(page);
      await page.getByRole('button', { name: /^Ignorera alla/ }).click();
      await page.getByRole('button', { name: 'Verkställ import' }).and(page.locator(':enabled')).waitFor();
      out.ignoreAllS = ((await now(page)) - t) / 1000;
    }
    const t2 = await now(page);
    await page.getByRole('button', { name: 'Verkställ import' }).click();
    await page.getByText(c.done).first().waitFor();
    const t3 = await now(page);
    out.applyS = ((t3 - t2) / 1000).toFixed(2);
    out.applyLongestMs = Math.round(await longestTask(page, t2));
    // What follows the swap (the autosave, the views' late work): the longest task in the
    // 2 s after "Importerat", before the click below.
    await page.waitForTimeout(2000);
    out.afterLongestMs = Math.round(await longestTask(page, t3));
    const other = c.tab === 'Översikt' ? 'Budget' : 'Översikt';
    // In the page: from the click event to the first frame with the other tab selected.
    await page.evaluate((name) => {
      window.__click = { at: null, painted: null };
      addEventListener('click', (e) => { window.__click.at = e.timeStamp; }, { capture: true, once: true });
      const seen = new MutationObserver(() => {
        const tab = document.querySelector('[role=tab][aria-selected=true]');
        if (tab && tab.textContent.includes(name)) {
          seen.disconnect();
          requestAnimationFrame(() => { window.__click.painted = performance.now(); });
        }
      });
      seen.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['aria-selected'] });
    }, other);
    const t4 = await now(page);
    await page.getByRole('tab', { name: other, exact: true }).click();
    await page.locator(`[role=tab][aria-selected=true]`, { hasText: other }).waitFor();
    await page.waitForFunction(() => window.__click.painted !== null);
    out.clickAfterMs = Math.round(await page.evaluate(() => window.__click.painted - window.__click.at));
    out.clickLongestMs = Math.round(await longestTask(page, t4));
    await page.waitForTimeout(1500);
    const t5 = await now(page);
    await page.getByRole('tab', { name: c.tab, exact: true }).click();
    await page.locator(`[role=tab][aria-selected=true]`, { hasText: c.tab }).waitFor();
    await page.waitForTimeout(1500);
    out.backLongestMs = Math.round(await longestTask(page, t5));
    const after = await memory(page);
    out.wasmMiB = `${before.wasmMiB.toFixed(0)} → ${after.wasmMiB.toFixed(0)}`;
    out.heapMiB = `${before.heapMiB.toFixed(0)} → ${after.heapMiB.toFixed(0)}`;
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
  } finally {
    await context.close();
  }
  return out;
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
});
const load = execSync('uptime').toString().trim();
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; ${load}`);
console.log(`browser: Chromium ${browser.version()}; rows per file: ${ROWS}`);
const results = [];
for (const name of ONLY) {
  const r = await measure(browser, server.origin, name);
  r.loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  results.push(r);
  console.log(JSON.stringify(r));
}
await browser.close();
server.stop();
console.table(results);
if (results.every((r) => r.error)) process.exit(1);
