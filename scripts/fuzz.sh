#!/usr/bin/env bash
# Fuzzes every parser of outside input, 1,000,000 mutated inputs per target
# by default (scripts/fuzz_loaders.rs; RELIABILITY.md "Fuzzing"):
#   lists and leads (issues 12, 13): eu-fsf, un, ofac (with and without
#     alt.csv), watchlist, leads, sheet (triage lead file: CSV and .xlsx
#     through sheet, mapping and export lines);
#   data files (issue 15): rules-ext (company rule-set extension),
#     destinations, answers (the CLI's answers file), draft (a saved draft
#     and the saved work), archive (exchange-file import), report (verify a
#     sealed report), bundle (decode, and compose onto one that loads),
#     catalogue (product catalogue and its import), register (decisions
#     register and its import), screening (a screening response recorded
#     in a draft, and a screened draft).
# Not part of scripts/test.sh (it takes long: about 20 minutes for
# destinations alone); a smoke run of the same harness is (tests/loaders.rs,
# 300 inputs per target). Crashing inputs are saved to target/fuzz-findings/
# (<target>-<n>.bin; the slowest input of a target as <target>-slowest.bin).
# Exits 1 when anything crashed.
#   bash scripts/fuzz.sh                 all targets, 1,000,000 executions each
#   bash scripts/fuzz.sh --execs 10000 --target un --seed 7
#   bash scripts/fuzz.sh --target draft
#   bash scripts/fuzz.sh --target report --replay target/fuzz-findings/report-1.bin
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
