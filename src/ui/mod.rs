//! The Yew app. Renders what `core` decides; holds no legal logic.

mod app;
mod browser;
mod i18n;
mod markup;
mod questions;
mod result;
mod state;

pub use app::{App, AppProps, Shared};
pub use i18n::{install as install_messages, Lang};
