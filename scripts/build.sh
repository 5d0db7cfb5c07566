#!/usr/bin/env bash
# Builds the web app into www/pkg (git-ignored): for the questionnaire and
# for the screening engine/page, cargo (wasm32, release) -> wasm-bindgen
# --target web -> wasm-opt; then the data bundle. Prints the .wasm sizes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# Optional: a company extension and/or updated destination data baked into
# the web bundle, e.g. bash scripts/build.sh --rules acme.json
BUNDLE_ARGS=("$@")

# -O2 then -Os compresses better than -Oz alone (measured: about 1 KB less
# gzip). --low-memory-unused and --zero-filled-memory hold for Rust output
# (the stack sits below the data; the memory is not imported). Not -iit: it
# lets loads move ahead of the checks that guard them (seen to trap here).
# wasm_opt FILE PASSES...
wasm_opt() {
    local file=$1
    shift
    wasm-opt "$@" --low-memory-unused --zero-filled-memory --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$file" -o "$file.opt"
    mv "$file.opt" "$file"
}

# build_wasm FEATURES NAME PROFILE OPT...: one wasm build (stable cargo, no
# unstable flags) into www/pkg/NAME.js + NAME_bg.wasm.
build_wasm() {
    local features=$1 name=$2 profile=$3
    shift 3
    say "cargo build --profile $profile --target $WASM_TARGET ${features:+--features $features}"
    wasm_cargo build --lib --profile "$profile" --target "$WASM_TARGET" ${features:+--features "$features"}
    say "wasm-bindgen --target web ($name)"
    wasm-bindgen --target web --no-typescript --out-dir "$PKG_DIR" --out-name "$name" "$(wasm_path "$profile")"
    say "wasm-opt $* ($name)"
    wasm_opt "$PKG_DIR/${name}_bg.wasm" "$@"
}

rm -rf "$PKG_DIR"
# The questionnaire, built for size (it is on the way to the first
# question); then the screening engine and page, its own wasm, built for
# speed (it screens thousands of names in the browser; the page loads it
# only when lists are stored or the screening page opens).
build_wasm "" export_assessor release -O2 -Os --converge
build_wasm screening-app screening wasm-speed -O3
# The records app (archive, sealed report, notification, verification):
# built for size, loaded when one of its pages first opens.
build_wasm record-app records release -O2 -Os --converge
say "data bundle: rule set + destination data + UI texts (validated natively)"
cargo build --quiet --release --bin export-assessor
"target/release/export-assessor" bundle "$PKG_DIR/assessor-data.bin" "${BUNDLE_ARGS[@]}"
RAW=$(wc -c <"$WASM_OUT")
GZ=$(gzip -9 -c "$WASM_OUT" | wc -c)
JS=$(wc -c <"$PKG_DIR/export_assessor.js")
printf '[export-assessor] wasm size: %d bytes raw, %d bytes gzip -9 (%s)\n' "$RAW" "$GZ" "${WASM_OUT#"$ROOT"/}"
SCREENING="$PKG_DIR/screening_bg.wasm"
printf '[export-assessor] screening wasm size: %d bytes raw, %d bytes gzip -9 (%s)\n' "$(wc -c <"$SCREENING")" "$(gzip -9 -c "$SCREENING" | wc -c)" "${SCREENING#"$ROOT"/}"
RECORDS="$PKG_DIR/records_bg.wasm"
printf '[export-assessor] records wasm size: %d bytes raw, %d bytes gzip -9 (%s)\n' "$(wc -c <"$RECORDS")" "$(gzip -9 -c "$RECORDS" | wc -c)" "${RECORDS#"$ROOT"/}"
DATA=$(wc -c <"$PKG_DIR/assessor-data.bin")
DATA_GZ=$(gzip -9 -c "$PKG_DIR/assessor-data.bin" | wc -c)
printf '[export-assessor] js glue: %d bytes raw; data bundle: %d bytes raw, %d gzip\n' "$JS" "$DATA" "$DATA_GZ"
say "offline single file"
node scripts/single_file.mjs
