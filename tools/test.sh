#!/usr/bin/env bash
# Runs Ziping's test layers and prints a summary. `make test` runs tools/setup.sh test first, then this.
#   tools/test.sh                 # every layer
#   tools/test.sh native wasm     # some layers: native | wasm | e2e | lint
# Every named layer runs even when an earlier one failed. The exit status is non-zero when a layer
# failed or ran no test. Each layer's full output is kept in target/test-logs/LAYER.log. The e2e
# layer's size check (bench/size.mjs, limit in bench/budgets.json) has its own summary line and log,
# size.log.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$PWD/webdriver.json}"
WASM=wasm32-unknown-unknown
LOGS=target/test-logs
mkdir -p "$LOGS"

layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(native wasm e2e lint)

summary=()
failed=0

say() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }

# cargo_tests LOG: the number of tests cargo's harnesses ran (passed + failed), from their result lines.
cargo_tests() {
  grep -aE '^test result: ' "$1" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' \
    | awk '{ n += $1 + $2 } END { print n + 0 }'
}

# record LAYER STATUS COUNT SECONDS [NOTE]
record() {
  local layer=$1 status=$2 count=$3 secs=$4 note=${5:-}
  local verdict=ok
  if [ "$status" != 0 ]; then
    verdict=FAILED
  elif [ "$count" = 0 ]; then
    verdict="FAILED (no test ran)"
  fi
  [ "$verdict" = ok ] || failed=1
  summary+=("$(printf '%-8s %-22s %5s tests %5ss  %s' "$layer" "$verdict" "$count" "$secs" "$note")")
}

# native: every crate of the workspace, natively — the engine (with the bad-file corpus and a short
# fuzz run), app state, outputs, xlsx (recalculated with LibreOffice's soffice), the command line and
# the export worker — and the root crate's native tests: tests/one_way_in.rs (the same files through
# every shell) and tests/toolchain.rs (pinned versions, build settings).
run_native() {
  local log=$LOGS/native.log start=$SECONDS
  say "native: cargo test --workspace --no-fail-fast"
  cargo test --workspace --no-fail-fast 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  record native "$status" "$(cargo_tests "$log")" $((SECONDS - start)) "engine, app state, outputs, xlsx, command line, export worker, build checks"
}

# wasm: the page's crate (ziping) built for wasm32 and its tests (tests/ui_renders.rs) run in headless
# Chromium.
run_wasm() {
  local log=$LOGS/wasm.log start=$SECONDS
  say "wasm: cargo test -p ziping --target $WASM (headless Chromium through wasm-bindgen-test-runner)"
  cargo test -p ziping --target "$WASM" --no-fail-fast 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  record wasm "$status" "$(cargo_tests "$log")" $((SECONDS - start)) "UI in Chromium via $CHROMEDRIVER"
}

# run_size BUILT: the size of dist/ against bench/budgets.json, a step of the e2e layer with its own
# line in the summary. BUILT is the status of the build of dist/; a failed build is not measured.
run_size() {
  local built=$1 log=$LOGS/size.log start=$SECONDS status note
  say "e2e: size of dist/, gzip -9 summed, against the limit in bench/budgets.json (node bench/size.mjs --check)"
  if [ "$built" != 0 ]; then
    echo "dist/ was not built: size not measured" | tee "$log"
    record size 1 1 $((SECONDS - start)) "dist/ not built, not measured"
    return
  fi
  node bench/size.mjs --check 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  # size.mjs's verdict line: "size 324.0 KB gzip -9 (331818 B), over by 74.0 KB, limit 250 KB".
  note=$(grep -a '^size ' "$log" | tail -1)
  record size "$status" 1 $((SECONDS - start)) "${note:-bench/size.mjs gave no verdict}"
}

# e2e: the release build (dist/) and its size check, a second build with the panic-test feature for the
# recovery screen's test, then the end-to-end tests against dist/ served from /app/.
run_e2e() {
  local log=$LOGS/e2e.log start=$SECONDS status count
  say "e2e: trunk build --release (dist/, and target/dist-panic-test with the panic-test feature), then node --test tests/e2e/"
  trunk build --release --offline --public-url ./ 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  # The size check runs right after dist/ is built; whatever it finds, the tests run.
  run_size "$status"
  if [ "$status" = 0 ]; then
    say "e2e: the panic-test build (target/dist-panic-test), then node --test tests/e2e/"
    {
      ZIPING_TRUNK_FEATURES=panic-test trunk build --release --offline --public-url ./ --features panic-test --dist target/dist-panic-test \
        && node --test --test-reporter=spec tests/e2e/
    } 2>&1 | tee -a "$log"
    status=${PIPESTATUS[0]}
  fi
  # node's closing summary: "ℹ tests N" (spec reporter) or "# tests N" (tap reporter).
  count=$(grep -aE '^(ℹ|#) tests [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  record e2e "$status" "${count:-0}" $((SECONDS - start)) "dist/ served from /app/ in Chromium"
}

# lint: rustfmt over the workspace; clippy natively for every crate and target, and for wasm32 for the
# two crates that run in the browser (the page, ziping, and the export worker, ziping-export-worker).
run_lint() {
  local log=$LOGS/lint.log start=$SECONDS status=0
  say "lint: cargo fmt --all --check; cargo clippy -D warnings (native and $WASM)"
  {
    cargo fmt --all --check || status=1
    cargo clippy --workspace --all-targets -- -D warnings || status=1
    cargo clippy -p ziping -p ziping-export-worker -p ziping-import-worker -p ziping-workbook-preview -p ziping-profile-editor --target "$WASM" --all-targets -- -D warnings || status=1
    exit $status
  } 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  # Three checks: fmt, clippy native, clippy wasm32.
  record lint "$status" 3 $((SECONDS - start)) "fmt, clippy native, clippy $WASM"
}

total_start=$SECONDS
for layer in "${layers[@]}"; do
  case "$layer" in
    native | wasm | e2e | lint) "run_$layer" ;;
    *)
      echo "unknown layer '$layer' (native | wasm | e2e | lint)" >&2
      exit 2
      ;;
  esac
done

say "summary ($((SECONDS - total_start))s; logs in $LOGS/)"
printf '%s\n' "${summary[@]}"
if [ "$failed" != 0 ]; then
  printf '\033[1;31m[test] FAILED\033[0m\n'
  exit 1
fi
printf '\033[1;32m[test] all layers passed\033[0m\n'
