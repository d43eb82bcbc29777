#!/usr/bin/env bash
# Side-by-side benchmark (issue 11, item 4): the engine's criterion bench next to the same model
# built in HyperFormula and IronCalc (bench/peers/, Node). Prints one table: measure, samplan,
# HyperFormula, IronCalc and the ratios. A measurement, not a test.
#
#   scripts/bench-peers.sh [--no-engine] [--pairs N] [run.mjs options, e.g. --runs 20]
#
# 1. npm ci in bench/peers (pinned versions, package-lock.json),
# 2. writes the bench's plans, before and after the benchmarked edit, as plan files
#    (bench/peers/plans, its own small cargo project) and their `samplan report`,
# 3. cargo bench -p samplan-engine --bench compute, only the compute and edit benchmarks
#    (--no-engine reuses the criterion results already in target/criterion),
# 4. builds the engine to WebAssembly (bench/peers/engine-wasm) for Node;
#    node bench/peers/run.mjs: checks the wasm engine's report and every figure of the workbooks
#    against samplan report, times the wasm engine and the peers alike in one Node process and
#    prints the table;
# 5. with --pairs N (for the goal "engine ≥ 3× faster than HyperFormula's edit of the large
#    plan" on a loaded machine): N rounds of the engine's large edit benchmark (apply + incremental
#    recompute, docs/recalc.md) right before HyperFormula's large edit, and the median, lowest
#    and highest ratio of the rounds.
# Numbers depend on the machine and its load: the output names both.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

engine=yes
pairs=0
args=()
while [ $# -gt 0 ]; do
  arg="$1"
  shift
  case "$arg" in
    --no-engine) engine=no ;;
    --pairs) pairs="${1:?--pairs needs a number}"; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

peers="$ROOT/bench/peers"
out="$peers/out"
target="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -f "$peers/node_modules/.package-lock.json" ] \
  || [ "$peers/package-lock.json" -nt "$peers/node_modules/.package-lock.json" ]; then
  log "npm ci in bench/peers"
  (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)
fi

log "plan files of the engine bench → bench/peers/out"
cargo run --quiet --manifest-path "$peers/plans/Cargo.toml" -- "$out"
cargo build --quiet --release -p samplan-engine --bin samplan
for name in generated generated-edited example example-edited; do
  "$target/release/samplan" report "$out/$name.samplan.json" >"$out/$name.report.csv" 2>"$out/$name.report.log"
done

log "the engine compiled to WebAssembly for Node (bench/peers/engine-wasm → bench/peers/out/engine-wasm)"
cargo build --quiet --release --target wasm32-unknown-unknown \
  --manifest-path "$peers/engine-wasm/Cargo.toml" --target-dir "$target"
wasm-bindgen --target nodejs --out-dir "$out/engine-wasm" \
  "$target/wasm32-unknown-unknown/release/samplan_bench_engine_wasm.wasm"
# The glue is CommonJS; bench/peers/package.json says "module".
echo '{"type":"commonjs"}' >"$out/engine-wasm/package.json"

if [ "$engine" = yes ]; then
  log "cargo bench -p samplan-engine --bench compute (compute benchmarks)"
  cargo bench -p samplan-engine --bench compute -- --warm-up-time 1 --measurement-time 3 \
    'compute/|recalc/' >&2
fi

log "HyperFormula and IronCalc"
node "$peers/run.mjs" --plans "$out" --criterion "$target/criterion" ${args[@]+"${args[@]}"}

if [ "$pairs" -gt 0 ]; then
  log "$pairs rounds: engine edit + incremental recompute of the large plan, then HyperFormula's edit of it"
  for i in $(seq 1 "$pairs"); do
    cargo bench -q -p samplan-engine --bench compute -- --warm-up-time 1 --measurement-time 2 \
      'edit_and_recalc/generated_2000' >/dev/null 2>&1
    node "$peers/run.mjs" --plans "$out" --criterion "$target/criterion" --plan generated \
      --peers hyperformula --edit-only --no-verify --runs 30 --json "$out/pair-$i.json" >/dev/null 2>&1
  done
  node - "$out" "$pairs" <<'JS'
const [dir, n] = process.argv.slice(2);
const r = [];
for (let i = 1; i <= Number(n); i++) {
  const j = require(`${dir}/pair-${i}.json`);
  const e = j.engine.generated.edit.ms, h = j.results.generated.HyperFormula.edit;
  r.push(h / e);
  console.log(`round ${i}: samplan ${e.toFixed(2)} ms, HyperFormula edit ${h.toFixed(2)} ms, ${(h / e).toFixed(2)}×, load ${j.load}`);
}
const s = [...r].sort((a, b) => a - b), m = s.length >> 1;
const med = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
console.log(`HyperFormula edit ÷ samplan over ${n} rounds: median ${med.toFixed(2)}×, lowest ${s[0].toFixed(2)}×, highest ${s[s.length - 1].toFixed(2)}× (goal ≥ 3×: ${med >= 3 ? 'met' : 'NOT met'} by the median)`);
JS
fi
