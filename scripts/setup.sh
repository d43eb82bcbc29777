#!/usr/bin/env bash
# Installs everything needed to build (and, with --with-browser, to test) samplan.
# Idempotent: a second run only checks versions and takes a few seconds.
#
#   scripts/setup.sh                 # Rust wasm target, trunk, wasm-bindgen, wasm-opt
#   scripts/setup.sh --with-browser  # ... plus Chromium and the test runner's npm packages
#
# Nothing is downloaded at build time: Trunk is run offline and finds these tools on PATH.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) WITH_BROWSER=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

cd "$ROOT"

# --- Rust ------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust (https://rustup.rs) first"
if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  # rustfmt/clippy are listed in rust-toolchain.toml; make sure they are there for .ci/run.
  for comp in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$comp"; then
      log "rustup component add $comp"
      rustup component add "$comp"
    fi
  done
fi

# --- trunk -------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (first time: about 6 minutes)"
  cargo install --locked --force "trunk@$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli (must equal the wasm-bindgen crate in Cargo.lock) --------
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (first time: about 2 minutes)"
  # Deliberately without --locked (the pinned lock file of this release is not used).
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# --- Node.js (wasm-opt from the binaryen npm package, Playwright) --------------
if ! command -v npm >/dev/null 2>&1; then
  log "apt-get install nodejs npm"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi

# npm_ci DIR: `npm ci` in DIR unless every package its package.json names is already installed
# at the version its package-lock.json locks (so a dependency added to the lock file is installed
# on the next run, also where node_modules already exists).
npm_ci() {
  local dir="$1" stale
  stale="$(npm_stale "$dir")"
  if [ -n "$stale" ]; then
    log "npm ci in $dir/ ($stale)"
    (cd "$ROOT/$dir" && npm ci --no-audit --no-fund --loglevel=error)
    stale="$(npm_stale "$dir")"
    [ -z "$stale" ] || die "npm ci in $dir/ did not install $stale"
  fi
}

npm_ci tools
WASM_OPT_VERSION="$(wasm-opt --version | awk '{print "version_" $3}')"
[ "$WASM_OPT_VERSION" = "$(grep -oE '^wasm_opt *= *"[^"]+"' Trunk.toml | cut -d'"' -f2)" ] \
  || die "wasm-opt is $WASM_OPT_VERSION but Trunk.toml [tools] wasm_opt says otherwise: update Trunk.toml"

# --- Browser and test runner ----------------------------------------------------
if [ "$WITH_BROWSER" -eq 1 ]; then
  if [ ! -x "$CHROMIUM" ]; then
    log "apt-get install chromium"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
  [ -x "$CHROMIUM" ] || die "Chromium not found at $CHROMIUM"
  npm_ci tests
fi

log "setup ok: $(trunk --version), $(wasm-bindgen --version), wasm-opt $WASM_OPT_VERSION$(
  [ "$WITH_BROWSER" -eq 1 ] && printf ', %s' "$("$CHROMIUM" --version 2>/dev/null | head -n1)")"
