#!/usr/bin/env bash
# Benchmarks: prints figures (nothing here passes or fails).
#   bash scripts/bench.sh          the core (native)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "core: cargo run --release --example bench-core"
cargo run --quiet --release --example bench-core
