//! The Yew apps. They render what `core` decides; they hold no legal logic.
//! The questionnaire is the default build; the screening page is built with
//! the feature `screening-app` (see `web`).

#[cfg_attr(feature = "screening-app", allow(dead_code))]
mod browser;
#[cfg_attr(feature = "screening-app", allow(dead_code))]
mod i18n;
#[cfg_attr(feature = "screening-app", allow(dead_code))]
mod markup;

#[cfg(not(feature = "screening-app"))]
mod app;
#[cfg(not(feature = "screening-app"))]
mod party;
#[cfg(not(feature = "screening-app"))]
mod questions;
#[cfg(not(feature = "screening-app"))]
mod result;
#[cfg(not(feature = "screening-app"))]
mod state;

#[cfg(not(feature = "screening-app"))]
pub use app::{App, AppProps, Inbox, ScreeningHost, Shared};
#[cfg(not(feature = "screening-app"))]
pub use i18n::{install as install_messages, Lang};

#[cfg(feature = "screening-app")]
pub mod screening;
