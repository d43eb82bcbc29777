// Side-by-side benchmark: the engine's criterion figures next to the same model in HyperFormula
// and IronCalc. Run through scripts/bench-peers.sh, which writes the plan files and the engine's
// reports first; `node run.mjs --help` lists the options.
//
// For each plan (the criterion bench's generated 2 000 lines × 10 years × 300 members, and the
// example plan) and each peer:
// 1. the workbook is built from the plan file (model.mjs) and every figure is checked against
//    `samplan report` of the same plan, then the benchmarked edit is made and the figures are
//    checked against the report of the edited plan — so both sides compute the same thing;
// 2. "full": build the workbook + compute + read the totals, median of N runs after warm-up;
// 3. "edit": set one budget cell + read the totals that edit changes (that year's category
//    sums, subtotals and result, and EK UB and EK-kvot of that year and every later one),
//    median of N runs after warm-up, alternating two amounts so each edit changes something.
//
// The samplan engine itself runs twice: natively (criterion's medians, read from its output) and
// compiled to WebAssembly in this same Node process (`out/engine-wasm`, built by
// scripts/bench-peers.sh from engine-wasm/), timed here exactly like the peers. Before timing,
// the wasm engine's whole report is checked equal, text for text, to the native `samplan report`
// of the plan and of the edited plan.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { buildModel } from './model.mjs';
import { hyperformula, ironcalc, versions } from './peers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
if (args.includes('--help')) {
  console.log(`node run.mjs [--plans DIR] [--criterion DIR] [--runs N] [--peers hyperformula,ironcalc] [--no-verify] [--json FILE]
  --plans      plan files and reports (default ${join(here, 'out')})
  --criterion  criterion's output directory (default ../../target/criterion)
  --runs       timed runs per measure (default 20; the large plan's builds and IronCalc's large edits use a quarter, at least 3)
  --peers      which peers to run (default both)
  --plan       only this plan: generated or example (default both)
  --edit-only  time only the edits
  --no-verify  skip the check against samplan report
  --json FILE  also write the figures as JSON`);
  process.exit(0);
}
const plansDir = opt('--plans', join(here, 'out'));
const criterionDir = opt('--criterion', join(here, '..', '..', 'target', 'criterion'));
const RUNS = Number(opt('--runs', '20'));
const peerNames = opt('--peers', 'hyperformula,ironcalc').split(',');
const peers = [hyperformula, ironcalc].filter((p) => peerNames.includes(p.name.toLowerCase()));
const verify = !args.includes('--no-verify');
const editOnly = args.includes('--edit-only');
const planNames = opt('--plan', 'generated,example').split(',');
const edits = JSON.parse(readFileSync(join(plansDir, 'edits.json'), 'utf8'));

// The engine compiled to WebAssembly (wasm-bindgen --target nodejs), when built.
const wasmGlue = resolve(plansDir, 'engine-wasm', 'samplan_bench_engine_wasm.js');
const EngineWasm = existsSync(wasmGlue) ? createRequire(import.meta.url)(wasmGlue).Bench : null;
if (!EngineWasm) console.error(`no ${wasmGlue}: the wasm engine is left out (scripts/bench-peers.sh builds it)`);

/** The wasm engine, timed as the peers are: "full" = compute of the loaded plan, "edit" = one
 * budget-cell edit + the incremental recompute of the whole report. */
function benchWasm(name, json, edit, runsBuild, runsEdit) {
  let checked = 0;
  if (verify) {
    const b = new EngineWasm(json);
    const same = (file, what) => {
      if (b.report() !== readFileSync(join(plansDir, file), 'utf8')) {
        throw new Error(`samplan wasm, ${name}${what}: the report differs from samplan report`);
      }
      checked++;
    };
    same(`${name}.report.csv`, '');
    b.edit(edit.line, edit.year, edit.amount);
    same(`${name}-edited.report.csv`, ' after the edit');
    b.free();
  }
  const b = new EngineWasm(json);
  const full = [];
  for (let i = 0; i < (editOnly ? 0 : runsBuild + 1); i++) {
    const t0 = now();
    b.compute();
    if (i > 0) full.push(now() - t0);
  }
  const warm = Math.max(2, Math.ceil(runsEdit / 5));
  const times = [];
  for (let i = 0; i < runsEdit + warm; i++) {
    const t0 = now();
    b.edit(edit.line, edit.year, edit.amount + (i % 2));
    const t = now() - t0;
    if (i >= warm) times.push(t);
  }
  b.free();
  return { full: full.length ? median(full) : null, fullRuns: full.length, edit: median(times), editRuns: times.length, checked };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const now = () => performance.now();

/** `samplan report` CSV → Map "year|section|post" → value text. */
function readReport(file) {
  const map = new Map();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const [y, sec, post, ...rest] = line.split(';');
    map.set(`${y}|${sec}|${post}`, rest.join(';'));
  }
  return map;
}

function check(book, model, report, what) {
  let n = 0;
  const bad = [];
  for (const [y, sec, post, cell, kind] of model.checks()) {
    const want = report.get(`${y}|${sec}|${post}`);
    if (want === undefined) throw new Error(`${what}: samplan report has no ${y};${sec};${post}`);
    const got = book.get(cell);
    let ok;
    if (kind === 'bool') ok = (want === 'Ja') === (got === true);
    else if (kind === 'pct') ok = want === '' ? got === '' : Math.abs(got - Number(want.replace(',', '.'))) <= 0.005 + 1e-9;
    else ok = Math.abs(got - Number(want.replace(',', '.').replace(/\s/g, ''))) < 1e-6;
    n++;
    if (!ok) bad.push(`${y};${sec};${post}: samplan ${want}, got ${got}`);
  }
  if (bad.length) throw new Error(`${what}: ${bad.length} of ${n} figures differ from samplan report:\n  ${bad.slice(0, 10).join('\n  ')}`);
  return n;
}

function benchPeer(peer, name, plan, edit, runsBuild, runsEdit) {
  const model = buildModel(plan);
  const cell = model.editCell(edit.line, edit.year);
  const affected = model.affectedCells(edit.year);
  const read = (book) => {
    let s = 0;
    for (const c of affected) {
      const v = book.get(c);
      if (typeof v === 'number') s += v;
    }
    return s;
  };
  // Check: base plan, then after the edit.
  let checked = 0;
  {
    const book = peer.build(model.sheets);
    if (verify) {
      checked += check(book, model, readReport(join(plansDir, `${name}.report.csv`)), `${peer.name}, ${name}`);
      book.set(cell, edit.amount);
      checked += check(book, model, readReport(join(plansDir, `${name}-edited.report.csv`)), `${peer.name}, ${name} after the edit`);
    }
    book.free();
  }
  // Full: build + compute + read.
  const full = [];
  for (let i = 0; i < (editOnly ? 0 : runsBuild + 1); i++) {
    const t0 = now();
    const book = peer.build(model.sheets);
    read(book);
    const t = now() - t0;
    book.free();
    if (i > 0) full.push(t);
  }
  // Edit: one cell + read what it changes.
  const book = peer.build(model.sheets);
  // Recompute: the whole built workbook again (only where the peer has an API for it).
  const recompute = [];
  if (book.recompute && !editOnly) {
    for (let i = 0; i < runsBuild + 1; i++) {
      const t0 = now();
      book.recompute();
      read(book);
      if (i > 0) recompute.push(now() - t0);
    }
  }
  const warm = Math.max(2, Math.ceil(runsEdit / 5));
  const times = [];
  let last = read(book);
  for (let i = 0; i < runsEdit + warm; i++) {
    const v = edit.amount + (i % 2);
    const t0 = now();
    book.set(cell, v);
    const s = read(book);
    const t = now() - t0;
    if (s === last) throw new Error(`${peer.name}, ${name}: the edit changed none of the totals`);
    last = s;
    if (i >= warm) times.push(t);
  }
  book.free();
  return {
    full: full.length ? median(full) : null,
    fullRuns: full.length,
    recompute: recompute.length ? median(recompute) : null,
    edit: median(times), editRuns: times.length, checked };
}

/** Every criterion benchmark's median in ms, by its id. */
function criterionMedians(dir) {
  const out = {};
  if (!existsSync(dir)) return out;
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (!statSync(p).isDirectory()) continue;
      const est = join(p, 'new', 'estimates.json');
      const meta = join(p, 'new', 'benchmark.json');
      if (existsSync(est) && existsSync(meta)) {
        const id = JSON.parse(readFileSync(meta, 'utf8')).full_id;
        out[id] = JSON.parse(readFileSync(est, 'utf8')).median.point_estimate / 1e6;
      }
      if (e !== 'new' && e !== 'base' && e !== 'report') walk(p);
    }
  };
  walk(dir);
  return out;
}

const crit = criterionMedians(criterionDir);
const pick = (...ids) => {
  for (const id of ids) {
    const key = Object.keys(crit).find((k) => k === id || k.startsWith(id));
    if (key) return { id: key, ms: crit[key] };
  }
  return null;
};
const engine = {
  generated: {
    full: pick('compute/generated_2000_lines_10_years_300_members'),
    // An edit: apply it and bring the report up to date incrementally (Recalc, docs/recalc.md);
    // older benches without it fall back to apply + full compute, then to a full compute.
    edit: pick(
      'edit_and_recalc/generated',
      'edit_and_compute/generated',
      'compute/generated_2000_lines_10_years_300_members',
    ),
  },
  example: {
    full: pick('compute/example_plan'),
    edit: pick('edit_and_recalc/example_plan', 'edit_and_compute/example_plan'),
  },
};

const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
const results = {};
for (const name of planNames) {
  const json = readFileSync(join(plansDir, `${name}.samplan.json`), 'utf8');
  const plan = JSON.parse(json).plan;
  results[name] = {};
  if (EngineWasm) {
    const big = name === 'generated';
    const r = benchWasm(name, json, edits[name], big ? Math.max(3, Math.ceil(RUNS / 4)) : RUNS, RUNS);
    results[name].wasm = r;
    process.stderr.write(
      `samplan wasm ${name}: ` +
        (r.full == null ? '' : `full ${r.full.toFixed(2)} ms (${r.fullRuns} runs), `) +
        `edit ${r.edit.toFixed(3)} ms (${r.editRuns} runs)` +
        (verify ? ', report equal to samplan report before and after the edit\n' : '\n'),
    );
  }
  for (const peer of peers) {
    const big = name === 'generated';
    const runsBuild = big ? Math.max(3, Math.ceil(RUNS / 4)) : RUNS;
    const runsEdit = big && peer === ironcalc ? Math.max(3, Math.ceil(RUNS / 4)) : RUNS;
    const r = benchPeer(peer, name, plan, edits[name], runsBuild, runsEdit);
    results[name][peer.name] = r;
    process.stderr.write(
      `${peer.name} ${name}: ` +
        (r.full == null ? '' : `full ${r.full.toFixed(2)} ms (${r.fullRuns} runs), `) +
        (r.recompute == null ? '' : `recompute ${r.recompute.toFixed(2)} ms, `) +
        `edit ${r.edit.toFixed(3)} ms (${r.editRuns} runs)` +
        (verify ? `, ${r.checked} figures equal to samplan report\n` : '\n'),
    );
  }
}
const loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(', ');

const fmt = (ms) => (ms == null ? '–' : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
const ratio = (peer, eng) => (peer == null || eng == null ? '–' : `${(peer / eng).toFixed(1)}×`);
const rows = [
  ['2 000 lines × 10 years × 300 members: full compute¹', 'generated', 'full'],
  ['2 000 × 10 × 300: full recompute of the built workbook³', 'generated', 'recompute'],
  ['2 000 × 10 × 300: edit one budget cell → totals²', 'generated', 'edit'],
  ['example plan (40 lines × 5 years × 12 members): full compute¹', 'example', 'full'],
  ['example plan: full recompute of the built workbook³', 'example', 'recompute'],
  ['example plan: edit one budget cell → totals²', 'example', 'edit'],
];
const hfName = `HyperFormula ${versions.hyperformula}`;
const icName = `IronCalc ${versions.ironcalc}`;
const lines = [];
lines.push(`| Measure | samplan native | samplan wasm (Node) | ${hfName} | ${icName} | HyperFormula ÷ samplan native / wasm | IronCalc ÷ samplan native / wasm |`);
lines.push('|---|---|---|---|---|---|---|');
for (const [label, plan, m] of rows) {
  const e = engine[plan][m === 'recompute' ? 'full' : m];
  if (!results[plan]) continue;
  const w = results[plan].wasm?.[m === 'recompute' ? 'full' : m];
  const hf = results[plan].HyperFormula?.[m];
  const ic = results[plan].IronCalc?.[m];
  lines.push(`| ${label} | ${fmt(e?.ms)} | ${fmt(w)} | ${fmt(hf)} | ${fmt(ic)} | ${ratio(hf, e?.ms)} / ${ratio(hf, w)} | ${ratio(ic, e?.ms)} / ${ratio(ic, w)} |`);
}
console.log(lines.join('\n'));
console.log();
console.log('Engine figures (criterion medians):');
for (const plan of ['generated', 'example']) {
  for (const m of ['full', 'edit']) {
    const e = engine[plan][m];
    console.log(`  ${plan} ${m}: ${e ? `${e.id} = ${fmt(e.ms)}` : 'missing: run cargo bench -p samplan-engine --bench compute'}`);
  }
}
console.log(
  '¹ samplan: `compute` of a plan already in memory; peers: build the workbook from the plan (all cells) + compute + read the totals.',
);
console.log(
  `² samplan: ${engine.generated.edit?.id.startsWith('edit_and_recalc') ? 'apply the edit + incremental recompute (`Recalc::apply`, the whole report kept equal to a full compute)' : engine.generated.edit?.id.startsWith('edit_and_compute') ? 'apply the edit + full compute' : 'a full `compute` (the apply itself is not timed)'} (\`${engine.generated.edit?.id}\`, \`${engine.example.edit?.id}\`); peers: set the cell (recompute) + read that year's sums and result and every later EK UB and EK-kvot.`,
);
console.log(
  '³ samplan: the same `compute`; IronCalc: `evaluate()` of the built workbook + read the totals; HyperFormula has no call that recomputes without rebuilding.',
);
const hfEdit = results.generated?.HyperFormula?.edit;
for (const [what, engEdit] of [['native', engine.generated.edit?.ms], ['wasm in Node', results.generated?.wasm?.edit]]) {
  if (hfEdit != null && engEdit != null) {
    const r = hfEdit / engEdit;
    console.log(`Goal: samplan (${what}) ≥ 10× faster than HyperFormula's incremental edit of the large model: ${r.toFixed(2)}× — ${r >= 10 ? 'met' : 'NOT met'}.`);
  }
}
console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, load average ${load} before, ${loadAfter} after the peers ran.`,
);
if (opt('--json', null)) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(opt('--json'), JSON.stringify({ engine, results, versions, load, loadAfter }, null, 2));
}
