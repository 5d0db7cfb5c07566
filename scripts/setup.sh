#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine. Idempotent: each
# step checks first and says what it skips or does.
#   bash scripts/setup.sh              build tools (wasm32 target, wasm-bindgen, wasm-opt)
#   bash scripts/setup.sh --with-tests also Debian Chromium + ChromeDriver and Debian Firefox ESR for the browser tests
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

WITH_TESTS=0
for arg in "$@"; do
    case "$arg" in
        --with-tests) WITH_TESTS=1 ;;
        *) die "setup.sh: unknown option '$arg' (known: --with-tests)" ;;
    esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO=sudo; fi
fi
APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" = 0 ]; then
        say "apt-get update"
        $SUDO apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# 1. Rust: the machine's rustup toolchain is expected.
command -v cargo >/dev/null || die "cargo not found: this project needs a Rust toolchain (rustup)"

# 1b. The release rust-toolchain.toml pins. rustup installs it when it can;
#     where it cannot fetch toolchains (machines with one toolchain, "stable")
#     and that stable *is* the pinned release, it is registered under the
#     release's name too (a link to the same directory, as rustup keeps it),
#     so no other compiler is ever used. Any other stable is refused.
PINNED=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
[ -n "$PINNED" ] || die "rust-toolchain.toml names no channel"
if RUSTUP_TOOLCHAIN="$PINNED" rustc --version >/dev/null 2>&1; then
    say "Rust $PINNED (rust-toolchain.toml): present"
elif timeout 180 rustup toolchain install "$PINNED" --profile minimal --component rustfmt,clippy --target "$WASM_TARGET"; then
    say "Rust $PINNED (rust-toolchain.toml): installed through rustup"
else
    STABLE=$(RUSTUP_TOOLCHAIN=stable rustc --version 2>/dev/null | awk '{print $2}')
    [ "$STABLE" = "$PINNED" ] || die "Rust $PINNED (rust-toolchain.toml) is not installed and rustup cannot fetch it; this machine's stable is ${STABLE:-absent}. Install $PINNED, or change the pin after checking the build with that release."
    SYSROOT=$(RUSTUP_TOOLCHAIN=stable rustc --print sysroot)
    HOST=$(RUSTUP_TOOLCHAIN=stable rustc -vV | sed -n 's/^host: //p')
    ln -sfn "$SYSROOT" "${RUSTUP_HOME:-$HOME/.rustup}/toolchains/$PINNED-$HOST"
    RUSTUP_TOOLCHAIN="$PINNED" rustc --version >/dev/null 2>&1 || die "could not register the machine's stable Rust as $PINNED"
    say "Rust $PINNED (rust-toolchain.toml): the machine's stable toolchain is that release; registered under its name"
fi

# 2. The toolchain rust-toolchain.toml pins (stable, with the wasm32 target,
#    rustfmt and clippy); Debian's rustc-web is the fallback for the wasm32
#    target where rustup cannot add it.
if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    say "pinned toolchain with the wasm32 target: present ($(rustc --version))"
elif timeout 180 rustup toolchain install && rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    say "pinned toolchain with the wasm32 target: installed through rustup"
elif timeout 300 rustup target add "$WASM_TARGET" || timeout 300 rustup target add --toolchain stable "$WASM_TARGET"; then
    say "wasm32 target: installed through rustup"
else
    say "rustup could not add $WASM_TARGET; falling back to Debian's rustc-web"
    apt_install rustc-web cargo-web rust-web-src lld-22
fi
for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
        timeout 300 rustup component add "$component" || say "$component: not installable here; its test stage will fail"
    fi
done

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock (no --locked: its
#    lockfile pins a crate this registry lacks).
WB_VERSION="$(pinned_wasm_bindgen_version)"
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WB_VERSION" ]; then
    say "wasm-bindgen-cli $WB_VERSION: present"
else
    say "installing wasm-bindgen-cli $WB_VERSION (takes about 5 minutes)"
    cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

# 4. Node.js (for wasm-opt from npm binaryen, the server and the browser tests).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
fi
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/puppeteer-core ] && [ -d node_modules/axe-core ] \
    && cmp -s package-lock.json node_modules/.package-lock.json.copy 2>/dev/null; then
    say "npm packages: present"
else
    say "npm ci (binaryen, playwright-core, puppeteer-core, axe-core)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.package-lock.json.copy
fi

# 5. Browser tests: Debian's Chromium and ChromeDriver (never a downloaded browser).
if [ "$WITH_TESTS" = 1 ]; then
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
        say "chromium + chromedriver: present"
    else
        apt_install chromium chromium-driver
    fi
    # Firefox ESR for the firefox stage, driven by puppeteer-core over
    # WebDriver BiDi (Debian's package; puppeteer never downloads a browser here).
    if command -v firefox-esr >/dev/null; then
        say "firefox-esr: present ($(firefox-esr --version 2>/dev/null))"
    else
        apt_install firefox-esr
    fi
fi
say "setup complete"
