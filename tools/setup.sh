#!/usr/bin/env bash
# Installs whatever Ziping's build and tests need and is missing. Idempotent: a tool already present at
# the pinned version (tools/versions.env) is skipped, so a second run takes about a second. Each step
# names itself, and on failure says how to do it by hand.
#   tools/setup.sh build   # wasm target, Trunk, wasm-bindgen CLI, npm packages (wasm-opt)
#   tools/setup.sh test    # the above, plus rustfmt and clippy, and from Debian: Chromium, ChromeDriver,
#                          # a CJK font, poppler-utils and libreoffice-calc
# Nothing half-installed is ever trusted: every check runs the tool and compares its exact version, so
# an interrupted install is redone on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/versions.env
. tools/versions.env
what=${1:-build}
case "$what" in build | test) ;; *) echo "usage: tools/setup.sh build|test" >&2; exit 2 ;; esac
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m[setup] %s\033[0m\n' "$*"; }
fail() {
  printf '\n[setup] FAILED: %s\n[setup] To do it by hand: %s\n' "$1" "$2" >&2
  exit 1
}
have_version() { # have_version CMD EXPECTED: `CMD --version` prints EXPECTED
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF -- "$2"
}

command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 \
  || fail "Rust (cargo and rustup) is missing" "install Rust $(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml) or later with rustup, see https://rustup.rs"

# Cargo.lock is the source of truth for the wasm-bindgen version; the CLI must match it exactly.
locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null || true)
[ "$locked" = "$WASM_BINDGEN_VERSION" ] \
  || fail "Cargo.lock has wasm-bindgen '${locked:-none}' but tools/versions.env pins $WASM_BINDGEN_VERSION" \
          "make them equal: pin wasm-bindgen = \"=$WASM_BINDGEN_VERSION\" in Cargo.toml, then cargo update -p wasm-bindgen"

if [ "$what" = test ]; then
  step "rustfmt and clippy"
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    rustup component add rustfmt clippy || fail "rustup component add rustfmt clippy" "rustup component add rustfmt clippy"
  fi
fi

step "wasm target $WASM_TARGET"
if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  rustup target add "$WASM_TARGET" || fail "rustup target add $WASM_TARGET" "rustup target add $WASM_TARGET"
fi

step "trunk $TRUNK_VERSION"
if ! have_version trunk "trunk $TRUNK_VERSION"; then
  echo "[setup] installing trunk $TRUNK_VERSION with cargo: about 7 minutes on 2 cores"
  # cargo install writes the binary only when the build succeeded, so a failed run leaves nothing behind.
  cargo install --locked --force trunk --version "$TRUNK_VERSION" \
    || fail "installing trunk $TRUNK_VERSION" "cargo install --locked --force trunk --version $TRUNK_VERSION"
  have_version trunk "trunk $TRUNK_VERSION" \
    || fail "trunk on PATH is not $TRUNK_VERSION after installing it (is another trunk earlier on PATH?)" \
            "which -a trunk; put ~/.cargo/bin first on PATH"
fi

step "wasm-bindgen CLI $WASM_BINDGEN_VERSION"
if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
   || ! have_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  echo "[setup] installing wasm-bindgen-cli $WASM_BINDGEN_VERSION with cargo: about 2-4 minutes on 2 cores"
  # No --locked: the CLI's own lockfile names a webpki-roots version the registry no longer serves.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || fail "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION" \
            "cargo install --force wasm-bindgen-cli --version $WASM_BINDGEN_VERSION"
  have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
    || fail "wasm-bindgen on PATH is not $WASM_BINDGEN_VERSION after installing it" \
            "which -a wasm-bindgen; put ~/.cargo/bin first on PATH"
fi

step "npm packages from package-lock.json (binaryen $BINARYEN_NPM_VERSION = wasm-opt $WASM_OPT_VERSION, playwright-core, axe-core)"
command -v npm >/dev/null 2>&1 || fail "node and npm are missing" "apt-get install -y nodejs npm (node 18 or later)"
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -qF "($WASM_OPT_VERSION)" \
   || ! npm ls --depth=0 >/dev/null 2>&1 \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm ci removes node_modules first, so an interrupted earlier install is never reused.
  npm ci --no-audit --no-fund --loglevel=error \
    || fail "npm ci (installs package-lock.json into node_modules/)" "npm ci   # needs the npm registry"
  node_modules/.bin/wasm-opt --version 2>/dev/null | grep -qF "($WASM_OPT_VERSION)" \
    || fail "node_modules/.bin/wasm-opt does not report $WASM_OPT_VERSION (tools/versions.env)" \
            "make package.json's binaryen and tools/versions.env agree (binaryen $BINARYEN_NPM_VERSION gives version_${BINARYEN_NPM_VERSION%%.*}): npm install --save-exact binaryen@$BINARYEN_NPM_VERSION"
fi

if [ "$what" = test ]; then
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  step "Debian packages ($APT_PACKAGES):${missing:- all present}"
  if [ -n "$missing" ]; then
    command -v apt-get >/dev/null 2>&1 || fail "apt-get is missing" "install$missing with your package manager"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq || fail "apt-get update" "$sudo apt-get update"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing \
      || fail "apt-get install$missing" "$sudo dpkg --configure -a; $sudo apt-get install -y$missing"
  fi
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || fail "chromium or chromedriver is not at /usr/bin" "apt-get install -y chromium chromium-driver"
  /usr/bin/chromedriver --version >/dev/null 2>&1 \
    || fail "/usr/bin/chromedriver does not run" "apt-get install --reinstall -y chromium chromium-driver"
fi
step "ready ($what)"
