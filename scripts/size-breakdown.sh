#!/usr/bin/env bash
# Where the wasm's bytes go (docs/performance.md, "Download size"): twiggy over the release wasm that Trunk
# built (before wasm-bindgen and wasm-opt, so item names are kept), grouped by crate, plus the
# largest single items. Installs twiggy with cargo the first time.
#   scripts/size-breakdown.sh        (run scripts/build.sh first)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

wasm="target/wasm32-unknown-unknown/release/samplan-app.wasm"
[ -f "$wasm" ] || die "$wasm is missing: run scripts/build.sh first"
command -v twiggy >/dev/null || cargo install twiggy@0.8.0
csv="$(mktemp)"
trap 'rm -f "$csv"' EXIT
twiggy top -n 1000000 -f csv "$wasm" > "$csv"
node "$ROOT/scripts/size-breakdown.mjs" "$csv"
echo
twiggy top -n 12 "$wasm"
