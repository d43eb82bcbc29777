// Groups twiggy's item list of the app's wasm by crate (docs/performance.md, "Download size").
//   node scripts/size-breakdown.mjs <twiggy top -n 1000000 -f csv output>
// Sizes are raw bytes of the code and data items, before wasm-bindgen and wasm-opt; the
// function-name and custom sections (dropped from the shipped wasm) are left out.
import { readFileSync } from 'node:fs';

const groups = [
  ['samplan-app (views, grid, …)', /samplan_app::/],
  ['samplan-engine', /samplan_engine::/],
  ['leptos (tachys, reactive_graph, …)', /\b(leptos\w*|tachys|reactive_graph|any_spawner|or_poisoned|slotmap|send_wrapper|throw_error|futures\w*)::/],
  ['serde, serde_json', /\b(serde_json|serde_core|serde|itoa|ryu)::/],
  ['rust_decimal', /\brust_decimal::/],
  ['csv', /\bcsv(_core)?::/],
  ['wasm-bindgen, web-sys, gloo', /\b(wasm_bindgen\w*|js_sys|web_sys|gloo\w*)::/],
  ['core, alloc, std', /\b(core|alloc|std|dlmalloc|hashbrown|memchr)::/],
];

function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    // Name is quoted when it has commas; the sizes are the next plain fields.
    const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (m) rows.push([m[1].replace(/^"|"$/g, '').replace(/""/g, '"'), Number(m[2])]);
  }
  return rows;
}

const rows = parseCsv(readFileSync(process.argv[2], 'utf8'));
const totals = new Map();
let sum = 0;
for (const [name, bytes] of rows) {
  if (name.includes('"function names"') || name.startsWith('custom section')) continue;
  let group = 'other (generic glue, imports, tables)';
  if (name.startsWith('data segment')) group = 'data segments';
  else for (const [g, re] of groups) if (re.test(name)) { group = g; break; }
  totals.set(group, (totals.get(group) ?? 0) + bytes);
  sum += bytes;
}
const fmt = (n) => n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
console.log('| Part | bytes (raw) | share |');
console.log('|---|---|---|');
for (const [g, b] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${g} | ${fmt(b)} | ${(100 * b / sum).toFixed(1).replace('.', ',')} % |`);
}
console.log(`| total | ${fmt(sum)} | 100 % |`);
