#!/usr/bin/env bash
# Benchmark of the web app (issue 4, item 8): cold load to the first grid cell, edit latency
# (commit a budget cell → updated total painted; median and p95) on the example plan and on a
# generated plan of 2 000 lines × 10 years, opening that plan from a file, and the gzip size
# of dist/. A measurement, not a test: it prints a table (tests/perf/edit-latency.mjs).
#
#   scripts/bench-app.sh [--build|--no-build] [bench options, e.g. --edits 50 --loads 5 --budget-s 300]
#
# dist/ is built with scripts/build.sh when it is missing or older than the app's sources
# (--build always builds, --no-build never does). Numbers depend on the machine: the table
# names it (cores, CPU, load average, Chromium version).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

build=auto
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=yes ;;
    --no-build) build=no ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

stale() {
  [ -f dist/index.html ] || return 0
  [ -n "$(find app engine style static index.html Trunk.toml Cargo.toml Cargo.lock \
    -newer dist/index.html -type f -print -quit 2>/dev/null)" ]
}

case "$build" in
  yes) "$ROOT/scripts/build.sh" ;;
  auto) if stale; then log "dist/ missing or older than the sources: building"; "$ROOT/scripts/build.sh"; fi ;;
  no) [ -f dist/index.html ] || die "dist/ is missing: run scripts/build.sh (or drop --no-build)" ;;
esac

[ -d tests/node_modules/@playwright/test ] || "$ROOT/scripts/setup.sh" --with-browser

log "tests/perf/edit-latency.mjs (Chromium: $CHROMIUM)"
CHROMIUM="$CHROMIUM" node tests/perf/edit-latency.mjs "${args[@]}"
