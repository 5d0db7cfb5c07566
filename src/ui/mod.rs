//! The Yew apps. They render what `core` decides; they hold no legal logic.
//! The questionnaire is the default build; the screening page is built with
//! the feature `screening-app`, the records app (archive, sealed report,
//! notification, verification) with `record-app` (see `web`).

// Shared by the three apps; each uses a part.
#[allow(dead_code)]
mod browser;
#[cfg_attr(not(feature = "record-app"), allow(dead_code))]
mod drop_zone;
#[allow(dead_code)]
mod i18n;

// Shared by the questionnaire and the records app.
#[cfg(not(feature = "screening-app"))]
mod bridge;
#[cfg(not(feature = "screening-app"))]
#[cfg_attr(feature = "record-app", allow(dead_code))]
mod context;
#[cfg(not(feature = "screening-app"))]
#[cfg_attr(feature = "record-app", allow(dead_code))]
mod party;
#[cfg(not(feature = "screening-app"))]
#[cfg_attr(feature = "record-app", allow(dead_code))]
mod result;
#[cfg(not(feature = "screening-app"))]
#[cfg_attr(feature = "record-app", allow(dead_code))]
mod words;

// The questionnaire.
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod app;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod draft_head;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod frame;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod nav;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod question;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod section;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod state;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod store;
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
mod workspace;

#[cfg(feature = "record-app")]
pub use bridge::RecordSnapshot;
#[cfg(not(feature = "screening-app"))]
pub use bridge::{RecordCommand, SnapshotWire};
#[cfg(not(feature = "screening-app"))]
pub use context::Shared;
#[cfg(not(feature = "screening-app"))]
pub use i18n::{install as install_messages, Lang};

#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
pub use app::{App, AppProps, Bridge, Inbox, ScreeningHost};
#[cfg(not(any(feature = "screening-app", feature = "record-app")))]
pub use store::{StoreHost, StoreOp, StoreReply, StoredRecord};

#[cfg(feature = "record-app")]
pub mod records;

#[cfg(feature = "screening-app")]
pub mod screening;
