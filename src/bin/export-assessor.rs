//! `export-assessor`: the native command line (see `src/cli/commands.rs`).
//! The wasm build compiles an empty stub so `cargo test --target wasm32`
//! can build every target.

#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/commands.rs"]
mod commands;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    commands::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
