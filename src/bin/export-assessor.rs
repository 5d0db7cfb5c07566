//! `export-assessor`: the native command line (see `src/cli/commands.rs`).
//! The wasm build compiles an empty stub so `cargo test --target wasm32`
//! can build every target.

// No panic from input (RELIABILITY.md): outside tests (clippy.toml lets
// tests unwrap, expect, index and panic), nothing may unwrap, expect,
// index or slice unchecked, or panic.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]
// The command line reads files too: no arithmetic that can overflow.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/commands.rs"]
mod commands;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    commands::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
