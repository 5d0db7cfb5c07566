//! The Yew apps. They render what `core` decides; they hold no legal logic.
//! The questionnaire is the default build; the screening page is built with
//! the feature `screening-app` (see `web`).

#[cfg_attr(feature = "screening-app", allow(dead_code))]
mod browser;
#[cfg_attr(feature = "screening-app", allow(dead_code))]
mod i18n;

#[cfg(not(feature = "screening-app"))]
mod app;
#[cfg(not(feature = "screening-app"))]
mod context;
#[cfg(not(feature = "screening-app"))]
mod frame;
#[cfg(not(feature = "screening-app"))]
mod nav;
#[cfg(not(feature = "screening-app"))]
mod party;
#[cfg(not(feature = "screening-app"))]
mod question;
#[cfg(not(feature = "screening-app"))]
mod result;
#[cfg(not(feature = "screening-app"))]
mod section;
#[cfg(not(feature = "screening-app"))]
mod state;
#[cfg(not(feature = "screening-app"))]
mod words;
#[cfg(not(feature = "screening-app"))]
mod workspace;

#[cfg(not(feature = "screening-app"))]
pub use app::{App, AppProps, Inbox, ScreeningHost};
#[cfg(not(feature = "screening-app"))]
pub use context::Shared;
#[cfg(not(feature = "screening-app"))]
pub use i18n::{install as install_messages, Lang};

#[cfg(feature = "screening-app")]
pub mod screening;
