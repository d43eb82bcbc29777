#!/usr/bin/env bash
# Builds samplan as ONE self-contained HTML file, dist-single/samplan.html: WebAssembly,
# JavaScript and CSS inlined, no server and no network needed. Copy it anywhere (e.g. a USB
# stick) and open it by double-click; plans are kept in the browser's localStorage.
#   scripts/build-single.sh               # release build into dist/ first (scripts/build.sh)
#   scripts/build-single.sh --from-dist   # reuse the dist/ that scripts/build.sh just made
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

FROM_DIST=0
for arg in "$@"; do
  case "$arg" in
    --from-dist) FROM_DIST=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

if [ "$FROM_DIST" = 1 ]; then
  [ -f "$ROOT/dist/sw.js" ] || die "dist/ is not a release build of scripts/build.sh (no dist/sw.js)"
else
  "$ROOT/scripts/build.sh"
fi

log "single-file build: dist-single/samplan.html"
node "$ROOT/scripts/single-html.mjs" "$ROOT/dist" "$ROOT/dist-single/samplan.html"
f="$ROOT/dist-single/samplan.html"
printf '  %10d %10d  %s (bytes, raw and gzip -9)\n' "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)" "${f#"$ROOT"/}"
