//! The Yew app. Renders what `core` decides; holds no legal logic.

mod app;
mod archive;
mod browser;
mod i18n;
mod markup;
mod questions;
mod report;
mod result;
mod state;

pub use app::{App, AppProps, Shared};
pub use i18n::Lang;
