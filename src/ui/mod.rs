//! The Yew app. Renders what `core` decides; holds no legal logic.

mod i18n;
mod shell;

pub use i18n::Lang;
pub use shell::{App, AppProps};
