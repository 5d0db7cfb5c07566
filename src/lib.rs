//! export-assessor: a due-diligence assessor for exports of possible
//! cyber-surveillance items under Regulation (EU) 2021/821.
//!
//! `core` is the pure engine (native and wasm). `ui` and `web` exist only
//! in the wasm build; see ARCHITECTURE.md.

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
// No arithmetic that can overflow (checked_/saturating_ ops or iterators
// instead); tests may count freely.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod core;

#[cfg(target_arch = "wasm32")]
mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
