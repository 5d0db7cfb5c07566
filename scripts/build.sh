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
wasm_opt() {
    wasm-opt -O2 -Os --converge --low-memory-unused --zero-filled-memory --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$1" -o "$1.opt"
    mv "$1.opt" "$1"
}

# build_wasm FEATURES NAME: one wasm build into www/pkg/NAME.js + NAME_bg.wasm.
build_wasm() {
    say "cargo build --release --target $WASM_TARGET ${1:+--features $1}"
    wasm_cargo_release build --lib --release --target "$WASM_TARGET" ${1:+--features "$1"}
    say "wasm-bindgen --target web ($2)"
    wasm-bindgen --target web --no-typescript --out-dir "$PKG_DIR" --out-name "$2" "$(release_wasm_path)"
    say "wasm-opt -O2 -Os ($2)"
    wasm_opt "$PKG_DIR/${2}_bg.wasm"
}

rm -rf "$PKG_DIR"
# The questionnaire, then the screening engine and page (its own wasm, so
# the questionnaire stays within its size budget; loaded after it).
build_wasm "" export_assessor
build_wasm screening-app screening
say "data bundle: rule set + destination data + UI texts (validated natively)"
cargo build --quiet --release --bin export-assessor
"target/release/export-assessor" bundle "$PKG_DIR/assessor-data.bin" "${BUNDLE_ARGS[@]}"
RAW=$(wc -c <"$WASM_OUT")
GZ=$(gzip -9 -c "$WASM_OUT" | wc -c)
JS=$(wc -c <"$PKG_DIR/export_assessor.js")
printf '[export-assessor] wasm size: %d bytes raw, %d bytes gzip -9 (%s)\n' "$RAW" "$GZ" "${WASM_OUT#"$ROOT"/}"
SCREENING="$PKG_DIR/screening_bg.wasm"
printf '[export-assessor] screening wasm size: %d bytes raw, %d bytes gzip -9 (%s)\n' "$(wc -c <"$SCREENING")" "$(gzip -9 -c "$SCREENING" | wc -c)" "${SCREENING#"$ROOT"/}"
DATA=$(wc -c <"$PKG_DIR/assessor-data.bin")
DATA_GZ=$(gzip -9 -c "$PKG_DIR/assessor-data.bin" | wc -c)
printf '[export-assessor] js glue: %d bytes raw; data bundle: %d bytes raw, %d gzip\n' "$JS" "$DATA" "$DATA_GZ"
