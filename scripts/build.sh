#!/usr/bin/env bash
# Release build of the web app into dist/ (static files for any web server), offline,
# with a service worker (dist/sw.js) that makes a hosted copy work offline after the
# first visit.
#   scripts/build.sh [extra trunk build arguments]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

[ "${SAMPLAN_SETUP_DONE:-0}" = 1 ] || "$ROOT/scripts/setup.sh"

log "trunk build --release"
trunk build --release "$@"

# Pin Trunk's inline loader script by hash in the CSP of the built page.
node "$ROOT/scripts/csp-hash.mjs" "$ROOT/dist/index.html"

# The single-file build next to index.html: the app's "Dela med kommunen" / "Dela hela planen"
# embed the plan in this file (docs/app.md, "Sharing"). Not counted in the size budget below:
# it is the same app once more, only fetched from the cache when a user shares.
node "$ROOT/scripts/single-html.mjs" "$ROOT/dist" "$ROOT/dist/samplan.html"

# Service worker precaching every file of dist/ (last: it hashes the final files).
node "$ROOT/scripts/service-worker.mjs" "$ROOT/dist"

log "dist/ (bytes, raw and gzip -9)"
total_raw=0
total_gz=0
while IFS= read -r -d '' f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '  %10d %10d  %s\n' "$raw" "$gz" "${f#"$ROOT"/}"
done < <(find "$ROOT/dist" -type f ! -path "$ROOT/dist/samplan.html" -print0 | sort -z)
printf '  %10d %10d  total (gzip: %d KiB)\n' "$total_raw" "$total_gz" $(((total_gz + 1023) / 1024))
f="$ROOT/dist/samplan.html"
printf '  %10d %10d  %s (the single file for sharing; not in the size budget)\n' \
  "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)" "${f#"$ROOT"/}"

# Size budget: the whole dist/ gzipped (except the single file samplan.html, above) must stay
# within scripts/size-budget (bytes, gzip -9).
# The build is deterministic, so this check is exact; raise the budget only on purpose.
budget=$(tr -dc '0-9' <"$ROOT/scripts/size-budget")
if [ "$total_gz" -gt "$budget" ]; then
  die "dist/ is $total_gz bytes gzipped, over the size budget of $budget bytes (scripts/size-budget)"
fi
log "size budget ok: $total_gz of $budget bytes gzipped"
