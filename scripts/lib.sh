# Shared helpers for the project's scripts. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
WASM_TARGET=wasm32-unknown-unknown
PKG_DIR="$ROOT/www/pkg"
WASM_OUT="$PKG_DIR/export_assessor_bg.wasm"

say() { printf '[export-assessor] %s\n' "$*" >&2; }
die() { printf '[export-assessor] error: %s\n' "$*" >&2; exit 1; }

# The wasm32 toolchain is rustup's (the release rust-toolchain.toml pins,
# with its wasm32 target), plain stable cargo. Only where rustup cannot add
# the target does the build fall back to Debian's rustc-web, whose std for
# wasm32 must be built from source (the one place with RUSTC_BOOTSTRAP; see
# scripts/setup.sh).
wasm_cargo() {
    if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
        cargo "$@"
    elif [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ]; then
        RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo "$@" -Zbuild-std=std,panic_abort
    else
        die "no wasm32 toolchain: run 'bash scripts/setup.sh' first"
    fi
}

# wasm_path PROFILE: the wasm the last wasm_cargo build of the library wrote.
wasm_path() {
    echo "$ROOT/target/$WASM_TARGET/$1/export_assessor.wasm"
}

# The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
pinned_wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
