# Shared helpers for the project's scripts. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
WASM_TARGET=wasm32-unknown-unknown
PKG_DIR="$ROOT/www/pkg"
WASM_OUT="$PKG_DIR/export_assessor_bg.wasm"

say() { printf '[export-assessor] %s\n' "$*" >&2; }
die() { printf '[export-assessor] error: %s\n' "$*" >&2; exit 1; }

# The release wasm is built with the standard library rebuilt for size
# (std's optimize_for_size, panics that abort at once without formatting a
# message) when rustup's rust-src is present: about 10% smaller. This uses
# RUSTC_BOOTSTRAP on the stable compiler, as Debian's fallback below does.
# WASM_STD_FEATURES (default optimize_for_size) chooses how std is built;
# the screening wasm, built for speed, sets it empty.
wasm_cargo_release() {
    if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET" \
        && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
        local std_features=${WASM_STD_FEATURES-optimize_for_size}
        RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
            cargo "$@" --target-dir "$ROOT/target/size" -Zbuild-std=std,panic_abort ${std_features:+-Zbuild-std-features=$std_features}
    else
        wasm_cargo "$@"
    fi
}
# release_wasm_path [PROFILE]: the wasm the last wasm_cargo_release build wrote.
release_wasm_path() {
    local profile=${1:-release}
    if [ -f "$ROOT/target/size/$WASM_TARGET/$profile/export_assessor.wasm" ] \
        && [ "$ROOT/target/size/$WASM_TARGET/$profile/export_assessor.wasm" -nt "$ROOT/target/$WASM_TARGET/$profile/export_assessor.wasm" ]; then
        echo "$ROOT/target/size/$WASM_TARGET/$profile/export_assessor.wasm"
    else
        echo "$ROOT/target/$WASM_TARGET/$profile/export_assessor.wasm"
    fi
}

# The wasm32 toolchain is rustup's target when present, else Debian's
# rustc-web with build-std (see scripts/setup.sh).
wasm_cargo() {
    if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
        cargo "$@"
    elif [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ]; then
        RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo "$@" -Zbuild-std=std,panic_abort
    else
        die "no wasm32 toolchain: run 'bash scripts/setup.sh' first"
    fi
}

# The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
pinned_wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
