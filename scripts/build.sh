#!/usr/bin/env bash
# Builds the web app into www/pkg (git-ignored): cargo (wasm32, release) ->
# wasm-bindgen --target web -> wasm-opt -Oz. Prints the .wasm size.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# Optional: a company extension and/or updated destination data baked into
# the web bundle, e.g. bash scripts/build.sh --rules acme.json
BUNDLE_ARGS=("$@")

say "cargo build --release --target $WASM_TARGET"
wasm_cargo_release build --lib --release --target "$WASM_TARGET"
rm -rf "$PKG_DIR"
say "wasm-bindgen --target web"
wasm-bindgen --target web --no-typescript --out-dir "$PKG_DIR" \
    "$(release_wasm_path)"
say "data bundle: rule set + destination data (validated natively)"
cargo build --quiet --release --bin export-assessor
"target/release/export-assessor" bundle "$PKG_DIR/assessor-data.bin" "${BUNDLE_ARGS[@]}"
say "wasm-opt -Oz"
wasm-opt -Oz --converge --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$WASM_OUT" -o "$WASM_OUT.opt"
mv "$WASM_OUT.opt" "$WASM_OUT"
RAW=$(wc -c <"$WASM_OUT")
GZ=$(gzip -9 -c "$WASM_OUT" | wc -c)
JS=$(wc -c <"$PKG_DIR/export_assessor.js")
printf '[export-assessor] wasm size: %d bytes raw, %d bytes gzip -9 (%s)\n' "$RAW" "$GZ" "${WASM_OUT#"$ROOT"/}"
DATA=$(wc -c <"$PKG_DIR/assessor-data.bin")
DATA_GZ=$(gzip -9 -c "$PKG_DIR/assessor-data.bin" | wc -c)
printf '[export-assessor] js glue: %d bytes raw; data bundle: %d bytes raw, %d gzip\n' "$JS" "$DATA" "$DATA_GZ"
