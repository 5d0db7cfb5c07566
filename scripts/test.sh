#!/usr/bin/env bash
# Sets everything up and runs every test: formatting and clippy, native cargo tests, wasm-bindgen
# component tests in headless Chromium, the release build, the Playwright
# end-to-end tests, and the app in Firefox ESR (puppeteer-core over WebDriver
# BiDi). Every stage runs even when an earlier one fails; the last line gives
# the totals.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

bash scripts/setup.sh --with-tests || die "setup failed; see the messages above"

LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
PASSED=0 FAILED=0 SKIPPED=0
STAGES_FAILED=()

# count_cargo LOG: adds up the "test result:" lines of cargo test.
count_cargo() {
    local p f i
    p=$(grep -Eo '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
    f=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
    i=$(grep -Eo '[0-9]+ ignored' "$1" | awk '{s+=$1} END {print s+0}')
    echo "$p $f $i"
}
# count_tap LOG: node's TAP summary.
count_tap() {
    local p f c s
    p=$(awk '/^# pass /{print $3}' "$1" | tail -1)
    f=$(awk '/^# fail /{print $3}' "$1" | tail -1)
    c=$(awk '/^# cancelled /{print $3}' "$1" | tail -1)
    s=$(awk '/^# skipped /{print $3}' "$1" | tail -1)
    echo "${p:-0} $(( ${f:-0} + ${c:-0} )) ${s:-0}"
}

# stage NAME COUNTER COMMAND...: runs the command, logs it, adds its counts.
stage() {
    local name=$1 counter=$2; shift 2
    local log="$LOGS/$name.log"
    say "── $name: $*"
    "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local p f s
    read -r p f s < <("$counter" "$log")
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        f=1 # the stage broke before reporting a failing test (build error, crash)
    fi
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
    [ "$rc" = 0 ] || STAGES_FAILED+=("$name")
    say "── $name: $p passed, $f failed, $s skipped (exit $rc)"
}

count_none() { echo "0 0 0"; }

# Lints: formatting, and clippy with warnings as errors natively and for
# both wasm builds (the questionnaire; the screening engine and page).
stage fmt count_none cargo fmt --check
stage clippy-native count_none cargo clippy --all-targets -- -D warnings
stage clippy-wasm count_none bash -c 'source scripts/lib.sh; wasm_cargo clippy --lib --target "$WASM_TARGET" -- -D warnings \
    && wasm_cargo clippy --lib --target "$WASM_TARGET" --features screening-app -- -D warnings \
    && wasm_cargo clippy --lib --target "$WASM_TARGET" --features record-app -- -D warnings'
stage native count_cargo cargo test --all-targets
stage build count_none bash scripts/build.sh
# The component tests mount the data bundle the build just wrote.
stage wasm-components count_cargo env CHROMEDRIVER=/usr/bin/chromedriver \
    bash -c 'source scripts/lib.sh; wasm_cargo test --target "$WASM_TARGET" --test web'
stage e2e count_tap node --test --test-reporter=tap --test-concurrency=1 tests/e2e/
# The same app in the other engine: Debian's Firefox ESR over WebDriver BiDi.
stage firefox count_tap node --test --test-reporter=tap --test-concurrency=1 tests/firefox/

if [ ${#STAGES_FAILED[@]} -gt 0 ]; then
    say "failed stages: ${STAGES_FAILED[*]} (logs in target/test-logs/)"
fi
echo "Total: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ ${#STAGES_FAILED[@]} -eq 0 ] && [ "$FAILED" = 0 ]
