#!/usr/bin/env bash
# Side-by-side benchmark (issue 11, item 4): the engine's criterion bench next to the same model
# built in HyperFormula and IronCalc (bench/peers/, Node). Prints one table: measure, samplan,
# HyperFormula, IronCalc and the ratios. A measurement, not a test.
#
#   scripts/bench-peers.sh [--no-engine] [run.mjs options, e.g. --runs 20 --peers hyperformula]
#
# 1. npm ci in bench/peers (pinned versions, package-lock.json),
# 2. writes the bench's plans, before and after the benchmarked edit, as plan files
#    (bench/peers/plans, its own small cargo project) and their `samplan report`,
# 3. cargo bench -p samplan-engine --bench compute, only the compute benchmarks
#    (--no-engine reuses the criterion results already in target/criterion),
# 4. node bench/peers/run.mjs: builds the workbooks, checks every figure against samplan
#    report, times them and prints the table.
# Numbers depend on the machine and its load: the output names both.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

engine=yes
args=()
for arg in "$@"; do
  case "$arg" in
    --no-engine) engine=no ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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

if [ "$engine" = yes ]; then
  log "cargo bench -p samplan-engine --bench compute (compute benchmarks)"
  cargo bench -p samplan-engine --bench compute -- --warm-up-time 1 --measurement-time 3 'compute/' >&2
fi

log "HyperFormula and IronCalc"
node "$peers/run.mjs" --plans "$out" --criterion "$target/criterion" ${args[@]+"${args[@]}"}
