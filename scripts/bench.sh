#!/usr/bin/env bash
# Benchmarks: prints figures (nothing here passes or fails).
#   bash scripts/bench.sh          the core (native)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "core: cargo run --release --example bench-core"
cargo run --quiet --release --example bench-core

if [ -f "$WASM_OUT" ] && command -v chromium >/dev/null; then
    say "web: first render (scripts/bench_web.mjs)"
    node scripts/bench_web.mjs
else
    say "web: skipped (run bash scripts/build.sh and bash scripts/setup.sh --with-tests first)"
fi
