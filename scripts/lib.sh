# shellcheck shell=bash
# Shared helpers for the scripts in this folder. Source it; do not run it.
#
# Sets ROOT (repository root), puts the cargo bin dir and the locally installed
# build tools (tools/node_modules/.bin) on PATH, and exports the tool versions
# Trunk must find so that it never tries to download anything.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) PATH="$CARGO_BIN:$PATH" ;;
esac
case ":$PATH:" in
  *":$ROOT/tools/node_modules/.bin:"*) ;;
  *) PATH="$ROOT/tools/node_modules/.bin:$PATH" ;;
esac
export PATH

# shellcheck disable=SC2034  # used by the scripts that source this file
TRUNK_VERSION="0.21.14"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# Downloads by the browser test runner are never wanted: the system Chromium is used.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Trunk checks crates.io for a newer trunk on every run unless told not to.
export TRUNK_SKIP_VERSION_CHECK=true

if [ -t 2 ]; then
  log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
else
  log() { printf '==> %s\n' "$*" >&2; }
fi
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root (directly, or through sudo when available).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $*"
  fi
}

# Version of a package in Cargo.lock (first match), e.g. lock_version wasm-bindgen -> 0.2.100
lock_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

# The first direct dependency of DIR/package.json (dependencies and devDependencies) that is not
# installed in DIR/node_modules at the version DIR/package-lock.json locks, as "name version";
# empty when all are. e.g. npm_stale tests -> "axe-core 4.14.1" after the lock file gained it.
npm_stale() {
  node -e '
    const fs = require("fs");
    const dir = process.argv[1];
    const pkg = require(dir + "/package.json");
    const lock = require(dir + "/package-lock.json");
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    for (const name of names) {
      const locked = lock.packages && lock.packages["node_modules/" + name];
      if (!locked) { console.log(name + " (not in package-lock.json)"); process.exit(0); }
      const file = dir + "/node_modules/" + name + "/package.json";
      const have = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).version : null;
      if (have !== locked.version) { console.log(name + " " + locked.version); process.exit(0); }
    }
  ' "$ROOT/$1"
}

# Versions Trunk must find on PATH. Environment overrides Trunk.toml, so these
# always match what setup.sh installed.
WASM_BINDGEN_VERSION="$(lock_version wasm-bindgen)"
[ -n "$WASM_BINDGEN_VERSION" ] || die "wasm-bindgen not found in Cargo.lock"
export TRUNK_TOOLS_WASM_BINDGEN="$WASM_BINDGEN_VERSION"
