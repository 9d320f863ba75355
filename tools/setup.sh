#!/usr/bin/env bash
# Installs whatever Ziping's build and tests need and is missing. Idempotent: a tool already present at
# the pinned version is skipped. Each step names itself, and on failure says how to do it by hand.
#   tools/setup.sh build   # wasm target, Trunk, wasm-bindgen CLI, npm packages (wasm-opt)
#   tools/setup.sh test    # the above, plus Chromium, ChromeDriver and a CJK font from Debian
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/versions.env
. tools/versions.env
what=${1:-build}
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m[setup] %s\033[0m\n' "$*"; }
fail() {
  printf '\n[setup] FAILED: %s\n[setup] To do it by hand: %s\n' "$1" "$2" >&2
  exit 1
}

have_version() { # have_version CMD EXPECTED: CMD --version prints EXPECTED
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

step "wasm target $WASM_TARGET"
if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  rustup target add "$WASM_TARGET" || fail "rustup target add $WASM_TARGET" "rustup target add $WASM_TARGET"
fi

step "trunk $TRUNK_VERSION"
if ! have_version trunk "trunk $TRUNK_VERSION"; then
  # cargo install writes the binary only when the build succeeded, so a failed run leaves nothing behind.
  cargo install --locked trunk --version "$TRUNK_VERSION" \
    || fail "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)" \
            "cargo install --locked trunk --version $TRUNK_VERSION"
fi

step "wasm-bindgen CLI $WASM_BINDGEN_VERSION"
if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
   || ! have_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  # No --locked: the CLI's own lockfile names a webpki-roots version the registry no longer serves.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || fail "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)" \
            "cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION"
fi
grep -q "name = \"wasm-bindgen\"" Cargo.lock 2>/dev/null && {
  locked=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
  [ "$locked" = "$WASM_BINDGEN_VERSION" ] \
    || fail "Cargo.lock has wasm-bindgen $locked but tools/versions.env pins $WASM_BINDGEN_VERSION" \
            "make both the same: Cargo.toml pins wasm-bindgen with '=', then run cargo update -p wasm-bindgen"
}

step "npm packages (binaryen's wasm-opt, playwright-core, axe-core) from package-lock.json"
if [ ! -x node_modules/.bin/wasm-opt ] || ! node_modules/.bin/wasm-opt --version | grep -qF "$WASM_OPT_VERSION" \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || fail "npm is missing" "apt-get install -y nodejs npm"
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci" "npm ci (needs the npm registry)"
fi

if [ "$what" = test ]; then
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  step "Debian packages:${missing:- all present}"
  if [ -n "$missing" ]; then
    command -v apt-get >/dev/null 2>&1 || fail "apt-get is missing" "install$missing with your package manager"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq || fail "apt-get update" "$sudo apt-get update"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing \
      || fail "apt-get install$missing" "$sudo apt-get install -y$missing"
  fi
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || fail "chromium or chromedriver is not at /usr/bin" "apt-get install -y chromium chromium-driver"
fi
step "ready"
