#!/usr/bin/env bash
# Sets everything up (first run: ~10 minutes) and serves the app at http://127.0.0.1:8080
# with live rebuild. Offline: Trunk never downloads anything.
#   scripts/run.sh [extra trunk serve arguments]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

log "serving samplan at http://127.0.0.1:8080/ (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
