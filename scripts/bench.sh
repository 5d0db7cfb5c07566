#!/usr/bin/env bash
# Benchmarks: prints figures (nothing here passes or fails).
#   bash scripts/bench.sh          the core (native)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "core: cargo run --profile bench-native --example bench-core"
cargo run --quiet --profile bench-native --example bench-core

if [ -f "$WASM_OUT" ] && command -v chromium >/dev/null; then
    # The builds are named explicitly: an exported ROOT would otherwise
    # reach bench_web.mjs as its build directory.
    say "web: first render (scripts/bench_web.mjs)"
    node scripts/bench_web.mjs "www=$ROOT/www"
    say "web: load, gzip, network and CPU emulation (scripts/bench_load.mjs)"
    node scripts/bench_load.mjs "current=$ROOT/www"
    say "web: the <export-assessor> element on an intranet page (scripts/bench_embed.mjs)"
    node scripts/bench_embed.mjs "current=$ROOT/www"
else
    say "web: skipped (run bash scripts/build.sh and bash scripts/setup.sh --with-tests first)"
fi

UN_LIST="$ROOT/../shared/data/un-consolidated-2026-02-27.xml"
if [ -f "$UN_LIST" ]; then
    OUT="$ROOT/target/bench-screening"
    say "screening: cargo run --profile bench-native --example bench-screening"
    cargo run --quiet --profile bench-native --example bench-screening "$UN_LIST" "$OUT" | tee "$OUT.log"
    grep -o 'EXPORT_ASSESSOR_MS_PER_QUERY_UN=.*' "$OUT.log" | cut -d= -f2 > "$OUT/ours-UN.txt"
    grep -o 'EXPORT_ASSESSOR_MS_PER_QUERY_EU=.*' "$OUT.log" | cut -d= -f2 > "$OUT/ours-EU.txt"
    grep -o 'EXPORT_ASSESSOR_MEAN_MS_PER_QUERY_UN=.*' "$OUT.log" | cut -d= -f2 > "$OUT/ours-mean-UN.txt"
    grep -o 'EXPORT_ASSESSOR_MEAN_MS_PER_QUERY_EU=.*' "$OUT.log" | cut -d= -f2 > "$OUT/ours-mean-EU.txt"
    if command -v chromium >/dev/null; then
        if [ -f "$ROOT/www/pkg/screening_bg.wasm" ]; then
            say "screening: the shipped screening wasm in Chromium (scripts/bench_screening_wasm.mjs)"
            # The native figure of the same path the worker runs per lead.
            NATIVE_UN=$(grep -o 'EXPORT_ASSESSOR_BATCH_MS_PER_LEAD_UN=.*' "$OUT.log" | cut -d= -f2)
            NATIVE_EU=$(grep -o 'EXPORT_ASSESSOR_BATCH_MS_PER_LEAD_EU=.*' "$OUT.log" | cut -d= -f2)
            node scripts/bench_screening_wasm.mjs "$UN_LIST" "$OUT" "$NATIVE_UN" "$NATIVE_EU"
            say "lead triage: 10,000 leads through the triage page and worker (scripts/bench_triage.mjs)"
            node scripts/bench_triage.mjs "$UN_LIST" "$OUT"
        else
            say "screening in the browser: skipped (run bash scripts/build.sh first)"
        fi
    fi
    if python3 -c "import rapidfuzz" 2>/dev/null || python3 -m pip install --quiet rapidfuzz; then
        say "screening: rapidfuzz comparison (scripts/bench_screening.py)"
        python3 scripts/bench_screening.py "$OUT" </dev/null
    else
        say "screening: rapidfuzz not installable here; comparison skipped"
    fi
else
    say "screening: skipped ($UN_LIST is absent)"
fi
