#!/usr/bin/env bash
# Sets everything up (first run: ~10 minutes) and serves the app at http://127.0.0.1:8080
# with live rebuild. Offline: Trunk never downloads anything.
#   scripts/run.sh [extra trunk serve arguments]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

# Trunk refuses to start when a folder in Trunk.toml's [watch] ignore list is missing, as on a
# fresh clone: create the (git-ignored) output folders first.
mkdir -p "$ROOT/dist" "$ROOT/dist-single" "$ROOT/target"

log "serving samplan at http://127.0.0.1:8080/ (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
