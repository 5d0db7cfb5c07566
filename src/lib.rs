//! export-assessor: a due-diligence assessor for exports of possible
//! cyber-surveillance items under Regulation (EU) 2021/821.
//!
//! `core` is the pure engine (native and wasm). `ui` and `web` exist only
//! in the wasm build; see ARCHITECTURE.md.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
