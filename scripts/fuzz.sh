#!/usr/bin/env bash
# Fuzzes the list and lead loaders (issue 12): EU FSF, UN, OFAC (with and
# without alt.csv), watchlist CSV and lead files, and the triage lead file
# (issue 13, target `sheet`: CSV and .xlsx through sheet, mapping and export
# lines), 1,000,000 mutated inputs
# each by default. Not part of scripts/test.sh (it takes minutes); a smoke
# run of the same harness is (tests/loaders.rs). Crashing inputs are saved
# to target/fuzz-findings/. Exits 1 when anything crashed.
#   bash scripts/fuzz.sh                 all targets, 1,000,000 executions each
#   bash scripts/fuzz.sh --execs 10000 --target un --seed 7
#   bash scripts/fuzz.sh --target sheet
# The profile is bench-native's speed with panic = "unwind": bench-native
# inherits release's panic = "abort", which catch_unwind cannot count.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
    set -- --execs 1000000
fi
say "fuzz: cargo run --profile fuzz --example fuzz-loaders -- $*"
cargo run --quiet --profile fuzz --example fuzz-loaders -- "$@"
